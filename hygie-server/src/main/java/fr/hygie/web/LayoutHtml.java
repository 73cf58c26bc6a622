package fr.hygie.web;

import fr.hygie.platform.web.Html;
import fr.hygie.identity.HygieUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * The constant runs of the layout every page goes through ({@code templates/fragments/layout.html}), written once per
 * language instead of by Thymeleaf expression by expression on every page (issue 13, docs/benchmarks.md « Session 10
 * — layout »): after session 9 the layout's ~35 expressions (messages, links, conditions) were most of what Thymeleaf
 * still did on a record page. The template keeps the request-dependent parts (the acting-for banner, the user's name,
 * the logout form whose {@code th:action} adds the CSRF field) and inserts these runs with {@code th:utext}.
 *
 * <p>The markup, whitespace included, is what the former template wrote (kept in the template as a parser comment, so
 * it is not sent): the same message keys in the request's language, every text escaped by {@link Html#escape(String)}
 * as {@code th:text} escapes it. The message bundles do not change while the server runs, so a run is rendered once
 * per language and per state (signed in or not, allowed to act for someone or not); only the language link's current
 * path is added per request. {@code LayoutHtmlTest} renders the former markup with Thymeleaf and compares.
 */
@Component("layoutHtml")
public class LayoutHtml {

    private final WebMessages texts;
    /** Spring's hook that adds hidden fields to forms (Spring Security's CSRF token), as Thymeleaf's {@code th:action} uses it. */
    private final ObjectProvider<RequestDataValueProcessor> dataValues;
    /** {@link #dataValues}' bean once looked up (the lookup is not free; the bean never changes). */
    private volatile RequestDataValueProcessor dataValueProcessor;
    /** Runs by name, state and language; only French and English are kept (a hostile cookie may name any language). */
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    LayoutHtml(WebMessages texts, ObjectProvider<RequestDataValueProcessor> dataValues) {
        this.texts = texts;
        this.dataValues = dataValues;
    }

    /**
     * The main menu's entries before the logout form: « Se connecter » or « Mon accueil », « Agir pour un proche » when
     * {@code mayActForOthers}, « Parler à une personne », and the link to {@code currentPath} in the other language.
     * An entry the user does not get leaves its line's indentation, as the former {@code th:if} did.
     */
    public String menu(boolean signedIn, Boolean mayActForOthers, String currentPath) {
        boolean actFor = Boolean.TRUE.equals(mayActForOthers);
        String head = run("menu" + (signedIn ? 'u' : '-') + (actFor ? 'a' : '-'), () -> menuHead(signedIn, actFor));
        String code = run("code", () -> texts.get("layout.language.code"));
        String tail = run("langTail", this::languageTail);
        // As @{${currentPath}(lang=…)}: the path as given (a path of this server, see PageModel), then the parameter.
        String href = (currentPath == null ? "" : currentPath) + "?lang=" + code;
        return head + Html.escape(href) + tail;
    }

    /**
     * The skip link and the whole {@code <header>}: the acting-for banner when {@code actingFor} is someone, the brand,
     * the main menu ({@link #menu}) with the logout form when signed in, and who is signed in. The two forms (logout,
     * back to one's own space) carry the hidden fields of Spring's {@link RequestDataValueProcessor} — Spring
     * Security's CSRF token of this request, masked per request as {@code th:action} wrote it — so only the texts are
     * kept, never a token (issue 13, docs/benchmarks.md « Session 11 — rendering »).
     */
    public String header(HygieUser user, Boolean mayActForOthers, String currentPath, ActingFor.Represented actingFor) {
        boolean signedIn = user != null;
        StringBuilder html = new StringBuilder(2048);
        html.append(run("headerStart", this::headerStart));
        if (actingFor != null) {
            html.append("<div class=\"banner-acting\" role=\"status\">\n    <div class=\"wrap\">\n      ");
            form(html, "/agir-pour/moi");
            html.append("\n        <span>").append(Html.escape(texts.get("layout.acting.banner", actingFor.displayName())))
                    .append("</span> —\n        <button type=\"submit\" class=\"link-button\">")
                    .append(run("actingBack", () -> text("layout.acting.back")))
                    .append("</button>\n      </form>\n    </div>\n  </div>");
        }
        html.append(run("navStart", this::navStart)).append(menu(signedIn, mayActForOthers, currentPath)).append("\n        ");
        if (signedIn) {
            html.append("<li>\n          ");
            form(html, "/logout");
            html.append(run("logout", () -> "\n            <button type=\"submit\" class=\"link-button\">" + text("layout.nav.logout")
                    + "</button>\n          </form>\n        </li>"));
        }
        html.append("\n      </ul>\n    </nav>\n  </div>\n  ");
        if (signedIn) {
            html.append(run("who", () -> "<p class=\"wrap who\"><span>" + text("layout.who") + "</span> <strong>"))
                    .append(Html.escape(user.displayName())).append("</strong></p>");
        }
        return html.append("\n</header>").toString();
    }

