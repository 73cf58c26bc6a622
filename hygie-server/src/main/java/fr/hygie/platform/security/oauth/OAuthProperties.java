package fr.hygie.platform.security.oauth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded authorisation server (« serveur d'autorisation ») that issues the bearer tokens of the
 * FHIR API (SMART on FHIR apps).
 *
 * <ul>
 * <li>{@code hygie.oauth.access-token-minutes} (15), {@code hygie.oauth.refresh-token-days} (30):
 * lifetimes; refresh tokens rotate on every use and are issued only when the app was granted
 * {@code offline_access}.</li>
 * <li>{@code hygie.oauth.demo-client.*}: the public demo app registered in demo mode (client id,
 * redirect URIs, consent screen on or off).</li>
 * <li>{@code hygie.oauth.external-login.enabled}: delegate the login step to an external OpenID Connect
 * provider (Keycloak, FranceConnect, Pro Santé Connect) declared the Spring Boot way under
 * {@code spring.security.oauth2.client.registration.<id>.*} and
 * {@code spring.security.oauth2.client.provider.<id>.*} with {@code <id>} =
 * {@code hygie.oauth.external-login.registration-id} (default {@code external}); the claim named by
 * {@code hygie.oauth.external-login.username-claim} (default {@code preferred_username}) must equal a
 * Hygie login. Tokens are still issued by Hygie, so the FHIR API sees the same account either way.</li>
 * </ul>
 */
@ConfigurationProperties(prefix = "hygie.oauth")
public record OAuthProperties(
        @DefaultValue("15") int accessTokenMinutes,
        @DefaultValue("30") int refreshTokenDays,
        @DefaultValue DemoClient demoClient,
        @DefaultValue ExternalLogin externalLogin) {

    /** The public demo app (PKCE, no secret), registered only in demo mode. */
    public record DemoClient(
            @DefaultValue("hygie-demo-app") String clientId,
            @DefaultValue("http://127.0.0.1:8765/callback") List<String> redirectUris,
            @DefaultValue("true") boolean requireConsent) {
    }

    /** Login delegated to an external OpenID Connect provider instead of Hygie's login form. */
    public record ExternalLogin(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("external") String registrationId,
            @DefaultValue("preferred_username") String usernameClaim) {
    }
}
