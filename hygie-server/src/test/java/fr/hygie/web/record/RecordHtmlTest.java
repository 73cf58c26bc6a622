package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
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


    /** The former documents fragment ({@code templates/record/fragments.html} before session 11, its body's comment left out). */
    private static final String DOCUMENTS = String.join("\n",
            "<div>",
            "  <p th:if=\"${table.empty()}\" th:text=\"#{record.fragments.aucunDocumentAfficher}\">Aucun document à afficher.</p>",
            "  <table th:unless=\"${table.empty()}\">",
            "    <caption th:text=\"${table.caption()}\">Documents (3)</caption>",
            "    <thead>",
            "    <tr><th scope=\"col\" th:text=\"#{record.fragments.date}\">Date</th><th scope=\"col\" th:text=\"#{record.fragments.type}\">Type</th><th scope=\"col\" th:text=\"#{record.fragments.titre}\">Titre</th><th scope=\"col\" th:text=\"#{record.fragments.auteur}\">Auteur</th></tr>",
            "    </thead>",
            "    <tbody th:utext=\"${table.rowsHtml()}\">",
            "    </tbody>",
            "  </table>",
            "</div>");

    /** The former profile fragment ({@code templates/record/fragments.html} before session 11). */
    private static final String PROFILE = String.join("\n",
            "<div>",
            "  <div th:each=\"section : ${profile.sections()}\">",
            "    <h3 th:text=\"${section.heading()}\">Allergies</h3>",
            "    <p th:if=\"${section.lines().isEmpty()}\" th:text=\"#{record.fragments.rienRenseigne}\">Rien n'est renseigné.</p>",
            "    <ul th:unless=\"${section.lines().isEmpty()}\" th:utext=\"${section.linesHtml()}\">",
            "    </ul>",
            "  </div>",
            "  <div th:if=\"${profile.wishesVisible()}\">",
            "    <h3 th:text=\"#{record.fragments.volontes}\">Volontés</h3>",
            "    <p th:if=\"${profile.organDonation() != null}\"><th:block th:text=\"#{record.fragments.donOrganes}\">Don d'organes :</th:block> <strong th:text=\"${profile.organDonation()}\">J'accepte</strong></p>",
            "    <div th:if=\"${profile.advanceDirectives() != null}\">",
            "      <p><strong th:text=\"#{record.fragments.directivesAnticipees}\">Directives anticipées :</strong></p>",
            "      <p class=\"prewrap\" th:text=\"${profile.advanceDirectives()}\">texte</p>",
            "    </div>",
            "  </div>",
            "  <div th:unless=\"${profile.contacts().isEmpty()}\">",
            "    <h3 th:text=\"#{record.fragments.personnesPrevenir}\">Personnes à prévenir</h3>",
            "    <ul>",
            "      <li th:each=\"c : ${profile.contacts()}\">",
            "        <span th:text=\"${c.name()}\">Nom</span>",
            "        (<span th:text=\"${c.role()}\">à prévenir</span><span th:if=\"${c.relation() != null}\">, <span th:text=\"${c.relation()}\">époux</span></span>)",
            "        <span th:if=\"${c.phone() != null}\"> — <span th:text=\"${c.phone()}\">06</span></span>",
            "      </li>",
            "    </ul>",
            "  </div>",
            "</div>");

    private static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH, Locale.GERMAN);

    private static final ResourceBundleMessageSource MESSAGES = messages();

    @Test
    void theDocumentsTableIsWhatTheFormerFragmentWroteInEveryLanguageEmptyOrNot() {
        List<RecordLines.DocumentRow> rows = List.of(
                new RecordLines.DocumentRow("/pro/patients/1/documents/2", "15/01/2026", HOSTILE, HOSTILE, true, HOSTILE),
                new RecordLines.DocumentRow("/dossier/documents/2", null, "Ordonnance", "Titre d'un document", false, null));
        for (Locale locale : LANGUAGES) {
            RecordLines.Texts t = RecordLines.Texts.read(key -> MESSAGES.getMessage(key, null, locale));
            for (List<RecordLines.DocumentRow> shown : List.of(rows, List.<RecordLines.DocumentRow>of())) {
                String caption = shown.isEmpty() ? null : "Documents (" + shown.size() + ") <&>";
                String rowsHtml = RecordHtml.documentRows(shown, t.maskedTag());
                var table = new RecordLines.DocumentTable(caption, shown, RecordHtml.documents(caption, shown, rowsHtml, t));
                String former = thymeleaf(DOCUMENTS.replace("${table.rowsHtml()}", "${rowsHtml}"),
                        Map.of("table", table, "rowsHtml", rowsHtml), locale);
                assertThat("<div>" + table.html() + "</div>").as(locale + " " + shown.size()).isEqualTo(former);
            }
        }
    }

    @Test
    void theProfileIsWhatTheFormerFragmentWroteWithOrWithoutSectionsWishesAndContacts() {
        List<RecordLines.Line> lines = List.of(
                new RecordLines.Line("Poids", "64.5", "kg", "(07/03/2026, saisi par Dr Paul Leroy)", HOSTILE),
                new RecordLines.Line(HOSTILE, null, null, "(31/12/2019, saisi par " + HOSTILE + ")", null));
        List<RecordLines.Section> sections = List.of(
                new RecordLines.Section("Allergies <&>", lines, RecordHtml.profileLines(lines)),
                new RecordLines.Section("Traitements", List.of(), RecordHtml.profileLines(List.of())),
                new RecordLines.Section(HOSTILE, lines.subList(0, 1), RecordHtml.profileLines(lines.subList(0, 1))));
        List<RecordLines.Contact> contacts = List.of(new RecordLines.Contact(HOSTILE, "personne de confiance", HOSTILE, null),
                new RecordLines.Contact("Ana Petit", "à prévenir", null, "06 00 00 00 00"),
                new RecordLines.Contact("Luc", "à prévenir", "frère", "<06>"));
        int compared = 0;
        for (Locale locale : LANGUAGES) {
            RecordLines.Texts t = RecordLines.Texts.read(key -> MESSAGES.getMessage(key, null, locale));
            for (List<RecordLines.Section> s : List.of(sections, sections.subList(1, 2), List.<RecordLines.Section>of())) {
                for (boolean wishes : new boolean[] {true, false}) {
                    for (String donation : Arrays.asList("J'accepte <le> don", null)) {
                        for (String directives : Arrays.asList(HOSTILE + "\nligne 2", null)) {
                            for (List<RecordLines.Contact> c : List.of(contacts, contacts.subList(1, 2), List.<RecordLines.Contact>of())) {
                                var profile = new RecordLines.ProfileLines(s, wishes, donation, directives, c, null);
                                String html = RecordHtml.profile(profile, t);
                                String former = thymeleaf(PROFILE, Map.of("profile", profile), locale);
                                assertThat("<div>" + html + "</div>").as(locale + " " + profile).isEqualTo(former);
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 3 * 2 * 2 * 2 * 3);
    }

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
        return thymeleaf(template, variables, Locale.FRENCH);
    }

    /** As Spring Boot configures the application's bundles ({@code spring.messages.*} in application.properties). */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static String thymeleaf(String template, Map<String, Object> variables, Locale locale) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(MESSAGES);
        MockServletContext servletContext = new MockServletContext();
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(new MockHttpServletRequest(servletContext, "GET", "/dossier"), new MockHttpServletResponse()), locale);
        context.setVariables(variables);
        return engine.process(template, context);
    }
}
