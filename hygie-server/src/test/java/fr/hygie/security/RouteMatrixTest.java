package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.Directory;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
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
    /**
     * The representative column: an account of the role REPRESENTATIVE holding an active mandate from Marie Durand, the
     * matrix's patient, with the rights {@link #REPRESENTATIVE_SCOPES} ({@link #representativeOfMarie}). The demo cast
     * has none (its caregiver « aidant » represents Jean Petit), so the test creates it in its own context. Its sessions
     * act for her (« Vous agissez pour Marie Durand »), as a representative uses the service.
     */
    static final String REPRESENTATIVE = "mandataire";
    /**
     * What Marie Durand's mandate lets the representative do: read her documents and profile, manage her appointments,
     * read her messages — not write messages, not manage her sharing (DOMAIN « Representatives »: a scoped mandate;
     * docs/security.md, « The representative column »). Rights it lacks are as much a part of the column as those it has.
     */
    static final Set<MandateScope> REPRESENTATIVE_SCOPES = Set.copyOf(EnumSet.of(MandateScope.VIEW_DOCUMENTS,
            MandateScope.MANAGE_APPOINTMENTS, MandateScope.READ_MESSAGES));
    /**
     * The same representative after the end of his mandate (session 8): an account whose mandate from Marie Durand, with
     * the same rights, was revoked by her ({@value}). Its session chose her while the mandate held and is used after the
     * revocation ({@link #formerRepresentativeSession}): everything of hers the live mandate allowed must now refuse it.
     */
    static final String REVOKED = "mandataire-revoque";
    /** The same, whose mandate has ended: valid for a year, until yesterday ({@value}). */
    static final String EXPIRED = "mandataire-expire";
    /** The matrices' columns: the demo accounts, the representative with Marie Durand's mandate, then the two former ones. */
    static final List<String> COLUMNS = java.util.stream.Stream.concat(ACCOUNTS.stream(), java.util.stream.Stream.of(REPRESENTATIVE,
            REVOKED, EXPIRED)).toList();
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

    @Autowired
    Professionals professionals;

    @Autowired
    Agendas agendas;

    @Autowired
    Directory directory;

    @Autowired
    Clock clock;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

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
        Map<String, String> representativePages = new TreeMap<>();
        Map<String, String> formerRepresentativePages = new TreeMap<>();
        Map<String, String> herPages = new TreeMap<>();
        // Every GET first, then every POST: a POST that is allowed changes the demo cast of this context (its own),
        // and no GET answer may depend on the order of the routes.
        for (String route : routes) {
            if (route.startsWith("GET ")) {
                String path = DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
                List<String> outcomes = new ArrayList<>();
                for (String account : COLUMNS) {
                    HttpResponse<String> r = sessions.get(account).get(path);
                    outcomes.add(outcome(r));
                    if (REPRESENTATIVE.equals(account) && r.statusCode() / 100 == 2) {
                        representativePages.put(route, r.body());
                    }
                    if ((REVOKED.equals(account) || EXPIRED.equals(account)) && r.statusCode() / 100 == 2) {
                        formerRepresentativePages.put(route + " as " + account, r.body());
                    }
                    if ("patient".equals(account) && r.statusCode() / 100 == 2) {
                        herPages.put(route, r.body());
                    }
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
            for (String account : COLUMNS) {
                HttpResponse<String> r;
                if (route.endsWith(" /error") && !"anonymous".equals(account)) {
                    outcomes.add("-"); // Spring's own error page, no state to change: the anonymous call suffices
                    continue;
                } else if ("anonymous".equals(account)) {
                    r = new WebSession(port).postForm(path, Map.of());
                } else if (path.startsWith("/api/")) {
                    actForMarieAgain(posting, account);
                    r = posting.get(account).postJson(path, "{}"); // the JSON API takes JSON only (else 415)
                } else {
                    actForMarieAgain(posting, account);
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
            for (String account : COLUMNS) {
                HttpResponse<String> r = route.startsWith("GET ") ? oauth.get(account).get(path)
                        : "anonymous".equals(account) ? new WebSession(port).postForm(path, Map.of()) : oauth.get(account).postForm(path, Map.of());
                outcomes.add(outcome(r));
            }
            observed.put(route, outcomes);
        }
        StringBuilder file = new StringBuilder("method;path;" + String.join(";", COLUMNS) + "\n");
        observed.forEach((route, outcomes) -> file.append(line(route, outcomes)).append('\n'));
        Files.createDirectories(OBSERVED);
        Path observedFile = OBSERVED.resolve("route-matrix.observed.csv").toAbsolutePath();
        Files.writeString(observedFile, file.toString(), StandardCharsets.UTF_8);
        assertThat(compare(matrix, observed))
                .as("authorisation matrix %s vs the running server (whole observed matrix: %s; see docs/security.md, "
                        + "\"Changing the matrix\")", MATRIX, observedFile)
                .isEmpty();
        assertThat(silent).as("POSTs of an empty form answered 200 without an error message (class alert-error)").isEmpty();
        // A page the representative opens must not offer him what refuses him (session 8): no form posting to a route the
        // mandate refuses, no link to a page that refuses him (docs/security.md, « Pages that offer an action »).
        Set<String> refusedPosts = refusedToTheRepresentative(observed, "POST ");
        List<String> formAccounts = new ArrayList<>(List.of("self"));
        formAccounts.addAll(COLUMNS);
        refusedPosts.addAll(refusedWithAValidForm(RouteFormsTest.read(formAccounts)));
        refusedPosts.addAll(REFUSED_BY_THE_MANDATE_BEYOND_THE_MATRICES);
        assertThat(offeredButRefused(representativePages, refusedPosts, refusedToTheRepresentative(observed, "GET ")))
                .as("pages that show the representative (mandate %s) a form or a link his mandate refuses; refused POSTs: %s",
                        REPRESENTATIVE_SCOPES, refusedPosts)
                .isEmpty();
        // ...while Marie Durand herself is still offered every one of them (the forms are hidden for the mandate, not for all).
        assertThat(postedTo(herPages, OFFERED_TO_HERSELF)).as("forms Marie Durand's own pages offer her").containsAll(OFFERED_TO_HERSELF);
        // A former representative's pages (public pages, his own space, « choose whom you act for ») never name her: the
        // cells say which pages open; this says that none of them shows anything of Marie Durand's.
        String marie = accounts.byPatient(cast.patient("patient")).orElseThrow().displayName();
        assertThat(formerRepresentativePages.entrySet().stream().filter(e -> e.getValue().contains(marie)).map(Map.Entry::getKey).toList())
                .as("pages of a representative whose mandate was revoked or has ended that name %s", marie).isEmpty();
    }

    /**
     * POST routes that refuse the representative of the matrix ({@link #REPRESENTATIVE_SCOPES}) although neither matrix
     * shows it: their empty form is answered by its validation first (400, or a redirect with the error) and
     * {@code route-forms.csv} has no row for them. Each needs a right the mandate lacks.
     */
    static final Set<String> REFUSED_BY_THE_MANDATE_BEYOND_THE_MATRICES = Set.of(
            "POST /profil/mesures", // a line of the profile: « Gérer le partage et les paramètres »
            "POST /profil/contacts", // a person to contact: the same
            "POST /messages/{id}/repondre", // « Écrire des messages »
            "POST /messages/pieces-jointes/{id}/classer", // filing an attachment adds a document: « Gérer le partage »
            "POST /prevention/desactiver", "POST /prevention/reactiver"); // a setting: « Gérer le partage »

    /** Forms the person's own pages offer her and her representative's mandate refuses him (session 8). */
    static final Set<String> OFFERED_TO_HERSELF = Set.of("POST /recherche/mes-choix", "POST /dossier/ajouter",
            "POST /dossier/documents/{id}/masquer", "POST /profil/mesures", "POST /profil/volontes", "POST /profil/contacts",
            "POST /ordonnances/objection", "POST /prevention/desactiver");

    /** Which of {@code routes} the pages' forms post to. */
    static Set<String> postedTo(Map<String, String> pages, Set<String> routes) {
        Set<String> found = new TreeSet<>();
        for (String html : pages.values()) {
            Matcher form = FORM.matcher(html);
            while (form.find()) {
                Matcher action = ACTION.matcher(form.group(1));
                if (POST_METHOD.matcher(form.group(1)).find() && action.find()) {
                    matching("POST " + pathOf(action.group(1)), routes).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /**
     * The routes of {@code method} that refuse the representative (403 or 404) while they answer Marie Durand herself on
     * the same object (not 403, 404 or the login page): refusals due to the mandate, not to the empty form.
     */
    static Set<String> refusedToTheRepresentative(Map<String, List<String>> observed, String method) {
        int representative = COLUMNS.indexOf(REPRESENTATIVE);
        int herself = COLUMNS.indexOf("patient");
        Set<String> refused = new TreeSet<>();
        observed.forEach((route, outcomes) -> {
            String got = outcomes.get(representative);
            String hers = outcomes.get(herself);
            if (route.startsWith(method) && ("403".equals(got) || "404".equals(got))
                    && !("403".equals(hers) || "404".equals(hers) || "login".equals(hers))) {
                refused.add(route);
            }
        });
        return refused;
    }

    /** The POSTs of {@code route-forms.csv} whose valid form the person reaches ({@code ok}) and her representative does not. */
    static Set<String> refusedWithAValidForm(List<RouteFormsTest.FormRow> formRows) {
        Set<String> refused = new TreeSet<>();
        for (RouteFormsTest.FormRow row : formRows) {
            String got = row.expected().get(REPRESENTATIVE);
            if ("ok".equals(row.expected().get("self")) && ("error".equals(got) || "403".equals(got) || "404".equals(got))) {
                refused.add(row.method() + " " + row.path());
            }
        }
        return refused;
    }

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("<a\\b[^>]*\\bhref=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern POST_METHOD = Pattern.compile("\\bmethod=\"post\"", Pattern.CASE_INSENSITIVE);

    /**
     * Every form posting to a refused POST route, and every link to a refused GET route, in the given pages (route →
     * HTML), one readable line each. Routes are matched as patterns: a path variable ({@code {id}}, {@code {document}},
     * {@code {last:self}}) stands for one path segment.
     */
    static List<String> offeredButRefused(Map<String, String> pages, Set<String> refusedPosts, Set<String> refusedGets) {
        List<String> problems = new ArrayList<>();
        pages.forEach((page, html) -> {
            Matcher form = FORM.matcher(html);
            while (form.find()) {
                String attributes = form.group(1);
                Matcher action = ACTION.matcher(attributes);
                if (POST_METHOD.matcher(attributes).find() && action.find()) {
                    matching("POST " + pathOf(action.group(1)), refusedPosts)
                            .ifPresent(r -> problems.add(page + " shows a form posting to " + r + ", which refuses him"));
                }
            }
            Matcher link = LINK.matcher(html);
            while (link.find()) {
                matching("GET " + pathOf(link.group(1)), refusedGets)
                        .ifPresent(r -> problems.add(page + " links to " + r + ", which refuses him"));
            }
        });
        return problems;
    }

    private static String pathOf(String url) {
        String path = url.replace("&amp;", "&");
        for (String end : List.of("?", "#", ";")) {
            int i = path.indexOf(end);
            if (i >= 0) {
                path = path.substring(0, i);
            }
        }
        return path;
    }

    private static Optional<String> matching(String request, Set<String> routes) {
        for (String route : routes) {
            String pattern = Pattern.quote(route).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q");
            if (request.matches(pattern)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
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
            for (int i = 0; i < COLUMNS.size(); i++) {
                String account = COLUMNS.get(i);
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
     * his, {@code medecin2} a stranger. Writes send a resource that passes validation and names her ({@link FhirWrites}),
     * so their answer is the access decision: 2xx for a role that may write it, 403 (or the invisible 404) for the others;
     * an allowed change the next account would meet is undone at once. The referential searches get valid parameters
     * ({@link #directoryQueries}).
     */
    @Test
    void everyFhirInteractionIsInTheMatrixAndAnswersEveryDemoAccountAsItSays() throws IOException {
        Map<String, WebSession> sessions = sessions();
        FhirWorld world = fhirWorld(sessions.get("patient"), sessions.get("medecin"), COLUMNS);
        List<String> ordered = world.interactions();
        Map<String, List<String>> observed = new TreeMap<>();
        for (String i : ordered) {
            List<String> outcomes = new ArrayList<>();
            for (String account : COLUMNS) {
                outcomes.add(fhirOutcome(world.call(sessions.get(account), account, i)));
            }
            observed.put(i, outcomes);
        }
        Files.createDirectories(OBSERVED);
        StringBuilder file = new StringBuilder("type;interaction;" + String.join(";", COLUMNS) + "\n");
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
            for (int a = 0; a < COLUMNS.size(); a++) {
                String got = outcomes.get(a);
                if ("5xx".equals(got)) {
                    problems.add("FHIR " + i + " as " + COLUMNS.get(a) + ": server error");
                }
                String expected = row == null ? null : row.expected().get(COLUMNS.get(a));
                if (expected != null && !expected.equals(got)) {
                    problems.add("FHIR " + i + " as " + COLUMNS.get(a) + ": expected " + expected + ", got " + got);
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

    /**
     * What the FHIR matrix needs to send every interaction the CapabilityStatement declares to Marie Durand's objects
     * (session 10: {@link ExpiredMandateStaleSessionTest} sends them with the stale session of an ended mandate, in its
     * own context): the interactions, reads and searches first, then the writes (as the web matrix sends its GETs before
     * its POSTs: what an allowed write adds must not change the answer of a search); her objects; her export job; the
     * writes, with a free slot for each of {@code accounts}.
     */
    FhirWorld fhirWorld(WebSession marie, WebSession doctor, List<String> accounts) {
        HttpResponse<String> metadata = new WebSession(port).get("/fhir/metadata");
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
        String patient = cast.patient("patient").value().toString();
        Map<String, String> queries = directoryQueries();
        Map<String, String> targets = fhirTargets(marie, doctor, searchParams, patient, queries);
        String job = exportJob(marie, patient);
        FhirWrites writes = new FhirWrites(marie, patient, targets, accounts);
        List<String> ordered = new ArrayList<>(interactions);
        ordered.sort(java.util.Comparator.comparing((String i) -> WRITES.contains(i.substring(i.indexOf(' ') + 1))));
        return new FhirWorld(List.copyOf(ordered), searchParams, queries, targets, patient, job, writes, marie);
    }

    record FhirWorld(List<String> interactions, Map<String, List<String>> searchParams, Map<String, String> queries,
            Map<String, String> targets, String patient, String job, FhirWrites writes, WebSession marie) {

        /**
         * Sends one interaction ("Type code") as {@code account}; a change it was allowed to make is undone at once, so that
         * every account meets Marie Durand's objects as loaded (the next account's answer must not depend on the previous one's).
         */
        HttpResponse<String> call(WebSession session, String account, String interaction) {
            String type = interaction.substring(0, interaction.indexOf(' '));
            String code = interaction.substring(interaction.indexOf(' ') + 1);
            HttpResponse<String> r = fhirCall(session, account, type, code, targets, searchParams, queries, patient, job, writes);
            writes.undo(marie, type, code, r);
            return r;
        }

        static boolean writes(String interaction) {
            return WRITES.contains(interaction.substring(interaction.indexOf(' ') + 1));
        }
    }

    /**
     * The id of Marie Durand's first object of each type (searched as herself); for the referential types, the first
     * answer of their search with valid parameters ({@link #directoryQueries}), as her doctor.
     */
    private Map<String, String> fhirTargets(WebSession marie, WebSession doctor, Map<String, List<String>> searchParams, String patient,
            Map<String, String> queries) {
        Map<String, String> targets = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : searchParams.entrySet()) {
            String type = e.getKey();
            String param = patientParameter(e.getValue());
            HttpResponse<String> r = param != null
                    ? marie.get("/fhir/" + type + "?" + param + "=Patient/" + patient + "&_count=1")
                    : doctor.get("/fhir/" + type + "?" + (queries.containsKey(type) ? queries.get(type) + "&" : "") + "_count=1");
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

    /**
     * Valid parameters for the searches of the referential types, which need one (a search without it is a 400 for
     * everyone, which proves nothing): Marie Durand's doctor by his national identifier, his roles, his agenda and its
     * slots, and a structure of the demo cast by its FINESS number.
     */
    private Map<String, String> directoryQueries() {
        fr.hygie.identity.Professional medecin = professionals.byId(cast.professional("medecin")).orElseThrow();
        String finess = jdbc.sql("SELECT finess FROM identity.structure ORDER BY finess LIMIT 1").query(String.class).single();
        String pro = medecin.id().value().toString();
        return Map.of(
                "Practitioner", "identifier=" + enc("urn:oid:1.2.250.1.71.4.2.1|" + medecin.idNatPs()),
                "PractitionerRole", "practitioner=Practitioner/" + pro,
                "Organization", "identifier=" + enc("urn:oid:1.2.250.1.71.4.2.2|" + finess),
                "Schedule", "actor=Practitioner/" + pro,
                "Slot", "schedule=Schedule/" + pro + "&status=free");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
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
     * What the FHIR matrix writes, each a resource that passes the HAPI validator and names Marie Durand, so that the
     * answer is the access decision (201/200 for whoever may write it, 403 or the invisible 404 for the others):
     * <ul>
     * <li>a line of each section of her medical profile (Condition, AllergyIntolerance, MedicationStatement,
     * Immunization, Observation) and a text document (DocumentReference with inline content): added to her record
     * (they stay: the context is this test's own);</li>
     * <li>a message about her (Communication): a professional writes to her, anyone else to her doctor (who already
     * wrote to her: a patient may answer such a professional, DOMAIN « Secure messaging »);</li>
     * <li>a booking (Appointment) of a free slot of an agenda the test opens for a professional of its own, one slot per
     * account, so that an allowed booking takes nothing another account or the web matrix needs;</li>
     * <li>her sharing choices as they are (Consent: her emergency-access choice created again, her choice about sharing
     * with the care team updated to the same value): the decision is made and journaled, nothing changes;</li>
     * <li>her first document with MASQUE_PS switched (DocumentReference update) and her first appointment as it is
     * (Appointment update, same status): an allowed change is undone at once ({@link #undo}).</li>
     * </ul>
     */
    final class FhirWrites {
        private final String patient;
        private final String medecin;
        private final Map<String, fr.hygie.appointments.Slot> slots = new LinkedHashMap<>();
        private final String emergencyConsent;
        private final String shareConsentId;
        private final String shareConsent;
        private final String documentId;
        private final String documentAsRead;
        private final String documentSwitched;
        private final String appointmentAsRead;

        FhirWrites(WebSession marie, String patient, Map<String, String> targets, List<String> accounts) {
            this.patient = patient;
            this.medecin = cast.professional("medecin").value().toString();
            // A professional of this test's own with a published agenda, no visit reason: one free slot per account.
            fr.hygie.identity.ProfessionalId pro = freshAgenda();
            List<fr.hygie.appointments.Slot> free = directory.freeSlots(pro, clock.instant().plus(java.time.Duration.ofDays(2)),
                    clock.instant().plus(java.time.Duration.ofDays(30)), accounts.size());
            assertThat(free).as("free slots of the matrix's own agenda").hasSize(accounts.size());
            for (int i = 0; i < accounts.size(); i++) {
                slots.put(accounts.get(i), free.get(i));
            }
            // Her sharing choices as she reads them (a person without settings yet has the defaults: both permitted).
            org.hl7.fhir.r4.model.Bundle consents = parse(marie.request("GET", "/fhir/Consent?patient=Patient/" + patient + "&_count=50",
                    FHIR_JSON, null), org.hl7.fhir.r4.model.Bundle.class);
            Consent emergency = consentOf(consents, "EMERGENCY_ACCESS");
            emergency.setId((String) null);
            this.emergencyConsent = encode(emergency);
            Consent share = consentOf(consents, "SHARE_WITH_CARE_TEAM");
            this.shareConsentId = share.getIdElement().getIdPart();
            this.shareConsent = encode(share);
            // Her first document as she reads it, and the same with MASQUE_PS switched (the only change she may make).
            DocumentReference doc = parse(marie.request("GET", "/fhir/DocumentReference/" + targets.get("DocumentReference"), FHIR_JSON,
                    null), DocumentReference.class);
            this.documentId = targets.get("DocumentReference");
            this.documentAsRead = encode(doc);
            DocumentReference switched = doc.copy();
            boolean masked = switched.getSecurityLabel().removeIf(c -> c.getCoding().stream().anyMatch(x -> "MASQUE_PS".equals(x.getCode())));
            if (!masked) {
                switched.addSecurityLabel(new CodeableConcept().addCoding(new Coding(
                        "https://mos.esante.gouv.fr/NOS/TRE_A07-StatutVisibiliteDocument/FHIR/TRE-A07-StatutVisibiliteDocument", "MASQUE_PS", null)));
            }
            this.documentSwitched = encode(switched);
            this.appointmentAsRead = encode(parse(marie.request("GET", "/fhir/Appointment/" + targets.get("Appointment"), FHIR_JSON, null),
                    Appointment.class));
        }

        private fr.hygie.identity.ProfessionalId freshAgenda() {
            String first10 = "3" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
            fr.hygie.identity.ProfessionalId pro = professionals.register(new fr.hygie.identity.NewProfessional(
                    fr.hygie.identity.Rpps.parse(fr.hygie.identity.Rpps.withCheckDigit(first10)), "10", null, "MATRICE", "Agenda",
                    fr.hygie.identity.Sex.FEMALE, null, fr.hygie.identity.InseeCommuneCode.parse("29019"), 48.3904, -4.4861, 1, false,
                    List.of("fr")));
            agendas.open(pro);
            List<fr.hygie.appointments.WeeklyHours> rows = new ArrayList<>();
            for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                rows.add(new fr.hygie.appointments.WeeklyHours(null, d, java.time.LocalTime.of(8, 0), java.time.LocalTime.of(20, 0), 30));
            }
            agendas.replaceWeekly(pro, rows);
            return pro;
        }

        private Consent consentOf(org.hl7.fhir.r4.model.Bundle consents, String kind) {
            return consents.getEntry().stream().map(e -> (Consent) e.getResource())
                    .filter(c -> c.getCategory().stream().flatMap(x -> x.getCoding().stream()).anyMatch(x -> kind.equals(x.getCode())))
                    .findFirst().orElseGet(() -> {
                        // The provider's derivation (ConsentResourceProvider.base): person, kind, no professional.
                        Consent c = new Consent();
                        c.setId(UUID.nameUUIDFromBytes((patient + "|" + kind + "|").getBytes(StandardCharsets.UTF_8)).toString());
                        c.setStatus(Consent.ConsentState.ACTIVE);
                        c.setScope(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                                "patient-privacy", "Privacy Consent")));
                        c.addCategory(new CodeableConcept().addCoding(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
                        c.addCategory(new CodeableConcept().addCoding(new Coding("https://hygie.fr/fhir/CodeSystem/consent-kind", kind, null)));
                        c.setPatient(new Reference("Patient/" + patient));
                        c.setPolicyRule(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                "OPTIN", null)));
                        c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
                        return c;
                    });
        }

        /** The body of a create, for this account (only the message and the booking depend on it). */
        String creation(String type, String account) {
            Reference marie = new Reference("Patient/" + patient);
            return switch (type) {
                case "Condition" -> {
                    Condition c = new Condition();
                    c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
                    c.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
                    c.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item"));
                    c.setCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10", "J45", null))
                            .setText("Asthme (matrice de sécurité)"));
                    c.setSubject(marie);
                    c.setOnset(new DateTimeType(DAY));
                    yield encode(c);
                }
                case "AllergyIntolerance" -> {
                    AllergyIntolerance a = new AllergyIntolerance();
                    a.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active"));
                    a.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed"));
                    a.setCode(new CodeableConcept().setText("Pénicilline (matrice de sécurité)"));
                    a.setPatient(marie);
                    a.setOnset(new DateTimeType(DAY));
                    yield encode(a);
                }
                case "MedicationStatement" -> {
                    MedicationStatement m = new MedicationStatement();
                    m.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
                    m.setMedication(new CodeableConcept().addCoding(new Coding("http://www.whocc.no/atc", "N02BE01", null))
                            .setText("Paracétamol (matrice de sécurité)"));
                    m.setSubject(marie);
                    m.setEffective(new DateTimeType(DAY));
                    yield encode(m);
                }
                case "Immunization" -> "{\"resourceType\":\"Immunization\",\"status\":\"completed\",\"patient\":{\"reference\":\"Patient/"
                        + patient + "\"},\"vaccineCode\":{\"text\":\"matrice de sécurité\"},\"occurrenceDateTime\":\"" + DAY + "\"}";
                case "Observation" -> "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/" + patient
                        + "\"},\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}],\"text\":\"Poids\"}"
                        + ",\"valueQuantity\":{\"value\":70,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}"
                        + ",\"effectiveDateTime\":\"" + DAY + "\"}";
                case "DocumentReference" -> "{\"resourceType\":\"DocumentReference\",\"status\":\"current\","
                        + "\"type\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"11488-4\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/" + patient + "\"},\"description\":\"Matrice de sécurité\","
                        + "\"context\":{\"period\":{\"start\":\"" + DAY + "\"}},\"content\":[{\"attachment\":{\"contentType\":\"text/plain\","
                        + "\"data\":\"" + java.util.Base64.getEncoder().encodeToString("Examen clinique normal.".getBytes(StandardCharsets.UTF_8))
                        + "\"}}]}";
                case "Communication" -> {
                    Communication c = new Communication();
                    c.setStatus(Communication.CommunicationStatus.COMPLETED);
                    c.setSubject(marie);
                    boolean professional = !"anonymous".equals(account) && cast.user(account).role() == fr.hygie.identity.Role.PROFESSIONAL;
                    c.addRecipient(new Reference(professional ? "Patient/" + patient : "Practitioner/" + medecin));
                    c.getTopic().setText("Matrice de sécurité");
                    c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType("Bonjour, ceci est un message de test."));
                    yield encode(c);
                }
                case "Appointment" -> {
                    fr.hygie.appointments.Slot slot = slots.get(account);
                    Appointment a = new Appointment();
                    a.setStatus(Appointment.AppointmentStatus.BOOKED);
                    a.setStart(java.util.Date.from(slot.startsAt()));
                    a.setEnd(java.util.Date.from(slot.endsAt()));
                    a.addSlot(new Reference("Slot/" + slot.id().value()));
                    a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setActor(marie);
                    yield encode(a);
                }
                case "Consent" -> emergencyConsent;
                default -> "{\"resourceType\":\"" + type + "\"}";
            };
        }

        /** The path and body of an update: Consent and DocumentReference as above, Appointment as read. */
        String[] update(String type, String target) {
            return switch (type) {
                case "Consent" -> new String[] {"/fhir/Consent/" + shareConsentId, shareConsent};
                case "DocumentReference" -> new String[] {"/fhir/DocumentReference/" + target, documentSwitched};
                case "Appointment" -> new String[] {"/fhir/Appointment/" + target, appointmentAsRead};
                default -> new String[] {"/fhir/" + type + "/" + target, "{\"resourceType\":\"" + type + "\",\"id\":\"" + target + "\"}"};
            };
        }

        /** Undoes an allowed change of her first document (the other writes change nothing the next account meets). */
        void undo(WebSession marie, String type, String code, HttpResponse<String> r) {
            if ("DocumentReference".equals(type) && "update".equals(code) && r.statusCode() / 100 == 2) {
                HttpResponse<String> back = marie.request("PUT", "/fhir/DocumentReference/" + documentId, FHIR_JSON, documentAsRead);
                assertThat(back.statusCode()).as("Marie Durand puts her document back as it was: %s", back.body()).isEqualTo(200);
            }
        }

        private CodeableConcept concept(String system, String code) {
            return new CodeableConcept().addCoding(new Coding(system, code, null));
        }

        private String encode(org.hl7.fhir.instance.model.api.IBaseResource r) {
            return fhir.newJsonParser().encodeResourceToString(r);
        }

        private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
            assertThat(r.statusCode()).as("Marie Durand reads her %s: %s", type.getSimpleName(), r.body()).isEqualTo(200);
            return fhir.newJsonParser().parseResource(type, r.body());
        }
    }

    private static final String DAY = "2026-01-15";
    private static final java.util.Set<String> WRITES = java.util.Set.of("create", "update", "patch", "delete", "transaction", "batch");
    private static final Map<String, String> FHIR_JSON = Map.of("Content-Type", "application/fhir+json", "Accept", "application/fhir+json");

    /** The class of a FHIR answer: as {@link #outcome}, and "empty" for a search that found nothing (a refusal is invisible). */
    static String fhirOutcome(HttpResponse<String> r) {
        if (r.statusCode() == 200 && r.body().startsWith("{\"resourceType\":\"Bundle\"") && r.body().contains("\"type\":\"searchset\"")
                && r.body().contains("\"total\":0")) {
            return "empty";
        }
        return outcome(r);
    }

    private static HttpResponse<String> fhirCall(WebSession s, String account, String type, String code, Map<String, String> targets,
            Map<String, List<String>> searchParams, Map<String, String> queries, String patient, String job, FhirWrites writes) {
        String base = "system".equals(type) ? "/fhir" : "/fhir/" + type;
        String target = targets.getOrDefault(type, UUID.randomUUID().toString());
        Map<String, String> json = FHIR_JSON;
        Map<String, String> async = Map.of("Prefer", "respond-async", "Accept", "application/fhir+json");
        return switch (code) {
            case "read", "vread", "history-instance" -> s.request("GET", base + "/" + target, json, null);
            case "search-type" -> {
                if (queries.containsKey(type)) {
                    yield s.request("GET", base + "?" + queries.get(type), json, null);
                }
                String param = patientParameter(searchParams.getOrDefault(type, List.of()));
                yield s.request("GET", base + (param == null ? "" : "?" + param + "=Patient/" + patient), json, null);
            }
            case "create" -> s.request("POST", base, json, writes.creation(type, account));
            case "update" -> {
                String[] pathAndBody = writes.update(type, target);
                yield s.request("PUT", pathAndBody[0], json, pathAndBody[1]);
            }
            // One line of her profile in a transaction: all or nothing, through the same decisions as a single create.
            case "transaction", "batch" -> s.request("POST", base, json, "{\"resourceType\":\"Bundle\",\"type\":\"" + code + "\",\"entry\":[{"
                    + "\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + writes.creation("Immunization", account)
                    + ",\"request\":{\"method\":\"POST\",\"url\":\"Immunization\"}}]}");
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

    /** A session per column, logged in; the representative's acts for Marie Durand. */
    private Map<String, WebSession> sessions() {
        representativeOfMarie();
        Map<String, WebSession> sessions = new LinkedHashMap<>();
        for (String account : COLUMNS) {
            sessions.put(account, "anonymous".equals(account) ? new WebSession(port)
                    : REVOKED.equals(account) ? formerRepresentativeSession() : new WebSession(port).loggedInAs(account));
        }
        actForMarieAgain(sessions, REPRESENTATIVE);
        actForMarieAgain(sessions, EXPIRED);
        return sessions;
    }

    /**
     * The representative's session chooses Marie Durand again (« Agir pour »): an earlier empty POST of
     * {@code /agir-pour/moi} takes it back to its own space, after which it would act for nobody. Other columns: nothing.
     */
    private void actForMarieAgain(Map<String, WebSession> sessions, String account) {
        if (!REPRESENTATIVE.equals(account) && !REVOKED.equals(account) && !EXPIRED.equals(account)) {
            return;
        }
        WebSession session = sessions.get(account);
        session.get("/agir-pour");
        HttpResponse<String> chosen = session.postForm("/agir-pour", Map.of("patient", cast.patient("patient").value().toString()));
        if (REPRESENTATIVE.equals(account)) {
            assertThat(chosen.statusCode()).as("the representative acts for Marie Durand: %s", chosen.body()).isEqualTo(302);
        } else {
            // A mandate revoked or ended: choosing her is refused as for a stranger (403, nothing revealed).
            assertThat(chosen.statusCode()).as("%s chooses Marie Durand again", account).isEqualTo(403);
        }
    }

    /**
     * A session of {@value #REVOKED} that chose Marie Durand while his mandate held, the mandate then revoked by her: the
     * stale « Vous agissez pour Marie Durand » of a browser left open. Each call grants a fresh mandate (same rights, a
     * year) and revokes it, so that every pass of the matrix starts from such a session.
     */
    private WebSession formerRepresentativeSession() {
        AccountId account = accounts.byUsername(REVOKED).orElseThrow().id();
        fr.hygie.identity.MandateId mandate = mandates.grant(cast.user("patient").accountId(), cast.patient("patient"), account,
                MandateKind.CAREGIVER, REPRESENTATIVE_SCOPES, mandates.today(), mandates.today().plusYears(1));
        WebSession session = new WebSession(port).loggedInAs(REVOKED);
        session.get("/agir-pour");
        HttpResponse<String> chosen = session.postForm("/agir-pour", Map.of("patient", cast.patient("patient").value().toString()));
        assertThat(chosen.statusCode()).as("%s acts for Marie Durand while his mandate holds", REVOKED).isEqualTo(302);
        assertThat(mandates.revoke(mandate, cast.patient("patient"))).as("Marie Durand revokes the mandate").isTrue();
        return session;
    }

    /**
     * Creates, once in this test's own context, the representative column's account ({@value #REPRESENTATIVE}, password
     * demo) and the caregiver mandate Marie Durand gives it through the identity API, valid from today for a year, with
     * {@link #REPRESENTATIVE_SCOPES}.
     */
    private void representativeOfMarie() {
        if (accounts.byUsername(REPRESENTATIVE).isPresent()) {
            return;
        }
        AccountId representative = accounts.create(new NewAccount(REPRESENTATIVE, accounts.hash("demo"), Role.REPRESENTATIVE,
                "Paul Mandataire (matrice)", null, null, null, false));
        mandates.grant(cast.user("patient").accountId(), cast.patient("patient"), representative, MandateKind.CAREGIVER,
                REPRESENTATIVE_SCOPES, mandates.today(), mandates.today().plusYears(1));
        // The former representatives (session 8): the revoked one's mandates are granted and revoked per session
        // (formerRepresentativeSession); the other's mandate, same rights, held for a year and ended yesterday.
        accounts.create(new NewAccount(REVOKED, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Révoqué (matrice)", null, null, null,
                false));
        AccountId expired = accounts.create(new NewAccount(EXPIRED, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Expiré (matrice)",
                null, null, null, false));
        mandates.grant(cast.user("patient").accountId(), cast.patient("patient"), expired, MandateKind.CAREGIVER, REPRESENTATIVE_SCOPES,
                mandates.today().minusYears(1), mandates.today().minusDays(1));
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

    static Map<String, Row> read(String resource) throws IOException {
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
                    assertThat(header.subList(2, header.size())).as("account columns of %s (RouteMatrixTest.COLUMNS)", resource)
                            .isEqualTo(COLUMNS);
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
