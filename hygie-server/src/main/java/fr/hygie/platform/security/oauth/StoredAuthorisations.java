package fr.hygie.platform.security.oauth;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authorisations (codes, access and refresh tokens) in PostgreSQL ({@code oauth2_authorization}), so that
 * a restart signs no app out and a revocation stays revoked.
 *
 * <p>Spring Authorization Server stores the logged-in {@link Authentication} as JSON and reads it back
 * only for types on its Jackson allow-list; Hygie's account type is not one of them (and the platform
 * must not depend on the identity module). So the stored principal is reduced to the login and its
 * authorities, and read back by loading the account again: the refresh grant then sees the account as
 * it is today (a disabled account gets nothing).
 */
final class StoredAuthorisations {

    private static final String PRINCIPAL = Principal.class.getName();

    private StoredAuthorisations() {
    }

    static JdbcOAuth2AuthorizationService service(JdbcOperations jdbc, RegisteredClientRepository clients,
            UserDetailsService accounts) {
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
        service.setAuthorizationParametersMapper(new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper() {
            @Override
            public List<SqlParameterValue> apply(OAuth2Authorization authorization) {
                return super.apply(reduced(authorization));
            }
        });
        service.setAuthorizationRowMapper(new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients) {
            @Override
            public OAuth2Authorization mapRow(ResultSet rs, int rowNum) throws SQLException {
                return reloaded(super.mapRow(rs, rowNum), accounts);
            }
        });
        return service;
    }

    private static OAuth2Authorization reduced(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(PRINCIPAL);
        if (!(principal instanceof Authentication a) || a.getPrincipal() instanceof String) {
            return authorization;
        }
        Authentication plain = UsernamePasswordAuthenticationToken.authenticated(a.getName(), null,
                a.getAuthorities().stream().map(g -> new SimpleGrantedAuthority(g.getAuthority())).toList());
        return OAuth2Authorization.from(authorization).attribute(PRINCIPAL, plain).build();
    }

    private static OAuth2Authorization reloaded(OAuth2Authorization authorization, UserDetailsService accounts) {
        if (!(authorization.getAttribute(PRINCIPAL) instanceof Authentication a)) {
            return authorization;
        }
        UserDetails user;
        try {
            user = accounts.loadUserByUsername(a.getName());
        } catch (UsernameNotFoundException e) {
            return authorization;
        }
        Authentication live = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        return OAuth2Authorization.from(authorization).attribute(PRINCIPAL, live).build();
    }
}
