package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sober pages (RGESN: page weight), strict security headers, long-lived static assets, and a layout
 * that holds at 200 % zoom (RGAA 10.11: no horizontal scroll at 320 CSS px wide content).
 */
@HygieIntegrationTest
class PageWeightAndLayoutTest {

    static final long MAX_PAGE_BYTES = 150 * 1024;
    static final List<String> PUBLIC_PAGES = List.of("/", "/login", "/aide", "/droits", "/droits/facile");

    @LocalServerPort
    int port;

    @Test
    void everyMainPageWeighsLessThan150KilobytesOnFirstVisit() throws IOException {
        Map<String, Long> weights = new LinkedHashMap<>();
        for (String path : PUBLIC_PAGES) {
            try (BrowserSession browser = BrowserSession.open(port)) {
                weights.put(path, weigh(browser, path));
            }
        }
        for (String login : List.of("patient", "aidant", "medecin")) {
            try (BrowserSession browser = BrowserSession.open(port)) {
                browser.loggedInAs(login);
                weights.put("/accueil (" + login + ")", weigh(browser, "/accueil"));
                weights.put("/agir-pour (" + login + ")", weigh(browser, "/agir-pour"));
            }
        }
        StringBuilder report = new StringBuilder("page\tbytes transferred (HTML+CSS+JS+images, first visit)\n");
        weights.forEach((p, w) -> report.append(p).append('\t').append(w).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "page-weights.tsv"), report);
        assertThat(weights).allSatisfy((p, w) -> assertThat(w).as(p).isPositive().isLessThan(MAX_PAGE_BYTES));
    }

    /** Bytes on the wire (headers + body) of every request the page made, with an empty cache for static files. */
    private static long weigh(BrowserSession browser, String path) {
        AtomicLong total = new AtomicLong();
        List<String> seen = new ArrayList<>();
        java.util.function.Consumer<Request> onFinished = r -> {
            com.microsoft.playwright.options.Sizes s = r.sizes();
            total.addAndGet(Math.max(0, s.responseBodySize) + Math.max(0, s.responseHeadersSize));
            seen.add(r.url());
        };
        Page page = browser.page();
        // First visit: nothing in the browser cache (the login page already fetched the stylesheet).
        browser.context().newCDPSession(page).send("Network.clearBrowserCache");
        page.onRequestFinished(onFinished);
        page.navigate(browser.base() + path);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.offRequestFinished(onFinished);
        assertThat(seen).as(path).isNotEmpty();
        return total.get();
    }

    @Test
    void mainPagesNeedNoHorizontalScrollAt200PercentZoom() {
        // 200 % zoom of a 1280 px wide screen = 640 CSS px, rendered with 2 device pixels per CSS pixel.
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setViewportSize(640, 800).setDeviceScaleFactor(2))) {
            browser.loggedInAs("aidant");
            List<String> pages = new ArrayList<>(PUBLIC_PAGES);
            pages.add("/accueil");
            pages.add("/agir-pour");
            for (String path : pages) {
                Page page = browser.go(path);
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("horizontal overflow of " + path).isLessThanOrEqualTo(0);
            }
            browser.screenshot("zoom-200-agir-pour");
        }
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setViewportSize(320, 640))) {
            for (String path : PUBLIC_PAGES) {
                Page page = browser.go(path);
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("overflow of " + path + " at 320 px").isLessThanOrEqualTo(0);
            }
            browser.go("/");
            browser.screenshot("width-320-home");
        }
    }

    @Test
    void pagesForbidInlineScriptAndStyleAndStaticAssetsAreCachedLong() {
        WebSession web = new WebSession(port);
        HttpResponse<String> home = web.get("/");
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        for (String asset : List.of("/css/hygie.css", "/img/hygie.svg")) {
            HttpResponse<String> r = web.get(asset);
            assertThat(r.statusCode()).as(asset).isEqualTo(200);
            String cache = r.headers().firstValue("Cache-Control").orElse("");
            assertThat(cache).as("Cache-Control of " + asset).contains("max-age=604800").doesNotContain("no-store", "no-cache");
        }
    }
}
