package fr.hygie.messaging;

import fr.hygie.record.DocumentId;

/** What a writer attaches: a file they upload, or (the person) a document of their record. */
public sealed interface NewAttachment {

    record Upload(String fileName, byte[] content) implements NewAttachment {
    }

    record FromRecord(DocumentId document) implements NewAttachment {
    }
}
