package fr.hygie.synth;

/**
 * Check digits of the French national identifiers the generator produces. Kept public so that
 * tests and loaders can check what they receive; the validation of incoming data in the server
 * belongs to the server.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * NIR key (clé de contrôle du numéro d'inscription au répertoire): 97 − (first 13 digits mod 97),
     * with Corsica's 2A read as 19 and 2B as 18 before computing.
     */
    public static int nirKey(String first13) {
        if (first13.length() != 13) {
            throw new IllegalArgumentException("A NIR without key has 13 characters, got " + first13.length());
        }
        String digits = first13.replace("2A", "19").replace("2B", "18");
        long value = Long.parseLong(digits);
        return (int) (97 - value % 97);
    }

    /** Whether a 15-character NIR has a well-formed body and the right key. */
    public static boolean isValidNir(String nir) {
        if (nir == null || nir.length() != 15 || !nir.matches("[12]\\d{4}(\\d{2}|2A|2B)\\d{8}")) {
            return false;
        }
        int month = Integer.parseInt(nir.substring(3, 5));
        if (month < 1 || month > 12) {
            return false;
        }
        return nirKey(nir.substring(0, 13)) == Integer.parseInt(nir.substring(13));
    }

    /** Luhn check digit of a string of digits (the check digit is appended after them). */
    public static int luhnCheckDigit(String digits) {
        int sum = 0;
        boolean doubled = true; // the rightmost payload digit is doubled, the check digit will not be
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("Not a digit in " + digits);
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /** RPPS: 11 digits, the last a Luhn check digit. */
    public static boolean isValidRpps(String rpps) {
        return rpps != null && rpps.matches("\\d{11}")
                && luhnCheckDigit(rpps.substring(0, 10)) == rpps.charAt(10) - '0';
    }

    /**
     * FINESS: 9 characters, the first the département (01–95, 2A, 2B; 970x overseas, 985 Mayotte,
     * see {@link #finessPrefix(String)}), the last a Luhn check digit over the first eight with the
     * letters of 2A/2B read as 0.
     */
    public static boolean isValidFiness(String finess) {
        if (finess == null || !finess.matches("(0[1-9]|[1-8]\\d|9[0-5]|2A|2B|970[1-4]|985\\d)\\d{4,6}")
                || finess.length() != 9) {
            return false;
        }
        return luhnCheckDigit(finessDigits(finess.substring(0, 8))) == finess.charAt(8) - '0';
    }

    /**
     * The département part of a FINESS number. Metropolitan départements use their two characters;
     * overseas numbers start with 970 and the DOM digit (9701 Guadeloupe … 9704 La Réunion) and
     * Mayotte with 985 (its former code). To be checked against a FINESS extraction.
     */
    public static String finessPrefix(String department) {
        return switch (department) {
            case "971" -> "9701";
            case "972" -> "9702";
            case "973" -> "9703";
            case "974" -> "9704";
            case "976" -> "9850";
            default -> {
                if (department.length() != 2) {
                    throw new IllegalArgumentException("Unknown département " + department);
                }
                yield department;
            }
        };
    }

    static String finessDigits(String chars) {
        return chars.replace('A', '0').replace('B', '0');
    }

    /** Appends the FINESS check digit to an 8-character body. */
    static String finessWithKey(String body8) {
        return body8 + luhnCheckDigit(finessDigits(body8));
    }
}
