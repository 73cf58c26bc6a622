package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class ProfessionalRecordPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    Patients patients;

    @Autowired
    Journal journal;

    @Autowired
    CareTeam careTeam;

    /** The LIST of the documents, then the profile sections and wishes the page asks about, in the page's order. */
    static final List<String> PAGE_ENTRIES = List.of("DocumentReference", "HYGIE-PROFIL-ANTECEDENTS", "HYGIE-PROFIL-TRAITEMENTS",
            "HYGIE-PROFIL-ALLERGIES", "HYGIE-PROFIL-ANTECEDENTS-FAMILIAUX", "HYGIE-PROFIL-VACCINATIONS", "HYGIE-PROFIL-MESURES",
            "HYGIE-VOLONTES-DIRECTIVES", "HYGIE-VOLONTES-DON-ORGANES", "HYGIE-PERSONNES-A-PREVENIR");

    /** The last {@code n} entries of one actor in a person's journal, oldest first (whatever else was journaled). */
    private List<JournalEntry> lastEntries(PatientId person, String actor, int n) {
        java.util.UUID account = cast.user(actor).accountId().value();
        List<JournalEntry> last = new ArrayList<>(journal.forPatient(person.value(), 0, 50).stream()
                .filter(e -> account.equals(e.actor().accountId())).limit(n).toList());
        Collections.reverse(last);
        return last;
    }

    /** A new person with one document that Dr Leroy ({@code author}, « medecin ») added, and whom she authorised. */
    private PatientId personWithADocumentBy(WebSession author, String title, String date, String text) {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        author.get("/pro/patients/" + person + "/ajouter");
        author.postForm("/pro/patients/" + person + "/ajouter", Map.of("type", "11488-4", "title", title, "date", date, "text", text));
        assertThat(careTeam.authorise(cast.actor(login), person, cast.professional("medecin"), JournalChannel.WEB).done()).isTrue();
        return person;
    }

    @Test
    void theRecordPageJournalsTheListAndEverySectionInOneWriteAndARefusedProfessionalSeesOnlyAnEmptyRecord() {
        WebSession author = new WebSession(port).loggedInAs("medecin");
        // She authorises Dr Leroy: he sees the document; the page's eleven decisions are journaled together.
        PatientId person = personWithADocumentBy(author, "Compte rendu de la visite", "2026-01-10", "Examen normal.");
        HttpResponse<String> seen = author.get("/pro/patients/" + person);
        assertThat(seen.body()).contains("Compte rendu de la visite");
        List<JournalEntry> page = lastEntries(person, "medecin", PAGE_ENTRIES.size());
        assertThat(page).extracting(JournalEntry::objectType).containsExactlyElementsOf(PAGE_ENTRIES);
        assertThat(page.get(0).action()).isEqualTo(JournalAction.LIST);
        assertThat(page.subList(1, page.size())).extracting(JournalEntry::action).containsOnly(JournalAction.READ);
        assertThat(page.get(0).decision()).isEqualTo(JournalDecision.PERMIT);
        assertThat(page).extracting(JournalEntry::at).containsOnly(page.get(0).at());

        // Another general practitioner, with no relationship: refused, journaled the same way, and shown an empty record.
        HttpResponse<String> refused = new WebSession(port).loggedInAs("medecin2").get("/pro/patients/" + person);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Aucun document à afficher").doesNotContain("Compte rendu de la visite");
        List<JournalEntry> denied = lastEntries(person, "medecin2", PAGE_ENTRIES.size());
        assertThat(denied).extracting(JournalEntry::objectType).containsExactlyElementsOf(PAGE_ENTRIES);
        assertThat(denied.get(0).decision()).isEqualTo(JournalDecision.DENY);
        assertThat(denied).extracting(JournalEntry::at).containsOnly(denied.get(0).at());
    }

    @Test
    void theTreatingPhysicianFindsHisPatientByTraitsAndOpensHerRecord() {
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        HttpResponse<String> found = gp.get("/pro/patients?nom=Durand&prenom=Marie&naissance=1978-05-12");
        String id = cast.patient("patient").toString();
        assertThat(found.body()).contains("/pro/patients/" + id).contains("Marie Durand");
        HttpResponse<String> record = gp.get("/pro/patients/" + id);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body()).contains("Bilan sanguin annuel", "Consultation de psychiatrie", "Allergie à la pénicilline",
                "soins palliatifs");
    }

    @Test
    void aMatriculeIsSearchedInTheBodyNeverInTheUrlAndABadOneGetsItsRule() {
        WebSession gp = new WebSession(port).loggedInAs("medecin");
        String nir = patients.matricule(cast.patient("patient")).orElseThrow();
        gp.get("/pro/patients");
        HttpResponse<String> r = gp.postForm("/pro/patients/ins", Map.of("matricule", nir));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain(nir).endsWith(cast.patient("patient").toString());
        gp.get("/pro/patients");
        HttpResponse<String> bad = gp.postForm("/pro/patients/ins", Map.of("matricule", nir.substring(0, 13) + "00"));
        assertThat(bad.body()).contains("La clé du NIR ne correspond pas").doesNotContain(nir);
    }

    @Test
    void aGpWhoNeverTreatedHerSeesAnEmptyRecordThenOpensAnEmergencyAccessAndSeesItUnderABanner() {
        String login = cast.newPatient();
        String id = cast.patient(login).toString();
        WebSession me = new WebSession(port).loggedInAs("medecin");
        me.get("/pro/patients/" + id + "/ajouter");
        HttpResponse<String> added = me.postForm("/pro/patients/" + id + "/ajouter",
                Map.of("type", "11488-4", "title", "Consultation initiale", "date", "2026-01-10", "text", "Examen clinique normal."));
        assertThat(added.statusCode()).isEqualTo(302);

        WebSession gp2 = new WebSession(port).loggedInAs("medecin2");
        HttpResponse<String> empty = gp2.get("/pro/patients/" + id);
        assertThat(empty.body()).contains("Aucun document à afficher").doesNotContain("Consultation initiale");

        gp2.get("/pro/patients/" + id + "/urgence");
        HttpResponse<String> tooShort = gp2.postForm("/pro/patients/" + id + "/urgence", Map.of("justification", "urgent"));
        assertThat(tooShort.body()).contains("15 caractères");
        gp2.get("/pro/patients/" + id + "/urgence");
        HttpResponse<String> opened = gp2.postForm("/pro/patients/" + id + "/urgence",
                Map.of("justification", "Patiente inconsciente aux urgences, traitement en cours inconnu"));
        HttpResponse<String> record = gp2.follow(opened);
        assertThat(record.body()).contains("Accès en urgence en cours", "Consultation initiale");
    }

    @Test
    void aHiddenDocumentAndAnAbsentOneAnswerTheSame404() {
        String id = cast.patient("patient").toString();
        WebSession nurse = new WebSession(port).loggedInAs("infirmier");
        HttpResponse<String> list = new WebSession(port).loggedInAs("medecin").get("/pro/patients/" + id);
        String psyLink = list.body().lines().filter(l -> l.contains("Consultation de psychiatrie")).findFirst().orElseThrow();
        String docId = psyLink.replaceAll(".*/documents/([0-9a-f-]{36}).*", "$1");
        HttpResponse<String> hidden = nurse.get("/pro/patients/" + id + "/documents/" + docId);
        HttpResponse<String> absent = nurse.get("/pro/patients/" + id + "/documents/" + java.util.UUID.randomUUID());
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
        assertThat(hidden.body()).isEqualTo(absent.body());
    }

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext server;

    /**
     * Issue 13 (docs/benchmarks.md « Session 11 — the request's path outside our code, again »): a page is sent whole,
     * with its length, never chunked, and keeps every security header; a download, written by the controller, is an
     * attachment in a sandbox, not stored, with its length; Tomcat's socket write buffer stays Tomcat's own 8 KB by default
     * (a larger one costs its size per open connection: 32 KB × 8,192 connections ran the 512 MB heap out, session 11).
     */
    @Test
    void theRecordPageIsSentWholeWithItsLengthAndHeadersAndADownloadIsASandboxedAttachment() {
        WebSession author = new WebSession(port).loggedInAs("medecin");
        PatientId person = personWithADocumentBy(author, "Compte rendu de longueur", "2026-01-11", "Examen normal, été.");

        HttpResponse<String> page = author.get("/pro/patients/" + person);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Compte rendu de longueur");
        var headers = page.headers();
        assertThat(headers.firstValue("Content-Length"))
                .hasValue(Integer.toString(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(headers.firstValue("Transfer-Encoding")).isEmpty();
        assertThat(headers.firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(headers.firstValue("Content-Language")).hasValue("fr");
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");

        String link = page.body().lines().filter(l -> l.contains("Compte rendu de longueur")).findFirst().orElseThrow()
                .replaceAll(".*(/pro/patients/[0-9a-f-]{36}/documents/[0-9a-f-]{36}).*", "$1");
        HttpResponse<String> file = author.get(link + "/contenu");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("Examen normal, été.");
        var fileHeaders = file.headers();
        assertThat(fileHeaders.firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"document-2026-01-11.txt\"; filename*=UTF-8''document-2026-01-11.txt");
        assertThat(fileHeaders.firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
        assertThat(fileHeaders.allValues("Content-Security-Policy")).hasSize(1);
        assertThat(fileHeaders.firstValue("Cache-Control")).hasValue("no-store");
        assertThat(fileHeaders.firstValue("Content-Type")).hasValue("text/plain");
        assertThat(fileHeaders.firstValue("Content-Length")).hasValue(Integer.toString("Examen normal, été.".getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(fileHeaders.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(fileHeaders.firstValue("X-Frame-Options")).hasValue("DENY");
        // Refused and absent documents still answer the same 404 (the download is written only once permitted).
        HttpResponse<String> refused = new WebSession(port).loggedInAs("medecin2").get(link + "/contenu");
        HttpResponse<String> absent = new WebSession(port).loggedInAs("medecin2")
                .get("/pro/patients/" + person + "/documents/" + java.util.UUID.randomUUID() + "/contenu");
        assertThat(refused.statusCode()).isEqualTo(404).isEqualTo(absent.statusCode());
        assertThat(refused.body()).isEqualTo(absent.body());
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();

        var tomcat = ((org.springframework.boot.tomcat.TomcatWebServer) server.getWebServer()).getTomcat();
        assertThat(String.valueOf(tomcat.getConnector().getProperty("socket.appWriteBufSize"))).isEqualTo("8192");
    }

    @Test
    void patientsAndCounterAgentsCannotOpenTheProfessionalPages() {
        String id = cast.patient("patient").toString();
        assertThat(new WebSession(port).loggedInAs("accueil").get("/pro/patients/" + id).statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).loggedInAs("patient2").get("/pro/patients/" + id).statusCode()).isEqualTo(403);
    }
}
