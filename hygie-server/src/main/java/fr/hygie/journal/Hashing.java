package fr.hygie.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
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
        // One encoder and one digest per thread, reused: the group commit's leaders hash every entry of a batch while
        // their callers wait, and the former encoder's growing buffers and UTF-8 copies were most of the hash's
        // samples (issue 13, docs/benchmarks.md « Session 9 — journal »). Same bytes as before, hence the same hash.
        Scratch s = SCRATCH.get();
        Encoder b = s.encoder.reset()
                .string(ENTRY_DOMAIN)
                .uuid(e.id()).string(e.chain()).number(e.seq()).instant(e.at())
                .uuid(e.actorAccountId()).string(e.actorName()).string(e.actorRole())
                .uuid(e.actingForAccountId()).string(e.actingForName()).string(e.actingForRole())
                .uuid(e.patientId()).string(e.action()).string(e.objectType()).string(e.objectId())
                .string(e.decision()).string(e.reasonCode()).string(e.channel()).string(e.justification())
                .bytes(e.prevHash());
        s.sha256.update(b.buf, 0, b.size);
        return s.sha256.digest(); // digest() resets it for the next entry
    }

    /** A thread's reusable encoder and SHA-256 (an entry's encoding is a few hundred bytes: the buffer stays small). */
    private static final class Scratch {
        final Encoder encoder = new Encoder();
        final MessageDigest sha256 = newSha256();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest md = newSha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    /**
     * Builds the v1 field encoding described on the class, in a buffer of its own that grows when needed and can be
     * reset; strings are encoded to UTF-8 in place (as {@link String#getBytes} with UTF-8 does, an unpaired surrogate
     * as {@code ?}), their length written once known.
     */
    static final class Encoder {
        private byte[] buf = new byte[512];
        private int size;

        Encoder reset() {
            size = 0;
            return this;
        }

        Encoder string(String s) {
            if (s == null) {
                return tag(0);
            }
            int n = s.length();
            ensure(5 + 3 * n); // at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars)
            buf[size++] = 1;
            int lengthAt = size;
            size += 4;
            int p = size;
            byte[] b = buf;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    char low;
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(low = s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, low);
                        i++;
                        b[p++] = (byte) (0xF0 | (cp >> 18));
                        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        b[p++] = (byte) (0x80 | (cp & 0x3F));
                    } else {
                        b[p++] = '?'; // what String.getBytes(UTF_8) writes for an unpaired surrogate
                    }
                } else {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            putInt32(lengthAt, p - size);
            size = p;
            return this;
        }

        Encoder uuid(UUID u) {
            if (u == null) {
                return tag(0);
            }
            ensure(17);
            buf[size++] = 1;
            putInt64(u.getMostSignificantBits());
            putInt64(u.getLeastSignificantBits());
            return this;
        }

        Encoder number(long n) {
            ensure(9);
            buf[size++] = 1;
            putInt64(n);
            return this;
        }

        Encoder instant(Instant at) {
            if (at == null) {
                return tag(0);
            }
            return number(epochMicros(at));
        }

        Encoder bytes(byte[] b) {
            if (b == null) {
                return tag(0);
            }
            ensure(5 + b.length);
            buf[size++] = 1;
            putInt32(size, b.length);
            size += 4;
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private Encoder tag(int t) {
            ensure(1);
            buf[size++] = (byte) t;
            return this;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        private void putInt32(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        private void putInt64(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }
    }
}
