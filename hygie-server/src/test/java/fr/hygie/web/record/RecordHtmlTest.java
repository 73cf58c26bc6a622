package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The record's rows and lines written in Java ({@link RecordHtml}) are byte for byte what Thymeleaf made of the former
 * markup of {@code templates/record/fragments.html} (copied below from the template's comments), hostile values
 * included: markup characters are escaped, nulls print nothing, optional parts appear only when present (issue 13).
 * Rendered by Spring's Thymeleaf engine (Spring EL, as the application) in a web request at the root, as Hygie is served.
 */
class RecordHtmlTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\" — é";

    /** The former rows, in their table body, with the template's own indentation (masked label given as a variable). */
    private static final String ROWS = String.join("\n",
            "<tbody>",
            "    <tr th:each=\"d : ${rows}\">",
            "      <td th:text=\"${d.date()}\">01/01/2026</td>",
            "      <td th:text=\"${d.type()}\">Compte rendu</td>",
            "      <td>",
            "        <a th:href=\"@{${d.href()}}\" th:text=\"${d.title()}\">Titre</a>",
            "        <span class=\"tag\" th:if=\"${d.masked()}\" th:text=\"${maskedTag}\">masqué aux professionnels</span>",
            "      </td>",
            "      <td th:text=\"${d.author()}\">Dr X</td>",
            "    </tr>",
            "    </tbody>");

    /** The former lines, in their list, with the template's own indentation. */
    private static final String LINES = String.join("\n",
            "<ul>",
            "      <li th:each=\"i : ${lines}\">",
            "        <span th:text=\"${i.display()}\">Allergie</span>",
            "        <span th:if=\"${i.value() != null}\"> : <span th:text=\"${i.value()}\">64</span> <span th:text=\"${i.unit()}\">kg</span></span>",
            "        <span class=\"hint\" th:text=\"${i.hint()}\">(01/01/2020, saisi par Dr X)</span>",
            "        <span th:if=\"${i.note() != null}\" class=\"hint\"> — <span th:text=\"${i.note()}\">note</span></span>",
            "      </li>",
            "    </ul>");

    @Test
    void documentRowsAreWhatTheFormerTemplateWroteHostileValuesEscaped() {
        List<RecordLines.DocumentRow> rows = List.of(
                new RecordLines.DocumentRow("/dossier/documents/1?a=1&b=\"2\"", "15/01/2026", HOSTILE, HOSTILE, true, HOSTILE),
                new RecordLines.DocumentRow("/dossier/documents/2", null, "Ordonnance", "Titre d'un document", false, null));
        String former = thymeleaf(ROWS, Map.of("rows", rows, "maskedTag", "masqué <aux> professionnels"));
        assertThat("<tbody>" + RecordHtml.documentRows(rows, "masqué <aux> professionnels") + "</tbody>").isEqualTo(former);
        assertThat(former).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; — é")
                .contains("href=\"/dossier/documents/1?a=1&amp;b=&quot;2&quot;\"").doesNotContain("<script>");
    }

    @Test
    void profileLinesAreWhatTheFormerTemplateWroteWithAndWithoutValueAndNote() {
        List<RecordLines.Line> lines = List.of(
                new RecordLines.Line("Poids", "64.5", "kg", "(07/03/2026, saisi par Dr Paul Leroy)", null),
                new RecordLines.Line(HOSTILE, null, null, "(31/12/2019, saisi par " + HOSTILE + ")", HOSTILE),
                new RecordLines.Line("Taille", "170", null, "(01/01/2020, entered by Marie Durand)", "debout"));
        String former = thymeleaf(LINES, Map.of("lines", lines));
        assertThat("<ul>" + RecordHtml.profileLines(lines) + "</ul>").isEqualTo(former);
        assertThat(former).doesNotContain("<script>").contains("<span class=\"hint\"> — <span>debout</span></span>");
    }

    private static String thymeleaf(String template, Map<String, Object> variables) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        MockServletContext servletContext = new MockServletContext();
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(new MockHttpServletRequest(servletContext, "GET", "/dossier"), new MockHttpServletResponse()));
        context.setVariables(variables);
        return engine.process(template, context);
    }
}
