package fr.hygie.platform.crypto;

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

/**
 * An Ed25519 key pair of the platform kept in a folder ({@code <name>.key}, PKCS#8 PEM, mode 0600;
 * {@code <name>.pub}, X.509 PEM), created on first use. Several processes may start at once: creation
 * links the private key into place, so the first writer wins and the others use its key. The key id is
 * the hex of the first 8 bytes of SHA-256 over the public key's X.509 encoding. Used for journal
 * checkpoints and prescription receipts, each with its own name so they can be rotated apart.
 */
public final class SigningKey {

    private final Path dir;
    private final String name;
    private KeyPair pair; // guarded by this
    private String keyId; // guarded by this

    public SigningKey(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public synchronized String keyId() {
        load();
        return keyId;
    }

    public synchronized PublicKey publicKey() {
        load();
        return pair.getPublic();
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey().getEncoded());
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

    /** Verifies with any Ed25519 public key; false (never an exception) for a bad signature or key. */
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

    public static String keyIdOf(PublicKey key) {
        try {
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey parsePublicKeyPem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key", e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private void load() {
        if (pair != null) {
            return;
        }
        Path priv = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        try {
            if (!Files.exists(priv)) {
                create(priv, pub);
            }
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv))));
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub))));
            pair = new KeyPair(publicKey, privateKey);
            keyId = keyIdOf(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + name + " in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Invalid signing key " + name + " in " + dir, e);
        }
    }

    private void create(Path priv, Path pub) throws IOException, GeneralSecurityException {
        KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path tmpPriv = Files.createTempFile(dir, name, ".key.tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Path tmpPub = Files.createTempFile(dir, name, ".pub.tmp");
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
}
