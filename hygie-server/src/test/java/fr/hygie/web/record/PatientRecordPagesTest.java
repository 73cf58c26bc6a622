package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.AsyncListeners;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class PatientRecordPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    AsyncListeners listeners;

    static String linkTo(String body, String title) {
        return body.lines().filter(l -> l.contains(title)).findFirst().orElseThrow()
                .replaceAll(".*href=\"(/dossier/documents/[0-9a-f-]{36})\".*", "$1");
    }

    @Test
    void theRecordsChecksOfADocumentAreShownInThePageLanguage() {
        WebSession me = new WebSession(port).loggedInAs(cast.newPatient());
        Map<String, String> noTitle = Map.of("type", "11502-2", "title", " ", "date", "2026-03-01", "text", "Cholestérol");
        me.get("/dossier/ajouter?lang=en");
        String english = org.springframework.web.util.HtmlUtils.htmlUnescape(me.postForm("/dossier/ajouter", noTitle).body());
        assertThat(english).contains("The title is required (200 characters at most).").doesNotContain("Le titre est obligatoire");
        me.get("/dossier/ajouter?lang=fr");
        String french = org.springframework.web.util.HtmlUtils.htmlUnescape(me.postForm("/dossier/ajouter", noTitle).body());
        assertThat(french).contains("Le titre est obligatoire (200 caractères au plus).");
    }

    @Test
    void aPersonMasksADocumentAndAnAuthorisedGpNoLongerSeesItWhileHerTreatingPhysicianStillDoes() {
        String login = cast.newPatient();
        String id = cast.patient(login).toString();
        WebSession me = new WebSession(port).loggedInAs(login);
        me.get("/dossier/ajouter");
        me.postForm("/dossier/ajouter", Map.of("type", "11502-2", "title", "Ma prise de sang", "date", "2026-03-01",
                "text", "Cholestérol un peu élevé"));
        // She declares medecin as médecin traitant? She authorises medecin2 through the sharing page.
        HttpResponse<String> found = me.get("/partage?nom=Bernard");
        String proId = found.body().replaceAll("(?s).*name=\"professionnel\" value=\"([0-9a-f-]{36})\".*", "$1");
        assertThat(me.postForm("/partage/autoriser", Map.of("professionnel", proId)).statusCode()).isEqualTo(302);

        WebSession gp2 = new WebSession(port).loggedInAs("medecin2");
        assertThat(gp2.get("/pro/patients/" + id).body()).contains("Ma prise de sang");

        String doc = linkTo(me.get("/dossier").body(), "Ma prise de sang");
        me.get(doc);
        me.postForm(doc + "/masquer", Map.of("masque", "true"));
        assertThat(me.get(doc).body()).contains("Masqué aux professionnels");
        assertThat(gp2.get("/pro/patients/" + id).body()).doesNotContain("Ma prise de sang");
    }

    @Test
    void thePersonSeesAnEmergencyAccessHighlightedInHerJournalWithItsJustification() {
        String login = cast.newPatient();
        String id = cast.patient(login).toString();
        WebSession gp2 = new WebSession(port).loggedInAs("medecin2");
        gp2.get("/pro/patients/" + id + "/urgence");
        gp2.postForm("/pro/patients/" + id + "/urgence", Map.of("justification", "Malaise grave, patiente inconsciente au cabinet"));

        WebSession me = new WebSession(port).loggedInAs(login);
        HttpResponse<String> journal = me.get("/journal");
        assertThat(journal.body()).contains("Votre dossier a été ouvert en urgence", "Malaise grave", "emergency-row",
                "Dr Sophie Bernard");
        me.postForm("/journal/vu", Map.of());
        assertThat(me.get("/journal").body()).doesNotContain("Votre dossier a été ouvert en urgence").contains("Malaise grave");
        listeners.awaitHandled(cast.patient(login).value());
        assertThat(me.get("/notifications").body()).contains("consulté en urgence");
    }

    @Test
    void theCaregiverSeesPatient2sDocumentsButNotHisSharingControls() {
        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        aidant.get("/agir-pour");
        aidant.postForm("/agir-pour", Map.of("patient", cast.patient("patient2").toString()));
        HttpResponse<String> docs = aidant.get("/dossier");
        assertThat(docs.body()).contains("Vous agissez pour Jean Petit", "Consultation de suivi du diabète");
        assertThat(aidant.get("/partage").body()).contains("Votre mandat ne vous permet pas de gérer le partage");
    }

    @Test
    void theMotherDoesNotSeeHerDaughtersConfidentialConsultation() {
        WebSession mother = new WebSession(port).loggedInAs("patient");
        mother.get("/agir-pour");
        mother.postForm("/agir-pour", Map.of("patient", cast.patient("mineur").toString()));
        HttpResponse<String> docs = mother.get("/dossier");
        assertThat(docs.body()).contains("Vaccinations de l&#39;enfance").doesNotContain("Consultation confidentielle");
    }

    @Test
    void theAuditorSearchesAccessesByProfessionalAndSeesNoMedicalContent() {
        WebSession cnil = new WebSession(port).loggedInAs("cnil");
        String rpps = fr.hygie.identity.Rpps.withCheckDigit("1000100001");
        HttpResponse<String> r = cnil.get("/audit?rpps=" + rpps + "&jours=30");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Dr Paul Leroy").doesNotContain("Bilan sanguin annuel").doesNotContain("soins palliatifs");
        assertThat(new WebSession(port).loggedInAs("medecin").get("/audit").statusCode()).isEqualTo(403);
    }
}
