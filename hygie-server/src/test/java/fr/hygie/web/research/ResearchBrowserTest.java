package fr.hygie.web.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The research pages in a real browser: zero axe-core violations, forms usable without JavaScript. */
@HygieIntegrationTest
class ResearchBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void thePublicRegistryAndAProjectPageAreAccessibleWithoutLogin() {
        try (BrowserSession browser = BrowserSession.open(port)) {
            Page page = browser.go("/recherche/registre");
            browser.assertNoAxeViolations(page);
            page.selectOption("#statut", "CLOSED");
            page.click("form button[type=submit]");
            assertThat(page.locator("main table tbody tr").count()).isPositive();
            page.locator("main table tbody a").first().click();
            assertThat(page.textContent("main")).contains("Résultats négatifs");
            browser.assertNoAxeViolations(page);
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
        }
    }

    @Test
    void theResearcherSeesTheErrorSummaryOfAnIncompleteSubmission() {
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs("chercheur")) {
            Page page = browser.go("/recherche/projets/nouveau");
            browser.assertNoAxeViolations(page);
            page.fill("#titre", "Essai navigateur");
            page.evaluate("() => document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
            page.click("main form button[type=submit]");
            assertThat(page.textContent("#erreurs")).contains("erreur");
            browser.assertNoAxeViolations(page);
            Page mine = browser.go("/recherche/projets");
            browser.assertNoAxeViolations(mine);
            mine.locator("main table a").first().click();
            browser.assertNoAxeViolations(mine);
        }
    }

    @Test
    void reviewersAndTheAuthoritySeeTheirQueuesAndAProjectToDecide() {
        for (String login : new String[] {"comite", "cnil", "admin"}) {
            try (BrowserSession browser = BrowserSession.open(port).loggedInAs(login)) {
                Page page = browser.go("/recherche/evaluation");
                browser.assertNoAxeViolations(page);
                page.locator("main table a").first().click();
                browser.assertNoAxeViolations(page);
            }
        }
    }

    @Test
    void thePersonsChoicesAndDataPagesAreAccessible() {
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs("patient")) {
            Page choices = browser.go("/recherche/mes-choix");
            assertThat(choices.textContent("main")).contains("Exemple");
            browser.assertNoAxeViolations(choices);
            Page data = browser.go("/recherche/mes-donnees");
            assertThat(data.textContent("main")).contains("Vitamine D");
            browser.assertNoAxeViolations(data);
        }
    }
}
