package fr.hygie.prescriptions;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Crockford base-32 (no I, L, O, U: nothing to misread on paper or over the phone) and the Luhn mod N
 * check character that catches every single-character error and most adjacent transpositions.
 */
final class Crockford {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Crockford() {
    }

    static String random(SecureRandom random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(32)));
        }
        return b.toString();
    }

    /** Upper case, separators removed, O read as 0 and I/L as 1; empty when a character is not base 32. */
    static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (char c : raw.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ' || c == '.') {
                continue;
            }
            char d = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (ALPHABET.indexOf(d) < 0) {
                return Optional.empty();
            }
            b.append(d);
        }
        return Optional.of(b.toString());
    }

    /** Luhn mod 32 check character of {@code body}. */
    static char check(String body) {
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return ALPHABET.charAt((32 - sum % 32) % 32);
    }

    static String group(String s, int size) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % size == 0) {
                b.append('-');
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }
}
