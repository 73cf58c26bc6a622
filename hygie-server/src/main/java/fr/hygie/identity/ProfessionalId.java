package fr.hygie.identity;

import java.util.UUID;

public record ProfessionalId(UUID value) {
    public static ProfessionalId of(String s) {
        return new ProfessionalId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
