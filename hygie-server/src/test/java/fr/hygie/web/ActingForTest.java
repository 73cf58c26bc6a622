package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.MandateId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;

/** "Vous agissez pour …": choosing whom one acts for, the banner on every page, revocation, refusal. */
@HygieIntegrationTest
class ActingForTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    @Autowired
    ActingFor actingFor;

    @Test
    void theCaregiverChoosesJeanPetitAndSeesTheBannerOnEveryPageUntilSwitchingBack() {
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs("aidant")) {
            Page page = browser.go("/agir-pour");
            assertThat(page.locator(".banner-acting").count()).isZero();
            page.click("button:has-text('Agir pour Jean Petit')");
            page.waitForURL("**/accueil");
            for (String path : List.of("/accueil", "/aide", "/droits", "/droits/facile", "/agir-pour", "/")) {
                browser.go(path);
                assertThat(page.locator(".banner-acting[role=status]").textContent()).as(path)
                        .contains("Vous agissez pour Jean Petit").contains("revenir à mon espace");
                browser.assertNoAxeViolations(page);
            }
            browser.go("/accueil");
            browser.screenshot("acting-for-aidant-jean-petit");
            page.click(".banner-acting button");
            page.waitForURL("**/accueil");
            assertThat(page.locator(".banner-acting").count()).isZero();
            browser.go("/aide");
            assertThat(page.locator(".banner-acting").count()).isZero();
        }
    }

    @Test
    void aRevokedMandateStopsWorkingOnTheNextPage() {
        // A fresh mandate from Marie Durand, so that the demo mandate of patient2 stays for other tests.
        var marie = accounts.byUsername("patient").orElseThrow();
        var aidant = accounts.byUsername("aidant").orElseThrow();
        PatientId mariePatient = marie.patientId().orElseThrow();
        MandateId mandate = mandates.grant(marie.id(), mariePatient, aidant.id(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), mandates.today(), null);
        try {
            WebSession web = new WebSession(port).loggedInAs("aidant");
            web.get("/agir-pour");
            HttpResponse<String> chosen = web.postForm("/agir-pour", Map.of("patient", mariePatient.value().toString()));
            assertThat(chosen.statusCode()).isEqualTo(302);
            assertThat(web.get("/aide").body()).contains("Vous agissez pour Marie Durand");

            mandates.revoke(mandate, mariePatient);

            HttpResponse<String> next = web.get("/aide");
            assertThat(next.body()).doesNotContain("banner-acting").doesNotContain("Marie Durand");
            assertThat(web.get("/agir-pour").body()).doesNotContain("Marie Durand");
        } finally {
            mandates.revoke(mandate, mariePatient);
        }
    }

    @Test
    void currentActorIsRecheckedOnEveryCallAndForgetsARevokedChoice() {
        var marie = accounts.byUsername("patient").orElseThrow();
        PatientId mariePatient = marie.patientId().orElseThrow();
        HygieUser aidant = accounts.loadUserByUsername("aidant");
        MandateId mandate = mandates.grant(marie.id(), mariePatient, aidant.accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), mandates.today(), null);
        MockHttpSession session = new MockHttpSession();
        try {
            assertThat(actingFor.choose(aidant, session, mariePatient.value().toString())).isEqualTo(ActingFor.Choice.ACTING_FOR_SOMEONE);
            Actor actor = actingFor.currentActor(aidant, session);
            assertThat(actor.actingFor()).isEqualTo(mariePatient);
            assertThat(actor.representing()).isTrue();
            assertThat(actingFor.subject(aidant, session)).contains(mariePatient);

            mandates.revoke(mandate, mariePatient);

            assertThat(actingFor.currentActor(aidant, session)).isEqualTo(Actor.of(aidant));
            assertThat(actingFor.subject(aidant, session)).isEmpty();
            assertThat(session.getAttribute(ActingFor.SESSION_KEY)).isNull();
        } finally {
            mandates.revoke(mandate, mariePatient);
        }
    }

    @Test
    void aParentActsForTheirChildAndBackForThemself() {
        HygieUser marie = accounts.loadUserByUsername("patient");
        PatientId lea = accounts.byUsername("mineur").orElseThrow().patientId().orElseThrow();
        MockHttpSession session = new MockHttpSession();
        assertThat(actingFor.choices(marie)).extracting(ActingFor.Represented::displayName).contains("Léa Durand");
        assertThat(actingFor.subject(marie, session)).isEqualTo(marie.patientId());
        assertThat(actingFor.choose(marie, session, lea.value().toString())).isEqualTo(ActingFor.Choice.ACTING_FOR_SOMEONE);
        assertThat(actingFor.subject(marie, session)).contains(lea);
        assertThat(actingFor.choose(marie, session, marie.patientId().orElseThrow().value().toString()))
                .isEqualTo(ActingFor.Choice.ACTING_FOR_MYSELF);
        assertThat(actingFor.subject(marie, session)).isEqualTo(marie.patientId());
    }

    @Test
    void theCaregiverCannotPickSomeoneWithoutAMandateAndLearnsNothingAboutWhetherTheyExist() {
        String lea = accounts.byUsername("mineur").orElseThrow().patientId().orElseThrow().value().toString();
        WebSession web = new WebSession(port).loggedInAs("aidant");
        web.get("/agir-pour");
        HttpResponse<String> existing = web.postForm("/agir-pour", Map.of("patient", lea));
        HttpResponse<String> unknown = web.postForm("/agir-pour", Map.of("patient", UUID.randomUUID().toString()));
        HttpResponse<String> garbage = web.postForm("/agir-pour", Map.of("patient", "pas-un-identifiant"));
        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(garbage.statusCode()).isEqualTo(403);
        assertThat(withoutCsrf(existing.body())).isEqualTo(withoutCsrf(unknown.body())).isEqualTo(withoutCsrf(garbage.body()));
        assertThat(existing.body()).contains("est pas possible").doesNotContain("Léa").doesNotContain("banner-acting");
        assertThat(web.get("/accueil").body()).doesNotContain("banner-acting");
    }

    @Test
    void aProfessionalCannotActForAnyone() {
        String marie = accounts.byUsername("patient").orElseThrow().patientId().orElseThrow().value().toString();
        WebSession web = new WebSession(port).loggedInAs("medecin");
        web.get("/agir-pour");
        assertThat(web.postForm("/agir-pour", Map.of("patient", marie)).statusCode()).isEqualTo(403);
        assertThat(web.get("/accueil").body()).doesNotContain("banner-acting").doesNotContain("/agir-pour");
    }

    @Test
    void namesInCapitalsAreShownReadably() {
        assertThat(ActingFor.readable("LÉA DURAND")).isEqualTo("Léa Durand");
        assertThat(ActingFor.readable("JEAN-PIERRE D'ARC")).isEqualTo("Jean-Pierre D'Arc");
    }

    private static String withoutCsrf(String html) {
        return html.replaceAll("name=\"_csrf\"\\s+value=\"[^\"]*\"", "").replaceAll("value=\"[^\"]*\"\\s+name=\"_csrf\"", "");
    }
}
