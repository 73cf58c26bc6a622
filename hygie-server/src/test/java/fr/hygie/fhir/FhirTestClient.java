package fr.hygie.fhir;

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
 * An app talking to Hygie over real HTTP: it obtains tokens through the real authorization code + PKCE
 * flow (login form of the demo account, consent screen), then calls the FHIR API with them.
 */
final class FhirTestClient {

    static final String CLIENT_ID = "hygie-demo-app";
    static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");
    private static final Pattern SCOPE = Pattern.compile("name=\"scope\" id=\"[^\"]+\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Tokens(String access, String refresh, String scope, String patient, JsonNode raw) {
    }

    private final String base;

    FhirTestClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** The whole authorization code + PKCE flow as a browser and an app would run it. */
    Tokens login(String username, String scopes) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String state = random();
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", CLIENT_ID,
                "redirect_uri", REDIRECT_URI, "scope", scopes, "state", state, "code_challenge", challenge,
                "code_challenge_method", "S256"));
        HttpResponse<String> r = send(browser, get(authorize).header("Accept", "text/html").build());
        expectRedirect(r, "/login");
        HttpResponse<String> loginPage = send(browser, get("/login").build());
        String csrf = match(CSRF, loginPage.body());
        r = send(browser, post("/login", Map.of("username", username, "password", "demo", "_csrf", csrf)).build());
        String next = location(r);
        if (next.contains("/login")) {
            throw new AssertionError("login failed for " + username);
        }
        r = send(browser, get(next).header("Accept", "text/html").build());
        String location = location(r);
        if (location.contains("/oauth2/consent")) {
            HttpResponse<String> consent = send(browser, get(location).build());
            String consentState = match(STATE, consent.body());
            List<String> granted = new ArrayList<>();
            Matcher m = SCOPE.matcher(consent.body());
            while (m.find()) {
                granted.add(m.group(1));
            }
            StringBuilder body = new StringBuilder(form(Map.of("client_id", CLIENT_ID, "state", consentState)));
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
        return token(Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT_URI,
                "client_id", CLIENT_ID, "code_verifier", verifier));
    }

    Tokens refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID));
    }

    private Tokens token(Map<String, String> params) {
        HttpClient app = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = send(app, post("/oauth2/token", params).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("token endpoint: " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            return new Tokens(n.path("access_token").asText(null), n.path("refresh_token").asText(null),
                    n.path("scope").asText(null), n.path("patient").asText(null), n);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A FHIR call with a bearer token (or none). */
    HttpResponse<String> fhir(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Accept", "application/fhir+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(HttpClient.newHttpClient(), b.build());
    }

    /** A FHIR call with extra headers (name, value, name, value…). */
    HttpResponse<String> fhirWithHeaders(String method, String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Accept", "application/fhir+json").method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(HttpClient.newHttpClient(), b.build());
    }

    HttpResponse<String> get(String path, String token) {
        return fhir("GET", path, token, null);
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

    private static void expectRedirect(HttpResponse<String> r, String to) {
        if (r.statusCode() != 302 || !location(r).contains(to)) {
            throw new AssertionError("expected a redirect to " + to + ", got " + r.statusCode() + " " + location(r));
        }
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
