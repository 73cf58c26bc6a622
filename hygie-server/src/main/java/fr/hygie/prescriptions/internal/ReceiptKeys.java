package fr.hygie.prescriptions.internal;

import fr.hygie.platform.HygieHome;
import fr.hygie.platform.crypto.SigningKey;
import java.security.PublicKey;
import org.springframework.stereotype.Component;

/**
 * The platform's Ed25519 key pair that signs dispensation receipts, kept under {@code HYGIE_HOME/keys}
 * ({@code prescriptions-receipt-ed25519.key}, PKCS#8 PEM, mode 0600; {@code .pub}, X.509 PEM), created on
 * first use like the journal's checkpoint key. Its own key: a receipt key and a journal key can then be
 * rotated or revoked apart. The key id is the hex of the first 8 bytes of SHA-256 over the X.509 encoding.
 */
@Component
public class ReceiptKeys {

    static final String FILE = "prescriptions-receipt-ed25519";

    private final SigningKey key;

    ReceiptKeys(HygieHome home) {
        this.key = new SigningKey(home.dir("keys"), FILE);
    }

    public String keyId() {
        return key.keyId();
    }

    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    public byte[] sign(byte[] message) {
        return key.sign(message);
    }

    public boolean verify(byte[] message, byte[] signature) {
        return SigningKey.verify(key.publicKey(), message, signature);
    }

    /** Verifies with any published key (what a patient or prescriber does with the public PEM). */
    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        return SigningKey.verify(publicKey, message, signature);
    }

    public static String keyIdOf(PublicKey publicKey) {
        return SigningKey.keyIdOf(publicKey);
    }

    public static PublicKey parsePublicKeyPem(String pem) {
        return SigningKey.parsePublicKeyPem(pem);
    }

    static String pem(String type, byte[] der) {
        return SigningKey.pem(type, der);
    }

    static byte[] unpem(String pem) {
        return SigningKey.unpem(pem);
    }
}
