package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.Optional;

/**
 * A FINESS number (« numéro FINESS »), identifying a legal entity or a geographic site
 * ({@link StructureKind}) in the national register of health and social structures.
 *
 * <p>Rules (ANS, Modèle des objets de santé, EntiteJuridique.numFINESS): 9 characters; positions 1-2
 * the département of the structure (01-19, 2A, 2B, 21-95; 97 for overseas départements, the 4th
 * character then telling 1 Guadeloupe, 2 Martinique, 3 Guyane, 4 La Réunion, 5 Saint-Pierre-et-Miquelon;
 * 98 for Mayotte); positions 3-8 digits; position 9 a Luhn key over the 8 preceding digits.
 *
 * <p>For Corsica (2A/2B) the published rule does not say how letters enter the Luhn sum, so the key is
 * not checked there rather than guessed.
 */
public record Finess(String value) {

    static final String FIELD = "finess";
    static final int LENGTH = 9;

    public Finess {
        value = MatriculeRules.normalise(value);
        Optional<InvalidIdentifier> failure = failure(value);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    public static Finess parse(String raw) {
        return new Finess(raw);
    }

    public static Optional<InvalidIdentifier> check(String raw) {
        return failure(MatriculeRules.normalise(raw));
    }

    /** The 9-character FINESS made of these 8 digits and their Luhn key (not for Corsica). */
    public static String withCheckDigit(String first8) {
        String payload = MatriculeRules.normalise(first8);
        if (payload.length() != LENGTH - 1) {
            throw new InvalidIdentifier(Reason.FINESS_LENGTH, FIELD);
        }
        if (!Luhn.allDigits(payload)) {
            throw new InvalidIdentifier(Reason.FINESS_CHARACTERS, FIELD);
        }
        return payload + Luhn.checkDigit(payload);
    }

    private static Optional<InvalidIdentifier> failure(String v) {
        if (v.length() != LENGTH) {
            return fail(Reason.FINESS_LENGTH);
        }
        boolean corsica = v.startsWith("2A") || v.startsWith("2B");
        if (!Luhn.allDigits(corsica ? v.substring(2) : v)) {
            return fail(Reason.FINESS_CHARACTERS);
        }
        if (!corsica && !isKnownDepartement(v)) {
            return fail(Reason.FINESS_DEPARTEMENT);
        }
        if (!corsica && !Luhn.isValid(v)) {
            return fail(Reason.FINESS_CHECK_DIGIT);
        }
        return Optional.empty();
    }

    private static Optional<InvalidIdentifier> fail(Reason reason) {
        return Optional.of(new InvalidIdentifier(reason, FIELD));
    }

    private static boolean isKnownDepartement(String v) {
        int dept = Integer.parseInt(v.substring(0, 2));
        if (dept == 97) {
            char territory = v.charAt(3);
            return territory >= '1' && territory <= '5';
        }
        return dept >= 1 && dept <= 98 && dept != 20 && dept != 96;
    }

    /** {@code "75"}, {@code "2A"}, {@code "98"} (Mayotte), or 3 characters overseas such as {@code "971"}. */
    public String departement() {
        return value.startsWith("97") ? "97" + value.charAt(3) : value.substring(0, 2);
    }

    @Override
    public String toString() {
        return value;
    }
}
