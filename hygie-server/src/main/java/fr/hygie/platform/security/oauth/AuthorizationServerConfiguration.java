package fr.hygie.platform.security.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.HygieProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The embedded OAuth 2.0 / OpenID Connect authorisation server: authorization code with PKCE (S256)
 * for public apps, refresh tokens for {@code offline_access}, JWT access tokens signed with the key
 * of {@link SigningKeys}. The login step is Hygie's own login form (the same accounts, throttling and
 * lockout as the web), or an external OpenID Connect provider ({@link ExternalLoginConfiguration}).
 * The token's subject is the Hygie login, so an API request resolves to the same account and goes
 * through the same access decisions as the web.
 *
 * <p>Registered apps, authorisations (codes, access and refresh tokens) and consents are kept in
 * PostgreSQL with Spring Authorization Server's JDBC services and standard tables (migration
 * {@code db/migration/oauth}): a restart signs no app out, several instances share them, and a revocation
 * ({@link ConnectedApps#revoke}) stays revoked. Every access token names its authorisation, which the
 * APIs check at each call ({@link RevocationAwareJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class AuthorizationServerConfiguration {

    static final String CONSENT_PAGE = "/oauth2/consent";
    /** Claims of the access token that SMART apps also expect in the token response (SMART App Launch 2.x). */
    static final Set<String> CONTEXT_CLAIMS = Set.of("patient", "fhirUser");

    @Bean
    @Order(10)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClients clients, OAuth2TokenGenerator<?> tokens,
            OAuthProperties properties, JwtDecoder decoder) throws Exception {
        OAuth2AccessTokenResponseAuthenticationSuccessHandler success = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        success.setAccessTokenResponseCustomizer(context -> copyContextClaims(context.getAuthentication(), context.getAccessTokenResponse(), decoder));
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.registeredClientRepository(clients)
                    .tokenGenerator(tokens)
                    .authorizationEndpoint(a -> a.consentPage(CONSENT_PAGE))
                    .clientAuthentication(c -> c
                            .authenticationConverter(new PublicClientRefresh.Converter())
                            .authenticationProvider(new PublicClientRefresh.Provider(clients)))
                    .tokenEndpoint(t -> t.accessTokenResponseHandler(success))
                    .oidc(Customizer.withDefaults());
        });
        String login = properties.externalLogin().enabled()
                ? "/oauth2/authorization/" + properties.externalLogin().registrationId() : "/login";
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(login),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML, MediaType.ALL)))
                .oauth2ResourceServer(r -> r.jwt(j -> j.decoder(decoder))); // OIDC userinfo
        return http.build();
    }

    private static void copyContextClaims(org.springframework.security.core.Authentication authentication,
            OAuth2AccessTokenResponse.Builder response, JwtDecoder decoder) {
        if (!(authentication instanceof OAuth2AccessTokenAuthenticationToken token)) {
            return;
        }
        Jwt jwt = decoder.decode(token.getAccessToken().getTokenValue());
        Map<String, Object> extra = new LinkedHashMap<>(token.getAdditionalParameters());
        for (String claim : CONTEXT_CLAIMS) {
            if (jwt.hasClaim(claim)) {
                extra.put(claim, jwt.getClaimAsString(claim));
            }
        }
        response.additionalParameters(extra);
    }

    @Bean
    RegisteredClients registeredClients(JdbcOperations jdbc, HygieProperties hygie, OAuthProperties properties,
            ObjectProvider<ScopeCatalogue> catalogues) {
        RegisteredClients clients = new RegisteredClients(jdbc);
        if (hygie.demo().enabled()) {
            RegisteredClient demo = demoClient(properties, catalogues);
            RegisteredClient stored = clients.findAnyByClientId(demo.getClientId());
            // Saved at every start so that a change of the demo settings applies; same id, so its authorisations stay.
            clients.save(stored == null ? demo : RegisteredClient.from(demo).id(stored.getId()).build());
        }
        return clients;
    }

    @Bean
    ConnectedApps connectedApps(RegisteredClients clients, JdbcOperations jdbc, PasswordEncoder encoder, OAuthProperties properties,
            ObjectProvider<ScopeCatalogue> catalogues, Clock clock) {
        return new ConnectedApps(clients, jdbc, encoder, properties, catalogues, clock);
    }

    /** The demo public app: PKCE required, no secret, consent asked, every scope the APIs offer. */
    static RegisteredClient demoClient(OAuthProperties properties, ObjectProvider<ScopeCatalogue> catalogues) {
        OAuthProperties.DemoClient demo = properties.demoClient();
        Set<String> scopes = new TreeSet<>(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, PublicClientRefresh.OFFLINE_ACCESS));
        catalogues.orderedStream().forEach(c -> scopes.addAll(c.scopes()));
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.nameUUIDFromBytes(demo.clientId().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(demo.clientId())
                .clientName("Application de démonstration Hygie")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(demo.requireConsent()).build())
                .tokenSettings(tokenSettings(properties));
        demo.redirectUris().forEach(b::redirectUri);
        scopes.forEach(b::scope);
        return b.build();
    }

    static TokenSettings tokenSettings(OAuthProperties properties) {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                .accessTokenTimeToLive(Duration.ofMinutes(properties.accessTokenMinutes()))
                .refreshTokenTimeToLive(Duration.ofDays(properties.refreshTokenDays()))
                .reuseRefreshTokens(false)
                .build();
    }

    @Bean
    OAuth2AuthorizationService oauth2AuthorizationService(JdbcOperations jdbc, RegisteredClients clients, UserDetailsService accounts) {
        return StoredAuthorisations.service(jdbc, clients, accounts);
    }

    @Bean
    OAuth2AuthorizationConsentService oauth2AuthorizationConsentService(JdbcOperations jdbc, RegisteredClients clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(HygieHome home) {
        JWKSet keys = SigningKeys.loadOrCreate(home);
        return new ImmutableJWKSet<>(keys);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, JdbcOperations jdbc) {
        return new RevocationAwareJwtDecoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys), jdbc);
    }

    @Bean
    OAuth2TokenGenerator<?> oauth2TokenGenerator(JWKSource<SecurityContext> keys,
            ObjectProvider<OAuth2TokenCustomizer<JwtEncodingContext>> customizers, Clock clock) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwt.setJwtCustomizer(context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && context.getAuthorization() != null) {
                context.getClaims().claim(RevocationAwareJwtDecoder.AUTHORISATION_CLAIM, context.getAuthorization().getId());
            }
            customizers.orderedStream().forEach(c -> c.customize(context));
        });
        return new DelegatingOAuth2TokenGenerator(jwt, new PublicClientRefresh.Generator(clock));
    }
}
