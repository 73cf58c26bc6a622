package fr.hygie.platform.web;

import org.unbescape.html.HtmlEscape;

/**
 * The one HTML escape of Hygie's pre-rendered HTML: the web module's parts that templates insert with {@code th:utext}
 * (record tables and profile, search cards and options, document types, the layout's constant runs; the territory's
 * SVG charts) and the OAuth consent page ({@code platform.security.oauth.ConsentPage}, written without Thymeleaf). It
 * lives in the platform module, which every module may use, since the consent page is outside the web module
 * (session 11).
 * It is the function Thymeleaf itself applies to {@code th:text} and to attribute values in HTML mode,
 * {@link HtmlEscape#escapeHtml4Xml(String)}: the five characters markup gives a meaning to ({@code < > & " '}, the
 * apostrophe as {@code &#39;}) and nothing else (the pages are UTF-8: accents, non-breaking spaces and astral
 * characters stay as they are). So a page written with it is byte for byte the page {@code th:text} would write;
 * {@code LayoutHtmlTest} checks it against Thymeleaf on hostile strings. Spring's {@code HtmlUtils.htmlEscape(text,
 * "UTF-8")}, used before by some writers, gives the same bytes on these strings but throws on null, where
 * {@code th:text} prints nothing; the territory's former {@code Svg.esc} escaped the same five characters the same way.
 */
public final class Html {

    private Html() {
    }

    /** As {@code th:text} and {@code th:attr} write {@code text}: escaped, null prints nothing. */
    public static String escape(String text) {
        return text == null ? "" : HtmlEscape.escapeHtml4Xml(text);
    }
}
