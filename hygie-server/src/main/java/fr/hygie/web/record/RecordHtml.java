package fr.hygie.web.record;

import fr.hygie.web.Html;
import java.util.List;

/**
 * The record's repeated markup — the documents table's rows and a profile section's list items — written once in Java
 * instead of by Thymeleaf element by element (issue 13, docs/benchmarks.md « Session 9 — rendering »): per line, the
 * template evaluated 5 to 8 expressions on 6 to 8 elements inside a {@code th:each}, most of a record page's rendering.
 *
 * <p>The markup, whitespace included, is exactly what {@code templates/record/fragments.html} produced with its former
 * {@code th:each} rows (shown there in a parser comment), so the pages are byte for byte the same. Every text and URL
 * is escaped with {@link Html#escape(String)} ({@code HtmlEscape.escapeHtml4Xml}), the function Thymeleaf applies to {@code th:text} and to
 * attribute values in HTML mode ({@code < > & " '}; accents stay as they are, the page is UTF-8): the template inserts
 * the result with {@code th:utext}, so nothing reaches the page unescaped. {@code RecordHtmlTest} renders the former
 * markup with Thymeleaf on hostile values and compares.
 */
final class RecordHtml {

    private RecordHtml() {
    }

    /**
     * The {@code <tbody>}'s content: one {@code <tr>} per document; {@code maskedTag} is the « masqué aux professionnels »
     * label in the page's language. Links are written as given (Hygie is served at the root: {@code @{…}} added
     * nothing to them).
     */
    static String documentRows(List<RecordLines.DocumentRow> rows, String maskedTag) {
        StringBuilder html = new StringBuilder(64 + rows.size() * 320);
        for (RecordLines.DocumentRow d : rows) {
            html.append("\n    <tr>\n      <td>").append(Html.escape(d.date()))
                    .append("</td>\n      <td>").append(Html.escape(d.type()))
                    .append("</td>\n      <td>\n        <a href=\"").append(Html.escape(d.href())).append("\">").append(Html.escape(d.title()))
                    .append("</a>\n        ");
            if (d.masked()) {
                html.append("<span class=\"tag\">").append(Html.escape(maskedTag)).append("</span>");
            }
            html.append("\n      </td>\n      <td>").append(Html.escape(d.author())).append("</td>\n    </tr>");
        }
        return html.append("\n    ").toString();
    }

    /** A section's {@code <ul>} content: one {@code <li>} per line, its value and unit, « saisi par » hint and note. */
    static String profileLines(List<RecordLines.Line> lines) {
        StringBuilder html = new StringBuilder(16 + lines.size() * 200);
        for (RecordLines.Line i : lines) {
            html.append("\n      <li>\n        <span>").append(Html.escape(i.display())).append("</span>\n        ");
            if (i.value() != null) {
                html.append("<span> : <span>").append(Html.escape(i.value())).append("</span> <span>").append(Html.escape(i.unit()))
                        .append("</span></span>");
            }
            html.append("\n        <span class=\"hint\">").append(Html.escape(i.hint())).append("</span>\n        ");
            if (i.note() != null) {
                html.append("<span class=\"hint\"> — <span>").append(Html.escape(i.note())).append("</span></span>");
            }
            html.append("\n      </li>");
        }
        return html.append("\n    ").toString();
    }
}
