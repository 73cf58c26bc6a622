package fr.hygie.web.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The messaging pages in a real browser: reachable from the dashboard, accessible (axe, WCAG 2.1 AA), nothing third-party. */
@HygieIntegrationTest
class MessagingBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void thePersonReadsAConversationAndSeesTheEmergencyNumberWhereSheWrites() {
        try (BrowserSession b = BrowserSession.open(port).loggedInAs("patient")) {
            Page page = b.go("/accueil");
            page.click("a[href='/messages']");
            page.waitForLoadState();
            b.assertNoAxeViolations(page);
            assertThat(page.textContent("main")).contains("appelez le 15");
            page.click("table a:has-text('bilan sanguin')");
            page.waitForLoadState();
            assertThat(page.textContent("h1")).isEqualTo("Résultats de votre bilan sanguin");
            assertThat(page.textContent("main")).contains("Dr Paul Leroy", "appelez le 15");
            b.assertNoAxeViolations(page);
            b.assertNoAxeViolations(b.go("/messages/nouveau"));
            b.assertNoThirdPartyRequests();
            b.assertNoCspViolations();
        }
    }

    @Test
    void theProfessionalReadsTheInboxAndFindsAPersonToWriteTo() {
        try (BrowserSession b = BrowserSession.open(port).loggedInAs("medecin")) {
            Page page = b.go("/accueil");
            page.click("a[href='/pro/messages']");
            page.waitForLoadState();
            b.assertNoAxeViolations(page);
            page.click("table a");
            page.waitForLoadState();
            b.assertNoAxeViolations(page);
            Page search = b.go("/pro/messages/nouveau?nom=DURAND&prenom=MARIE&naissance=1978-05-12");
            b.assertNoAxeViolations(search);
            search.click("main ul a");
            search.waitForLoadState();
            assertThat(search.textContent("main")).contains("Écrire depuis la boîte de");
            b.assertNoAxeViolations(search);
            b.assertNoThirdPartyRequests();
        }
    }
}
