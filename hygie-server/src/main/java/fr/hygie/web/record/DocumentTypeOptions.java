package fr.hygie.web.record;

import fr.hygie.record.DocumentType;
import fr.hygie.record.DocumentTypes;
import fr.hygie.platform.web.Html;
import fr.hygie.web.WebMessages;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@code <option>}s of the document type list of the add forms (« type de document »), rendered once per language
 * instead of on every page (issue 13, docs/benchmarks.md « Session 7 — upload »): the catalogue ({@link DocumentTypes})
 * and the message bundles do not change while the server runs, and the template evaluated three expressions and
 * looked up a label for each of the 13 types on every form page. Codes and labels are HTML-escaped here, since
 * the template inserts the result unescaped.
 */
@Component
class DocumentTypeOptions {

    private final WebMessages texts;
    private final Labels labels;
    private final Map<Locale, String> blank = new ConcurrentHashMap<>();

    DocumentTypeOptions(WebMessages texts, Labels labels) {
        this.texts = texts;
        this.labels = labels;
    }

    /** The options in the current request's language, {@code selected} (a code, or null) marked as chosen. */
    String html(String selected) {
        Locale locale = texts.locale();
        if (selected == null || selected.isEmpty() || DocumentTypes.bundled().find(selected).isEmpty()) {
            return blank.computeIfAbsent(locale, l -> render(null));
        }
        return render(selected);
    }

    private String render(String selected) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<option value=\"\">").append(Html.escape(texts.get("pro.add.choisir"))).append("</option>");
        for (DocumentType type : DocumentTypes.bundled().all()) {
            html.append("\n        <option value=\"").append(Html.escape(type.code())).append('"');
            if (type.code().equals(selected)) {
                html.append(" selected=\"selected\"");
            }
            html.append('>').append(Html.escape(labels.documentType(type.code(), type.label()))).append("</option>");
        }
        return html.toString();
    }
}
