package fr.hygie.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A referenced app talking to Hygie over real HTTP: the person logs in and consents on Hygie's pages,
 * the app exchanges the code with its PKCE verifier, refreshes, and calls the FHIR API.
 */
public final class AppClient {

    public static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");
    private static final Pattern SCOPE = Pattern.compile("name=\"scope\" id=\"[^\"]+\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the token endpoint answered. */
    public record Tokens(String access, String refresh, String scope, String patient) {
    }

    private final String base;
    private final String clientId;

    public AppClient(int port, String clientId) {
        this.base = "http://localhost:" + port;
        this.clientId = clientId;
    }

    /** Authorization code + PKCE: login form, consent page (every scope asked ticked), code exchange. */
    public Tokens connect(String username, String scopes) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String state = random();
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT_URI,
                "scope", scopes, "state", state, "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> r = send(browser, get(authorize).header("Accept", "text/html").build());
        if (r.statusCode() != 302 || !location(r).contains("/login")) {
            throw new AssertionError("authorize did not ask to log in: " + r.statusCode() + " " + location(r) + " " + r.body());
        }
        String csrf = match(CSRF, send(browser, get("/login").build()).body());
        r = send(browser, post("/login", Map.of("username", username, "password", "demo", "_csrf", csrf)).build());
        if (location(r).contains("/login")) {
            throw new AssertionError("login failed for " + username);
        }
        r = send(browser, get(location(r)).header("Accept", "text/html").build());
        String location = location(r);
        if (location.contains("/oauth2/consent")) {
            HttpResponse<String> consent = send(browser, get(location).build());
            String consentState = match(STATE, consent.body());
            List<String> granted = new ArrayList<>();
            Matcher m = SCOPE.matcher(consent.body());
            while (m.find()) {
                granted.add(m.group(1));
            }
            StringBuilder body = new StringBuilder(form(Map.of("client_id", clientId, "state", consentState)));
            granted.forEach(s -> body.append("&scope=").append(enc(s)));
            r = send(browser, HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            location = location(r);
        }
        if (!location.startsWith(REDIRECT_URI)) {
            throw new AssertionError("no authorization code: " + r.statusCode() + " " + location);
        }
        Map<String, String> query = query(URI.create(location).getRawQuery());
        if (!state.equals(query.get("state"))) {
            throw new AssertionError("state not returned");
        }
        HttpResponse<String> token = token(Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT_URI,
                "client_id", clientId, "code_verifier", verifier));
        if (token.statusCode() != 200) {
            throw new AssertionError("token endpoint: " + token.statusCode() + " " + token.body());
        }
        return tokens(token.body());
    }

    /** The refresh grant of a public client; the raw response (400 once revoked). */
    public HttpResponse<String> refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
    }

    public HttpResponse<String> fhir(String path, String token) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build());
    }

    public static Tokens tokens(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new Tokens(n.path("access_token").asText(null), n.path("refresh_token").asText(null), n.path("scope").asText(null),
                    n.path("patient").asText(null));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> token(Map<String, String> params) {
        return send(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), post("/oauth2/token", params).build());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
    }

    private HttpRequest.Builder post(String path, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            m.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new AssertionError("pattern " + p + " not found in page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and reads the body as UTF-8 text; I/O failures become unchecked. */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
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
