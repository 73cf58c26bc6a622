package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The route matrix with <em>valid</em> forms ({@code src/test/resources/security/route-forms.csv}): for the POST
 * routes that change health data or access (masking a document, authorising and blocking a professional, emergency
 * access, uploads, bookings, prescriptions, messages, wishes), a filled form that the route accepts, posted by a
 * fresh person ({@code self}), by every demo account and by her representative ({@code mandataire}: a fresh account to
 * which she gives a caregiver mandate with the rights of the web matrix's representative, acting for her). An account the table says {@code ok} must reach the
 * action (2xx without an error message, or a redirect whose page shows none); every other one must get exactly
 * the refusal the table states (403, the login page, the invisible 404). {@link RouteMatrixTest} still tries every
 * POST with an empty form; the routes of this table are listed in docs/security.md.
 *
 * <p>No pollution of the demo cast (this test runs in the shared context): every form targets the fresh person
 * (her record, her documents, a booking she makes, prescriptions and messages about her); a demo account whose
 * valid form would act on its <em>own</em> record (the routes whose person is the session's: sharing settings,
 * uploads, wishes) is not tried ({@code -}), and the one demo object a form uses up — a free slot of Dr Leroy — is
 * given back by the next row (she cancels the booking). In each row the accounts that must be refused go first, on
 * the untouched state (a refusal is not hidden by a slot already taken), the allowed ones last.
 */
@HygieIntegrationTest
class RouteFormsTest {

    static final String TABLE = "src/test/resources/security/route-forms.csv";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([a-z0-9]+))?}");
    private static final Pattern ERROR_ALERT = Pattern.compile("<[a-z]+[^>]*\\sclass=\"[^\"]*\\balert-error\\b[^\"]*\"[^>]*>(.*?)</",
            Pattern.DOTALL);
    private static final List<String> STANDING_NOTICES = List.of("pas faite pour les urgences", "Messaging is not for emergencies");
    private static final Pattern UUID_IN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Documents documents;

    @Autowired
    ApplicationContext context;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    record FormRow(String method, String path, String form, Map<String, String> expected) {
        String key() {
            return method + " " + path + " " + form;
        }
    }

    @Test
    void aValidFormReachesItsActionForTheAccountsTheTableAllowsAndIsRefusedToEveryOther() throws IOException {
        List<String> accounts = new ArrayList<>();
        accounts.add("self");
        accounts.addAll(RouteMatrixTest.COLUMNS);
        List<FormRow> rows = read(accounts);
        assertThat(rows).isNotEmpty();

        String self = cast.newPatient();
        Map<String, String> ids = setUp(self);
        String representative = representativeOf(self);
        Map<String, WebSession> sessions = new LinkedHashMap<>();
        for (String account : accounts) {
            sessions.put(account, switch (account) {
                case "anonymous" -> new WebSession(port);
                case "self" -> new WebSession(port).loggedInAs(self);
                case RouteMatrixTest.REPRESENTATIVE -> actingFor(new WebSession(port).loggedInAs(representative), ids.get("self"));
                case RouteMatrixTest.REVOKED -> revokedRepresentativeOf(self);
                case RouteMatrixTest.EXPIRED -> expiredRepresentativeOf(self);
                default -> new WebSession(port).loggedInAs(account);
            });
        }
        Set<String> routes = RouteMatrixTest.routes(context);
        List<String> problems = new ArrayList<>();
        StringBuilder observedFile = new StringBuilder("method;path;form;" + String.join(";", accounts) + "\n");
        for (FormRow row : rows) {
            if (!routes.contains(row.method() + " " + row.path().replaceAll("\\{[a-z]+(:[a-z0-9]+)?}", "{id}"))
                    && !routes.contains(row.method() + " " + pattern(row.path()))) {
                problems.add("row of " + TABLE + " for a route the server does not have: " + row.key());
            }
            assertThat(row.expected().values()).as("row %s allows at least one account", row.key()).contains("ok");
            Map<String, String> got = new LinkedHashMap<>();
            // Refused accounts first, on the untouched state; the allowed ones last.
            List<String> order = new ArrayList<>(accounts.stream().filter(a -> !"ok".equals(row.expected().get(a))).toList());
            order.addAll(accounts.stream().filter(a -> "ok".equals(row.expected().get(a))).toList());
            for (String account : order) {
                String expected = row.expected().get(account);
                if ("-".equals(expected)) {
                    got.put(account, "-");
                    continue;
                }
                WebSession session = sessions.get(account);
                String path = substitute(row.path(), ids);
                Map<String, String> fields = form(row.form(), ids);
                if (path == null || fields == null) {
                    problems.add(row.key() + ": a placeholder has no value (an earlier row did not reach its action)");
                    break;
                }
                HttpResponse<String> r = session.postForm(path, fields);
                String outcome = outcome(session, r);
                got.put(account, outcome);
                if ("ok".equals(outcome)) {
                    Matcher m = UUID_IN.matcher(r.headers().firstValue("Location").orElse(""));
                    String last = null;
                    while (m.find()) {
                        last = m.group();
                    }
                    if (last != null) {
                        ids.put("last:" + account, last);
                    }
                }
                if (!expected.equals(outcome)) {
                    problems.add(row.key() + " as " + account + ": expected " + expected + ", got " + outcome);
                }
            }
            observedFile.append(row.method()).append(';').append(row.path()).append(';').append(row.form());
            accounts.forEach(a -> observedFile.append(';').append(got.get(a)));
            observedFile.append('\n');
        }
        Path observed = Paths.get("target", "security", "route-forms.observed.csv").toAbsolutePath();
        Files.createDirectories(observed.getParent());
        Files.writeString(observed, observedFile.toString(), StandardCharsets.UTF_8);
        assertThat(problems).as("valid forms × accounts vs %s (observed: %s)", TABLE, observed).isEmpty();
        // Whatever the rows did to the one demo object they use, it is given back: Dr Leroy's slot is free again.
        assertThat(jdbc.sql("SELECT status FROM appointments.slot WHERE id = :s").param("s", UUID.fromString(ids.get("slot")))
                .query(String.class).single()).as("the demo slot the booking row used").isEqualTo("free");
    }

    /**
     * The representative column ({@link RouteMatrixTest#REPRESENTATIVE}) of this table: a fresh account of the role
     * REPRESENTATIVE to whom the fresh person gives a caregiver mandate through the identity API, with the rights of the
     * web matrix's representative ({@link RouteMatrixTest#REPRESENTATIVE_SCOPES}: documents, appointments, reading
     * messages). The table's person is the fresh one, so her representative is the column here (a mandate of Marie
     * Durand's would change the shared demo cast); returns its login (password demo).
     */
    String representativeOf(String self) {
        String login = "mandataire-" + UUID.randomUUID().toString().substring(0, 8);
        AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Mandataire (formulaires)",
                null, null, null, false));
        mandates.grant(cast.user(self).accountId(), cast.patient(self), account, MandateKind.CAREGIVER, RouteMatrixTest.REPRESENTATIVE_SCOPES,
                mandates.today(), mandates.today().plusYears(1));
        return login;
    }

    /**
     * The column {@link RouteMatrixTest#REVOKED} of this table (session 8): a fresh representative of the fresh person,
     * with the same rights, whose session chose her while the mandate held; she then revokes it. Returns that session.
     */
    private WebSession revokedRepresentativeOf(String self) {
        String login = "revoque-" + UUID.randomUUID().toString().substring(0, 8);
        AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Révoqué (formulaires)",
                null, null, null, false));
        fr.hygie.identity.MandateId mandate = mandates.grant(cast.user(self).accountId(), cast.patient(self), account, MandateKind.CAREGIVER,
                RouteMatrixTest.REPRESENTATIVE_SCOPES, mandates.today(), mandates.today().plusYears(1));
        WebSession session = actingFor(new WebSession(port).loggedInAs(login), cast.patient(self).value().toString());
        assertThat(mandates.revoke(mandate, cast.patient(self))).as("the person revokes the mandate").isTrue();
        return session;
    }

    /**
     * The column {@link RouteMatrixTest#EXPIRED}: a fresh representative whose mandate from the fresh person, same rights,
     * held for a year and ended yesterday; choosing her is refused (403). Returns the session.
     */
    private WebSession expiredRepresentativeOf(String self) {
        String login = "expire-" + UUID.randomUUID().toString().substring(0, 8);
        AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, "Paul Expiré (formulaires)",
                null, null, null, false));
        mandates.grant(cast.user(self).accountId(), cast.patient(self), account, MandateKind.CAREGIVER, RouteMatrixTest.REPRESENTATIVE_SCOPES,
                mandates.today().minusYears(1), mandates.today().minusDays(1));
        WebSession session = new WebSession(port).loggedInAs(login);
        session.get("/agir-pour");
        assertThat(session.postForm("/agir-pour", Map.of("patient", cast.patient(self).value().toString())).statusCode())
                .as("a representative whose mandate has ended chooses the person").isEqualTo(403);
        return session;
    }

    /** The session acting for the person ({@code /agir-pour}), as a representative uses the service. */
    static WebSession actingFor(WebSession session, String patient) {
        session.get("/agir-pour");
        HttpResponse<String> chosen = session.postForm("/agir-pour", Map.of("patient", patient));
        assertThat(chosen.statusCode()).as("the representative acts for the fresh person: %s", chosen.body()).isEqualTo(302);
        return session;
    }

    /**
     * What the rows need about the fresh person: her id, a document of hers (added by herself), a free slot of Dr Leroy
     * with a visit reason that fits it, the demo professionals' ids.
     */
    Map<String, String> setUp(String self) {
        Map<String, String> ids = new HashMap<>();
        PatientId person = cast.patient(self);
        ids.put("self", person.value().toString());
        AddOutcome added = documents.add(cast.actor(self), new NewDocument(person, "11502-2", "Résultats pour la matrice",
                LocalDate.now().minusDays(2), Set.of(), null, "Résultat normal.".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        ids.put("document", ((AddOutcome.Added) added).document().id().value().toString());
        Map<String, Object> slot = jdbc.sql("""
                SELECT s.id AS slot, r.id AS reason FROM appointments.slot s
                JOIN appointments.visit_reason r ON r.professional_id = s.professional_id AND r.active
                     AND r.duration_minutes * 60 <= extract(epoch FROM s.ends_at - s.starts_at)
                WHERE s.professional_id = :m AND s.status = 'free' AND s.starts_at > now() + interval '2 days'
                ORDER BY s.starts_at DESC LIMIT 1""").param("m", cast.professional("medecin").value()).query().singleRow();
        ids.put("slot", slot.get("slot").toString());
        ids.put("reason", slot.get("reason").toString());
        for (String pro : List.of("medecin", "medecin2", "pharmacien", "infirmier", "dentiste", "kine")) {
            ids.put("pro:" + pro, cast.professional(pro).value().toString());
            ids.put("party:" + pro, "P:" + cast.professional(pro).value());
        }
        ids.put("yesterday", LocalDate.now().minusDays(1).toString());
        return ids;
    }

    /**
     * reached ("ok"), or the refusal or error it got: 403, 404, 400, 409, 5xx, login, agir-pour (sent to choose whom one
     * acts for), error (the form again, or the page it led to, with its French error message: a refusal explained),
     * 3xx-then-NNN (a redirect to a page that answered NNN).
     */
    static String outcome(WebSession session, HttpResponse<String> r) {
        int s = r.statusCode();
        if (s / 100 == 2) {
            return showsAnError(r.body()) ? "error" : "ok";
        }
        if (s / 100 == 3) {
            // Hop by hop: a redirect to a form that itself sends to the login page or to the choice of whom one acts for
            // (a representative who chose nobody) is that answer, not the page reached at the end.
            HttpResponse<String> page = r;
            for (int hop = 0; hop < 5 && page.statusCode() / 100 == 3; hop++) {
                URI location = URI.create(page.headers().firstValue("Location").orElse(""));
                String target = location.getPath();
                if (target == null || target.startsWith("/login")) {
                    return "login";
                }
                if (target.startsWith("/agir-pour")) {
                    return "agir-pour";
                }
                page = session.get(target + (location.getQuery() == null ? "" : "?" + location.getQuery()));
            }
            if (page.statusCode() / 100 != 2) {
                return "3xx-then-" + page.statusCode();
            }
            return showsAnError(page.body()) ? "error" : "ok";
        }
        return s / 100 == 5 ? "5xx" : Integer.toString(s);
    }

    /**
     * Whether a page shows an error message ({@code alert-error}) other than the standing notice of the person's messaging
     * pages, « La messagerie n'est pas faite pour les urgences » (styled as an alert on every page of a conversation, in
     * French or English): a person's message reached its conversation page, which carries that notice (the finding of
     * session 6 about {@code POST /messages/nouveau}: the row was taken for a refusal because of it).
     */
    static boolean showsAnError(String body) {
        Matcher m = ERROR_ALERT.matcher(body);
        while (m.find()) {
            String text = m.group(1);
            if (STANDING_NOTICES.stream().noneMatch(text::contains)) {
                return true;
            }
        }
        return false;
    }

    static String substitute(String text, Map<String, String> ids) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
            String value = ids.get(key);
            if (value == null) {
                return null; // {last:x} of a row whose action x did not reach
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** "a=1&b={self}" → fields, placeholders replaced (values are URL-encoded when posted); null if one is unknown. */
    static Map<String, String> form(String form, Map<String, String> ids) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isBlank() || "-".equals(form)) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String value = substitute(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8), ids);
            if (value == null) {
                return null;
            }
            fields.put(pair.substring(0, eq), value);
        }
        return fields;
    }

    /** The route pattern of a row's path as the handler mappings name it: placeholders become the mapping's variables. */
    private static String pattern(String path) {
        return path.replace("{self}", "{id}").replace("{document}", "{id}").replace("{slot}", "{slotId}")
                .replaceAll("\\{last:[a-z0-9]+}", "{id}").replace("/partage/autoriser", "/partage/{action}")
                .replace("/partage/retirer", "/partage/{action}").replace("/partage/bloquer", "/partage/{action}")
                .replace("/partage/debloquer", "/partage/{action}").replace("/partage/urgence", "/partage/{action}");
    }

    /** The table's rows; its account columns must be {@code accounts} (« self », then {@link RouteMatrixTest#COLUMNS}). */
    static List<FormRow> read(List<String> accounts) throws IOException {
        List<FormRow> rows = new ArrayList<>();
        try (InputStream in = RouteFormsTest.class.getResourceAsStream("/security/route-forms.csv")) {
            assertThat(in).as(TABLE).isNotNull();
            List<String> header = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = List.of(line.strip().split(";", -1));
                if (header == null) {
                    header = f;
                    assertThat(header.subList(3, header.size())).as("account columns of %s (self, then RouteMatrixTest.ACCOUNTS)", TABLE)
                            .isEqualTo(accounts);
                    continue;
                }
                assertThat(f).as("fields of line \"%s\" in %s (method;path;form;one answer per account)", line, TABLE).hasSize(header.size());
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 3; i < header.size(); i++) {
                    expected.put(header.get(i), f.get(i));
                }
                rows.add(new FormRow(f.get(0), f.get(1), f.get(2), expected));
            }
        }
        return rows;
    }
}
