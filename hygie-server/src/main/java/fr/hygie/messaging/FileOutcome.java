package fr.hygie.messaging;

import fr.hygie.record.DocumentId;

/** The result of filing an attachment into the person's record. */
public sealed interface FileOutcome {

    record Filed(DocumentId document) implements FileOutcome {
    }

    record Refused(String message) implements FileOutcome {
    }
}
