package fr.hygie.web.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.support.AppClient;
import fr.hygie.catalogue.ApplicationStatus;
import fr.hygie.catalogue.ApplyOutcome;
import fr.hygie.catalogue.Applications;
import fr.hygie.catalogue.Catalogue;
import fr.hygie.catalogue.Criterion;
import fr.hygie.catalogue.NewApplication;
import fr.hygie.identity.PatientId;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The catalogue's public, publisher, reviewer and patient pages in a real Chromium, with axe-core on each. */
@HygieIntegrationTest
class CataloguePagesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Catalogue catalogue;

    @Autowired
    Cast cast;

    @Test
    void aPublisherAppliesWithoutAnAccountIsRefusedAtOnceForAdvertisingAndTheRefusalIsPublic() {
        String name = "Appli publicitaire " + UUID.randomUUID().toString().substring(0, 6);
        try (BrowserSession visitor = BrowserSession.open(port)) {
            Page page = visitor.go("/catalogue");
            visitor.assertNoAxeViolations(page);
            page.click("text=Déposer une candidature");
            page.waitForURL("**/catalogue/candidater");
            visitor.assertNoAxeViolations(page);

            page.click("button:has-text('Déposer la candidature')");
            assertThat(page.textContent("#erreurs")).contains("Indiquez le nom du service");
            visitor.assertNoAxeViolations(page);

            page.fill("#serviceName", name);
            page.fill("#description", "Conseils de santé financés par la publicité.");
            page.fill("#publisher", "Réclame SAS");
            page.fill("#contactEmail", "contact@reclame.example");
            page.fill("#hostingProvider", "Hébergeur HDS");
            page.fill("#hostingCountry", "FR");
            page.fill("#hostingLawCountry", "FR");
            page.fill("#dataUsed", "Poids et taille.");
            page.fill("#dataPurpose", "Conseils personnalisés.");
            page.fill("#businessModel", "Publicité ciblée.");
            page.check("#advertising-oui");
            page.fill("#accessibilityStatement", "Non conforme.");
            page.fill("#footprint", "Non mesurée.");
            page.fill("#redirectUris", "https://reclame.example/retour");
            page.fill("#requestedScopes", "openid patient/Observation.rs");
            for (Criterion c : Criterion.values()) {
                page.selectOption("#self_" + c.key(), "1");
                page.fill("#self_comment_" + c.key(), "À améliorer.");
            }
            page.click("button:has-text('Déposer la candidature')");
            assertThat(page.textContent("main")).contains("Candidature refusée d'office").contains("article 54");
            visitor.assertNoAxeViolations(page);

            page.click("a[href^='/catalogue/candidature/']");
            assertThat(page.textContent("main")).contains("refusé").contains(name);
            visitor.assertNoAxeViolations(page);

            visitor.go("/catalogue");
            page.click("text=" + name);
            assertThat(page.textContent("main")).contains("refus automatique").contains("publicitaire");
            assertThat(page.textContent("main")).doesNotContain("contact@reclame.example");
            visitor.assertNoAxeViolations(page);
            visitor.assertNoThirdPartyRequests();
            visitor.assertNoCspViolations();
        }
    }

    @Test
    void theCommitteeScoresEveryCriterionAndReferencesAServiceThenThePublisherSeesItsClientId() {
        NewApplication a = Applications.clean("openid launch/patient patient/Observation.rs");
        ApplyOutcome.Received received = (ApplyOutcome.Received) catalogue.apply(a);
        UUID id = catalogue.byStatusToken(received.statusToken()).orElseThrow().id();
        try (BrowserSession comite = BrowserSession.open(port).loggedInAs("comite");
             BrowserSession publisher = BrowserSession.open(port)) {
            Page page = comite.go("/accueil");
            page.click("text=Référencement des services numériques");
            page.waitForURL("**/comite/catalogue");
            comite.assertNoAxeViolations(page);
            page.click("text=" + a.serviceName());
            comite.assertNoAxeViolations(page);

            page.check("#decision-referenced");
            page.fill("#reasons", "Conforme à la grille de référencement.");
            page.click("button:has-text('Enregistrer la décision')");
            assertThat(page.textContent(".alert-error")).contains("Critères à noter");

            for (Criterion c : Criterion.values()) {
                page.selectOption("#score_" + c.key(), "2");
                page.fill("#comment_" + c.key(), "Vu en comité le jour de l'examen.");
            }
            page.click("button:has-text('Enregistrer les notes')");
            assertThat(page.textContent(".alert-ok")).contains("10 critère(s) noté(s)");
            comite.assertNoAxeViolations(page);

            page.check("#decision-referenced");
            page.fill("#reasons", "Conforme à la grille de référencement.");
            page.click("button:has-text('Enregistrer la décision')");
            assertThat(page.textContent(".alert-ok")).contains("référencé");
            comite.assertNoAxeViolations(page);

            Page status = publisher.go("/catalogue/candidature/" + received.statusToken());
            assertThat(status.textContent("main")).contains("hygie-" + received.reference().toLowerCase(java.util.Locale.ROOT));
            publisher.assertNoAxeViolations(status);

            Page sheet = publisher.go("/catalogue/" + id);
            assertThat(sheet.textContent("main")).contains("Vu en comité le jour de l'examen.").contains("Conforme à la grille");
            publisher.assertNoAxeViolations(sheet);
        }
    }

    @Test
    void aPersonSeesWhatAConnectedAppReadAndWithdrawsItsAccessAtOnce() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        ApplyOutcome.Received received = (ApplyOutcome.Received) catalogue.apply(Applications.clean("openid launch/patient offline_access patient/Observation.rs"));
        UUID id = catalogue.byStatusToken(received.statusToken()).orElseThrow().id();
        catalogue.score(cast.user("comite"), id, Applications.allScored(2));
        catalogue.decide(cast.user("comite"), id, ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.");
        String clientId = catalogue.byId(id).orElseThrow().clientId();
        AppClient app = new AppClient(port, clientId);
        AppClient.Tokens t = app.connect(login, "openid launch/patient offline_access patient/Observation.rs");
        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(200);

        try (BrowserSession me = BrowserSession.open(port).loggedInAs(login)) {
            Page page = me.go("/accueil");
            page.click("text=Mes applications connectées");
            page.waitForURL("**/mes-applications");
            String name = catalogue.byId(id).orElseThrow().serviceName();
            assertThat(page.textContent("main")).contains(name).contains("Lire les données de type Observation de votre espace santé");
            assertThat(page.locator("table caption").first().textContent()).contains("Lectures par");
            me.assertNoAxeViolations(page);

            page.click("button:has-text('Retirer l\\'accès à')");
            page.waitForURL("**/mes-applications");
            assertThat(page.textContent(".alert-ok")).contains("n'a plus accès");
            assertThat(page.textContent("main")).contains("Applications déconnectées");
            me.assertNoAxeViolations(page);
            me.assertNoThirdPartyRequests();
        }
        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(401);
        assertThat(app.refresh(t.refresh()).statusCode()).isEqualTo(400);
    }
}
