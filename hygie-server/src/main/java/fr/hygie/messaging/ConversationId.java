package fr.hygie.messaging;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifier of a messaging Conversation (UUID v7). */
public record ConversationId(UUID value) {

    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses an id from a URL or a form; empty when it is not a UUID. */
    public static Optional<ConversationId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConversationId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
