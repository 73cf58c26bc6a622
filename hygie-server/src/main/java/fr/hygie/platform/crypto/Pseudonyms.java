package fr.hygie.platform.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.prf.HmacPrfKey;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import fr.hygie.platform.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms ("pseudonymisation") for secondary use: HMAC-SHA256 of an identifier under a key
 * that belongs to one purpose, typically one research project. The same patient gets unrelated
 * pseudonyms in two projects, so that their outputs cannot be joined; only the platform, holding the
 * keys, can link a pseudonym back (by recomputing it over its own identifiers).
 *
 * <p>Keys are Tink HMAC-SHA256 PRF keysets created on first use of a purpose and kept in
 * {@code <dir>/<purpose>.sealed}, sealed with {@link EnvelopeEncryption} under the master keys (so
 * this class is also a {@link WrappedKeyHolder}: master key rotation re-wraps them). The pseudonym is
 * the lowercase hex of HMAC-SHA256(key, UTF-8 bytes of the identifier), exactly what plain
 * {@code javax.crypto.Mac} computes with the key's raw bytes ({@link #hmacSha256Hex}); the research
 * engine (Apache Spark, a separate JVM of the platform) relies on that equality.
 */
public final class Pseudonyms implements WrappedKeyHolder {

    private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String SUFFIX = ".sealed";
    private static final int HMAC_SHA256_BYTES = 32;

    private final Path dir;
    private final EnvelopeEncryption envelope;
    private final Map<String, KeysetHandle> keys = new ConcurrentHashMap<>();

    public Pseudonyms(Path dir, EnvelopeEncryption envelope) {
        Tink.register();
        this.dir = dir.toAbsolutePath().normalize();
        this.envelope = envelope;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + this.dir, e);
        }
    }

    /** The pseudonym of {@code identifier} for {@code purpose}: 64 lowercase hex digits. */
    public String pseudonym(String purpose, String identifier) {
        try {
            PrfSet prf = key(purpose).getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            return HexFormat.of().formatHex(
                    prf.computePrimary(identifier.getBytes(StandardCharsets.UTF_8), HMAC_SHA256_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a pseudonym for purpose " + purpose, e);
        }
    }

    /**
     * The raw HMAC key of {@code purpose}, for the platform's own research engine only: it is handed to
     * the engine's JVM on the same machine (never written to a project's outputs, never sent to a
     * researcher or any third party) so that it can compute the same pseudonyms with plain Java. The key
     * never leaves the platform. Callers wipe the array after use.
     */
    public byte[] rawKeyForResearchEngine(String purpose) {
        KeysetHandle h = key(purpose);
        if (!(h.getPrimary().getKey() instanceof HmacPrfKey k)) {
            throw new IllegalStateException("Pseudonym key of " + purpose + " is not an HMAC key");
        }
        return k.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    /** HMAC-SHA256 with plain {@code javax.crypto}, as the research engine computes it. */
    public static String hmacSha256Hex(byte[] rawKey, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rawKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String name() {
        return "platform.pseudonym-keys";
    }

    /** Re-wraps the data key of every sealed pseudonym key file under the current master key. */
    @Override
    public long rewrapAll(EnvelopeEncryption envelope) {
        long count = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))::iterator) {
                EnvelopeEncryption.Sealed s = EnvelopeEncryption.Sealed.fromBytes(Files.readAllBytes(f));
                AtomicFiles.write(f, new EnvelopeEncryption.Sealed(envelope.rewrap(s.wrappedKey()), s.ciphertext())
                        .toBytes());
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot re-wrap the pseudonym keys in " + dir, e);
        }
        return count;
    }

    private KeysetHandle key(String purpose) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("Invalid pseudonym purpose (letters, digits, '.', '_', '-'): " + purpose);
        }
        return keys.computeIfAbsent(purpose, this::loadOrCreate);
    }

    private KeysetHandle loadOrCreate(String purpose) {
        Path f = dir.resolve(purpose + SUFFIX);
        byte[] ad = ("hygie/pseudonym-key/" + purpose).getBytes(StandardCharsets.UTF_8);
        try {
            if (!Files.exists(f)) {
                KeysetHandle fresh = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
                byte[] clear = TinkProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get());
                // Another process may create the same purpose's key at the same time: the first wins.
                AtomicFiles.writeIfAbsent(f, envelope.seal(clear, ad).toBytes());
                java.util.Arrays.fill(clear, (byte) 0);
            }
            byte[] clear = envelope.open(EnvelopeEncryption.Sealed.fromBytes(Files.readAllBytes(f)), ad);
            try {
                return TinkProtoKeysetFormat.parseKeyset(clear, InsecureSecretKeyAccess.get());
            } finally {
                java.util.Arrays.fill(clear, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pseudonym key of " + purpose, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the pseudonym key of " + purpose, e);
        }
    }
}
