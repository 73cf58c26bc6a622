package fr.hygie.messaging;

/** The result of posting a message: posted, or refused with a code, the form field at fault and a French sentence. */
public sealed interface PostOutcome {

    record Posted(ConversationId conversation, MessageId message) implements PostOutcome {
    }

    /**
     * Refused: the French sentence the APIs answer with, and the same sentence as a code ({@link #wording()}) so that
     * pages say {@code code.messaging.MessagingWording.<CODE>} in the reader's language.
     */
    record Refused(String code, String field, String message, MessagingWording wording) implements PostOutcome {

        public Refused(String code, String field, MessagingWording wording) {
            this(code, field, wording.label(), wording);
        }
    }
}
