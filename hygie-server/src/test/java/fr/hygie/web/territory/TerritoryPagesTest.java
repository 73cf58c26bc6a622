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

/** The public territory page and its CSV without login; the regional-agency view for ADMIN and AUDITOR only. */
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
        indicators.compute(new IndicatorSource() {
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
        }, Indicator.COPD, PERIOD);
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
    void theAgencyViewIsForAdministratorsAndAuditorsOnly() {
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
}
