package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page each demo account (and an anonymous visitor) can reach by following links, in French and in English:
 * answers 200, has zero axe-core WCAG 2.1 A/AA violations, {@code <html lang>} of the language, sends no request to
 * another origin, breaks no CSP rule, carries the security headers and the link to a person, stays under the weight
 * budget. Screenshots of the main pages land in {@code target/screenshots/}, the time each crawl took in
 * {@code target/crawl-timings.tsv}.
 *
 * <p>Cost (the whole suite must stay under 30 minutes on 2 shared cores): one login per account, the English crawl
 * follows in the same browser context after the language link (its cookie), and axe does not run twice on the same
 * bytes. axe's result is a function of the page's HTML (the stylesheet is the same, no script changes the DOM): a
 * page is not checked again when its HTML, with the per-session CSRF token and the logged-in person's name in the
 * header blanked, equals one already found clean (the name itself is checked on the account's own dashboard, which
 * always differs from other accounts' pages).
 */
@HygieIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserCrawlTest {

    private static final Logger log = LoggerFactory.getLogger(BrowserCrawlTest.class);
    private static final List<String> MAIN_PAGES = List.of("/", "/login", "/accueil", "/aide", "/droits", "/droits/facile", "/agir-pour");
    private static final Pattern CSRF = Pattern.compile("(name=\"_csrf\"[^>]*value=\")[^\"]*\"|(value=\")[^\"]*(\"[^>]*name=\"_csrf\")");
    private static final Pattern WHO = Pattern.compile("(<p class=\"wrap who\">.*?<strong>)[^<]*(</strong>)", Pattern.DOTALL);

    @LocalServerPort
    int port;

    /** Hashes of pages found with zero violations, shared by the crawls of this class. */
    private final Set<String> cleanPages = ConcurrentHashMap.newKeySet();
    private final Map<String, String> timings = new ConcurrentSkipListMap<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"patient", "patient2", "mineur", "medecin", "medecin2", "pharmacien", "infirmier", "dentiste",
            "kine", "aidant", "accueil", "chercheur", "comite", "cnil", "conseiller", "admin", "ars"})
    void everyPageAnAccountReachesIsAccessibleAndSelfHostedInFrenchAndEnglish(String login) {
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs(login)) {
            Axe axe = new Axe(browser);
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                axe.check(page, html);
                if (path.equals("/accueil")) {
                    assertThat(browser.screenshot("dashboard-" + login)).isRegularFile();
                }
            });
            long frenchDone = System.nanoTime();
            browser.go("/accueil?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/accueil", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                axe.check(page, html);
                if (path.equals("/accueil")) {
                    assertThat(browser.screenshot("dashboard-en-" + login)).isRegularFile();
                }
            });
            assertThat(french).extracting(SiteCrawler.Visit::path).contains("/accueil", "/aide", "/droits");
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsExactlyInAnyOrderElementsOf(french.stream().map(SiteCrawler.Visit::path).toList());
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record(login, french.size(), english.size(), axe, began, frenchDone);
        }
    }

    @Test
    void everyPublicPageIsAccessibleAndSelfHostedInFrenchAndEnglish() {
        long began = System.nanoTime();
        try (BrowserSession browser = BrowserSession.open(port)) {
            Axe axe = new Axe(browser);
            List<SiteCrawler.Visit> french = new SiteCrawler(browser).crawl("/", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("fr");
                axe.check(page, html);
                if (MAIN_PAGES.contains(path)) {
                    assertThat(browser.screenshot("public" + (path.equals("/") ? "-home" : path.replace('/', '-')))).isRegularFile();
                }
            });
            long frenchDone = System.nanoTime();
            assertThat(french).extracting(SiteCrawler.Visit::path).contains("/", "/login", "/aide", "/droits", "/droits/facile");
            browser.go("/?lang=en");
            List<SiteCrawler.Visit> english = new SiteCrawler(browser).crawl("/", (path, page, html) -> {
                assertThat(page.getAttribute("html", "lang")).as(path).isEqualTo("en");
                axe.check(page, html);
                if (MAIN_PAGES.contains(path)) {
                    assertThat(browser.screenshot("public-en" + (path.equals("/") ? "-home" : path.replace('/', '-')))).isRegularFile();
                }
            });
            assertThat(english).extracting(SiteCrawler.Visit::path).as("the English crawl reaches the same pages")
                    .containsExactlyInAnyOrderElementsOf(french.stream().map(SiteCrawler.Visit::path).toList());
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
            record("(anonymous)", french.size(), english.size(), axe, began, frenchDone);
        }
    }

    @AfterAll
    void writeTimings() throws IOException {
        StringBuilder tsv = new StringBuilder("crawl\tpages fr\tpages en\taxe runs\taxe skipped (same bytes)\tseconds fr\tseconds en\n");
        timings.forEach((who, line) -> tsv.append(who).append('\t').append(line).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "crawl-timings.tsv"), tsv);
    }

    private void record(String who, int frenchPages, int englishPages, Axe axe, long began, long frenchDone) {
        long end = System.nanoTime();
        String line = frenchPages + "\t" + englishPages + "\t" + axe.runs + "\t" + axe.skipped + "\t"
                + String.format(Locale.ROOT, "%.1f\t%.1f", (frenchDone - began) / 1e9, (end - frenchDone) / 1e9);
        timings.put(who, line);
        log.info("Crawl of {}: {}", who, line.replace('\t', ' '));
    }

    /** axe-core on each page whose bytes were not already found clean. */
    private final class Axe {
        private final BrowserSession browser;
        int runs;
        int skipped;

        Axe(BrowserSession browser) {
            this.browser = browser;
        }

        void check(Page page, String html) {
            String key = fingerprint(html);
            if (cleanPages.contains(key)) {
                skipped++;
                return;
            }
            runs++;
            browser.assertNoAxeViolations(page);
            cleanPages.add(key);
        }
    }

    /** SHA-256 of the HTML with the CSRF token and the logged-in person's name blanked. */
    static String fingerprint(String html) {
        String blanked = CSRF.matcher(html).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) != null ? m.group(1) + "\"" : m.group(2) + "\"" + m.group(3)));
        blanked = WHO.matcher(blanked).replaceAll("$1$2");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blanked.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

    @Test
    void theFingerprintBlanksOnlyTheCsrfTokenAndTheLoggedInName() {
        String page = "<form><input type=\"hidden\" name=\"_csrf\" value=\"abc-123\"/></form>"
                + "<p class=\"wrap who\"><span>Connecté·e :</span> <strong>Marie Durand</strong></p><main>Texte</main>";
        assertThat(fingerprint(page)).isEqualTo(fingerprint(page.replace("abc-123", "zzz-999").replace("Marie Durand", "Jean Petit")))
                .isNotEqualTo(fingerprint(page.replace("Texte", "Text")))
                .isNotEqualTo(fingerprint(page.replace("hidden", "text")));
    }
}
