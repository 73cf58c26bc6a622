package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page each demo account (and an anonymous visitor) can reach by following links: answers 200,
 * has zero axe-core WCAG 2.1 A/AA violations, sends no request to another origin, breaks no CSP rule.
 * Screenshots of the main pages land in {@code target/screenshots/}.
 */
@HygieIntegrationTest
class BrowserCrawlTest {

    private static final List<String> MAIN_PAGES = List.of("/", "/login", "/accueil", "/aide", "/droits", "/droits/facile", "/agir-pour");

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"patient", "patient2", "mineur", "medecin", "medecin2", "pharmacien", "infirmier", "dentiste",
            "kine", "aidant", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin", "ars"})
    void everyPageAnAccountReachesIsAccessibleAndSelfHosted(String login) {
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(login)) {
            List<SiteCrawler.Visit> visits = new SiteCrawler(browser).crawl("/accueil", (path, page) -> {
                browser.assertNoAxeViolations(page);
                if (path.equals("/accueil")) {
                    browser.screenshot("dashboard-" + login);
                }
            });
            assertThat(visits).extracting(SiteCrawler.Visit::path).contains("/accueil", "/aide", "/droits");
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
        }
    }

    @Test
    void everyPublicPageIsAccessibleAndSelfHosted() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            List<SiteCrawler.Visit> visits = new SiteCrawler(browser).crawl("/", (path, page) -> {
                browser.assertNoAxeViolations(page);
                if (MAIN_PAGES.contains(path)) {
                    browser.screenshot("public" + (path.equals("/") ? "-home" : path.replace('/', '-')));
                }
            });
            assertThat(visits).extracting(SiteCrawler.Visit::path).contains("/", "/login", "/aide", "/droits", "/droits/facile");
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
        }
    }

    /**
     * The same crawl in English for accounts that, together, reach every family of pages. All 17 accounts were
     * measured (2026-11-29, 2 shared cores): the nine others add 191 s to this class, over the 90 s budget; the
     * plain-HTTP crawl of {@code LanguageTest} reads every page of all 17 accounts in English instead.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"patient", "medecin", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin"})
    void everyPageIsAccessibleInEnglishToo(String login) {
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(login)) {
            browser.go("/accueil?lang=en");
            List<SiteCrawler.Visit> visits = new SiteCrawler(browser).crawl("/accueil", (path, page) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                browser.assertNoAxeViolations(page);
                if (path.equals("/accueil")) {
                    browser.screenshot("dashboard-en-" + login);
                }
            });
            assertThat(visits).extracting(SiteCrawler.Visit::path).contains("/accueil", "/aide", "/droits");
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
        }
    }

    @Test
    void everyPublicPageIsAccessibleInEnglishToo() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            browser.go("/?lang=en");
            new SiteCrawler(browser).crawl("/", (path, page) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                browser.assertNoAxeViolations(page);
                if (MAIN_PAGES.contains(path)) {
                    browser.screenshot("public-en" + (path.equals("/") ? "-home" : path.replace('/', '-')));
                }
            });
            browser.assertNoThirdPartyRequests();
        }
    }

    @Test
    void theChecksThemselvesCatchAViolationAndAForeignRequest() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            var page = browser.go("/aide");
            page.evaluate("() => { const i = document.createElement('img'); i.src = '/img/hygie.svg'; document.querySelector('main').append(i); }");
            assertThatThrownBy(() -> browser.assertNoAxeViolations(page)).hasMessageContaining("image-alt");
            // 127.0.0.1 is another origin than localhost for the browser: no internet needed to prove the recorder works.
            page.navigate("http://127.0.0.1:" + port + "/aide");
            assertThatThrownBy(browser::assertNoThirdPartyRequests).hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void theCrawlerStaysOnSiteAndIgnoresLanguageSwitchesFragmentsAndLogout() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            SiteCrawler crawler = new SiteCrawler(browser);
            String base = browser.base();
            assertThat(crawler.normalise(base + "/aide?lang=en")).isEqualTo("/aide");
            assertThat(crawler.normalise(base + "/aide?page=2&lang=fr#haut")).isEqualTo("/aide?page=2");
            assertThat(crawler.normalise(base + "/logout")).isNull();
            assertThat(crawler.normalise("https://example.org/")).isNull();
            assertThat(crawler.normalise("mailto:someone@example.org")).isNull();
        }
    }
}
