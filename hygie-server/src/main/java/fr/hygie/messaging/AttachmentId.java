package fr.hygie.messaging;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifier of a messaging Attachment (UUID v7). */
public record AttachmentId(UUID value) {

    public AttachmentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses an id from a URL or a form; empty when it is not a UUID. */
    public static Optional<AttachmentId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttachmentId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
