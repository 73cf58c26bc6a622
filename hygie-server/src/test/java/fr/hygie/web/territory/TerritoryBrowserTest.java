package fr.hygie.web.territory;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.hygie.support.BrowserSession;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.territory.Geography;
import fr.hygie.territory.Indicator;
import fr.hygie.territory.IndicatorSource;
import fr.hygie.territory.Territory;
import fr.hygie.territory.TerritoryIndicators;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The territory pages in a real browser: zero axe violations, no third-party request, no CSP violation, and
 * screenshots of the map, the scatter and the time series under {@code target/screenshots/} on a known
 * whole-France dataset (12 months of a rate rising with latitude and time; three small départements).
 */
@HygieIntegrationTest
class TerritoryBrowserTest {

    static final YearMonth LAST = YearMonth.of(2005, 12);

    @LocalServerPort
    int port;
    @Autowired
    TerritoryIndicators indicators;
    @Autowired
    Geography geography;

    @BeforeEach
    void twelveKnownMonths() {
        IndicatorSource source = new IndicatorSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Map<String, Counts> counts(Indicator indicator, YearMonth period) {
                long month = ChronoUnit.MONTHS.between(LAST.minusMonths(11), period);
                Map<String, Counts> m = new LinkedHashMap<>();
                int i = 0;
                for (Territory d : geography.departements()) {
                    long den = 500 + (i * 131L) % 2500;
                    double rate = 0.05 + (Math.max(d.latitude(), 42) - 42) * 0.006 + (i % 7) * 0.002 + month * 0.0008;
                    long num = d.code().equals("48") || d.code().equals("23") || d.code().equals("976") ? 6 : Math.round(den * rate);
                    m.put(d.code() + (d.code().length() == 3 ? "01" : "001"), new Counts(num, den));
                    i++;
                }
                return m;
            }

            @Override
            public Map<String, List<Double>> observations(Indicator indicator, YearMonth period) {
                return Map.of();
            }
        };
        for (int k = 11; k >= 0; k--) {
            indicators.compute(source, Indicator.HYPERTENSION, LAST.minusMonths(k));
        }
    }

    @Test
    void thePublicPageIsAccessibleAndItsChartsAreDrawn() {
        try (BrowserSession browser = BrowserSession.open(port, o -> o.setViewportSize(1280, 900))) {
            Page page = browser.go("/territoires?indicateur=hypertension&niveau=departement&variable=pm25&periode=" + LAST);
            browser.assertNoAxeViolations(page);
            assertThat(page.locator("svg.territory-map > path").count()).isEqualTo(101);
            assertThat(page.locator("svg.territory-chart > circle").count()).isGreaterThan(80);
            assertThat(page.locator("figcaption#nuage-resume").textContent()).contains("Coefficient de corrélation de Pearson r = ");
            assertThat(page.locator("figcaption#serie-resume").textContent()).contains("12 mois publiés sur 12");
            shoot(page.locator("figure.territory-figure").nth(0), "territory-map-departements");
            shoot(page.locator("figure.territory-figure").nth(1), "territory-scatter");
            shoot(page.locator("figure.territory-figure").nth(2), "territory-series");
            shoot(page.locator("figure.territory-figure").nth(3), "territory-environment-series");
            browser.screenshot("territory-public");

            Page regions = browser.go("/territoires?indicateur=hypertension&niveau=region&variable=jours_chaleur&periode=" + LAST);
            browser.assertNoAxeViolations(regions);
            shoot(regions.locator("figure.territory-figure").nth(0), "territory-map-regions");
            shoot(regions.locator("figure.territory-figure").nth(1), "territory-scatter-heat");

            Page english = browser.go("/territoires?lang=en");
            browser.assertNoAxeViolations(english);
            browser.go("/territoires?lang=fr");
            browser.assertNoThirdPartyRequests();
            browser.assertNoCspViolations();
        }
    }

    @Test
    void theAgencyImportsAFileAndSeesEveryErrorByLine() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "territory-test"));
        Path bad = Files.writeString(dir.resolve("erreurs.csv"),
                "niveau,code,periode,variable,valeur\ndepartement,33,2016,pm25,9.5\ndepartement,3,2016,pm25,9.5\ndepartement,34,2016,pm26,x\n",
                StandardCharsets.UTF_8);
        Path good = Files.writeString(dir.resolve("bon.csv"),
                "niveau,code,periode,variable,valeur\ndepartement,33,2016,suroccupation_logement,4.5\n", StandardCharsets.UTF_8);
        try (BrowserSession browser = BrowserSession.open(port).loggedInAs("admin")) {
            Page agency = browser.go("/territoires/agence?indicateur=teleconsultation");
            browser.assertNoAxeViolations(agency);
            browser.screenshot("territory-agency");
            Page form = browser.go("/territoires/agence/import");
            browser.assertNoAxeViolations(form);
            form.setInputFiles("#fichier", bad);
            form.click("button:text('Importer')");
            assertThat(form.locator("table.territory-errors tbody tr").count()).isEqualTo(3);
            assertThat(form.locator("table.territory-errors").textContent()).contains("« 3 » n'est pas un code de département connu")
                    .contains("« pm26 » n'est pas une variable connue").contains("« x » n'est pas un nombre");
            browser.assertNoAxeViolations(form);
            browser.screenshot("territory-import-errors");
            form.setInputFiles("#fichier", good);
            form.click("button:text('Importer')");
            assertThat(form.locator(".alert-ok").textContent()).contains("1 lignes, 1 valeurs enregistrées");
            browser.assertNoCspViolations();
        }
    }

    private static void shoot(Locator element, String name) {
        element.screenshot(new Locator.ScreenshotOptions().setPath(Paths.get("target", "screenshots", name + ".png")));
    }
}
