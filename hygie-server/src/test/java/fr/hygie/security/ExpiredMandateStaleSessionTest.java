package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import fr.hygie.support.AppClient;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.TestClock;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The stale session of an ended mandate (session 9; docs/security.md « A revoked and an expired mandate »): a
 * representative whose session chose Marie Durand (« Agir pour ») while his mandate held, used after the mandate's last
 * day. The route matrix's {@code mandataire-expire} column is a mandate that ended before its session began; this one ends
 * under the session, which needs the server's clock to move: this class has its own context (and database) whose
 * {@link java.time.Clock} is the shared {@link TestClock} (primary over the platform's), so moving it disturbs no other test.
 *
 * <p>For every web route of the matrix (GET, then POST with a valid CSRF token and an empty form), a fresh session of the
 * representative logs in and chooses her while the mandate holds (today is its last day), the clock moves one day on, and
 * the request is sent: the answer must be the {@code mandataire-expire} column's of {@code route-matrix.csv}, and a 2xx
 * page must not name her. The clock then moves back for the next route.
 */
@HygieIntegrationTest
@Import(TestClock.Configuration.class)
@TestPropertySource(properties = "hygie.test.context=moving-clock")
class ExpiredMandateStaleSessionTest {

    static final String STALE = "mandataire-perime-en-session";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cast cast;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    @Autowired
    TestClock clock;

    @Autowired
    Journal journal;

    @Test
    void aSessionThatChoseHerWhileTheMandateHeldOpensNothingOnceItHasEnded() throws IOException {
        Map<String, RouteMatrixTest.Row> matrix = RouteMatrixTest.read("/security/route-matrix.csv");
        Map<String, String> ids = RouteMatrixTest.DemoIds.of(jdbc, cast);
        String marie = cast.patient("patient").value().toString();
        String marieName = accounts.byPatient(cast.patient("patient")).orElseThrow().displayName();
        AccountId representative = accounts.create(new NewAccount(STALE, accounts.hash("demo"), Role.REPRESENTATIVE,
                "Paul Périmé (horloge)", null, null, null, false));
        // The same rights as the matrix's representative; today is the mandate's last day.
        mandates.grant(cast.user("patient").accountId(), cast.patient("patient"), representative, MandateKind.CAREGIVER,
                RouteMatrixTest.REPRESENTATIVE_SCOPES, mandates.today().minusYears(1), mandates.today());

        // While it holds, the session acts for her and reads her record.
        WebSession holding = staleSession(marie);
        HttpResponse<String> held = holding.get("/dossier");
        assertThat(held.body()).contains("Vous agissez pour " + marieName);
        // So the comparison can fail: before the clock moves, the same session's answer is not the column's.
        assertThat(RouteMatrixTest.outcome(held)).isEqualTo("2xx")
                .isNotEqualTo(matrix.get("GET /dossier").expected().get(RouteMatrixTest.EXPIRED));

        List<String> differences = new ArrayList<>();
        List<String> naming = new ArrayList<>();
        int tried = 0;
        List<String> routes = new ArrayList<>(RouteMatrixTest.routes(context));
        // Every GET first, then every POST, as the matrix does.
        routes.sort((a, b) -> Boolean.compare(!a.startsWith("GET "), !b.startsWith("GET ")));
        for (String route : routes) {
            RouteMatrixTest.Row row = matrix.get(route);
            assertThat(row).as("route %s in route-matrix.csv (RouteMatrixTest adds it)", route).isNotNull();
            String expected = row.expected().get(RouteMatrixTest.EXPIRED);
            if ("-".equals(expected)) {
                continue;
            }
            String path = RouteMatrixTest.DemoIds.substitute(route.substring(route.indexOf(' ') + 1), ids);
            WebSession session = staleSession(marie);
            clock.move(Duration.ofDays(1));
            HttpResponse<String> r;
            try {
                r = route.startsWith("GET ") ? session.get(path)
                        : path.startsWith("/api/") ? session.postJson(path, "{}") : session.postForm(path, Map.of());
            } finally {
                clock.move(Duration.ZERO);
            }
            tried++;
            String got = RouteMatrixTest.outcome(r);
            if (!got.equals(expected)) {
                differences.add(route + ": expected " + expected + " (column " + RouteMatrixTest.EXPIRED + "), got " + got);
            }
            if (r.statusCode() / 100 == 2 && r.body().contains(marieName)) {
                naming.add(route);
            }
        }
        org.slf4j.LoggerFactory.getLogger(ExpiredMandateStaleSessionTest.class).info("Stale session of an ended mandate: {} routes tried", tried);
        assertThat(tried).as("routes tried").isGreaterThan(100);
        assertThat(differences).as("a stale session of an ended mandate vs the column %s", RouteMatrixTest.EXPIRED).isEmpty();
        assertThat(naming).as("pages of the stale session that name %s", marieName).isEmpty();
    }

    /**
     * Session 10 (docs/security.md « A revoked and an expired mandate »): the same stale session through the FHIR API and
     * with valid forms. A representative whose session chose Marie Durand while his mandate held (today its last day) sends,
     * one day later by the clock, every FHIR interaction of the CapabilityStatement to her objects ({@link RouteMatrixTest}'s
     * machinery: valid resources naming her, a free slot of its own agenda): each answer must be the
     * {@code mandataire-expire} column's of {@code fhir-matrix.csv} (the answer of a representative who has no mandate for
     * her: 404 on her reads, empty searches, 403/404 on writes, the public referential reads), never name her, and her
     * footprint (every table with a {@code patient_id}, her messages) must not change. Then another one, of a fresh person,
     * posts every valid form of {@code route-forms.csv} to her (the {@code mandataire-expire} column's answer; her footprint
     * unchanged by each), the rows moved on between his tries by the first account each row allows, as in
     * {@link RouteFormsTest}. Neither leaves a permitting entry in her journal after the mandate ended (a refusal the policy
     * decided is journaled as a DENY; one refused before any decision — the session acts for nobody — leaves nothing).
     */
    @Test
    void aSessionThatChoseHerWhileTheMandateHeldReadsAndWritesNothingThroughTheApiNorWithValidForms() throws IOException {
        Instant began = Instant.now();
        PatientId marie = cast.patient("patient");
        String marieName = accounts.byPatient(marie).orElseThrow().displayName();
        String api = STALE + "-fhir";
        AccountId apiAccount = staleRepresentative(api, "patient", "Paul Périmé (API)");
        RouteMatrixTest matrix = new RouteMatrixTest();
        context.getAutowireCapableBeanFactory().autowireBean(matrix);
        RouteMatrixTest.FhirWorld world = matrix.fhirWorld(new WebSession(port).loggedInAs("patient"),
                new WebSession(port).loggedInAs("medecin"), List.of(api));
        Map<String, RouteMatrixTest.Row> fhirMatrix = RouteMatrixTest.read("/security/fhir-matrix.csv");
        PersonFootprint footprint = new PersonFootprint(jdbc);
        String before = footprint.of(marie.value());
        List<String> differences = new ArrayList<>();
        int writes = 0;
        // One login, the choice of her made again (while the mandate holds) before each request: the login is the cost.
        WebSession session = new WebSession(port).loggedInAs(api);
        for (String interaction : world.interactions()) {
            String expected = fhirMatrix.get(interaction).expected().get(RouteMatrixTest.EXPIRED);
            choose(session, api, marie.value().toString());
            clock.move(Duration.ofDays(1));
            HttpResponse<String> r;
            try {
                r = world.call(session, api, interaction);
            } finally {
                clock.move(Duration.ZERO);
            }
            writes += RouteMatrixTest.FhirWorld.writes(interaction) ? 1 : 0;
            String got = RouteMatrixTest.fhirOutcome(r);
            if (!got.equals(expected)) {
                differences.add("FHIR " + interaction + ": expected " + expected + " (column " + RouteMatrixTest.EXPIRED + "), got " + got);
            }
            if (r.body().contains(marieName)) {
                differences.add("FHIR " + interaction + ": the answer names " + marieName);
            }
        }
        assertThat(world.interactions()).as("FHIR interactions tried").hasSizeGreaterThan(50);
        assertThat(writes).as("FHIR writes tried").isGreaterThan(10);
        assertThat(differences).as("the stale session of an ended mandate on the FHIR API vs fhir-matrix.csv").isEmpty();
        assertThat(footprint.of(marie.value())).as("what is stored about Marie Durand after his FHIR writes").isEqualTo(before);
        List<JournalEntry> apiEntries = afterTheEnd(marie, apiAccount, began);

        // The valid forms of route-forms.csv, for a fresh person (the table's « self »).
        List<String> columns = new ArrayList<>();
        columns.add("self");
        columns.addAll(RouteMatrixTest.COLUMNS);
        List<RouteFormsTest.FormRow> rows = RouteFormsTest.read(columns);
        RouteFormsTest forms = new RouteFormsTest();
        context.getAutowireCapableBeanFactory().autowireBean(forms);
        String self = cast.newPatient();
        PatientId person = cast.patient(self);
        Map<String, String> ids = forms.setUp(self);
        String formsLogin = STALE + "-formulaires";
        AccountId formsAccount = staleRepresentative(formsLogin, self, "Paul Périmé (formulaires)");
        Map<String, WebSession> movers = new java.util.HashMap<>();
        List<String> problems = new ArrayList<>();
        int posted = 0;
        WebSession formsSession = new WebSession(port).loggedInAs(formsLogin);
        for (RouteFormsTest.FormRow row : rows) {
            String expected = row.expected().get(RouteMatrixTest.EXPIRED);
            String path = RouteFormsTest.substitute(row.path(), ids);
            Map<String, String> fields = RouteFormsTest.form(row.form(), ids);
            if (path == null || fields == null) {
                problems.add(row.key() + ": a placeholder has no value (an earlier row did not reach its action)");
                continue;
            }
            if (!"-".equals(expected)) {
                String was = footprint.of(person.value());
                choose(formsSession, formsLogin, person.value().toString());
                clock.move(Duration.ofDays(1));
                String got;
                try {
                    got = RouteFormsTest.outcome(formsSession, formsSession.postForm(path, fields));
                } finally {
                    clock.move(Duration.ZERO);
                }
                posted++;
                if (!got.equals(expected)) {
                    problems.add(row.key() + ": expected " + expected + " (column " + RouteMatrixTest.EXPIRED + "), got " + got);
                }
                if (!footprint.of(person.value()).equals(was)) {
                    problems.add(row.key() + ": something about her was stored");
                }
            }
            // The row's action, reached by the first account the table allows, so that the next rows find what they need.
            String mover = columns.stream().filter(a -> "ok".equals(row.expected().get(a))).findFirst().orElseThrow();
            WebSession moverSession = movers.computeIfAbsent(mover, a -> switch (a) {
                case "self" -> new WebSession(port).loggedInAs(self);
                case RouteMatrixTest.REPRESENTATIVE -> RouteFormsTest.actingFor(new WebSession(port).loggedInAs(forms.representativeOf(self)),
                        person.value().toString());
                default -> new WebSession(port).loggedInAs(a);
            });
            HttpResponse<String> moved = moverSession.postForm(path, fields);
            if (!"ok".equals(RouteFormsTest.outcome(moverSession, moved))) {
                problems.add(row.key() + ": " + mover + " did not reach the action the table allows it");
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    .matcher(moved.headers().firstValue("Location").orElse(""));
            while (m.find()) {
                ids.put("last:" + mover, m.group());
            }
        }
        assertThat(posted).as("valid forms posted by the stale session").isGreaterThan(20);
        assertThat(problems).as("the stale session of an ended mandate with the valid forms of route-forms.csv").isEmpty();
        List<JournalEntry> formEntries = afterTheEnd(person, formsAccount, began);
        org.slf4j.LoggerFactory.getLogger(ExpiredMandateStaleSessionTest.class).info(
                "Stale session of an ended mandate: {} FHIR interactions ({} writes), {} valid forms; journal after the end: {} on her chain, {} on the fresh person's",
                world.interactions().size(), writes, posted, decisions(apiEntries), decisions(formEntries));
        assertThat(apiEntries).as("entries of Marie Durand's journal by the stale session after the mandate ended")
                .allMatch(e -> e.decision() == JournalDecision.DENY);
        assertThat(formEntries).as("entries of the fresh person's journal by the stale session after the mandate ended")
                .allMatch(e -> e.decision() == JournalDecision.DENY);
    }

    /**
     * Session 11 (docs/security.md « A revoked and an expired mandate »): the stale OAuth token of a representative. An app
     * obtains an access token (authorization code + PKCE, every FHIR scope, {@code user/*.cruds}, and {@code offline_access}) for a representative of
     * Marie Durand while his mandate holds (today its last day): it reads her record then. One day later by the server's
     * clock (the token itself still valid: it is checked against the real time), every FHIR interaction of the
     * CapabilityStatement is sent with it, and with the token of a representative who never had a mandate from her,
     * obtained the same way: each answer must be the unrelated account's (reads 404 or empty, writes refused), never name
     * her, her footprint must not change, and no permitting entry of his may be in her journal after the end. The refresh
     * grant after the end either is refused or gives a token that reads her no more.
     */
    @Test
    void aTokenObtainedWhileTheMandateHeldReadsAndWritesNothingOnceItHasEnded() throws IOException {
        Instant began = Instant.now();
        PatientId marie = cast.patient("patient");
        String marieName = accounts.byPatient(marie).orElseThrow().displayName();
        String stale = STALE + "-jeton";
        String unrelated = STALE + "-sans-mandat";
        AccountId staleAccount = staleRepresentative(stale, "patient", "Paul Périmé (jeton)");
        accounts.create(new NewAccount(unrelated, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Sans-Mandat (jeton)", null, null,
                null, false));
        AppClient app = new AppClient(port, "hygie-demo-app");
        String scopes = "openid offline_access user/*.cruds";
        AppClient.Tokens staleTokens = app.connect(stale, scopes);
        assertThat(staleTokens.refresh()).as("offline_access gives the app a refresh token").isNotBlank();
        WebSession staleToken = WebSession.withToken(port, staleTokens.access());
        WebSession unrelatedToken = WebSession.withToken(port, app.connect(unrelated, scopes).access());
        Map<String, String> json = Map.of("Accept", "application/fhir+json");
        // While the mandate holds, the token reads her; the unrelated one does not (so the comparison below can fail).
        HttpResponse<String> held = staleToken.request("GET", "/fhir/Patient/" + marie.value(), json, null);
        assertThat(held.statusCode()).as("the token reads her while the mandate holds: %s", held.body()).isEqualTo(200);
        assertThat(held.body()).contains(marie.value().toString());
        assertThat(unrelatedToken.request("GET", "/fhir/Patient/" + marie.value(), json, null).statusCode()).isEqualTo(404);

        RouteMatrixTest matrix = new RouteMatrixTest();
        context.getAutowireCapableBeanFactory().autowireBean(matrix);
        RouteMatrixTest.FhirWorld world = matrix.fhirWorld(new WebSession(port).loggedInAs("patient"),
                new WebSession(port).loggedInAs("medecin"), List.of(stale, unrelated));
        PersonFootprint footprint = new PersonFootprint(jdbc);
        String before = footprint.of(marie.value());
        List<String> differences = new ArrayList<>();
        int writes = 0;
        String refresh;
        clock.move(Duration.ofDays(1));
        try {
            for (String interaction : world.interactions()) {
                HttpResponse<String> r = world.call(staleToken, stale, interaction);
                String expected = RouteMatrixTest.fhirOutcome(world.call(unrelatedToken, unrelated, interaction));
                writes += RouteMatrixTest.FhirWorld.writes(interaction) ? 1 : 0;
                String got = RouteMatrixTest.fhirOutcome(r);
                if (!got.equals(expected)) {
                    differences.add("FHIR " + interaction + ": expected " + expected + " (a representative without mandate), got " + got);
                }
                if (r.body().contains(marieName)) {
                    differences.add("FHIR " + interaction + ": the answer names " + marieName);
                }
            }
            // The refresh grant after the end: refused, or a new token that opens no more than the stale one.
            HttpResponse<String> refreshed = app.refresh(staleTokens.refresh());
            refresh = "refresh " + refreshed.statusCode();
            if (refreshed.statusCode() == 200) {
                HttpResponse<String> read = WebSession.withToken(port, AppClient.tokens(refreshed.body()).access())
                        .request("GET", "/fhir/Patient/" + marie.value(), json, null);
                refresh += ", then her Patient " + read.statusCode();
                if (read.statusCode() != 404 || read.body().contains(marieName)) {
                    differences.add("a token refreshed after the end reads her: " + read.statusCode());
                }
            }
        } finally {
            clock.move(Duration.ZERO);
        }
        List<JournalEntry> entries = afterTheEnd(marie, staleAccount, began);
        org.slf4j.LoggerFactory.getLogger(ExpiredMandateStaleSessionTest.class).info(
                "Stale OAuth token of an ended mandate: {} FHIR interactions ({} writes); {}; journal after the end: {}",
                world.interactions().size(), writes, refresh, decisions(entries));
        assertThat(world.interactions()).as("FHIR interactions tried").hasSizeGreaterThan(50);
        assertThat(writes).as("FHIR writes tried").isGreaterThan(10);
        assertThat(differences).as("the stale OAuth token of an ended mandate vs a representative without mandate").isEmpty();
        assertThat(footprint.of(marie.value())).as("what is stored about Marie Durand after the stale token's writes").isEqualTo(before);
        assertThat(entries).as("entries of Marie Durand's journal by the stale token after the mandate ended")
                .allMatch(e -> e.decision() == JournalDecision.DENY);
    }

    /** A representative account whose mandate from that person, with the matrix's rights, ends today. */
    private AccountId staleRepresentative(String login, String grantor, String name) {
        AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, name, null, null, null, false));
        mandates.grant(cast.user(grantor).accountId(), cast.patient(grantor), account, MandateKind.CAREGIVER,
                RouteMatrixTest.REPRESENTATIVE_SCOPES, mandates.today().minusYears(1), mandates.today());
        return account;
    }

    /** Her journal's entries by that account dated after the mandate's end (the clock was moved a day on for them). */
    private List<JournalEntry> afterTheEnd(PatientId person, AccountId account, Instant began) {
        Instant end = began.plus(Duration.ofHours(12));
        return journal.forPatient(person.value(), 0, 100_000).stream()
                .filter(e -> e.actor() != null && account.value().equals(e.actor().accountId()) && e.at().isAfter(end)).toList();
    }

    private static Map<JournalDecision, Long> decisions(List<JournalEntry> entries) {
        return entries.stream().collect(java.util.stream.Collectors.groupingBy(JournalEntry::decision, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /** A fresh session of the representative that chooses Marie Durand now, while the clock says the mandate holds. */
    private WebSession staleSession(String marie) {
        return staleSession(STALE, marie);
    }

    /** A fresh session of that representative that chooses the person now, while the clock says the mandate holds. */
    private WebSession staleSession(String login, String person) {
        return choose(new WebSession(port).loggedInAs(login), login, person);
    }

    /** The session chooses the person (« Agir pour ») now, while the clock says the mandate holds. */
    private static WebSession choose(WebSession session, String login, String person) {
        session.get("/agir-pour");
        HttpResponse<String> chosen = session.postForm("/agir-pour", Map.of("patient", person));
        assertThat(chosen.statusCode()).as("%s acts for the person while the mandate holds", login).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElse("")).as("%s still logged in", login).doesNotContain("/login");
        return session;
    }
}
