package fr.hygie.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import fr.hygie.support.BrowserSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Visits every same-origin page reachable by GET links from a start page, in a real browser: only
 * {@code <a href>} inside {@code <main>} and {@code <nav>}, never logout, never links marked
 * {@code rel="nofollow"} or {@code data-no-crawl} (on the link or an ancestor), never downloads;
 * fragments dropped, and the {@code lang} parameter dropped (it only changes the language, and would
 * switch the session's language mid-crawl). Bounded, so a page that links to endless pages cannot hang
 * the suite. Pages other engineers add are covered as soon as a menu or a page links to them.
 */
final class SiteCrawler {

    static final int MAX_PAGES = 60;
    private static final Pattern INLINE_STYLE = Pattern.compile("<[^>]+\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    /**
     * Sober pages (RGESN): the HTML of every crawled page plus every static file the site has (an upper bound of what
     * a first visit loads besides it) and 1 KB of headers per request stays under 150 KB.
     */
    static final long MAX_PAGE_BYTES = 150 * 1024;
    private static final long STATIC_BYTES = staticBytes();
    /** Link to a person ("Parler à une personne", RGAA 12 and the human guarantee): in the layout of every page. */
    private static final Pattern HUMAN_CONTACT = Pattern.compile("<a\\s[^>]*class=\"human-contact\"[^>]*>");

    private static final String LINKS = """
            () => Array.from(document.querySelectorAll('main a[href], nav a[href]'))
              .filter(a => !a.closest('[data-no-crawl]'))
              .filter(a => !(a.getAttribute('rel') || '').split(/\\s+/).includes('nofollow'))
              .filter(a => !a.hasAttribute('download'))
              .map(a => a.href)""";

    /** One visited page. */
    record Visit(String path, int status, String contentType) {
    }

    /** What a test checks on each HTML page answering 200: its path, the page in the browser, the HTML received. */
    @FunctionalInterface
    interface PageCheck {
        void check(String path, Page page, String html);
    }

    private final BrowserSession browser;

    SiteCrawler(BrowserSession browser) {
        this.browser = browser;
    }

    /**
     * Crawls from {@code start}; for each HTML page answering 200, {@code check} is called with the
     * path, the page and its HTML (axe, screenshots…). Fails on a status other than 200, on inline script/style, on
     * a missing security header, on a page without the link to a person, or on a page over the weight budget.
     */
    List<Visit> crawl(String start, PageCheck check) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(List.of(start));
        List<Visit> visits = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Page page = browser.page();
        while (!queue.isEmpty() && visits.size() < MAX_PAGES) {
            String path = queue.poll();
            Response r = page.navigate(browser.base() + path);
            int status = r == null ? 0 : r.status();
            String type = r == null ? "" : r.headerValue("content-type") == null ? "" : r.headerValue("content-type");
            visits.add(new Visit(path, status, type));
            if (status != 200) {
                failures.add("GET " + path + " answered " + status + " (landed on " + page.url() + ")");
                continue;
            }
            if (!type.startsWith("text/html")) {
                continue;
            }
            String html = r.text();
            if (INLINE_STYLE.matcher(html).find() || INLINE_SCRIPT.matcher(html).find() || EVENT_HANDLER.matcher(html).find()) {
                failures.add(path + ": inline style, inline script or event handler attribute (the CSP forbids them)");
            }
            failures.addAll(headerProblems(path, r));
            java.util.regex.Matcher contact = HUMAN_CONTACT.matcher(html);
            if (!contact.find() || !contact.group().contains("href=\"/contact")) {
                failures.add(path + ": no « Parler à une personne » link to /contact");
            }
            long weight = html.getBytes(StandardCharsets.UTF_8).length + STATIC_BYTES + 5 * 1024;
            if (weight >= MAX_PAGE_BYTES) {
                failures.add(path + ": " + weight + " bytes at most on a first visit, over the 150 KB budget");
            }
            try {
                check.check(path, page, html);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) page.evaluate(LINKS);
            for (String href : hrefs) {
                String next = normalise(href);
                if (next != null && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Crawl from " + start + " found problems:\n" + String.join("\n", failures));
        }
        return visits;
    }

    /**
     * The security headers every page carries (the CSP without inline script or style nor another origin, no MIME
     * sniffing, no framing, no referrer to other sites).
     */
    static List<String> headerProblems(String path, Response r) {
        List<String> problems = new ArrayList<>();
        String csp = r.headerValue("content-security-policy");
        if (csp == null || !csp.contains("default-src 'self'") || !csp.contains("frame-ancestors 'none'")
                || csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("http:") || csp.contains("https:")) {
            problems.add(path + ": Content-Security-Policy missing or too loose: " + csp);
        }
        if (!"nosniff".equals(r.headerValue("x-content-type-options"))) {
            problems.add(path + ": X-Content-Type-Options is not nosniff");
        }
        if (!"DENY".equals(r.headerValue("x-frame-options"))) {
            problems.add(path + ": X-Frame-Options is not DENY");
        }
        if (!"same-origin".equals(r.headerValue("referrer-policy"))) {
            problems.add(path + ": Referrer-Policy is not same-origin");
        }
        return problems;
    }

    /** Bytes of every file the site serves from {@code static/} (stylesheets, images). */
    private static long staticBytes() {
        Path dir = Path.of("target", "classes", "static");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("static files not found under " + dir.toAbsolutePath(), e);
        }
    }

    /** Same-origin path and query without fragment and {@code lang}; null for what must not be visited. */
    String normalise(String href) {
        if (!browser.isOwnOrigin(href) || !href.startsWith("http")) {
            return null;
        }
        URI u = URI.create(href);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (path.equals("/logout") || path.startsWith("/logout/")) {
            return null;
        }
        String query = u.getRawQuery() == null ? "" : Arrays.stream(u.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
