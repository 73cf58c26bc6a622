package fr.hygie.messaging;

/** The result of posting a message: posted, or refused with a code, the form field at fault and a French sentence. */
public sealed interface PostOutcome {

    record Posted(ConversationId conversation, MessageId message) implements PostOutcome {
    }

    record Refused(String code, String field, String message) implements PostOutcome {
    }
}
