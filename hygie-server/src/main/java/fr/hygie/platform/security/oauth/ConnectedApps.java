package fr.hygie.platform.security.oauth;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps people connect to their space (« applications connectées »): registration of an app admitted
 * by the catalogue (public client with PKCE by default, confidential with a secret when asked), its
 * suspension, and for a person the apps they authorised and the revocation of one of them. A revocation
 * deletes the stored authorisations and the consent: the refresh token is refused at the token endpoint
 * and the access token at the next API call ({@link RevocationAwareJwtDecoder}), at once.
 */
public class ConnectedApps {

    /** What the catalogue asks for when it admits an app. */
    public record AppRegistration(String clientId, String name, boolean confidential, List<String> redirectUris, Set<String> scopes) {
        public AppRegistration {
            redirectUris = List.copyOf(redirectUris);
            scopes = Set.copyOf(scopes);
        }
    }

    /** An app a person authorised and that still holds a live token. */
    public record GrantedApp(String clientId, String clientName, Set<String> scopes, Instant authorisedAt, Instant lastTokenAt) {
    }

    private final RegisteredClients clients;
    private final JdbcOperations jdbc;
    private final PasswordEncoder encoder;
    private final OAuthProperties properties;
    private final ObjectProvider<ScopeCatalogue> catalogues;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ConnectedApps(RegisteredClients clients, JdbcOperations jdbc, PasswordEncoder encoder, OAuthProperties properties,
            ObjectProvider<ScopeCatalogue> catalogues, Clock clock) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.properties = properties;
        this.catalogues = catalogues;
        this.clock = clock;
    }

    /** Every scope an app may be registered with: the APIs' scopes and OpenID Connect's. */
    public Set<String> offeredScopes() {
        Set<String> all = new TreeSet<>(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, PublicClientRefresh.OFFLINE_ACCESS));
        catalogues.orderedStream().forEach(c -> all.addAll(c.scopes()));
        return all;
    }

    /** Registers the app, or updates it and lifts a suspension; keeps an existing secret. */
    @Transactional
    public void register(AppRegistration app) {
        RegisteredClient existing = clients.findAnyByClientId(app.clientId());
        RegisteredClient.Builder b = (existing == null ? RegisteredClient.withId(UUID.randomUUID().toString())
                : RegisteredClient.from(existing))
                .clientId(app.clientId())
                .clientName(app.name())
                .clientAuthenticationMethods(m -> {
                    m.clear();
                    if (app.confidential()) {
                        m.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                        m.add(ClientAuthenticationMethod.CLIENT_SECRET_POST);
                    } else {
                        m.add(ClientAuthenticationMethod.NONE);
                    }
                })
                .authorizationGrantTypes(g -> {
                    g.clear();
                    g.add(AuthorizationGrantType.AUTHORIZATION_CODE);
                    g.add(AuthorizationGrantType.REFRESH_TOKEN);
                })
                .redirectUris(r -> {
                    r.clear();
                    r.addAll(app.redirectUris());
                })
                .scopes(s -> {
                    s.clear();
                    s.addAll(app.scopes());
                })
                // PKCE for every app, confidential ones included (OAuth 2.1); consent always asked.
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true)
                        .setting(RegisteredClients.SUSPENDED, false).build())
                .tokenSettings(AuthorizationServerConfiguration.tokenSettings(properties));
        if (!app.confidential()) {
            b.clientSecret(null);
        }
        clients.save(b.build());
    }

    /**
     * A new secret for a confidential app, returned once and stored only as a bcrypt hash; the previous
     * secret stops working. Empty when the app is unknown or public.
     */
    @Transactional
    public java.util.Optional<String> newSecret(String clientId) {
        RegisteredClient client = clients.findAnyByClientId(clientId);
        if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
            return java.util.Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        clients.save(RegisteredClient.from(client).clientSecret(encoder.encode(secret)).build());
        return java.util.Optional.of(secret);
    }

    /** Suspends the app: unknown to the endpoints from now on, every authorisation given to it deleted. */
    @Transactional
    public void suspend(String clientId) {
        RegisteredClient client = clients.findAnyByClientId(clientId);
        if (client == null) {
            return;
        }
        clients.save(RegisteredClient.from(client)
                .clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
                        .setting(RegisteredClients.SUSPENDED, true).build()).build());
        jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", client.getId());
        jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", client.getId());
    }

    /** The apps this login authorised that still hold a live access or refresh token, among {@code clientIds}. */
    public List<GrantedApp> grantedBy(String principalName, Collection<String> clientIds) {
        Timestamp now = Timestamp.from(clock.instant());
        List<GrantedApp> out = new ArrayList<>();
        jdbc.query("""
                SELECT registered_client_id, min(coalesce(authorization_code_issued_at, access_token_issued_at)) AS since,
                       max(access_token_issued_at) AS last, string_agg(coalesce(authorized_scopes, ''), ',') AS scopes
                FROM oauth2_authorization
                WHERE principal_name = ? AND access_token_value IS NOT NULL
                  AND (access_token_expires_at > ? OR refresh_token_expires_at > ?)
                GROUP BY registered_client_id""", rs -> {
            RegisteredClient client = clients.findById(rs.getString("registered_client_id"));
            if (client != null && clientIds.contains(client.getClientId())) {
                Set<String> scopes = new TreeSet<>();
                Arrays.stream(rs.getString("scopes").split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(scopes::add);
                out.add(new GrantedApp(client.getClientId(), client.getClientName(), scopes,
                        rs.getTimestamp("since").toInstant(), rs.getTimestamp("last").toInstant()));
            }
        }, principalName, now, now);
        return out;
    }

    /** Withdraws everything this login gave the app: tokens and consent. True when something was removed. */
    @Transactional
    public boolean revoke(String principalName, String clientId) {
        RegisteredClient client = clients.findAnyByClientId(clientId);
        if (client == null) {
            return false;
        }
        int removed = jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?",
                principalName, client.getId());
        removed += jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ? AND registered_client_id = ?",
                principalName, client.getId());
        return removed > 0;
    }

    /** The plain-language sentence the consent page shows for a scope. */
    public static String describe(String scope) {
        return ConsentPage.describe(scope);
    }
}
