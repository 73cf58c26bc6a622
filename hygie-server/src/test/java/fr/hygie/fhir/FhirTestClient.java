package fr.hygie.fhir;

import fr.hygie.support.AppClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An app talking to Hygie over real HTTP: it obtains tokens through the real authorization code + PKCE
 * flow (login form of the demo account, consent screen), then calls the FHIR API with them.
 */
final class FhirTestClient {

    static final String CLIENT_ID = "hygie-demo-app";

    record Tokens(String access, String refresh, String scope, String patient) {
    }

    private final String base;
    private final AppClient app;

    FhirTestClient(int port) {
        this.base = "http://localhost:" + port;
        this.app = new AppClient(port, CLIENT_ID);
    }

    /** The whole authorization code + PKCE flow as a browser and an app would run it. */
    Tokens login(String username, String scopes) {
        return tokens(app.connect(username, scopes));
    }

    Tokens refresh(String refreshToken) {
        HttpResponse<String> r = app.refresh(refreshToken);
        if (r.statusCode() != 200) {
            throw new AssertionError("token endpoint: " + r.statusCode() + " " + r.body());
        }
        return tokens(AppClient.tokens(r.body()));
    }

    private static Tokens tokens(AppClient.Tokens t) {
        return new Tokens(t.access(), t.refresh(), t.scope(), t.patient());
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
        return AppClient.send(HttpClient.newHttpClient(), b.build());
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
        return AppClient.send(HttpClient.newHttpClient(), b.build());
    }

    HttpResponse<String> get(String path, String token) {
        return fhir("GET", path, token, null);
    }
}
