package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.record.DocumentType;
import fr.hygie.record.DocumentTypes;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * The professional's add form lists the document types rendered once per language in Java ({@link DocumentTypeOptions},
 * issue 13): every type of the catalogue with its label in the page's language, the chosen type kept when the form
 * comes back with an error, and the form still posts with its CSRF field.
 */
@HygieIntegrationTest
class ProfessionalAddFormTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    MessageSource messages;

    @Test
    void theFormListsEveryTypeOfTheCatalogueWithItsLabelInThePagesLanguage() {
        String person = cast.patient(cast.newPatient()).toString();
        WebSession web = new WebSession(port).loggedInAs("medecin");
        String french = web.get("/pro/patients/" + person + "/ajouter").body();
        assertThat(french).contains("<option value=\"\">— choisir —</option>").doesNotContain("selected=\"selected\"");
        String english = web.get("/pro/patients/" + person + "/ajouter?lang=en").body();
        assertThat(english).contains("<option value=\"\">— choose —</option>");
        for (DocumentType type : DocumentTypes.bundled().all()) {
            assertThat(french).contains("<option value=\"" + type.code() + "\">"
                    + escaped(messages.getMessage("labels.documentType." + type.code(), null, Locale.FRENCH)) + "</option>");
            assertThat(english).contains("<option value=\"" + type.code() + "\">"
                    + escaped(messages.getMessage("labels.documentType." + type.code(), null, Locale.ENGLISH)) + "</option>");
        }
        web.get("/pro/patients/" + person + "/ajouter?lang=fr");
    }

    @Test
    void aFormSentBackWithAnErrorKeepsTheChosenTypeAndOnlyIt() {
        String person = cast.patient(cast.newPatient()).toString();
        WebSession web = new WebSession(port).loggedInAs("medecin");
        web.get("/pro/patients/" + person + "/ajouter");
        String page = web.postForm("/pro/patients/" + person + "/ajouter",
                Map.of("type", "11488-4", "title", "", "date", "2026-01-10", "text", "Examen normal.")).body();
        assertThat(page).contains("<option value=\"11488-4\" selected=\"selected\">");
        assertThat(page.split("selected=\"selected\"", -1)).hasSize(2);
        assertThat(page).contains("name=\"_csrf\"");
    }

    private static String escaped(String label) {
        return label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
