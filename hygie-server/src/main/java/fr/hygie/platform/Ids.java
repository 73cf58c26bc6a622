package fr.hygie.platform;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Opaque identifiers for everything Hygie stores: UUID version 7 (RFC 9562), time-ordered so that
 * B-tree indexes stay compact, random enough (74 bits) to be unguessable in URLs.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
