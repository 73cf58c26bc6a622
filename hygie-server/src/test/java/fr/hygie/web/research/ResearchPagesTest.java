package fr.hygie.web.research;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.ProjectProfile;
import fr.hygie.research.Projects;
import fr.hygie.research.Purpose;
import fr.hygie.research.ResearchFixture;
import fr.hygie.research.RunOutcome;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class ResearchPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    Cast cast;
    @Autowired
    ResearchFixture fixture;
    @Autowired
    Projects projects;
    @Autowired
    Objections objections;
    @Autowired
    ExtractionRuns runs;

    @ParameterizedTest
    @CsvSource({"chercheur,/recherche/projets", "comite,/recherche/evaluation", "cnil,/recherche/evaluation",
            "admin,/recherche/evaluation", "patient,/recherche/mes-choix", "patient,/recherche/mes-donnees", "aidant,/recherche/mes-choix"})
    void eachRoleReachesItsResearchPageFromTheDashboard(String login, String path) {
        WebSession web = new WebSession(port).loggedInAs(login);
        assertThat(web.get("/accueil").body()).contains("href=\"" + path + "\"").contains("href=\"/recherche/registre\"");
        assertThat(web.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void theRegistryIsPublicWithoutLogin() {
        WebSession anonymous = new WebSession(port);
        ProjectId id = fixture.submitted("Registre sans connexion", Purpose.OFFICIAL_STATISTICS, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        assertThat(anonymous.get("/recherche/registre").body()).contains("Registre sans connexion");
        assertThat(anonymous.get("/recherche/registre?finalite=EDUCATION").body()).doesNotContain("Registre sans connexion");
        assertThat(anonymous.get("/recherche/registre/" + id).statusCode()).isEqualTo(200);
        HttpResponse<String> fhir = anonymous.get("/recherche/registre/" + id + "/fhir");
        assertThat(fhir.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        assertThat(fhir.body()).contains("\"resourceType\": \"ResearchStudy\"").contains("in-review");
        assertThat(anonymous.get("/recherche/registre/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/recherche/evaluation").statusCode()).isEqualTo(302);
    }

    @Test
    void theRegistryFeedsShowOnlyPublicFields() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        String objector = cast.newPatient();
        objections.object(cast.actor(objector), cast.patient(objector), ObjectionScope.GLOBAL, JournalChannel.WEB);
        ProjectProfile profile = new ProjectProfile(Purpose.CARE_IMPROVEMENT, OrganisationKind.PRIVATE_NON_PROFIT, ProcessingPlace.FRANCE);
        ProjectId id = fixture.readyForExtraction("Champs publics seulement", profile.purpose(), profile.organisationKind(), profile.place());
        RunOutcome run = fixture.referenceRunFor(id, profile);
        assertThat(run).isInstanceOf(RunOutcome.Recorded.class);

        WebSession anonymous = new WebSession(port);
        for (String path : new String[] {"/recherche/registre.json", "/recherche/registre.csv", "/recherche/registre/" + id,
                "/recherche/registre/" + id + "/fhir"}) {
            String body = anonymous.get(path).body();
            assertThat(body).as(path).contains("Champs publics seulement").contains("Motifs publics de comite")
                    .doesNotContain("note interne secrète")
                    .doesNotContain(person.value().toString()).doesNotContain(cast.patient(objector).value().toString())
                    .doesNotContain(cast.user("chercheur").accountId().value().toString());
        }
        assertThat(anonymous.get("/recherche/registre.json").body()).contains("\"excludedByObjections\"");
        HttpResponse<String> csv = anonymous.get("/recherche/registre.csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(csv.body()).startsWith("id;titre;finalite");
    }

    @Test
    void anIllegalMoveOnAPageAnswers409NamingTheCurrentStatus() {
        ProjectId id = fixture.submitted("Mauvais ordre", Purpose.PUBLIC_HEALTH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        WebSession comite = new WebSession(port).loggedInAs("comite");
        comite.get("/recherche/evaluation/" + id);
        HttpResponse<String> r = comite.postForm("/recherche/evaluation/" + id + "/decision",
                Map.of("decision", "FAVOURABLE", "motifs", "Trop tôt"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("Statut actuel").contains("SUBMITTED");

        WebSession cnil = new WebSession(port).loggedInAs("cnil");
        cnil.get("/recherche/evaluation/" + id);
        assertThat(cnil.postForm("/recherche/evaluation/" + id + "/decision", Map.of("decision", "COMPLETE", "motifs", "x")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theResearcherSubmitsThroughTheFormWithAnErrorSummaryAndAProhibitedUseIsRefusedWithItsArticle() {
        WebSession web = new WebSession(port).loggedInAs("chercheur");
        web.get("/recherche/projets/nouveau");
        Map<String, String> form = new LinkedHashMap<>(Map.of("titre", "Projet par formulaire", "resume", "Résumé", "finalite", "EDUCATION",
                "baseLegale", "RGPD", "organisme", "Université", "typeOrganisme", "PUBLIC", "lieu", "FRANCE", "equipe", "Équipe",
                "population", "Adultes", "duree", "6"));
        form.put("financement", "Université");
        form.put("benefice", "Former");
        form.put("categorie[0]", "Biologie");
        form.put("variable[0]", "Glycémie, à jeun");

        HttpResponse<String> missing = web.postForm("/recherche/projets/nouveau", form);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("href=\"#justification0\"");

        form.put("justification[0]", "Mesurer, puis comparer");
        form.put("usages", "RE_IDENTIFICATION");
        HttpResponse<String> prohibited = web.postForm("/recherche/projets/nouveau", form);
        assertThat(prohibited.statusCode()).isEqualTo(422);
        assertThat(prohibited.body()).contains("article 61, paragraphe 3");

        assertThat(prohibited.body()).contains("Projet refusé : « Réidentifier les personnes ou tenter de le faire » est un usage interdit");

        // the same refusals in English on English pages (codes of ResearchWording), French wording unchanged above
        web.get("/recherche/projets/nouveau?lang=en");
        assertThat(web.postForm("/recherche/projets/nouveau", form).body())
                .contains("Project refused: “Re-identifying persons or trying to", "(Regulation (EU) 2025/327 (EHDS), article 61(3))")
                .doesNotContain("Projet refusé", "paragraphe");
        form.remove("usages");
        form.remove("justification[0]");
        assertThat(web.postForm("/recherche/projets/nouveau", form).body())
                .contains("Justify why the data item “Glycémie, à jeun” is needed (data minimisation).").doesNotContain("Justifiez pourquoi");
        form.put("justification[0]", "Mesurer, puis comparer");
        form.put("usages", "RE_IDENTIFICATION");
        web.get("/recherche/projets/nouveau?lang=fr");

        form.remove("usages");
        HttpResponse<String> ok = web.postForm("/recherche/projets/nouveau", form);
        assertThat(ok.statusCode()).isEqualTo(302);
        String page = web.follow(ok).body();
        assertThat(page).contains("Projet par formulaire").contains("Mesurer, puis comparer").contains("Glycémie, à jeun");
    }

    @Test
    void thePersonChangesTheirChoicesOnThePageAndARepresentativeWithoutManageSharingCannot() {
        String login = cast.newPatient();
        WebSession web = new WebSession(port).loggedInAs(login);
        web.get("/recherche/mes-choix");
        HttpResponse<String> r = web.postForm("/recherche/mes-choix", Map.of("opposition", "ORG_KIND:COMMERCIAL"));
        assertThat(r.statusCode()).isEqualTo(302);
        String page = web.follow(r).body();
        assertThat(page).contains("Vos choix sont enregistrés").containsPattern("value=\"ORG_KIND:COMMERCIAL\"\\s+checked");
        assertThat(objections.inForceAt(cast.patient(login), projects.now()))
                .containsExactly(ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL));

        // aidant holds VIEW_DOCUMENTS and MANAGE_APPOINTMENTS for patient2, not MANAGE_SHARING.
        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        aidant.get("/agir-pour");
        aidant.postForm("/agir-pour", Map.of("patient", cast.patient("patient2").value().toString()));
        assertThat(aidant.get("/recherche/mes-choix").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = aidant.postForm("/recherche/mes-choix", Map.of("opposition", "GLOBAL"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(objections.inForceAt(cast.patient("patient2"), projects.now())).isEmpty();
    }

    @Test
    void myDataInResearchShowsTheProjectsThatIncludedOrExcludedMe() {
        String login = cast.newPatient();
        ProjectProfile profile = new ProjectProfile(Purpose.HEALTH_POLICY, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        ProjectId id = fixture.readyForExtraction("Mes données incluses", profile.purpose(), profile.organisationKind(), profile.place());
        fixture.referenceRunFor(id, profile);
        WebSession web = new WebSession(port).loggedInAs(login);
        assertThat(web.get("/recherche/mes-donnees").body()).contains("Mes données incluses").contains("utilisées");
        assertThat(projects.forHandling(cast.user("chercheur"), id).orElseThrow().status().name()).isEqualTo("EXTRACTION_DONE");
        assertThat(ProjectDecision.available(projects.forHandling(cast.user("chercheur"), id).orElseThrow().status(),
                fr.hygie.identity.Role.RESEARCHER)).containsExactly(ProjectDecision.PUBLISH_RESULTS);
    }
}
