package fr.hygie.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The journal's byte encodings, versioned and unambiguous, so that anyone can recompute a hash from the
 * published description (docs/architecture.md, "Journal des accès").
 *
 * <p>Field encoding (v1): every field starts with a tag byte, {@code 0x00} for null, {@code 0x01} for a
 * value, so that null and the empty string differ; then a string is a 4-byte big-endian length and its
 * UTF-8 bytes, a UUID its 16 bytes (most significant half first), a number 8 bytes big-endian, an
 * instant its epoch microseconds as a number, a byte string a 4-byte length and its bytes.
 */
final class Hashing {

    static final int HASH_BYTES = 32;
    static final byte[] GENESIS = new byte[HASH_BYTES];
    static final String ENTRY_DOMAIN = "hygie-journal-entry-v1";

    private Hashing() {
    }

    /**
     * Entry hash v1 = SHA-256 of, in this order: the text "hygie-journal-entry-v1", id, chain, seq, at,
     * actor account id, actor name, actor role, acting-for account id, acting-for name, acting-for role,
     * patient id, action, object type, object id, decision, reason code, channel, justification,
     * previous hash (32 zero bytes for the first entry of a chain).
     */
    static byte[] entryHash(StoredEntry e) {
        Encoder b = new Encoder()
                .string(ENTRY_DOMAIN)
                .uuid(e.id()).string(e.chain()).number(e.seq()).instant(e.at())
                .uuid(e.actorAccountId()).string(e.actorName()).string(e.actorRole())
                .uuid(e.actingForAccountId()).string(e.actingForName()).string(e.actingForRole())
                .uuid(e.patientId()).string(e.action()).string(e.objectType()).string(e.objectId())
                .string(e.decision()).string(e.reasonCode()).string(e.channel()).string(e.justification())
                .bytes(e.prevHash());
        return sha256(b.toByteArray());
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    /** Builds the v1 field encoding described on the class. */
    static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Encoder string(String s) {
            if (s == null) {
                out.write(0);
                return this;
            }
            out.write(1);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Encoder uuid(UUID u) {
            if (u == null) {
                out.write(0);
                return this;
            }
            out.write(1);
            int64(u.getMostSignificantBits());
            int64(u.getLeastSignificantBits());
            return this;
        }

        Encoder number(long n) {
            out.write(1);
            int64(n);
            return this;
        }

        Encoder instant(Instant at) {
            if (at == null) {
                out.write(0);
                return this;
            }
            return number(epochMicros(at));
        }

        Encoder bytes(byte[] b) {
            if (b == null) {
                out.write(0);
                return this;
            }
            out.write(1);
            int32(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        private void int64(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
        }
    }
}
