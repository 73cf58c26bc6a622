package fr.hygie.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class LoginTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    fr.hygie.support.Cast cast;

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameGenericMessage() {
        WebSession web = new WebSession(port);
        HttpResponse<String> wrongPassword = web.follow(web.login("medecin2", "not-the-password"));
        HttpResponse<String> unknown = web.follow(web.login("nobody-" + System.nanoTime(), "demo"));
        assertThat(wrongPassword.body()).contains("Identifiant ou mot de passe incorrect.");
        assertThat(unknown.body()).contains("Identifiant ou mot de passe incorrect.");
        assertThat(wrongPassword.body()).doesNotContain("n'existe pas", "inconnu");
    }

    @Test
    void fiveFailuresLockTheLoginEvenForTheRightPasswordAndEvenIfItDoesNotExist() {
        // A login of its own: locking a demo account would lock it for every other test of the shared server.
        for (String login : new String[] {cast.newPatient(), "ghost-" + System.nanoTime()}) {
            WebSession web = new WebSession(port);
            for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_LOGIN; i++) {
                web.login(login, "wrong-" + i);
            }
            HttpResponse<String> locked = web.login(login, "demo");
            assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?bloque");
            assertThat(web.follow(locked).body()).contains("Trop de tentatives");
        }
    }

    @Test
    void theSessionIdChangesAtLoginAndTheCookieIsHttpOnlyAndSameSite() {
        WebSession web = new WebSession(port);
        HttpResponse<String> page = web.get("/login");
        String before = web.cookie("JSESSIONID").orElseThrow().getValue();
        HttpResponse<String> login = web.login("infirmier", "demo");
        String after = web.cookie("JSESSIONID").orElseThrow().getValue();
        assertThat(after).isNotEqualTo(before);
        String setCookie = String.join(";", login.headers().allValues("Set-Cookie"));
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void pagesCarryStrictSecurityHeaders() {
        HttpResponse<String> home = new WebSession(port).get("/");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void aLoginWithoutCsrfTokenIsRefused() {
        WebSession web = new WebSession(port);
        web.get("/login");
        HttpResponse<String> r = web.postForm("/login", java.util.Map.of("username", "medecin", "password", "demo", "_csrf", "forged"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void privatePagesRedirectToLogin() {
        HttpResponse<String> r = new WebSession(port).get("/accueil");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
