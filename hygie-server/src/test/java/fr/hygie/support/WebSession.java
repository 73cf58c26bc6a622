package fr.hygie.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person using the server over real HTTP, like a browser without JavaScript: cookies, forms with
 * their CSRF token, no automatic redirects (tests look at them).
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastCsrf;
    private String bearer;

    public WebSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*;q=0.8").GET().build());
    }

    /** Follows redirects (GET) until a page answers. */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> r = response;
        for (int i = 0; i < 5 && r.statusCode() / 100 == 3; i++) {
            String location = r.headers().firstValue("Location").orElseThrow();
            r = get(location.startsWith("http") ? URI.create(location).getPath()
                    + (URI.create(location).getQuery() == null ? "" : "?" + URI.create(location).getQuery()) : location);
        }
        return r;
    }

    /** Posts a form with the CSRF token of the last page seen (fetches {@code csrfFrom} first if given). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        if (lastCsrf == null) {
            get("/login");
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", lastCsrf);
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Posts a {@code multipart/form-data} form (text fields and one file) with the CSRF token of the last
     * page seen, as a browser does for a form with a file input.
     */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
            String fileType, byte[] fileContent) {
        if (lastCsrf == null) {
            get("/login");
        }
        String boundary = "----hygie" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", lastCsrf);
        for (Map.Entry<String, String> e : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(e.getValue().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(fileContent);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        if (lastCsrf == null) {
            get("/login");
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", lastCsrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * An app's calls instead of a browser's: {@link #request} sends {@code Authorization: Bearer token} (no login, no
     * cookie of a session), so that a test written for a session's FHIR calls runs them with an OAuth access token.
     */
    public static WebSession withToken(int port, String token) {
        WebSession s = new WebSession(port);
        s.bearer = token;
        return s;
    }

    /**
     * Any request with this session's cookies, or its bearer token ({@link #withToken}) (an API call: FHIR reads, writes,
     * bulk export with its {@code Prefer} header); {@code body} null sends none.
     */
    public HttpResponse<String> request(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    /** Logs in through the login form; returns the response to the POST (a redirect). */
    public HttpResponse<String> login(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    /** Logs in with the demo password and fails the test if it does not work. */
    public WebSession loggedInAs(String username) {
        HttpResponse<String> r = login(username, "demo");
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("/login")) {
            throw new AssertionError("Login of " + username + " failed: " + r.statusCode() + " " + location);
        }
        get("/accueil"); // the CSRF token changes at login: take the new one from a page
        return this;
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                lastCsrf = m.group(1) != null ? m.group(1) : m.group(2);
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
