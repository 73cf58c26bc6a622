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
}
