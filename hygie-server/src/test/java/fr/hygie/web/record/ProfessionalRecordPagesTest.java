package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Patients;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
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

    @Test
    void patientsAndCounterAgentsCannotOpenTheProfessionalPages() {
        String id = cast.patient("patient").toString();
        assertThat(new WebSession(port).loggedInAs("accueil").get("/pro/patients/" + id).statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).loggedInAs("patient2").get("/pro/patients/" + id).statusCode()).isEqualTo(403);
    }
}
