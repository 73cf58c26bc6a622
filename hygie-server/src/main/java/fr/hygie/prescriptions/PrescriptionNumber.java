package fr.hygie.prescriptions;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The number printed on a prescription (« numéro d'ordonnance »): 11 random Crockford base-32
 * characters and a Luhn mod 32 check character, shown in groups of four ({@code 7K3M-Q9XA-2RT5}).
 */
public record PrescriptionNumber(String value) {

    static final int BODY = 11;

    static PrescriptionNumber generate(SecureRandom random) {
        String body = Crockford.random(random, BODY);
        return new PrescriptionNumber(Crockford.group(body + Crockford.check(body), 4));
    }

    /**
     * A number drawn from another system's identifier of a prescription (its system and value), the same
     * every time: importing that prescription twice finds it again by this number.
     */
    public static PrescriptionNumber derivedFrom(String foreignKey) {
        byte[] h = AccessCode.sha256(foreignKey).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < BODY; i++) {
            body.append(Crockford.ALPHABET.charAt(Character.digit(h[2 * i], 16) * 16 + Character.digit(h[2 * i + 1], 16) & 31));
        }
        return new PrescriptionNumber(Crockford.group(body.toString() + Crockford.check(body.toString()), 4));
    }

    /** Reads what a person typed or scanned; empty when malformed or when the check character is wrong. */
    public static Optional<PrescriptionNumber> parse(String raw) {
        return Crockford.normalise(raw).filter(s -> s.length() == BODY + 1)
                .filter(s -> Crockford.check(s.substring(0, BODY)) == s.charAt(BODY))
                .map(s -> new PrescriptionNumber(Crockford.group(s, 4)));
    }

    @Override
    public String toString() {
        return value;
    }
}
