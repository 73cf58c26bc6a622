package fr.hygie.web.record;

import fr.hygie.platform.web.Html;
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

    /**
     * The whole content of the documents fragment's {@code <div>} (« Aucun document à afficher. » or the table with its
     * caption, column heads and rows), as {@code templates/record/fragments.html}'s former {@code documents} fragment
     * wrote it (issue 13, « Session 11 — rendering »): the column heads are texts of the page's language, already escaped.
     */
    static String documents(String caption, List<RecordLines.DocumentRow> rows, String rowsHtml, RecordLines.Texts t) {
        if (rows.isEmpty()) {
            return "\n  <p>" + t.noDocument() + "</p>\n  \n";
        }
        return new StringBuilder(rowsHtml.length() + 320).append("\n  \n  <table>\n    <caption>").append(Html.escape(caption))
                .append("</caption>\n    <thead>\n    <tr><th scope=\"col\">").append(t.date())
                .append("</th><th scope=\"col\">").append(t.type()).append("</th><th scope=\"col\">").append(t.title())
                .append("</th><th scope=\"col\">").append(t.author()).append("</th></tr>\n    </thead>\n    <tbody>")
                .append(rowsHtml).append("</tbody>\n  </table>\n").toString();
    }

    /**
     * The whole content of the profile fragment's {@code <div>}: each section (heading, then its lines or « Rien n'est
     * renseigné. »), the wishes when visible, the persons to contact when any — as the former {@code profile} fragment's
     * {@code th:each} and conditions wrote them (issue 13, « Session 11 — rendering »).
     */
    static String profile(RecordLines.ProfileLines p, RecordLines.Texts t) {
        StringBuilder html = new StringBuilder(512);
        html.append("\n  ");
        for (RecordLines.Section section : p.sections()) {
            html.append("<div>\n    <h3>").append(Html.escape(section.heading())).append("</h3>\n    ");
            if (section.lines().isEmpty()) {
                html.append("<p>").append(t.nothingEntered()).append("</p>\n    ");
            } else {
                html.append("\n    <ul>").append(section.linesHtml()).append("</ul>");
            }
            html.append("\n  </div>\n  ");
        }
        if (p.sections().isEmpty()) {
            html.append("\n  "); // th:each over nothing left the whitespace on both sides of its element
        }
        if (p.wishesVisible()) {
            html.append("<div>\n    <h3>").append(t.wishes()).append("</h3>\n    ");
            if (p.organDonation() != null) {
                html.append("<p>").append(t.organDonation()).append(" <strong>").append(Html.escape(p.organDonation()))
                        .append("</strong></p>");
            }
            html.append("\n    ");
            if (p.advanceDirectives() != null) {
                html.append("<div>\n      <p><strong>").append(t.advanceDirectives())
                        .append("</strong></p>\n      <p class=\"prewrap\">").append(Html.escape(p.advanceDirectives()))
                        .append("</p>\n    </div>");
            }
            html.append("\n  </div>");
        }
        html.append("\n  ");
        if (!p.contacts().isEmpty()) {
            html.append("<div>\n    <h3>").append(t.contacts()).append("</h3>\n    <ul>\n      ");
            for (RecordLines.Contact c : p.contacts()) {
                html.append("<li>\n        <span>").append(Html.escape(c.name())).append("</span>\n        (<span>")
                        .append(Html.escape(c.role())).append("</span>");
                if (c.relation() != null) {
                    html.append("<span>, <span>").append(Html.escape(c.relation())).append("</span></span>");
                }
                html.append(")\n        ");
                if (c.phone() != null) {
                    html.append("<span> — <span>").append(Html.escape(c.phone())).append("</span></span>");
                }
                html.append("\n      </li>\n      ");
            }
            html.setLength(html.length() - 7);
            html.append("\n    </ul>\n  </div>");
        }
        return html.append("\n").toString();
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
