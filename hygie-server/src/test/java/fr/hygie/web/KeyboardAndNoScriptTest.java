package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Keyboard-only use (RGAA theme 12: navigation) and use without JavaScript. */
@HygieIntegrationTest
class KeyboardAndNoScriptTest {

    @LocalServerPort
    int port;

    @Test
    void aKeyboardUserSkipsToContentLogsInAndReachesAPage() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            Page page = browser.go("/");
            page.keyboard().press("Tab");
            assertThat(active(page, "el.className")).isEqualTo("skip-link");
            assertThat(active(page, "el.textContent.trim()")).isEqualTo("Aller au contenu");
            // The focused skip link is visible (on screen) and has a visible focus outline (RGAA 10.7).
            assertThat(active(page, "String(el.getBoundingClientRect().left >= 0)")).isEqualTo("true");
            assertThat(active(page, "getComputedStyle(el).outlineStyle")).isEqualTo("solid");

            page.keyboard().press("Enter");
            assertThat(page.url()).endsWith("#contenu");
            assertThat(active(page, "el.id")).isEqualTo("contenu");

            // From the content, the next Tab stops inside the main content: the "Se connecter" button.
            page.keyboard().press("Tab");
            assertThat(active(page, "el.closest('main') ? 'main' : 'outside'")).isEqualTo("main");
            tabTo(page, "el.getAttribute('href') === '/login'");
            page.keyboard().press("Enter");
            page.waitForURL("**/login");

            tabTo(page, "el.id === 'username'");
            page.keyboard().type("patient");
            page.keyboard().press("Tab");
            assertThat(active(page, "el.id")).isEqualTo("password");
            page.keyboard().type("demo");
            page.keyboard().press("Enter");
            page.waitForURL("**/accueil");
            assertThat(page.textContent("h1")).contains("Marie Durand");

            tabTo(page, "el.getAttribute('href') === '/droits' ");
            page.keyboard().press("Enter");
            page.waitForURL("**/droits");
            tabTo(page, "el.getAttribute('href') === '/droits/facile'");
            page.keyboard().press("Enter");
            page.waitForURL("**/droits/facile");
            assertThat(page.textContent("h1")).isEqualTo("Vos droits sur vos informations de santé");
            browser.screenshot("keyboard-droits-facile");
            browser.assertNoThirdPartyRequests();
        }
    }

    @Test
    void loginWorksWithJavaScriptTurnedOff() {
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setJavaScriptEnabled(false))) {
            Page page = browser.go("/login");
            browser.screenshot("login-no-javascript");
            page.fill("#username", "medecin");
            page.fill("#password", "demo");
            page.press("#password", "Enter");
            page.waitForURL("**/accueil");
            assertThat(page.textContent("h1")).contains("Paul Leroy");
            browser.go("/aide");
            assertThat(page.textContent("h1")).isEqualTo("Parler à une personne");
        }
    }

    @Test
    void aWrongPasswordIsAnnouncedWithoutJavaScript() {
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setJavaScriptEnabled(false))) {
            Page page = browser.go("/login");
            page.fill("#username", "personne-inconnue");
            page.fill("#password", "faux");
            page.press("#password", "Enter");
            page.waitForURL("**/login?erreur");
            assertThat(page.textContent("[role=alert]")).contains("Identifiant ou mot de passe incorrect");
        }
    }

    /** Evaluates {@code expr} on the focused element ({@code el}). */
    private static String active(Page page, String expr) {
        return String.valueOf(page.evaluate("() => { const el = document.activeElement; return " + expr + "; }"));
    }

    /** Presses Tab until the focused element matches, at most 40 times, as a keyboard user would. */
    private static void tabTo(Page page, String condition) {
        for (int i = 0; i < 40; i++) {
            if ("true".equals(active(page, "Boolean(el && (" + condition + "))"))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached an element where " + condition + " on " + page.url());
    }
}
