package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.ForeignPlatform;
import fr.hygie.journal.FormerChains;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The journeys of the record in a real Chromium, with axe-core on each page. */
@HygieIntegrationTest
class RecordJourneysBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    CareTeam careTeam;

    @Autowired
    FormerChains formerChains;

    @Autowired
    Clock clock;

    @Test
    void aPersonMasksADocumentAnAuthorisedGpNoLongerSeesItHerTreatingPhysicianStillDoes() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        careTeam.declareTreatingPhysician(cast.actor(login), person, cast.professional("medecin"), LocalDate.now().minusYears(1),
                JournalChannel.WEB);
        try (BrowserSession me = BrowserSession.open(port).loggedInAs(login);
             BrowserSession gp2 = BrowserSession.open(port).loggedInAs("medecin2");
             BrowserSession gp = BrowserSession.open(port).loggedInAs("medecin")) {
            Page page = me.go("/dossier/ajouter");
            page.selectOption("#type", "11502-2");
            page.fill("#title", "Sérologie de contrôle");
            page.fill("#date", "2026-02-03");
            page.fill("#text", "Résultat négatif.");
            page.click("button[type=submit].button");
            page.waitForURL("**/dossier");
            me.assertNoAxeViolations(page);

            me.go("/partage?nom=Bernard");
            page.locator("li:has-text('Sophie Bernard') button:has-text('autoriser')").first().click();
            page.waitForURL("**/partage");
            assertThat(page.textContent("main")).contains("Sophie Bernard");
            me.assertNoAxeViolations(page);

            Page pro2 = gp2.go("/pro/patients/" + person);
            assertThat(pro2.textContent("main")).contains("Sérologie de contrôle");

            me.go("/dossier");
            page.click("text=Sérologie de contrôle");
            page.click("button:has-text('Masquer ce document')");
            assertThat(page.textContent("main")).contains("Masqué aux professionnels");
            me.assertNoAxeViolations(page);
            me.screenshot("journey-document-masked");

            assertThat(gp2.go("/pro/patients/" + person).textContent("main")).doesNotContain("Sérologie de contrôle");
            assertThat(gp.go("/pro/patients/" + person).textContent("main")).contains("Sérologie de contrôle");
            me.assertNoThirdPartyRequests();
        }
    }

    @Test
    void anEmergencyAccessByMedecin2IsHighlightedInThePersonsJournal() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        try (BrowserSession gp2 = BrowserSession.open(port).loggedInAs("medecin2");
             BrowserSession me = BrowserSession.open(port).loggedInAs(login)) {
            Page pro = gp2.go("/pro/patients/" + person + "/urgence");
            gp2.assertNoAxeViolations(pro);
            pro.fill("#justification", "Patient inconscient, antécédents et traitements nécessaires");
            pro.click("button:has-text('Ouvrir l\\'accès en urgence')");
            pro.waitForURL("**/pro/patients/" + person);
            assertThat(pro.textContent("main")).contains("Accès en urgence en cours");
            gp2.assertNoAxeViolations(pro);
            gp2.screenshot("journey-emergency-banner");

            Page journal = me.go("/journal");
            assertThat(journal.textContent("main")).contains("Votre dossier a été ouvert en urgence", "Patient inconscient");
            assertThat(journal.locator("tr.emergency-row").count()).isGreaterThanOrEqualTo(1);
            me.assertNoAxeViolations(journal);
            me.screenshot("journey-journal-emergency");
        }
    }

    /**
     * Issue 4: a person who moved here reads their former platform's journal — its section marked verified, paged with
     * plain links — and the auditor sees its entries marked as another platform's; axe-core on each page.
     */
    @Test
    void aFormerPlatformsJournalIsReadPagedAndAuditedWithoutAnAccessibilityViolation() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        ForeignPlatform former = new ForeignPlatform();
        assertThat(formerChains.importChain(person.value(), former.chain(60, clock.instant().minus(90, ChronoUnit.DAYS))))
                .isInstanceOf(FormerChains.Imported.class);
        try (BrowserSession me = BrowserSession.open(port).loggedInAs(login);
             BrowserSession cnil = BrowserSession.open(port).loggedInAs("cnil")) {
            Page journal = me.go("/journal");
            assertThat(journal.textContent("main")).contains("Journal de votre ancienne plateforme", "Vérifié : ce journal est complet et intact",
                    "Dr Ancienne Plateforme 60", "Dr Ancienne Plateforme 11").doesNotContain("Dr Ancienne Plateforme 10");
            me.assertNoAxeViolations(journal);
            journal.click("a:has-text('Accès plus anciens de l')");
            journal.waitForURL("**pageAncienne=1**");
            assertThat(journal.textContent("main")).contains("Vérifié : ce journal est complet et intact", "Dr Ancienne Plateforme 10")
                    .doesNotContain("Dr Ancienne Plateforme 11");
            // Her own entries in plain words: the first view's look at emergency accesses is « Consultation accès en urgence ».
            assertThat(journal.textContent("main").replaceAll("\\s+", " ")).contains("Consultation accès en urgence")
                    .doesNotContain("EmergencySession");
            me.assertNoAxeViolations(journal);
            me.screenshot("journey-journal-former-platform");

            Page audit = cnil.go("/audit?patient=" + person + "&jours=3650");
            assertThat(audit.textContent("main")).contains("Ancienne plateforme (clé " + former.keyId() + ")", "Cette plateforme");
            cnil.assertNoAxeViolations(audit);
            me.assertNoThirdPartyRequests();
        }
    }

    @Test
    void theCaregiverActsForPatient2WithinHisMandateOnly() {
        try (BrowserSession aidant = BrowserSession.open(port).loggedInAs("aidant")) {
            Page page = aidant.go("/agir-pour");
            page.locator("form:has-text('Jean Petit') button").first().click();
            assertThat(page.textContent("body")).contains("Vous agissez pour Jean Petit");
            Page docs = aidant.go("/dossier");
            assertThat(docs.textContent("main")).contains("Consultation de suivi du diabète");
            assertThat(docs.textContent("body")).contains("Vous agissez pour Jean Petit");
            docs.click("text=Consultation de suivi du diabète");
            docs.waitForURL("**/dossier/documents/**");
            // No MANAGE_SHARING in the mandate: he reads the document, and instead of the mask form and the deletion link
            // (whose POST and page refuse him, security.RouteMatrixTest) he is told what his mandate does not allow
            // (session 8, docs/security.md « Pages that offer an action »).
            assertThat(docs.textContent("main")).contains("Consultation de suivi du diabète",
                    "Votre mandat ne vous permet pas de masquer ni de supprimer ce document");
            assertThat(docs.locator("button:has-text('Masquer ce document')").count()).isZero();
            assertThat(docs.locator("a:has-text('Supprimer ce document')").count()).isZero();
            aidant.assertNoAxeViolations(docs);
            assertThat(aidant.go("/partage").textContent("main")).contains("Votre mandat ne vous permet pas de gérer le partage");
            aidant.assertNoAxeViolations(aidant.page());
        }
    }

    @Test
    void aKeyboardOnlyUserLogsInAndReadsADocument() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            Page page = browser.go("/login");
            focusAndType(page, "#username", "patient2");
            page.keyboard().press("Tab");
            page.keyboard().type("demo");
            page.keyboard().press("Enter");
            page.waitForURL("**/accueil");
            tabUntil(page, "el.getAttribute('href') === '/dossier'");
            page.keyboard().press("Enter");
            page.waitForURL("**/dossier");
            tabUntil(page, "el.textContent.includes('Bilan biologique trimestriel')");
            page.keyboard().press("Enter");
            page.waitForURL("**/dossier/documents/**");
            assertThat(page.textContent("main")).contains("HbA1c 7,1 %");
            browser.assertNoAxeViolations(page);
        }
    }

    @Test
    void theSameJourneyWorksWithJavaScriptTurnedOff() {
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setJavaScriptEnabled(false))) {
            Page page = browser.go("/login");
            page.fill("#username", "patient2");
            page.fill("#password", "demo");
            page.press("#password", "Enter");
            page.waitForURL("**/accueil");
            page.click("a[href='/dossier']");
            page.selectOption("#classe", "RESULTATS");
            page.click("button:has-text('Filtrer')");
            assertThat(page.textContent("main")).contains("Bilan biologique trimestriel").doesNotContain("Consultation de suivi du diabète");
            page.click("text=Bilan biologique trimestriel");
            assertThat(page.textContent("main")).contains("HbA1c 7,1 %");
        }
    }

    private static void focusAndType(Page page, String selector, String text) {
        page.focus(selector);
        page.keyboard().type(text);
    }

    private static void tabUntil(Page page, String condition) {
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            Object ok = page.evaluate("() => { const el = document.activeElement; return !!(el && (" + condition + ")); }");
            if (Boolean.TRUE.equals(ok)) {
                return;
            }
        }
        throw new AssertionError("no focusable element matched " + condition);
    }
}
