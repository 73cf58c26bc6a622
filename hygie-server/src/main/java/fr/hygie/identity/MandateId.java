package fr.hygie.identity;

import java.util.UUID;

public record MandateId(UUID value) {
    public static MandateId of(String s) {
        return new MandateId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
