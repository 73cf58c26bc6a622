package fr.hygie.research;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A research project's identifier. */
public record ProjectId(UUID value) {

    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses an id as found in a URL; empty for anything else. */
    public static Optional<ProjectId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProjectId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
