package fr.hygie.web.territory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import fr.hygie.territory.Geography;
import fr.hygie.territory.Indicator;
import fr.hygie.territory.IndicatorSource;
import fr.hygie.territory.Territory;
import fr.hygie.territory.TerritoryIndicators;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public territory page and its CSV without login; the agency view nationally for ADMIN and AUDITOR, and
 * restricted to its région for a regional health agency.
 */
@HygieIntegrationTest
class TerritoryPagesTest {

    static final YearMonth PERIOD = YearMonth.of(2004, 1);

    @LocalServerPort
    int port;
    @Autowired
    TerritoryIndicators indicators;
    @Autowired
    Geography geography;

    /** Every département 100 persons, 20 cases, except Lozère (5 cases): a known map. */
    @BeforeEach
    void knownDataset() {
        IndicatorSource known = new IndicatorSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Map<String, Counts> counts(Indicator indicator, YearMonth period) {
                Map<String, Counts> m = new LinkedHashMap<>();
                for (Territory d : geography.departements()) {
                    m.put(d.code() + (d.code().length() == 3 ? "01" : "001"), new Counts(d.code().equals("48") ? 5 : 20, 100));
                }
                return m;
            }

            @Override
            public Map<String, List<Double>> observations(Indicator indicator, YearMonth period) {
                return Map.of();
            }
        };
        indicators.compute(known, Indicator.COPD, PERIOD);
        indicators.compute(known, Indicator.PROFESSIONALS, PERIOD);
    }

    @Test
    void thePublicPageShowsTheMapItsTableAndItsSummaryWithoutLogin() {
        HttpResponse<String> page = new WebSession(port).get("/territoires?indicateur=bpco&niveau=departement&periode=2004-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"territory-map\"")
                .contains("aria-labelledby=\"carte-titre carte-resume\"")
                .contains("<title>Nord (59) : 20,0 %</title>")
                .contains("<title>Lozère (48) : moins de 11 (valeur masquée)</title>")
                .contains("France entière : 19,9 %")
                .contains("Tableau des données de la carte")
                .doesNotContain("style=\"");
        // Lozère is hidden, and so is one sibling in Occitanie: 2 hidden cells under the published région
        assertThat(page.body()).contains("masqué pour protéger une autre cellule");
    }

    @Test
    void theCsvGivesPublishedCellsWithCountsAndHiddenCellsWithout() {
        HttpResponse<String> csv = new WebSession(port).get("/territoires/donnees.csv?indicateur=bpco&niveau=departement&periode=2004-01");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("hygie-bpco-departement-2004-01.csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo("niveau,code,nom,indicateur,periode,numerateur,denominateur,valeur,unite,statut");
        assertThat(csv.body()).contains("departement,59,Nord,bpco,2004-01,20,100,20.00,%,publié")
                .contains("departement,48,Lozère,bpco,2004-01,,,,%,masqué : moins de 11 personnes")
                .contains("france,FR,France,bpco,2004-01,2005,10100,19.85,%,publié");
        assertThat(csv.body().lines()).hasSize(1 + 101 + 1);
    }

    @Test
    void aRegionalAgencySeesTheAgencyOnlyIndicatorsOfItsRegionOnlyAndThePublicOnesEverywhere() {
        WebSession ars = new WebSession(port).loggedInAs("ars");
        // Auvergne-Rhône-Alpes (84): 12 départements, plus France for comparison
        HttpResponse<String> own = ars.get("/territoires/agence/donnees.csv?indicateur=professionnels&niveau=departement&periode=2004-01");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body().lines()).hasSize(1 + 12 + 1);
        assertThat(own.body()).contains("departement,69,Rhône,professionnels,2004-01,20,100,").contains("departement,15,Cantal,")
                .contains("france,FR,France,professionnels").doesNotContain(",59,Nord,").doesNotContain(",75,Paris,");
        HttpResponse<String> regions = ars.get("/territoires/agence/donnees.csv?indicateur=professionnels&niveau=region&periode=2004-01");
        assertThat(regions.body().lines()).hasSize(1 + 1 + 1);
        assertThat(regions.body()).contains("region,84,Auvergne-Rhône-Alpes,");
        // public indicators are whole-France for everyone
        assertThat(ars.get("/territoires/agence/donnees.csv?indicateur=bpco&niveau=departement&periode=2004-01").body().lines())
                .hasSize(1 + 101 + 1);
        // the national operators see every département
        assertThat(new WebSession(port).loggedInAs("admin")
                .get("/territoires/agence/donnees.csv?indicateur=professionnels&niveau=departement&periode=2004-01").body().lines())
                .hasSize(1 + 101 + 1);

        HttpResponse<String> page = ars.get("/territoires/agence?indicateur=professionnels&niveau=departement&periode=2004-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("région <strong>Auvergne-Rhône-Alpes</strong>")
                .contains("<title>Rhône (69) : 2")
                .contains("<title>Nord (59) : pas de donnée</title>")
                .doesNotContain("Importer un jeu de données");
        // the agency neither imports nor recomputes national data
        assertThat(ars.postForm("/territoires/agence/recalcul", Map.of()).statusCode()).isEqualTo(403);
        assertThat(ars.get("/territoires/agence/import").statusCode()).isEqualTo(403);
        assertThat(ars.get("/accueil").body()).contains("/territoires/agence");
    }

    @Test
    void theAgencyViewIsForAdministratorsAuditorsAndAgenciesOnly() {
        assertThat(new WebSession(port).get("/territoires/agence").statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).loggedInAs("patient").get("/territoires/agence").statusCode()).isEqualTo(403);
        for (String login : List.of("admin", "cnil")) {
            HttpResponse<String> page = new WebSession(port).loggedInAs(login).get("/territoires/agence?indicateur=delai-premier-creneau");
            assertThat(page.statusCode()).as(login).isEqualTo(200);
            assertThat(page.body()).contains("Délai médian jusqu&#39;au premier créneau libre").contains("Importer un jeu de données");
        }
        assertThat(new WebSession(port).loggedInAs("admin").get("/accueil").body()).contains("/territoires/agence");
        assertThat(new WebSession(port).get("/").body()).contains("href=\"/territoires\"");
        // agency-only indicators are not on the public page
        assertThat(new WebSession(port).get("/territoires?indicateur=delai-premier-creneau").body())
                .doesNotContain("Délai médian jusqu&#39;au premier créneau libre");
    }

    @Test
    void theImportReportSpeaksThePageLanguage() {
        WebSession admin = new WebSession(port).loggedInAs("admin");
        byte[] csv = "niveau,code,periode,variable,valeur\ndepartement,69,2024,no2,douze\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        admin.get("/territoires/agence/import?lang=en");
        String english = org.springframework.web.util.HtmlUtils.htmlUnescape(admin.postMultipart("/territoires/agence/import", Map.of(),
                "fichier", "bad.csv", "text/csv", csv).body());
        assertThat(english).contains("“douze” is not a number (decimals with a point, for example 12.5).")
                .doesNotContain("n'est pas un nombre");
        admin.get("/territoires/agence/import?lang=fr");
        String french = org.springframework.web.util.HtmlUtils.htmlUnescape(admin.postMultipart("/territoires/agence/import", Map.of(),
                "fichier", "bad.csv", "text/csv", csv).body());
        assertThat(french).contains("« douze » n'est pas un nombre (décimales avec un point, par exemple 12.5).");
    }

    @Test
    void theOutOfRangeReportGivesItsLimitsAndUnitInThePageLanguage() {
        WebSession admin = new WebSession(port).loggedInAs("admin");
        byte[] csv = "niveau,code,periode,variable,valeur\ndepartement,69,2024,jours_chaleur,400\ndepartement,69,2024,indice_defavorisation,-12.5\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        admin.get("/territoires/agence/import?lang=en");
        String english = org.springframework.web.util.HtmlUtils.htmlUnescape(admin.postMultipart("/territoires/agence/import", Map.of(),
                "fichier", "range.csv", "text/csv", csv).body());
        assertThat(english).contains("the value 400 is outside the plausible range for jours_chaleur (0 to 366 days).",
                "the value -12.5 is outside the plausible range for indice_defavorisation (-10 to 10 index).")
                .doesNotContain("366 jours", "10 indice");
        admin.get("/territoires/agence/import?lang=fr");
        String french = org.springframework.web.util.HtmlUtils.htmlUnescape(admin.postMultipart("/territoires/agence/import", Map.of(),
                "fichier", "range.csv", "text/csv", csv).body());
        assertThat(french).contains("la valeur 400 est hors de l'intervalle plausible pour jours_chaleur (0 à 366 jours).",
                "la valeur -12.5 est hors de l'intervalle plausible pour indice_defavorisation (-10 à 10 indice).");
    }
}
