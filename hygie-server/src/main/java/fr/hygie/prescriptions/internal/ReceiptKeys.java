package fr.hygie.prescriptions.internal;

import fr.hygie.platform.HygieHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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

    private final HygieHome home;
    private KeyPair pair; // guarded by this
    private String keyId; // guarded by this

    ReceiptKeys(HygieHome home) {
        this.home = home;
    }

    public synchronized String keyId() {
        load();
        return keyId;
    }

    public synchronized String publicKeyPem() {
        load();
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    public synchronized byte[] sign(byte[] message) {
        load();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signature failed", e);
        }
    }

    public synchronized boolean verify(byte[] message, byte[] signature) {
        load();
        return verify(pair.getPublic(), message, signature);
    }

    /** Verifies with any published key (what a patient or prescriber does with the public PEM). */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static PublicKey parsePublicKeyPem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }

    private void load() {
        if (pair != null) {
            return;
        }
        Path dir = home.dir("keys");
        Path priv = dir.resolve(FILE + ".key");
        Path pub = dir.resolve(FILE + ".pub");
        try {
            if (!Files.exists(priv)) {
                create(priv, pub);
            }
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv))));
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub))));
            pair = new KeyPair(publicKey, privateKey);
            keyId = HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the receipt signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Invalid receipt signing key in " + dir, e);
        }
    }

    private static void create(Path priv, Path pub) throws IOException, GeneralSecurityException {
        KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path dir = priv.getParent();
        Path tmpPriv = Files.createTempFile(dir, FILE, ".key.tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Path tmpPub = Files.createTempFile(dir, FILE, ".pub.tmp");
        try {
            Files.writeString(tmpPriv, pem("PRIVATE KEY", generated.getPrivate().getEncoded()));
            Files.writeString(tmpPub, pem("PUBLIC KEY", generated.getPublic().getEncoded()));
            // A hard link never replaces an existing file: a key created concurrently wins and is kept.
            try {
                Files.createLink(priv, tmpPriv);
            } catch (FileAlreadyExistsException raced) {
                return;
            }
            Files.move(tmpPub, pub, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmpPriv);
            Files.deleteIfExists(tmpPub);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
