package fr.hygie.identity;

import java.util.Optional;

/**
 * A NIA (« numéro identifiant d'attente »), the provisional number the CNAV (SNGI) gives a person born
 * abroad while their civil status is being certified; it serves as matricule INS until replaced by a
 * NIR. It is built like a NIR, with the same key, but its first digit is 7 (man) or 8 (woman).
 *
 * <p>{@link #toString()} is masked: no full NIA in logs.
 */
public record Nia(String value) implements InsMatricule {

    static final String FIELD = "nia";

    public Nia {
        value = MatriculeRules.normalise(value);
        Optional<InvalidIdentifier> failure = MatriculeRules.check(value, true, FIELD);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    public static Nia parse(String raw) {
        return new Nia(raw);
    }

    public static Optional<InvalidIdentifier> check(String raw) {
        return MatriculeRules.check(MatriculeRules.normalise(raw), true, FIELD);
    }

    @Override
    public String fhirSystem() {
        return INS_NIA_SYSTEM;
    }

    @Override
    public String toString() {
        return "Nia[" + masked() + "]";
    }
}
