package fr.hygie.research.engine.extract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Per-project pseudonym: lowercase hex of HMAC-SHA256(project key, UTF-8 platform id). The same function
 * as the server's {@code fr.hygie.platform.crypto.Pseudonyms.hmacSha256Hex} with the key's raw bytes, so the
 * platform can recompute a patient's pseudonym ("my data in research") without this engine.
 *
 * <p>As a Spark UDF the key travels to the executors inside the task closure: executors are machines of
 * the platform's own cluster, and the key is never written to any output, log or manifest.
 */
public final class HmacPseudonym implements UDF1<String, String> {

    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private transient ThreadLocal<Mac> macs;

    public HmacPseudonym(byte[] key) {
        this.key = key.clone();
    }

    public static String hex(byte[] key, String message) {
        return new HmacPseudonym(key).call(message);
    }

    @Override
    public String call(String identifier) {
        if (identifier == null) {
            return null;
        }
        return HexFormat.of().formatHex(mac().doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        ThreadLocal<Mac> local = macs;
        if (local == null) {
            synchronized (this) {
                if (macs == null) {
                    macs = ThreadLocal.withInitial(this::newMac);
                }
                local = macs;
            }
        }
        return local.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
