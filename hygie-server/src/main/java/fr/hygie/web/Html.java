package fr.hygie.web;

import org.unbescape.html.HtmlEscape;

/**
 * The one HTML escape of the web module's pre-rendered HTML (the parts that templates insert with {@code th:utext}:
 * record rows, search cards and options, document types, the layout's constant runs; and the territory's SVG charts).
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
