package fr.hygie.record;

import java.util.UUID;

public record DocumentId(UUID value) {
    public static DocumentId of(String s) {
        return new DocumentId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
