package fr.hygie.platform.security.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import fr.hygie.platform.HygieHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key that signs access tokens: an RSA 2048 key kept as a JWK set in {@code HYGIE_HOME/keys}
 * (file readable by the owner only), created on the first start. Keeping it across restarts keeps
 * issued tokens valid; deleting the file revokes every token at the next start.
 */
final class SigningKeys {

    static final String FILE = "oauth-signing.jwks.json";

    private SigningKeys() {
    }

    static JWKSet loadOrCreate(HygieHome home) {
        Path file = home.dir("keys").resolve(FILE);
        try {
            if (Files.exists(file)) {
                return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            JWKSet set = new JWKSet(key);
            Path tmp = Files.createTempFile(file.getParent(), "oauth-signing", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect the key
            }
            Files.writeString(tmp, set.toString(false), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the token signing key in " + file.getParent(), e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The token signing key file " + file + " is not a valid JWK set", e);
        }
    }
}
