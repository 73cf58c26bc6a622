package fr.hygie.platform.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Envelope encryption ("chiffrement d'enveloppe") of health content: every document gets its own
 * data key (a Tink AES-256-GCM keyset), the content is encrypted with it, and the data key is stored
 * only wrapped by the {@link KeyEncryptionKey}. Deleting a wrapped key erases its document
 * cryptographically, even in backups; rotating the master key re-wraps small keys, not gigabytes.
 *
 * <p>Associated data binds a ciphertext to its place (use {@link #bindTo}, e.g. the document's id):
 * a ciphertext copied onto another row does not open there. The wrapped key itself is bound to its
 * purpose ("a Hygie data key") rather than to the row, so that {@link #rewrap} needs nothing but the
 * wrapped key.
 *
 * <p>Unwrapped data keys are kept in memory, bounded (the most recently used {@code dataKeyCacheSize}, as Tink
 * primitives, keyed by the wrapped key's bytes), so that reading the same document or title again does not unwrap and
 * parse its key again (issue 13: 2.9 % of the professional's read was {@code dataKey}). A kept key is served only while
 * the {@link KeyEncryptionKey#unwrappingKeys master keys} are those that unwrapped it: a rotation or a retirement, here
 * or by another process, makes every kept key unusable at the next open, so a key wrapped under a retired master key
 * is never opened from memory. A document's erasure {@link #forget forgets} its keys. Why this is safe, and its
 * bound: docs/adr/0003-unwrapped-data-keys-kept-in-memory.md.
 */
public final class EnvelopeEncryption {

    /** Associated data of every wrapped data key: it can only ever be unwrapped as a data key. */
    static final byte[] DATA_KEY_PURPOSE = "hygie/envelope/data-key/v1".getBytes(StandardCharsets.UTF_8);

    /** First byte of {@link Sealed#toBytes()}: the layout can change without breaking stored tokens. */
    static final byte FORMAT_V1 = 1;

    /** How many unwrapped data keys are kept by default (~0.9 KB each, ~9 MB in all; {@code hygie.crypto.data-key-cache-size}). */
    public static final int DEFAULT_DATA_KEY_CACHE_SIZE = 10_000;

    private final KeyEncryptionKey kek;
    /** Unwrapped data keys by wrapped key, each with the master keys that unwrapped it; null when turned off (size 0). */
    private final Cache<WrappedKey, Unwrapped> dataKeys;

    public EnvelopeEncryption(KeyEncryptionKey kek) {
        this(kek, DEFAULT_DATA_KEY_CACHE_SIZE);
    }

    /** @param dataKeyCacheSize how many unwrapped data keys to keep in memory; 0 keeps none */
    public EnvelopeEncryption(KeyEncryptionKey kek, int dataKeyCacheSize) {
        Tink.register();
        this.kek = kek;
        if (dataKeyCacheSize < 0) {
            throw new IllegalArgumentException("data key cache size < 0: " + dataKeyCacheSize);
        }
        this.dataKeys = dataKeyCacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(dataKeyCacheSize).build();
    }

    /** A wrapped data key as a map key (content equality). */
    private record WrappedKey(byte[] bytes, int hash) {

        WrappedKey(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WrappedKey w && w.hash == hash && Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A data key's primitive and the master keys that unwrapped it (compared by identity). */
    private record Unwrapped(Object masterKeys, Aead aead) {
    }

    /**
     * A data key wrapped by the master key, and content encrypted with that data key. The owning
     * module stores both (typically the wrapped key in its table and the ciphertext in the
     * {@code DocumentStore}, or both in one {@link #sealText} token).
     */
    public record Sealed(byte[] wrappedKey, byte[] ciphertext) {

        public Sealed {
            Objects.requireNonNull(wrappedKey, "wrappedKey");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }

        /** One self-contained byte string: version, wrapped key length (2 bytes), wrapped key, ciphertext. */
        public byte[] toBytes() {
            if (wrappedKey.length > 0xFFFF) {
                throw new IllegalStateException("Wrapped key too long: " + wrappedKey.length + " bytes");
            }
            return ByteBuffer.allocate(3 + wrappedKey.length + ciphertext.length)
                    .put(FORMAT_V1).putShort((short) wrappedKey.length).put(wrappedKey).put(ciphertext).array();
        }

        /** Reads {@link #toBytes()}. */
        public static Sealed fromBytes(byte[] bytes) {
            if (bytes.length < 3 || bytes[0] != FORMAT_V1) {
                throw new SealedDataUnreadableException("Unknown sealed data format", null);
            }
            int keyLength = ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF);
            if (bytes.length < 3 + keyLength) {
                throw new SealedDataUnreadableException("Truncated sealed data", null);
            }
            return new Sealed(Arrays.copyOfRange(bytes, 3, 3 + keyLength),
                    Arrays.copyOfRange(bytes, 3 + keyLength, bytes.length));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sealed s && Arrays.equals(wrappedKey, s.wrappedKey)
                    && Arrays.equals(ciphertext, s.ciphertext);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(wrappedKey) + Arrays.hashCode(ciphertext);
        }

        @Override
        public String toString() {
            return "Sealed[wrappedKey=" + wrappedKey.length + " bytes, ciphertext=" + ciphertext.length + " bytes]";
        }
    }

    /** Associated data naming a purpose and a row, e.g. {@code bindTo("record.document", documentId)}. */
    public static byte[] bindTo(String purpose, UUID id) {
        return (purpose + ":" + id).getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypts {@code plaintext} under a fresh data key, bound to {@code associatedData}. */
    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        Objects.requireNonNull(associatedData, "associatedData: bind the ciphertext to its row");
        byte[] serialized = null;
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] ciphertext = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class)
                    .encrypt(plaintext, associatedData);
            serialized = TinkProtoKeysetFormat.serializeKeyset(dataKey, InsecureSecretKeyAccess.get());
            return new Sealed(kek.wrap(serialized, DATA_KEY_PURPOSE), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal content with " + kek.describe(), e);
        } finally {
            wipe(serialized);
        }
    }

    /**
     * Content and the short text that names it (a document's title) sealed under ONE fresh data key, each bound to its
     * own associated data: one data key generated and wrapped instead of two (issue 13, docs/benchmarks.md « Session 9 —
     * upload »). The text's token is exactly what {@link #sealText} makes — version, wrapped key, ciphertext — and carries
     * the same wrapped key as {@code content}: {@link #openText}, {@link #rewrapText} and a crypto-erasure that deletes
     * both work as before. The two associated data must differ, so that neither ciphertext opens in the other's place.
     */
    public SealedWithText sealWithText(byte[] plaintext, byte[] associatedData, String text, byte[] textAssociatedData) {
        Objects.requireNonNull(associatedData, "associatedData: bind the ciphertext to its row");
        Objects.requireNonNull(textAssociatedData, "textAssociatedData: bind the text to its row");
        if (Arrays.equals(associatedData, textAssociatedData)) {
            throw new IllegalArgumentException("The content and its text must be bound to different associated data");
        }
        byte[] serialized = null;
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Aead aead = dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class);
            byte[] ciphertext = aead.encrypt(plaintext, associatedData);
            byte[] textCiphertext = aead.encrypt(text.getBytes(StandardCharsets.UTF_8), textAssociatedData);
            serialized = TinkProtoKeysetFormat.serializeKeyset(dataKey, InsecureSecretKeyAccess.get());
            byte[] wrappedKey = kek.wrap(serialized, DATA_KEY_PURPOSE);
            return new SealedWithText(new Sealed(wrappedKey, ciphertext), token(new Sealed(wrappedKey, textCiphertext)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal content with " + kek.describe(), e);
        } finally {
            wipe(serialized);
        }
    }

    /** {@link #sealWithText}'s result: the content sealed, and the text's {@link #sealText} token under the same data key. */
    public record SealedWithText(Sealed content, String textToken) {

        public SealedWithText {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(textToken, "textToken");
        }
    }

    /**
     * Decrypts sealed content.
     *
     * @throws SealedDataUnreadableException when the associated data differ, the bytes were altered,
     *         or the data key was wrapped under a retired master key
     */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        Aead content = dataKey(sealed.wrappedKey());
        try {
            return content.decrypt(sealed.ciphertext(), associatedData);
        } catch (GeneralSecurityException e) {
            throw new SealedDataUnreadableException(
                    "Sealed content does not open: wrong associated data or altered ciphertext", e);
        }
    }

    /**
     * Unwraps a data key with whichever master key wrapped it and wraps it again under the current
     * primary master key. The data key, and so the content's ciphertext, do not change.
     */
    public byte[] rewrap(byte[] wrappedKey) {
        byte[] serialized = null;
        try {
            serialized = unwrap(wrappedKey);
            return kek.wrap(serialized, DATA_KEY_PURPOSE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot re-wrap a data key with " + kek.describe(), e);
        } finally {
            wipe(serialized);
        }
    }

    /**
     * Seals a short free text (a clinical note field) into one base64url token that holds its own
     * wrapped key, for a {@code TEXT} column.
     */
    public String sealText(String text, byte[] associatedData) {
        return token(seal(text.getBytes(StandardCharsets.UTF_8), associatedData));
    }

    private static String token(Sealed sealed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.toBytes());
    }

    /** Opens a {@link #sealText} token. */
    public String openText(String token, byte[] associatedData) {
        return new String(open(parseToken(token), associatedData), StandardCharsets.UTF_8);
    }

    /** {@link #rewrap} for a {@link #sealText} token: same ciphertext, data key wrapped anew. */
    public String rewrapText(String token) {
        Sealed s = parseToken(token);
        return token(new Sealed(rewrap(s.wrappedKey()), s.ciphertext()));
    }

    private static Sealed parseToken(String token) {
        try {
            return Sealed.fromBytes(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            throw new SealedDataUnreadableException("Not a sealed text token", e);
        }
    }

    /**
     * Drops the unwrapped data key of {@code wrappedKey} from memory, if kept: called when the wrapped key is destroyed
     * (crypto-erasure), so that nothing in this process can open the content any more, even while its ciphertext waits
     * for its removal (a backup's pause) and even with the wrapped key's bytes from an older copy.
     */
    public void forget(byte[] wrappedKey) {
        if (dataKeys != null && wrappedKey != null) {
            dataKeys.invalidate(new WrappedKey(wrappedKey));
        }
    }

    /** {@link #forget} for the data key inside a {@link #sealText} token. */
    public void forgetText(String token) {
        if (dataKeys != null && token != null) {
            forget(parseToken(token).wrappedKey());
        }
    }

    /**
     * Whether the data key of {@code wrappedKey} is kept unwrapped in memory and would be served now (tests: what a
     * read opened, what an erasure forgot).
     */
    public boolean keeps(byte[] wrappedKey) {
        if (dataKeys == null || wrappedKey == null) {
            return false;
        }
        Object masterKeys = kek.unwrappingKeys().orElse(null);
        Unwrapped kept = dataKeys.getIfPresent(new WrappedKey(wrappedKey));
        return kept != null && masterKeys != null && kept.masterKeys() == masterKeys;
    }

    /** {@link #keeps} for the data key inside a {@link #sealText} token. */
    public boolean keepsText(String token) {
        return token != null && keeps(parseToken(token).wrappedKey());
    }

    /** How many unwrapped data keys are kept now (tests, operators' figures). */
    public long keptDataKeys() {
        if (dataKeys == null) {
            return 0;
        }
        dataKeys.cleanUp();
        return dataKeys.estimatedSize();
    }

    private Aead dataKey(byte[] wrappedKey) {
        Object masterKeys = dataKeys == null ? null : kek.unwrappingKeys().orElse(null);
        if (masterKeys == null) {
            return unwrapDataKey(wrappedKey);
        }
        WrappedKey key = new WrappedKey(wrappedKey.clone());
        Unwrapped kept = dataKeys.getIfPresent(key);
        if (kept != null) {
            if (kept.masterKeys() == masterKeys) {
                return kept.aead();
            }
            // The master keys changed (rotation, retirement, another process's keyset): nothing kept is served again.
            dataKeys.invalidateAll();
        }
        // Unwrapped by the master keys as they are now (at least as new as masterKeys): an entry tagged with an older
        // object than the current one is never served (checked above).
        Aead aead = unwrapDataKey(wrappedKey);
        dataKeys.put(key, new Unwrapped(masterKeys, aead));
        return aead;
    }

    private Aead unwrapDataKey(byte[] wrappedKey) {
        byte[] serialized = null;
        try {
            serialized = unwrap(wrappedKey);
            return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new SealedDataUnreadableException("Unwrapped data key is not a valid AEAD keyset", e);
        } finally {
            wipe(serialized);
        }
    }

    private byte[] unwrap(byte[] wrappedKey) {
        try {
            return kek.unwrap(wrappedKey, DATA_KEY_PURPOSE);
        } catch (GeneralSecurityException e) {
            throw new SealedDataUnreadableException("Data key does not unwrap: altered, or wrapped under a "
                    + "master key that is retired or unknown to " + kek.describe(), e);
        }
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
