package fr.hygie.prescriptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The access code (« code d'accès ») that, with the number, lets a pharmacy accept a prescription:
 * 16 random Crockford base-32 characters (80 bits). Only its SHA-256 is stored: with 80 random bits
 * a plain hash cannot be reversed by trying codes.
 */
public record AccessCode(String value) {

    static final int LENGTH = 16;

    static AccessCode generate(SecureRandom random) {
        return new AccessCode(Crockford.group(Crockford.random(random, LENGTH), 4));
    }

    public static Optional<AccessCode> parse(String raw) {
        return Crockford.normalise(raw).filter(s -> s.length() == LENGTH).map(s -> new AccessCode(Crockford.group(s, 4)));
    }

    String hash() {
        return sha256(value.replace("-", ""));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return value;
    }
}
