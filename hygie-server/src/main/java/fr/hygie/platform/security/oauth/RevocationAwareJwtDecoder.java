package fr.hygie.platform.security.oauth;

import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Checks a signed access token and then that its authorisation still exists: a self-contained JWT would
 * otherwise keep working until it expires after the person revoked the app (« retrait immédiat »). The
 * token carries the authorisation's id ({@link #AUTHORISATION_CLAIM}); a token without it, or whose
 * authorisation was deleted, or whose access token was invalidated through the revocation endpoint, is
 * refused like a bad signature (401).
 */
final class RevocationAwareJwtDecoder implements JwtDecoder {

    static final String AUTHORISATION_CLAIM = "hygie_authorisation";
    private static final String INVALIDATED = "\"metadata.token.invalidated\":true";

    private final JwtDecoder signed;
    private final JdbcOperations jdbc;

    RevocationAwareJwtDecoder(JwtDecoder signed, JdbcOperations jdbc) {
        this.signed = signed;
        this.jdbc = jdbc;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = signed.decode(token);
        String id = jwt.getClaimAsString(AUTHORISATION_CLAIM);
        if (id == null) {
            // ID tokens (OpenID Connect) carry no authorisation id and are never bearer tokens of the APIs.
            throw new BadJwtException("Jeton sans autorisation associée.");
        }
        List<Boolean> revoked = jdbc.query(
                "SELECT access_token_value = ? AND coalesce(access_token_metadata, '') LIKE ? FROM oauth2_authorization WHERE id = ?",
                (rs, n) -> rs.getBoolean(1), token, "%" + INVALIDATED + "%", id);
        if (revoked.isEmpty() || revoked.get(0)) {
            throw new BadJwtException("Autorisation retirée.");
        }
        return jwt;
    }
}
