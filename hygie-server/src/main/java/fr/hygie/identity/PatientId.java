package fr.hygie.identity;

import java.util.UUID;

public record PatientId(UUID value) {
    public static PatientId of(String s) {
        return new PatientId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
