package fr.hygie.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import fr.hygie.support.BrowserSession;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    private static final String LINKS = """
            () => Array.from(document.querySelectorAll('main a[href], nav a[href]'))
              .filter(a => !a.closest('[data-no-crawl]'))
              .filter(a => !(a.getAttribute('rel') || '').split(/\\s+/).includes('nofollow'))
              .filter(a => !a.hasAttribute('download'))
              .map(a => a.href)""";

    /** One visited page. */
    record Visit(String path, int status, String contentType) {
    }

    private final BrowserSession browser;

    SiteCrawler(BrowserSession browser) {
        this.browser = browser;
    }

    /**
     * Crawls from {@code start}; for each HTML page answering 200, {@code check} is called with the
     * path and the page (axe, screenshots…). Fails on a status other than 200 or on inline script/style.
     */
    List<Visit> crawl(String start, BiConsumer<String, Page> check) {
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
            try {
                check.accept(path, page);
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
