package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The matrix keeps its promise: the comparison {@link RouteMatrixTest} asserts empty reports a route
 * the server has and the matrix lacks (with the line to add), a row whose route is gone, an answer
 * other than the expected one and a server error. Plain unit test: no server needed.
 */
class RouteMatrixCompareTest {

    private static final List<String> ALL_LOGIN = Collections.nCopies(RouteMatrixTest.COLUMNS.size(), "login");

    @Test
    void aRouteThatIsNotInTheMatrixFailsTheBuildAndTheMessageGivesTheLineToAdd() {
        Map<String, RouteMatrixTest.Row> matrix = matrix(row("GET", "/dossier", ALL_LOGIN));
        Map<String, List<String>> observed = new TreeMap<>(Map.of("GET /dossier", ALL_LOGIN, "GET /nouvelle-page", ALL_LOGIN));

        List<String> problems = RouteMatrixTest.compare(matrix, observed);

        assertThat(problems).singleElement().asString()
                .startsWith("route not in the matrix: GET /nouvelle-page")
                .contains("src/test/resources/security/route-matrix.csv")
                .endsWith("GET;/nouvelle-page;" + String.join(";", ALL_LOGIN));
    }

    @Test
    void aRowWhoseRouteNoLongerExistsAnAnswerThatChangedAndAServerErrorAreReported() {
        List<String> changed = new java.util.ArrayList<>(ALL_LOGIN);
        changed.set(RouteMatrixTest.COLUMNS.indexOf("patient"), "2xx");
        changed.set(RouteMatrixTest.COLUMNS.indexOf("medecin"), "5xx");
        Map<String, RouteMatrixTest.Row> matrix = matrix(row("GET", "/dossier", ALL_LOGIN), row("GET", "/ancienne-page", ALL_LOGIN));

        List<String> problems = RouteMatrixTest.compare(matrix, new TreeMap<>(Map.of("GET /dossier", changed)));

        assertThat(problems).containsExactlyInAnyOrder(
                "GET /dossier as patient: expected login, got 2xx",
                "GET /dossier as medecin: server error",
                "GET /dossier as medecin: expected login, got 5xx",
                "route in the matrix that no longer exists (remove its line from src/test/resources/security/route-matrix.csv): "
                        + "GET /ancienne-page");
    }

    @Test
    void aMatrixThatSaysExactlyWhatTheServerAnswersReportsNothing() {
        assertThat(RouteMatrixTest.compare(matrix(row("GET", "/dossier", ALL_LOGIN)), new TreeMap<>(Map.of("GET /dossier", ALL_LOGIN))))
                .isEmpty();
    }

    private static RouteMatrixTest.Row row(String method, String path, List<String> outcomes) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            expected.put(RouteMatrixTest.COLUMNS.get(i), outcomes.get(i));
        }
        return new RouteMatrixTest.Row(method, path, expected);
    }

    private static Map<String, RouteMatrixTest.Row> matrix(RouteMatrixTest.Row... rows) {
        Map<String, RouteMatrixTest.Row> m = new TreeMap<>();
        for (RouteMatrixTest.Row r : rows) {
            m.put(r.key(), r);
        }
        return m;
    }

    /**
     * Session 8: the check that no page offers the representative what refuses him reports a form posting to a refused
     * route (the research choices page as it was until session 8: its form posted to {@code /recherche/mes-choix}, whose
     * POST answers him 403) and a link to a refused page (the deletion's page, 404 for him), with path variables matched
     * as one segment; the same page without them, a GET form and a form to an allowed route are not reported.
     */
    @Test
    void aPageOfferingTheRepresentativeAFormOrALinkHisMandateRefusesIsReported() {
        List<String> refusedToHim = new java.util.ArrayList<>(ALL_LOGIN);
        refusedToHim.set(RouteMatrixTest.COLUMNS.indexOf("patient"), "3xx");
        refusedToHim.set(RouteMatrixTest.COLUMNS.indexOf(RouteMatrixTest.REPRESENTATIVE), "403");
        List<String> refusedToBoth = new java.util.ArrayList<>(refusedToHim);
        refusedToBoth.set(RouteMatrixTest.COLUMNS.indexOf("patient"), "403");
        List<String> deletionPage = new java.util.ArrayList<>(ALL_LOGIN);
        deletionPage.set(RouteMatrixTest.COLUMNS.indexOf("patient"), "2xx");
        deletionPage.set(RouteMatrixTest.COLUMNS.indexOf(RouteMatrixTest.REPRESENTATIVE), "404");
        Map<String, List<String>> observed = new TreeMap<>(Map.of("POST /recherche/mes-choix", refusedToHim,
                "POST /agir-pour", refusedToBoth, "GET /dossier/documents/{id}/supprimer", deletionPage));
        java.util.Set<String> posts = RouteMatrixTest.refusedToTheRepresentative(observed, "POST ");
        java.util.Set<String> gets = RouteMatrixTest.refusedToTheRepresentative(observed, "GET ");
        assertThat(posts).as("a 403 Marie Durand gets too is the empty form's, not the mandate's").containsExactly("POST /recherche/mes-choix");

        String before = "<form class=\"form\" action=\"/recherche/mes-choix\" method=\"post\"><input name=\"_csrf\"></form>"
                + "<a class=\"button secondary\" href=\"/dossier/documents/0191a2b3-0000-7000-8000-000000000001/supprimer\">Supprimer</a>"
                + "<form action=\"/agir-pour\" method=\"post\"></form><form action=\"/recherche/mes-choix\" method=\"get\"></form>";
        String after = "<p class=\"notice\">Votre mandat ne vous permet pas de les modifier</p>"
                + "<form action=\"/agir-pour\" method=\"post\"></form><a href=\"/dossier/documents/0191a2b3-0000-7000-8000-000000000001/contenu\">x</a>";

        assertThat(RouteMatrixTest.offeredButRefused(Map.of("GET /recherche/mes-choix", before), posts, gets)).containsExactlyInAnyOrder(
                "GET /recherche/mes-choix shows a form posting to POST /recherche/mes-choix, which refuses him",
                "GET /recherche/mes-choix links to GET /dossier/documents/{id}/supprimer, which refuses him");
        assertThat(RouteMatrixTest.offeredButRefused(Map.of("GET /recherche/mes-choix", after), posts, gets)).isEmpty();
    }
}
