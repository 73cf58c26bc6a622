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
        // The authorisation server's endpoints are filters, not handler mappings: listed from its settings, tried by
        // every account with fresh sessions (GET, then POST with a valid CSRF token and an empty form), logout last
        // (it may end the session it is sent with).
        Map<String, WebSession> oauth = sessions();
        for (String route : oauthRoutes(context)) {
            String path = route.substring(route.indexOf(' ') + 1);
            List<String> outcomes = new ArrayList<>();
            for (String account : ACCOUNTS) {
                HttpResponse<String> r = route.startsWith("GET ") ? oauth.get(account).get(path)
                        : "anonymous".equals(account) ? new WebSession(port).postForm(path, Map.of()) : oauth.get(account).postForm(path, Map.of());
                outcomes.add(outcome(r));
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

    static final String FHIR_MATRIX = "src/test/resources/security/fhir-matrix.csv";

    /**
     * Every FHIR interaction the CapabilityStatement declares (and the protocol endpoints of the declared bulk
     * exports: instance-level kick-off, status polling, file download) × every demo account, logged in with its
     * browser session (which the FHIR API accepts with every scope: only the rules of the modules decide) → the
     * class of answer {@code fhir-matrix.csv} states. The target is always Marie Durand's ("patient"): her Patient,
     * the first of her objects of each type (found by searching as herself), her export job; so the {@code patient}
     * column reads her own data, {@code patient2} and {@code mineur} another person's, {@code medecin} a patient of
     * his, {@code medecin2} a stranger. Writes send a bare resource of the type (creation) or carrying only its id
     * (update): a role that may write gets the validation's answer (400/422), a role that may not gets 403 or 404.
     */
    @Test
    void everyFhirInteractionIsInTheMatrixAndAnswersEveryDemoAccountAsItSays() throws IOException {
        WebSession anonymous = new WebSession(port);
        HttpResponse<String> metadata = anonymous.get("/fhir/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        CapabilityStatement cs = fhir.newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
        TreeSet<String> interactions = new TreeSet<>();
        Map<String, List<String>> searchParams = new TreeMap<>();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                for (CapabilityStatement.ResourceInteractionComponent i : resource.getInteraction()) {
                    interactions.add(resource.getType() + " " + i.getCode().toCode());
                }
                for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent op : resource.getOperation()) {
                    interactions.add(resource.getType() + " $" + op.getName());
                }
                searchParams.put(resource.getType(), resource.getSearchParam().stream()
                        .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList());
            }
            for (CapabilityStatement.SystemInteractionComponent i : rest.getInteraction()) {
                interactions.add("system " + i.getCode().toCode());
            }
            for (CapabilityStatement.CapabilityStatementRestResourceOperationComponent op : rest.getOperation()) {
                interactions.add("system $" + op.getName());
            }
        }
        // A declared bulk export brings its protocol (BulkExport): polling and files for any export, and the
        // kick-off for one person by id for the Patient-level one.
        if (interactions.contains("system $export") || interactions.contains("Patient $export")) {
            interactions.add("system $export-status");
            interactions.add("system $export-file");
        }
        if (interactions.contains("Patient $export")) {
            interactions.add("Patient $export-instance");
        }

        Map<String, WebSession> sessions = sessions();
        String patient = cast.patient("patient").value().toString();
        Map<String, String> targets = fhirTargets(sessions, searchParams, patient);
        String job = exportJob(sessions.get("patient"), patient);

        Map<String, List<String>> observed = new TreeMap<>();
        for (String i : interactions) {
            String type = i.substring(0, i.indexOf(' '));
            String code = i.substring(i.indexOf(' ') + 1);
            List<String> outcomes = new ArrayList<>();
            for (String account : ACCOUNTS) {
                outcomes.add(fhirOutcome(fhirCall(sessions.get(account), type, code, targets, searchParams, patient, job)));
            }
            observed.put(i, outcomes);
        }
        Files.createDirectories(OBSERVED);
        StringBuilder file = new StringBuilder("type;interaction;" + String.join(";", ACCOUNTS) + "\n");
        observed.forEach((i, outcomes) -> file.append(line(i, outcomes)).append('\n'));
        Path observedFile = OBSERVED.resolve("fhir-matrix.observed.csv").toAbsolutePath();
        Files.writeString(observedFile, file.toString(), StandardCharsets.UTF_8);

        Map<String, Row> listed = read("/security/fhir-matrix.csv");
        List<String> problems = new ArrayList<>();
        observed.forEach((i, outcomes) -> {
            Row row = listed.get(i);
            if (row == null) {
                problems.add("FHIR interaction not in " + FHIR_MATRIX + " — if these answers are right, add this line: " + line(i, outcomes));
            }
            for (int a = 0; a < ACCOUNTS.size(); a++) {
                String got = outcomes.get(a);
                if ("5xx".equals(got)) {
                    problems.add("FHIR " + i + " as " + ACCOUNTS.get(a) + ": server error");
                }
                String expected = row == null ? null : row.expected().get(ACCOUNTS.get(a));
                if (expected != null && !expected.equals(got)) {
                    problems.add("FHIR " + i + " as " + ACCOUNTS.get(a) + ": expected " + expected + ", got " + got);
                }
            }
        });
        for (String i : listed.keySet()) {
            if (!observed.containsKey(i)) {
                problems.add("FHIR interaction in " + FHIR_MATRIX + " that the server no longer declares (remove its line): " + i);
            }
        }
        assertThat(problems).as("FHIR interactions (CapabilityStatement of /fhir/metadata) × demo accounts vs %s (observed: %s)",
                FHIR_MATRIX, observedFile).isEmpty();
    }

    /** The id of Marie Durand's first object of each type (searched as herself; as her doctor for the referential types). */
    private Map<String, String> fhirTargets(Map<String, WebSession> sessions, Map<String, List<String>> searchParams, String patient) {
        Map<String, String> targets = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : searchParams.entrySet()) {
            String type = e.getKey();
            String param = patientParameter(e.getValue());
            HttpResponse<String> r = param != null
                    ? sessions.get("patient").get("/fhir/" + type + "?" + param + "=Patient/" + patient + "&_count=1")
                    : sessions.get("medecin").get("/fhir/" + type + "?_count=1");
            Matcher m = Pattern.compile("\"resource\":\\{\"resourceType\":\"" + type + "\",\"id\":\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                targets.put(type, m.group(1));
            }
        }
        targets.put("Patient", patient);
        targets.putIfAbsent("Practitioner", cast.professional("medecin").value().toString());
        // Binary is the content of a DocumentReference, under the same id.
        targets.putIfAbsent("Binary", targets.getOrDefault("DocumentReference", UUID.randomUUID().toString()));
        if (!targets.containsKey("Slot")) {
            targets.put("Slot", DemoIds.of(jdbc, cast).get("slot"));
        }
        if (!targets.containsKey("ResearchStudy")) {
            targets.put("ResearchStudy", DemoIds.of(jdbc, cast).get("project"));
        }
        return targets;
    }

    private static String patientParameter(List<String> params) {
        return params.contains("patient") ? "patient" : params.contains("subject") ? "subject" : null;
    }

    /** Marie Durand's own Patient-level export, finished: its job id (the status and file rows poll it). */
    private static String exportJob(WebSession patientSession, String patient) {
        HttpResponse<String> kick = patientSession.request("GET", "/fhir/Patient/" + patient + "/$export?_type=Patient",
                Map.of("Prefer", "respond-async", "Accept", "application/fhir+json"), null);
        assertThat(kick.statusCode()).as("Marie Durand exports her own data: %s", kick.body()).isEqualTo(202);
        String location = kick.headers().firstValue("Content-Location").orElseThrow();
        String job = location.substring(location.lastIndexOf('/') + 1);
        // Not a timed assertion: the job runs on its own thread; wait until it is done (each poll says 202 until then).
        for (int i = 0; i < 600; i++) {
            if (patientSession.request("GET", "/fhir/$export-status/" + job, Map.of(), null).statusCode() == 200) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Marie Durand's export did not finish");
    }

    /**
     * What a create sends: for the medical profile, a minimal line about Marie Durand (the Immunization and the
     * Observation pass validation, so their answer is the access decision: 201 for whoever may add to her profile,
     * 403 for the others; the three others still miss what validation requires and get 422); for the other types a
     * bare resource (validation answers first, 422, for every logged-in account: their write rights are proved by
     * the module tests, fhir.FhirRecordTest and the others).
     */
    private static String creation(String type, String patient) {
        String ref = "{\"reference\":\"Patient/" + patient + "\"}";
        String code = "{\"text\":\"matrice de sécurité\"}";
        return switch (type) {
            case "Condition" -> "{\"resourceType\":\"Condition\",\"subject\":" + ref + ",\"code\":" + code + "}";
            case "AllergyIntolerance" -> "{\"resourceType\":\"AllergyIntolerance\",\"patient\":" + ref + ",\"code\":" + code + "}";
            case "MedicationStatement" -> "{\"resourceType\":\"MedicationStatement\",\"status\":\"active\",\"subject\":" + ref
                    + ",\"medicationCodeableConcept\":" + code + "}";
            case "Immunization" -> "{\"resourceType\":\"Immunization\",\"status\":\"completed\",\"patient\":" + ref
                    + ",\"vaccineCode\":" + code + ",\"occurrenceDateTime\":\"2026-01-15\"}";
            case "Observation" -> "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":" + ref
                    + ",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"Poids\"}"
                    + ",\"valueQuantity\":{\"value\":70,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}"
                    + ",\"effectiveDateTime\":\"2026-01-15\"}";
            default -> "{\"resourceType\":\"" + type + "\"}";
        };
    }

    /** The class of a FHIR answer: as {@link #outcome}, and "empty" for a search that found nothing (a refusal is invisible). */
    static String fhirOutcome(HttpResponse<String> r) {
        if (r.statusCode() == 200 && r.body().startsWith("{\"resourceType\":\"Bundle\"") && r.body().contains("\"type\":\"searchset\"")
                && r.body().contains("\"total\":0")) {
            return "empty";
        }
        return outcome(r);
    }

    private static HttpResponse<String> fhirCall(WebSession s, String type, String code, Map<String, String> targets,
            Map<String, List<String>> searchParams, String patient, String job) {
        String base = "system".equals(type) ? "/fhir" : "/fhir/" + type;
        String target = targets.getOrDefault(type, UUID.randomUUID().toString());
        Map<String, String> json = Map.of("Content-Type", "application/fhir+json", "Accept", "application/fhir+json");
        Map<String, String> async = Map.of("Prefer", "respond-async", "Accept", "application/fhir+json");
        return switch (code) {
            case "read", "vread", "history-instance" -> s.request("GET", base + "/" + target, json, null);
            case "search-type" -> {
                String param = patientParameter(searchParams.getOrDefault(type, List.of()));
                yield s.request("GET", base + (param == null ? "" : "?" + param + "=Patient/" + patient), json, null);
            }
            case "create" -> s.request("POST", base, json, creation(type, patient));
            case "update" -> s.request("PUT", base + "/" + target, json, "{\"resourceType\":\"" + type + "\",\"id\":\"" + target + "\"}");
            case "transaction", "batch" -> s.request("POST", base, json, "{\"resourceType\":\"Bundle\",\"type\":\"" + code + "\"}");
            case "$export" -> s.request("GET", base + "/$export", async, null);
            case "$export-instance" -> s.request("GET", base + "/" + patient + "/$export", async, null);
            case "$export-status" -> s.request("GET", base + "/$export-status/" + job, Map.of(), null);
            case "$export-file" -> s.request("GET", base + "/$export-file/" + job + "/Patient.ndjson", Map.of(), null);
            default -> s.request("GET", base + (code.startsWith("$") ? "/" + code : ""), json, null);
        };
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

    /**
     * Every endpoint of the embedded OAuth 2.0 / OpenID Connect authorisation server (authorize, token, JWK set,
     * revocation, introspection, userinfo, client registration, logout, device, pushed requests: each
     * {@code *-endpoint} of its {@code AuthorizationServerSettings}, enabled or not) and its two discovery documents,
     * in GET and POST, logout last.
     */
    static List<String> oauthRoutes(ApplicationContext context) {
        TreeSet<String> paths = new TreeSet<>(List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"));
        context.getBean(org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings.class)
                .getSettings().forEach((key, value) -> {
                    if (key.endsWith("-endpoint") && value instanceof String path && path.startsWith("/")) {
                        paths.add(path);
                    }
                });
        List<String> routes = new ArrayList<>();
        for (String method : List.of("GET", "POST")) {
            paths.forEach(p -> routes.add(method + " " + p));
        }
        routes.sort(java.util.Comparator.comparing((String r) -> r.contains("logout")).thenComparing(r -> r.startsWith("POST ")));
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
