package fr.hygie.identity;

import java.util.Optional;

/**
 * A NIR (« numéro d'inscription au répertoire national d'identification des personnes physiques »),
 * the usual matricule INS: 13 significant digits then a 2-digit key.
 *
 * <p>Rules (INSEE, RNIPP): sex digit 1 (man) or 2 (woman); 2-digit birth year; birth month 01-12 or a
 * code meaning the month is unknown (20-42, 50-99); birth place as 2-digit département + 3-digit
 * commune (2A/2B for Corsica), 3-digit overseas département + 2-digit commune (97x/98x), or 99 +
 * country code for people born abroad; 3-digit order number; key = 97 − (13 digits mod 97), with 2A
 * counted as 19 and 2B as 18. Any other value is refused: a wrong NIR is never a stored record.
 *
 * <p>The record can only hold a valid NIR. {@link #toString()} is masked: no full NIR in logs.
 */
public record Nir(String value) implements InsMatricule {

    static final String FIELD = "nir";

    public Nir {
        value = MatriculeRules.normalise(value);
        Optional<InvalidIdentifier> failure = MatriculeRules.check(value, false, FIELD);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    /** Accepts spaces anywhere and lower-case 2a/2b; throws {@link InvalidIdentifier} when invalid. */
    public static Nir parse(String raw) {
        return new Nir(raw);
    }

    /** The first broken rule, if any, without throwing. */
    public static Optional<InvalidIdentifier> check(String raw) {
        return MatriculeRules.check(MatriculeRules.normalise(raw), false, FIELD);
    }

    /** The 2-digit key of a 13-character NIR or NIA body (2A/2B allowed). */
    public static String key(String first13) {
        return MatriculeRules.keyOf(first13, FIELD);
    }

    @Override
    public String fhirSystem() {
        return INS_NIR_SYSTEM;
    }

    @Override
    public String toString() {
        return "Nir[" + masked() + "]";
    }
}
