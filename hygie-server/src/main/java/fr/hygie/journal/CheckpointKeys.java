package fr.hygie.journal;

import fr.hygie.platform.HygieHome;
import fr.hygie.platform.crypto.SigningKey;
import java.security.PublicKey;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key pair that signs checkpoints, kept under {@code HYGIE_HOME/keys}
 * ({@code journal-checkpoint-ed25519.key}, PKCS#8 PEM, mode 0600; {@code .pub}, X.509 PEM) and created on
 * first use. The key id is the hex of the first 8 bytes of SHA-256 over the public key's X.509 encoding.
 */
@Component
class CheckpointKeys {

    static final String FILE = "journal-checkpoint-ed25519";

    private final SigningKey key;

    CheckpointKeys(HygieHome home) {
        this.key = new SigningKey(home.dir("keys"), FILE);
    }

    String keyId() {
        return key.keyId();
    }

    String publicKeyPem() {
        return key.publicKeyPem();
    }

    byte[] sign(byte[] message) {
        return key.sign(message);
    }

    /** Verifies with the key of this installation; a checkpoint signed by another key id fails. */
    boolean verify(String checkpointKeyId, byte[] message, byte[] signature) {
        return key.keyId().equals(checkpointKeyId) && SigningKey.verify(key.publicKey(), message, signature);
    }

    static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        return SigningKey.verify(publicKey, message, signature);
    }

    static String keyIdOf(PublicKey publicKey) {
        return SigningKey.keyIdOf(publicKey);
    }

    static PublicKey parsePublicKeyPem(String pem) {
        return SigningKey.parsePublicKeyPem(pem);
    }

    static String pem(String type, byte[] der) {
        return SigningKey.pem(type, der);
    }

    static byte[] unpem(String pem) {
        return SigningKey.unpem(pem);
    }
}
