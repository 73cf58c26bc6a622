package fr.hygie.messaging;

import fr.hygie.record.DocumentId;

/** The result of filing an attachment into the person's record. */
public sealed interface FileOutcome {

    record Filed(DocumentId document) implements FileOutcome {
    }

    /**
     * Refused: the French sentence, and the same sentence as a code ({@link #wording()}: a {@link MessagingWording}, the
     * record's {@code AddOutcome.Wording}, or null for a text made by the record's checks) so that pages say it in the
     * reader's language.
     */
    record Refused(String message, Enum<?> wording) implements FileOutcome {

        public Refused(String message) {
            this(message, null);
        }

        public Refused(MessagingWording wording) {
            this(wording.label(), wording);
        }
    }
}