    /**
     * A form posting to {@code action}, as {@code <form th:action="@{…}" action="…" method="post" class="inline-form">}
     * wrote it: the action as given (Hygie is served at the root, {@code encodeURL} is the identity), then the
     * {@link RequestDataValueProcessor}'s hidden fields (Spring Security's CSRF token) right after the opening tag.
     */
    private void form(StringBuilder html, String action) {
        html.append("<form action=\"");
        HttpServletRequest request = request();
        RequestDataValueProcessor processor = request == null ? null : dataValueProcessor();
        html.append(Html.escape(processor == null ? action : processor.processAction(request, action, "post")))
                .append("\" method=\"post\" class=\"inline-form\">");
        Map<String, String> hidden = processor == null ? null : processor.getExtraHiddenFields(request);
        if (hidden != null) {
            for (Map.Entry<String, String> field : hidden.entrySet()) {
                html.append("<input type=\"hidden\" name=\"").append(Html.escape(field.getKey())).append("\" value=\"")
                        .append(Html.escape(field.getValue())).append("\"/>");
            }
        }
    }

    private RequestDataValueProcessor dataValueProcessor() {
        RequestDataValueProcessor processor = dataValueProcessor;
        if (processor == null) {
            processor = dataValues.getIfAvailable();
            dataValueProcessor = processor;
        }
        return processor;
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private String headerStart() {
        return "<a class=\"skip-link\" href=\"#contenu\">" + text("layout.skip") + "</a>\n<header class=\"site-header\">\n  ";
    }

    private String navStart() {
        return "\n  <div class=\"wrap header-row\">\n    <a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">H</span>"
                + " Hygie <span class=\"brand-sub\">" + text("layout.brand.sub") + "</span></a>\n    <nav aria-label=\""
                + text("layout.nav.label") + "\">\n      <ul class=\"nav-list\">\n        ";
    }

    /** The footer's content: its text and the links to help, rights and the site map. */
    public String footer() {
        return run("footer", this::footerContent);
    }

    private String menuHead(boolean signedIn, boolean actFor) {
        StringBuilder html = new StringBuilder(256);
        if (!signedIn) {
            html.append("<li><a href=\"/login\">").append(text("layout.nav.login")).append("</a></li>");
        }
        html.append("\n        ");
        if (signedIn) {
            html.append("<li><a href=\"/accueil\">").append(text("layout.nav.dashboard")).append("</a></li>");
        }
        html.append("\n        ");
        if (actFor) {
            html.append("<li><a href=\"/agir-pour\">").append(text("layout.nav.actingFor")).append("</a></li>");
        }
        return html.append("\n        <li><a class=\"human-contact\" href=\"/contact\">").append(text("layout.nav.human"))
                .append("</a></li>\n        <li><a href=\"").toString();
    }

    private String languageTail() {
        String code = text("layout.language.code");
        return "\" lang=\"" + code + "\"\n               hreflang=\"" + code + "\" title=\"" + text("layout.language.hint")
                + "\">" + text("layout.language.link") + "</a></li>";
    }

    private String footerContent() {
        return "\n  <div class=\"wrap\">\n    <p>" + text("layout.footer.text") + "</p>\n    <nav aria-label=\""
                + text("layout.footer.nav") + "\">\n      <ul class=\"nav-list\">\n        <li><a href=\"/aide\">"
                + text("layout.footer.help") + "</a></li>\n        <li><a href=\"/droits\">" + text("layout.footer.rights")
                + "</a></li>\n        <li><a href=\"/plan-du-site\">" + text("layout.footer.sitemap")
                + "</a></li>\n      </ul>\n    </nav>\n  </div>\n";
    }

    /** A message of the request's language, escaped as {@code th:text} escapes it. */
    private String text(String key) {
        return Html.escape(texts.get(key));
    }

    /** {@code name}'s run in the request's language: kept for French and English, rendered each time otherwise. */
    private String run(String name, java.util.function.Supplier<String> render) {
        Locale locale = texts.locale();
        if (!Locale.FRENCH.equals(locale) && !Locale.ENGLISH.equals(locale)) {
            return render.get();
        }
        return rendered.computeIfAbsent(locale.getLanguage() + '\n' + name, k -> render.get());
    }
}
