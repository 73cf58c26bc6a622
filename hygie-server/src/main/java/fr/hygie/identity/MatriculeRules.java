package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.Locale;
import java.util.Optional;

/**
 * Structure rules shared by the NIR and the NIA, which are built alike (« constitué comme un NIR »,
 * circulaire DSS/SD4C n° 2012-213): sex digit, 2-digit birth year, birth month code, 5-character
 * birth place, 3-digit order number, then a 2-digit key.
 *
 * <p>Positions (0-based): 0 sex, 1-2 year, 3-4 month, 5-9 birth place, 10-12 order, 13-14 key.
 */
final class MatriculeRules {

    static final int LENGTH = 15;
    static final int BODY_LENGTH = 13;

    private MatriculeRules() {
    }

    /** Removes every kind of space (people type "1 84 01 75 056 123 45") and upper-cases 2a/2b. */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    static Optional<InvalidIdentifier> check(String value, boolean nia, String field) {
        return firstFailure(value, nia).map(reason -> new InvalidIdentifier(reason, field));
    }

    private static Optional<Reason> firstFailure(String v, boolean nia) {
        if (v.length() != LENGTH) {
            return Optional.of(Reason.NIR_LENGTH);
        }
        if (!hasValidCharacters(v, LENGTH)) {
            return Optional.of(Reason.NIR_CHARACTERS);
        }
        char sex = v.charAt(0);
        if (nia ? sex != '7' && sex != '8' : sex != '1' && sex != '2') {
            return Optional.of(nia ? Reason.NIA_SEX_DIGIT : Reason.NIR_SEX_DIGIT);
        }
        if (!isValidMonthCode(Integer.parseInt(v.substring(3, 5)))) {
            return Optional.of(Reason.NIR_MONTH);
        }
        Optional<Reason> place = birthPlaceFailure(v.substring(5, 10));
        if (place.isPresent()) {
            return place;
        }
        if (v.startsWith("000", 10)) {
            return Optional.of(Reason.NIR_ORDER);
        }
        if (!computeKey(v.substring(0, BODY_LENGTH)).equals(v.substring(BODY_LENGTH))) {
            return Optional.of(Reason.NIR_KEY);
        }
        return Optional.empty();
    }

    /** Digits everywhere, except the département at positions 5-6 which may be 2A or 2B (Corsica). */
    static boolean hasValidCharacters(String v, int length) {
        for (int i = 0; i < length; i++) {
            char c = v.charAt(i);
            boolean corsica = i == 6 && v.charAt(5) == '2' && (c == 'A' || c == 'B');
            if (!corsica && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * 01-12 is a real month. INSEE uses other codes when the civil-status record gives no usable month:
     * 20-42 and 50-99 (persons registered from incomplete civil status, mostly born abroad).
     */
    static boolean isValidMonthCode(int code) {
        return (code >= 1 && code <= 12) || (code >= 20 && code <= 42) || (code >= 50 && code <= 99);
    }

    static boolean isRealMonth(int code) {
        return code >= 1 && code <= 12;
    }

    /**
     * Birth place: 2-digit département + 3-digit commune (01-19, 2A, 2B, 21-95; 96 was Tunisia before
     * independence), 3-digit overseas département or collectivity + 2-digit commune (971-978, 984-989),
     * or 99 + INSEE country code for people born abroad.
     */
    private static Optional<Reason> birthPlaceFailure(String place) {
        String dept = place.substring(0, 2);
        switch (dept) {
            case "2A", "2B" -> {
                return place.endsWith("000") ? Optional.of(Reason.NIR_COMMUNE) : Optional.empty();
            }
            case "97", "98" -> {
                char third = place.charAt(2);
                boolean known = dept.equals("97") ? third >= '1' && third <= '8' : third >= '4' && third <= '9';
                if (!known) {
                    return Optional.of(Reason.NIR_DEPARTEMENT);
                }
                return place.endsWith("00") ? Optional.of(Reason.NIR_COMMUNE) : Optional.empty();
            }
            case "99" -> {
                return place.endsWith("000") ? Optional.of(Reason.NIR_COMMUNE) : Optional.empty();
            }
            default -> {
                int number = Integer.parseInt(dept);
                if (number == 0 || number == 20) {
                    return Optional.of(Reason.NIR_DEPARTEMENT);
                }
                return place.endsWith("000") ? Optional.of(Reason.NIR_COMMUNE) : Optional.empty();
            }
        }
    }

    /** key = 97 - (13 digits mod 97), Corsica's 2A read as 19 and 2B as 18 beforehand. */
    static String computeKey(String body) {
        String digits = body.substring(0, 5) + corsicaAsDigits(body.substring(5, 7)) + body.substring(7);
        long remainder = Long.parseLong(digits) % 97;
        return String.format(Locale.ROOT, "%02d", 97 - remainder);
    }

    private static String corsicaAsDigits(String dept) {
        return switch (dept) {
            case "2A" -> "19";
            case "2B" -> "18";
            default -> dept;
        };
    }

    static String keyOf(String first13, String field) {
        String body = normalise(first13);
        if (body.length() != BODY_LENGTH) {
            throw new InvalidIdentifier(Reason.NIR_LENGTH, field);
        }
        if (!hasValidCharacters(body, BODY_LENGTH)) {
            throw new InvalidIdentifier(Reason.NIR_CHARACTERS, field);
        }
        return computeKey(body);
    }

    static Sex sexOf(String value) {
        return switch (value.charAt(0)) {
            case '1', '7' -> Sex.MALE;
            case '2', '8' -> Sex.FEMALE;
            default -> throw new IllegalStateException("validated matricule with sex digit " + value.charAt(0));
        };
    }

    /** Shows sex and birth year only, e.g. {@code 1 84 ** ** *** *** **}. */
    static String masked(String value) {
        return value.charAt(0) + " " + value.substring(1, 3) + " ** ** *** *** **";
    }
}
