package fr.hygie.identity;

/** Luhn (ISO/IEC 7812-1 annex B, "mod 10") check digit over decimal digits. */
final class Luhn {

    private Luhn() {
    }

    /** The digit to append to {@code payload} so that the whole passes {@link #isValid}. */
    static int checkDigit(String payload) {
        int sum = 0;
        boolean doubled = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
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

    static boolean isValid(String digits) {
        return checkDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    static boolean allDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
