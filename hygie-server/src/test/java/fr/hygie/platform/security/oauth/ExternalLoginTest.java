package fr.hygie.platform.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.HygieApplication;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Login delegated to an external OpenID Connect provider ({@code hygie.oauth.external-login.enabled}).
 * No internet: the external provider is the shared test server's own embedded authorisation server
 * (another process' view: reached at 127.0.0.1, its own database and accounts); the Hygie under test is
 * a second instance on another port and another database, reached at localhost (so that the two
 * session cookies never mix), configured with the provider's issuer only (discovery, JWKS and token
 * endpoint found through OIDC). A person the provider authenticates gets the Hygie account its
 * {@code sub} names; an identity with no account here is refused like a wrong password.
 */
@HygieIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    @LocalServerPort
    int providerPort;
    @Autowired
    RegisteredClientRepository clients;
    @Autowired
    Cast cast;
    @Autowired
    PasswordEncoder encoder;

    ConfigurableApplicationContext hygie;
    int hygiePort;
    final String clientId = "hygie-rp-" + UUID.randomUUID();
    final String secret = UUID.randomUUID().toString();

    @BeforeAll
    void startTheRelyingParty() {
        String issuer = "http://127.0.0.1:" + providerPort;
        SpringApplication app = new SpringApplication(HygieApplication.class);
        // Command-line arguments: they win over application.properties (server.port=8080) and the test overrides.
        String[] args = Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("hygie.demo.persons", "0"),
                Map.entry("hygie.fhir.validator.warm-up", "false"),
                Map.entry("hygie.oauth.external-login.enabled", "true"),
                Map.entry("hygie.oauth.external-login.username-claim", "sub"),
                Map.entry("spring.security.oauth2.client.registration.external.client-id", clientId),
                Map.entry("spring.security.oauth2.client.registration.external.client-secret", secret),
                Map.entry("spring.security.oauth2.client.registration.external.client-authentication-method", "client_secret_basic"),
                Map.entry("spring.security.oauth2.client.registration.external.authorization-grant-type", "authorization_code"),
                Map.entry("spring.security.oauth2.client.registration.external.redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}"),
                Map.entry("spring.security.oauth2.client.registration.external.scope", "openid"),
                Map.entry("spring.security.oauth2.client.provider.external.issuer-uri", issuer))
                .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        hygie = app.run(args);
        hygiePort = Integer.parseInt(hygie.getEnvironment().getProperty("local.server.port"));
        // The provider knows the relying party: a confidential client whose redirect URI is the second instance's.
        clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId).clientSecret(encoder.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost:" + hygiePort + "/login/oauth2/code/external").scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build()).build());
    }

    @AfterAll
    void stop() {
        if (hygie != null) {
            hygie.close();
        }
    }

    /** Runs the browser's side: Hygie → provider's login form → provider → Hygie; returns Hygie's last redirect. */
    private String loginThroughTheProvider(HttpClient browser, String username) {
        HttpResponse<String> r = send(browser, get("http://localhost:" + hygiePort + "/oauth2/authorization/external"));
        String authorize = location(r);
        assertThat(authorize).startsWith("http://127.0.0.1:" + providerPort + "/oauth2/authorize");
        r = send(browser, get(authorize));
        assertThat(location(r)).contains("/login");
        HttpResponse<String> form = send(browser, get("http://127.0.0.1:" + providerPort + "/login"));
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).isTrue();
        String csrf = m.group(1) != null ? m.group(1) : m.group(2);
        r = send(browser, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + providerPort + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=demo&_csrf=" + enc(csrf))).build());
        r = send(browser, get(location(r)));
        String callback = location(r);
        assertThat(callback).startsWith("http://localhost:" + hygiePort + "/login/oauth2/code/external?code=");
        return location(send(browser, get(callback)));
    }

    @Test
    void aPersonAuthenticatedByTheExternalProviderGetsHerOwnHygieAccount() {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String landing = loginThroughTheProvider(browser, "patient");
        assertThat(landing).endsWith("/accueil");
        HttpResponse<String> home = send(browser, get("http://localhost:" + hygiePort + "/accueil"));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Marie");
    }

    @Test
    void anIdentityWithoutAnAccountHereIsRefusedLikeAWrongPassword() {
        // This person has an account at the provider only (the second instance has its own database).
        String onlyThere = cast.newPatient();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String landing = loginThroughTheProvider(browser, onlyThere);
        assertThat(landing).contains("/login?erreur");
        HttpResponse<String> home = send(browser, get("http://localhost:" + hygiePort + "/accueil"));
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(location(home)).contains("/login");
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
