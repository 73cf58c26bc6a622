package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix ({@code src/test/resources/security/route-matrix.csv}): every web route
 * (every handler mapping found at runtime) × the demo accounts → the class of answer expected. A route
 * that exists and is not in the matrix fails the build, so does a route that answers differently.
 * Path variables are replaced by real ids of the demo cast (Marie Durand's record, one of her
 * documents, one of her bookings…). One request per route and account: GETs first, then every POST with a
 * valid CSRF token and an empty form (the context is this test's own, so what an allowed POST changes leaks
 * into no other test); a POST without a valid token is refused for every route
 * ({@link #everyStateChangingRouteRefusesARequestWithoutCsrfToken}).
 *
 * <p>The FHIR API is inventoried from its CapabilityStatement ({@code fhir-matrix.csv}): a new
 * resource type or interaction fails the build until it is listed with the answer an anonymous caller
 * gets (401 for everything but the CapabilityStatement and the public referential reads: Schedule, Slot,
 * ResearchStudy, as the public web pages they mirror).
 *
 * <p>When the matrix must change, the observed matrix is written to
 * {@code target/security/route-matrix.observed.csv}: review the difference, then copy it.
 */
@HygieIntegrationTest
// Its own context (and database): the matrix states what each demo account gets from the demo cast as loaded,
// so no other test's leftovers (a mandate, a message) may change an answer. Costs one context start.
@org.springframework.test.context.TestPropertySource(properties = "hygie.test.context=route-matrix")
class RouteMatrixTest {

    static final List<String> ACCOUNTS = List.of("anonymous", "patient", "aidant", "medecin", "medecin2", "pharmacien", "accueil",
            "admin", "cnil", "chercheur", "comite", "conseiller", "ars", "infirmier", "dentiste", "kine", "mineur", "patient2");
    static final String MATRIX = "src/test/resources/security/route-matrix.csv";
    private static final Path OBSERVED = Paths.get("target", "security");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cast cast;

    @Autowired
    FhirContext fhir;

    record Row(String method, String path, Map<String, String> expected) {
        String key() {
            return method + " " + path;
        }
    }

    @Test
    void everyWebRouteIsInTheMatrixAndAnswersAsTheMatrixSaysForEveryDemoAccount() throws IOException {
        Map<String, Row> matrix = read("/security/route-matrix.csv");
        TreeSet<String> routes = routes(context);
        Map<String, WebSession> sessions = sessions();
        Map<String, String> ids = DemoIds.of(jdbc, cast);

        Map<String, List<String>> observed = new TreeMap<>();
        // Every GET first, then every POST: a POST that is allowed changes the demo cast of this context (its own),
        // and no GET answer may depend on the order of the routes.
        for (String route : routes) {
            if (route.startsWith("GET ")) {
                String path = DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
                List<String> outcomes = new ArrayList<>();
                for (String account : ACCOUNTS) {
                    outcomes.add(outcome(sessions.get(account).get(path)));
                }
                observed.put(route, outcomes);
            }
        }
        // POSTs as every account, logged in, with a valid CSRF token and an empty form (fresh sessions: a GET session
        // must not carry an "acting for" choice a POST made). A refused role gets what the matrix says (403, a redirect);
        // an allowed one must answer its form's validation (400 or the form again with a French error), never 5xx.
        Map<String, WebSession> posting = sessions();
        List<String> silent = new ArrayList<>();
        for (String route : routes) {
            if (route.startsWith("GET ")) {
                continue;
            }
            String path = DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
            List<String> outcomes = new ArrayList<>();
            for (String account : ACCOUNTS) {
                HttpResponse<String> r;
                if (route.endsWith(" /error") && !"anonymous".equals(account)) {
                    outcomes.add("-"); // Spring's own error page, no state to change: the anonymous call suffices
                    continue;
                } else if ("anonymous".equals(account)) {
                    r = new WebSession(port).postForm(path, Map.of());
                } else if (path.startsWith("/api/")) {
                    r = posting.get(account).postJson(path, "{}"); // the JSON API takes JSON only (else 415)
                } else {
                    r = posting.get(account).postForm(path, Map.of());
                }
                outcomes.add(outcome(r));
                // An empty form accepted with 200 must say what is wrong (the French error summary), not fail silently.
                if (r.statusCode() / 100 == 2 && !r.body().contains("alert-error")) {
                    silent.add(route + " as " + account);
                }
            }
            observed.put(route, outcomes);
        }
        StringBuilder file = new StringBuilder("method;path;" + String.join(";", ACCOUNTS) + "\n");
        observed.forEach((route, outcomes) -> file.append(line(route, outcomes)).append('\n'));
        Files.createDirectories(OBSERVED);
        Path observedFile = OBSERVED.resolve("route-matrix.observed.csv").toAbsolutePath();
        Files.writeString(observedFile, file.toString(), StandardCharsets.UTF_8);
        assertThat(compare(matrix, observed))
                .as("authorisation matrix %s vs the running server (whole observed matrix: %s; see docs/security.md, "
                        + "\"Changing the matrix\")", MATRIX, observedFile)
                .isEmpty();
        assertThat(silent).as("POSTs of an empty form answered 200 without an error message (class alert-error)").isEmpty();
    }

    /**
     * What differs between the matrix and the observed answers, one readable line each: a route the
     * server has and the matrix lacks (with the line to add once reviewed), a row for a route that no
     * longer exists, an answer other than the expected one, and any server error.
     */
    static List<String> compare(Map<String, Row> matrix, Map<String, List<String>> observed) {
        List<String> problems = new ArrayList<>();
        observed.forEach((route, outcomes) -> {
            Row row = matrix.get(route);
            if (row == null) {
                problems.add("route not in the matrix: " + route + " — if these answers are right, add this line to " + MATRIX
                        + ": " + line(route, outcomes));
            }
            for (int i = 0; i < ACCOUNTS.size(); i++) {
                String account = ACCOUNTS.get(i);
                String got = outcomes.get(i);
                // Spring's own /error, called directly with no error to render, answers 500: nothing else may.
                if ("5xx".equals(got) && !route.endsWith(" /error")) {
                    problems.add(route + " as " + account + ": server error");
                }
                String expected = row == null ? null : row.expected().get(account);
                if (expected != null && !expected.equals(got)) {
                    problems.add(route + " as " + account + ": expected " + expected + ", got " + got);
                }
            }
        });
        for (String listed : matrix.keySet()) {
            if (!observed.containsKey(listed)) {
                problems.add("route in the matrix that no longer exists (remove its line from " + MATRIX + "): " + listed);
            }
        }
        return problems;
    }

    static String line(String route, List<String> outcomes) {
        return route.replaceFirst(" ", ";") + ";" + String.join(";", outcomes);
    }

    @Test
    void everyStateChangingRouteRefusesARequestWithoutCsrfToken() {
        WebSession patient = new WebSession(port).loggedInAs("patient");
        Map<String, String> ids = DemoIds.of(jdbc, cast);
        List<String> accepted = new ArrayList<>();
        for (String route : routes(context)) {
            if (route.startsWith("GET ")) {
                continue;
            }
            String path = DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
            HttpResponse<String> r = patient.postForm(path, Map.of("_csrf", "forged"));
            if (r.statusCode() != 403) {
                accepted.add(route + " → " + r.statusCode());
            }
        }
        assertThat(accepted).as("POST routes accepting a forged CSRF token").isEmpty();
    }

    @Test
    void everyFhirInteractionIsInTheMatrixAndAnswersAnAnonymousCallerAsItSays() throws IOException {
        WebSession anonymous = new WebSession(port);
        HttpResponse<String> metadata = anonymous.get("/fhir/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        CapabilityStatement cs = fhir.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
        TreeSet<String> interactions = new TreeSet<>();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                for (CapabilityStatement.ResourceInteractionComponent i : resource.getInteraction()) {
                    interactions.add(resource.getType() + " " + i.getCode().toCode());
                }
                for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent op : resource.getOperation()) {
                    interactions.add(resource.getType() + " $" + op.getName());
                }
            }
            for (CapabilityStatement.SystemInteractionComponent i : rest.getInteraction()) {
                interactions.add("system " + i.getCode().toCode());
            }
            for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent op : rest.getOperation()) {
                interactions.add("system $" + op.getName());
            }
        }
        Map<String, String> listed = new TreeMap<>();
        try (InputStream in = getClass().getResourceAsStream("/security/fhir-matrix.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("type;")) {
                    String[] f = line.strip().split(";");
                    assertThat(f).as("fields of line \"%s\" in fhir-matrix.csv (type;interaction;anonymous answer)", line).hasSize(3);
                    listed.put(f[0] + " " + f[1], f[2]);
                }
            }
        }
        // What an anonymous caller gets for each interaction (an unknown id where one is needed).
        Map<String, String> observed = new TreeMap<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String i : interactions) {
            String type = i.substring(0, i.indexOf(' '));
            String code = i.substring(i.indexOf(' ') + 1);
            String base = "system".equals(type) ? "/fhir" : "/fhir/" + type;
            HttpResponse<String> r = switch (code) {
                case "read", "vread", "history-instance" -> anonymous.get(base + "/" + UUID.randomUUID());
                case "create", "transaction", "batch" -> anonymous.postJson(base, "{}");
                case "update" -> send(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + base + "/" + UUID.randomUUID()))
                        .header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
                default -> code.startsWith("$") ? anonymous.get(base + "/" + code) : anonymous.get(base);
            };
            observed.put(i, outcome(r));
        }
        Files.createDirectories(OBSERVED);
        StringBuilder file = new StringBuilder("type;interaction;anonymous\n");
        observed.forEach((i, answer) -> file.append(i.replace(' ', ';')).append(';').append(answer).append('\n'));
        Files.writeString(OBSERVED.resolve("fhir-matrix.observed.csv"), file.toString(), StandardCharsets.UTF_8);

        List<String> problems = new ArrayList<>();
        observed.forEach((i, answer) -> {
            if (!listed.containsKey(i)) {
                problems.add("FHIR interaction not in src/test/resources/security/fhir-matrix.csv (if an anonymous caller may get this "
                        + "answer, add the line " + i.replace(' ', ';') + ";" + answer + "): " + i);
            } else if (!listed.get(i).equals(answer)) {
                problems.add("FHIR " + i + " as anonymous: expected " + listed.get(i) + ", got " + answer);
            }
            if ("5xx".equals(answer)) {
                problems.add("FHIR " + i + " as anonymous: server error");
            }
        });
        for (String i : listed.keySet()) {
            if (!interactions.contains(i)) {
                problems.add("FHIR interaction in fhir-matrix.csv that the CapabilityStatement no longer declares (remove its line): " + i);
            }
        }
        assertThat(problems).as("FHIR interactions (CapabilityStatement of /fhir/metadata) vs fhir-matrix.csv (observed: %s)",
                OBSERVED.resolve("fhir-matrix.observed.csv").toAbsolutePath()).isEmpty();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every "METHOD pattern" of every handler mapping (methods left open are listed as "ANY"). */
    static TreeSet<String> routes(ApplicationContext context) {
        TreeSet<String> routes = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                List<String> methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).sorted().toList();
                for (String pattern : info.getPatternValues()) {
                    for (String m : methods.isEmpty() ? List.of("ANY") : methods) {
                        routes.add(m + " " + pattern);
                    }
                }
            }
        }
        return routes;
    }

    private Map<String, WebSession> sessions() {
        Map<String, WebSession> sessions = new LinkedHashMap<>();
        for (String account : ACCOUNTS) {
            sessions.put(account, "anonymous".equals(account) ? new WebSession(port) : new WebSession(port).loggedInAs(account));
        }
        return sessions;
    }

    /** The class of an answer: 2xx, login (redirect to the login page), 3xx, 400, 401, 403, 404, 405, 5xx. */
    static String outcome(HttpResponse<String> r) {
        int s = r.statusCode();
        if (s / 100 == 2) {
            return "2xx";
        }
        if (s / 100 == 3) {
            return r.headers().firstValue("Location").orElse("").contains("/login") ? "login" : "3xx";
        }
        if (s / 100 == 5) {
            return "5xx";
        }
        return Integer.toString(s);
    }

    private static Map<String, Row> read(String resource) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        try (InputStream in = RouteMatrixTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<String> header = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = List.of(line.strip().split(";"));
                if (header == null) {
                    header = f;
                    assertThat(header.subList(2, header.size())).as("account columns of %s (RouteMatrixTest.ACCOUNTS)", resource)
                            .isEqualTo(ACCOUNTS);
                    continue;
                }
                assertThat(f).as("fields of line \"%s\" in %s (method;path;one answer per account)", line, resource).hasSize(header.size());
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 2; i < header.size(); i++) {
                    expected.put(header.get(i), f.get(i));
                }
                Row row = new Row(f.get(0), f.get(1), expected);
                assertThat(rows.put(row.key(), row)).as("duplicate row %s", row.key()).isNull();
            }
        }
        return rows;
    }

    /** Real ids of the demo cast for path variables, by route and variable name; unknown ones get a random UUID. */
    static final class DemoIds {
        private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

        static Map<String, String> of(JdbcClient jdbc, Cast cast) {
            Map<String, String> ids = new LinkedHashMap<>();
            UUID patient = cast.patient("patient").value();
            UUID medecinAccount = cast.user("medecin").accountId().value();
            UUID medecin = cast.professional("medecin").value();
            ids.put("patient", patient.toString());
            ids.put("document", first(jdbc.sql("""
                    SELECT id FROM record.document WHERE patient_id = :p AND status = 'CURRENT' AND labels = '{}'
                    ORDER BY (author_account_id = :a) DESC, created_at LIMIT 1""")
                    .param("p", patient).param("a", medecinAccount).query(UUID.class).optional()));
            ids.put("booking", first(jdbc.sql("""
                    SELECT id FROM appointments.booking WHERE patient_id = :p AND professional_id = :m ORDER BY starts_at DESC LIMIT 1""")
                    .param("p", patient).param("m", medecin).query(UUID.class).optional()));
            ids.put("slot", first(jdbc.sql("""
                    SELECT id FROM appointments.slot WHERE professional_id = :m AND status = 'free' AND starts_at > now() ORDER BY starts_at LIMIT 1""")
                    .param("m", medecin).query(UUID.class).optional()));
            ids.put("professional", medecin.toString());
            ids.put("project", first(jdbc.sql("SELECT id FROM research.project ORDER BY id LIMIT 1").query(UUID.class).optional()));
            ids.put("algorithm", jdbc.sql("SELECT code FROM oversight.algorithm ORDER BY code LIMIT 1").query(String.class).optional()
                    .orElse("inconnu"));
            ids.put("contact", first(jdbc.sql("SELECT id FROM oversight.contact_request ORDER BY id LIMIT 1").query(UUID.class).optional()));
            ids.put("prescription", first(jdbc.sql("""
                    SELECT id FROM prescriptions.prescription WHERE patient_id = :p AND prescriber_id = :m ORDER BY created_at LIMIT 1""")
                    .param("p", patient).param("m", medecin).query(UUID.class).optional()));
            ids.put("conversation", first(jdbc.sql("""
                    SELECT id FROM messaging.conversation WHERE patient_id = :p AND professional_id = :m ORDER BY created_at LIMIT 1""")
                    .param("p", patient).param("m", medecin).query(UUID.class).optional()));
            ids.put("attachment", first(jdbc.sql("""
                    SELECT a.id FROM messaging.attachment a JOIN messaging.message m ON m.id = a.message_id
                    JOIN messaging.conversation c ON c.id = m.conversation_id
                    WHERE c.patient_id = :p AND c.professional_id = :m ORDER BY a.id LIMIT 1""")
                    .param("p", patient).param("m", medecin).query(UUID.class).optional()));
            ids.put("application", first(jdbc.sql("SELECT id FROM catalogue.application ORDER BY id LIMIT 1").query(UUID.class).optional()));
            return ids;
        }

        private static String first(Optional<UUID> id) {
            return id.map(UUID::toString).orElse(UUID.randomUUID().toString());
        }

        /** The kind of id a variable of a route stands for. */
        static String kind(String path, String variable) {
            if (variable.equals("line") || variable.equals("token") || variable.equals("run") || variable.equals("file")) {
                return "other";
            }
            if (path.startsWith("/ordonnances/") || path.startsWith("/pro/ordonnances/") || path.startsWith("/pharmacie/ordonnances/")) {
                return "prescription";
            }
            if (path.startsWith("/messages/pieces-jointes/") || path.startsWith("/pro/messages/pieces-jointes/")) {
                return "attachment";
            }
            if (path.startsWith("/messages/") || path.startsWith("/pro/messages/")) {
                return "conversation";
            }
            if (path.startsWith("/catalogue/") || path.startsWith("/comite/catalogue/")) {
                return "application";
            }
            if (variable.equals("docId") || path.startsWith("/dossier/documents/")) {
                return "document";
            }
            if (path.startsWith("/pro/patients/")) {
                return "patient";
            }
            if (variable.equals("slotId")) {
                return "slot";
            }
            if (path.startsWith("/mes-rendez-vous/") || path.startsWith("/guichet/rendez-vous/") || path.startsWith("/agenda/rendez-vous/")
                    || path.startsWith("/rendez-vous/{id}")) {
                return "booking";
            }
            if (path.startsWith("/rendez-vous/praticien/")) {
                return "professional";
            }
            if (path.startsWith("/recherche/")) {
                return "project";
            }
            if (path.startsWith("/algorithmes/") || path.startsWith("/supervision/")) {
                return "algorithm";
            }
            if (path.startsWith("/contact/file/")) {
                return "contact";
            }
            return "other";
        }

        static String substitute(String path, Map<String, String> ids) {
            Matcher m = VARIABLE.matcher(path);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String id = ids.getOrDefault(kind(path, m.group(1)), UUID.randomUUID().toString());
                m.appendReplacement(sb, Matcher.quoteReplacement(id));
            }
            m.appendTail(sb);
            return sb.toString().replace("/**", "/x");
        }
    }
}
