package fr.hygie.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real browser on the test server: one headless Chromium (the machine's {@code /usr/bin/chromium},
 * never a downloaded one) for the whole test JVM, and a fresh context (cookies, cache) per session.
 * Records every request so that a test can prove the page talks to no other origin (sovereignty:
 * no third-party request from the browser), and every Content-Security-Policy violation.
 *
 * <pre>
 * try (BrowserSession b = BrowserSession.open(port).loggedInAs("patient")) {
 *     Page page = b.go("/accueil");
 *     b.assertNoAxeViolations(page);
 * }
 * </pre>
 */
public final class BrowserSession implements AutoCloseable {

    /** Chromium from the Debian package; override with {@code -Dhygie.chromium=/path}. */
    static final String CHROMIUM = System.getProperty("hygie.chromium", "/usr/bin/chromium");
    /** WCAG 2.0 and 2.1, levels A and AA: what RGAA 4.1 builds on. */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** One Playwright and one Chromium per JVM, closed when the JVM stops. */
    private static final class Shared {
        static final Playwright PLAYWRIGHT = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        static final Browser BROWSER = PLAYWRIGHT.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        static final String AXE = readAxe();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                BROWSER.close();
                PLAYWRIGHT.close();
            }, "close-chromium"));
        }
    }

    private final String base;
    private final BrowserContext context;
    private final Page page;
    private final List<String> foreignRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cspViolations = Collections.synchronizedList(new ArrayList<>());

    private BrowserSession(int port, Browser.NewContextOptions options) {
        this.base = "http://localhost:" + port;
        this.context = Shared.BROWSER.newContext(options.setBaseURL(base));
        this.context.onRequest(request -> {
            String url = request.url();
            if (!isOwnOrigin(url)) {
                foreignRequests.add(request.method() + " " + url);
            }
        });
        this.page = context.newPage();
        this.page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                cspViolations.add(page.url() + ": " + m.text());
            }
        });
    }

    /** A new browser context (no cookies, empty cache) on the server at {@code port}. */
    public static BrowserSession open(int port) {
        return open(port, o -> { });
    }

    /** Same, with context options (viewport, JavaScript off, device scale…). */
    public static BrowserSession open(int port, Consumer<Browser.NewContextOptions> options) {
        Browser.NewContextOptions o = new Browser.NewContextOptions().setLocale("fr-FR");
        options.accept(o);
        return new BrowserSession(port, o);
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    public String base() {
        return base;
    }

    /** Navigates to a path of the server and fails unless it answers 200. */
    public Page go(String path) {
        Response r = page.navigate(base + path);
        if (r == null || r.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + (r == null ? "nothing" : r.status()) + " at " + page.url());
        }
        return page;
    }

    /** Logs in through the form (password {@code demo}), as a person would, and fails if it does not work. */
    public BrowserSession loggedInAs(String login) {
        go("/login");
        page.fill("#username", login);
        page.fill("#password", "demo");
        page.click("form.form button[type=submit]");
        page.waitForLoadState();
        if (!page.url().endsWith("/accueil")) {
            throw new AssertionError("Login of " + login + " failed: landed on " + page.url());
        }
        return this;
    }

    /**
     * Runs axe-core (vendored 4.14.1) on the page with the WCAG 2.0/2.1 A and AA rules and fails with a
     * readable list of the violations. The script is evaluated through the DevTools protocol, which the
     * page's CSP does not apply to: the page itself never allows inline script.
     */
    public void assertNoAxeViolations(Page target) {
        if (!Boolean.TRUE.equals(target.evaluate("() => typeof window.axe === 'object'"))) {
            target.evaluate("() => { " + Shared.AXE + "\n }");
            target.evaluate("() => { if (typeof axe === 'object') { window.axe = axe; } }");
        }
        Object result = target.evaluate("""
                async (tags) => {
                  const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                  return r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }));
                }""", AXE_TAGS);
        List<?> violations = (List<?>) result;
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder("Accessibility violations (axe-core, WCAG 2.1 A/AA) on ")
                    .append(target.url()).append(":\n");
            for (Object o : violations) {
                Map<?, ?> v = (Map<?, ?>) o;
                sb.append(" - [").append(v.get("impact")).append("] ").append(v.get("id")).append(": ")
                        .append(v.get("help")).append(" (").append(v.get("helpUrl")).append(")\n");
                for (Object n : (List<?>) v.get("nodes")) {
                    sb.append("     at ").append(n).append('\n');
                }
            }
            throw new AssertionError(sb.toString());
        }
    }

    /** Fails if the browser sent any request to an origin other than the server's. */
    public void assertNoThirdPartyRequests() {
        synchronized (foreignRequests) {
            if (!foreignRequests.isEmpty()) {
                throw new AssertionError("Requests to other origins than " + base + ":\n - " + String.join("\n - ", foreignRequests));
            }
        }
    }

    /** Fails if the browser reported a Content-Security-Policy violation (inline script or style…). */
    public void assertNoCspViolations() {
        synchronized (cspViolations) {
            if (!cspViolations.isEmpty()) {
                throw new AssertionError("CSP violations:\n - " + String.join("\n - ", cspViolations));
            }
        }
    }

    /** A full-page PNG under {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Path file = Paths.get("target", "screenshots", name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** True for the server's own origin and for URLs that leave the browser for nowhere (data:, blob:, about:). */
    public boolean isOwnOrigin(String url) {
        if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) {
            return true;
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        URI b = URI.create(base);
        return b.getScheme().equals(u.getScheme()) && b.getHost().equals(u.getHost()) && b.getPort() == effectivePort(u);
    }

    private static int effectivePort(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equals(u.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        context.close();
    }

    private static String readAxe() {
        try (InputStream in = BrowserSession.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
