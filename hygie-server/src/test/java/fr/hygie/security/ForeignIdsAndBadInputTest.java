package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.VisitReason;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.Prescriptions;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Insecure direct object references and bad input over every web route found at runtime:
 * <ul>
 * <li>every GET route with a patient or document id in its path, tried by every demo account with the
 * ids of a person none of them has any relation to, answers a refusal or a page that shows none of
 * that person's document titles;</li>
 * <li>every query parameter of every GET route, filled with SQL metacharacters and other hostile
 * strings, never gets a 5xx and never echoes SQL, a stack trace or a password hash.</li>
 * </ul>
 */
@HygieIntegrationTest
class ForeignIdsAndBadInputTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final List<String> LOGGED_IN = List.of("patient", "aidant", "medecin", "medecin2", "accueil", "admin", "cnil");
    static final List<String> HOSTILE = List.of(
            "' OR '1'='1' --",
            "\"; DROP TABLE identity.account; --",
            "1' UNION SELECT password_hash, username FROM identity.account --",
            "%_\\%'",
            "$$; SELECT pg_sleep(0); $$",
            "\u0000\u001f\uFFFF",
            "<script>alert(1)</script>",
            // Pages echo the search term (escaped): the checks below look for what the server adds, not for the term.
            "9".repeat(40),
            "A".repeat(5000));
    /** Routes whose objects are public by design (research registry, slots of published agendas). */
    private static final List<String> PUBLIC = List.of("/recherche/registre/", "/rendez-vous/creneau/", "/algorithmes/");
    /** The family name {@code Cast.newPatient()} gives. */
    private static final String STRANGER_NAME = "TESTEUSE";
    static final List<String> LEAKS = List.of("PSQLException", "org.postgresql", "SQLState", "syntax error", "BadSqlGrammar",
            "java.lang.", "at fr.hygie.", "at org.springframework", "Exception:", "$2a$");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Cast cast;

    @Autowired
    Documents documents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Bookings bookings;

    @Autowired
    Agendas agendas;

    @Autowired
    Prescriptions prescriptions;

    @Autowired
    Conversations conversations;

    @Test
    void noDemoAccountReachesTheDocumentsOfAPersonItHasNoRelationTo() {
        String stranger = cast.newPatient();
        PatientId strangerId = cast.patient(stranger);
        String secret = "Secret IDOR " + UUID.randomUUID();
        AddOutcome added = documents.add(cast.actor(stranger), new NewDocument(strangerId, "11502-2", secret,
                LocalDate.now().minusDays(1), Set.of(), ContentType.TEXT, ("Contenu " + secret).getBytes(StandardCharsets.UTF_8)),
                JournalChannel.WEB);
        assertThat(added).isInstanceOf(AddOutcome.Added.class);
        String document = ((AddOutcome.Added) added).document().id().value().toString();
        Map<String, String> foreign = new LinkedHashMap<>(RouteMatrixTest.DemoIds.of(jdbc, cast));
        foreign.put("patient", strangerId.value().toString());
        foreign.put("document", document);

        List<String> routes = RouteMatrixTest.routes(context).stream()
                .filter(r -> r.startsWith("GET "))
                .map(r -> r.substring(4))
                .filter(p -> variableKinds(p).stream().anyMatch(k -> k.equals("patient") || k.equals("document")))
                .toList();
        assertThat(routes).isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (String login : LOGGED_IN) {
            WebSession web = new WebSession(port).loggedInAs(login);
            for (String route : routes) {
                // Both ids foreign, and a foreign document under the caller's own patient (id mixing).
                for (Map<String, String> ids : List.of(foreign, mixed(foreign, RouteMatrixTest.DemoIds.of(jdbc, cast)))) {
                    String path = RouteMatrixTest.DemoIds.substitute(route, ids);
                    HttpResponse<String> r = web.get(path);
                    String outcome = RouteMatrixTest.outcome(r);
                    if (outcome.equals("5xx") || r.body().contains(secret)) {
                        leaks.add(login + " GET " + path + " → " + r.statusCode());
                    }
                }
            }
        }
        assertThat(leaks).as("foreign ids that answered with the stranger's data (or failed)").isEmpty();
    }

    /**
     * The other ids (booking, slot, prescription, conversation, attachment, research project, contact
     * request, algorithm code): objects of a fresh person A — a booking with Dr Leroy, a signed prescription and a
     * conversation with an attachment written by Dr Leroy — and, for the kinds only staff roles create,
     * the demo cast's project and contact request. Every GET and every POST (valid CSRF token, empty form)
     * of every route taking such an id is sent by every demo account without any relation to A (another
     * person, a caregiver of someone else, unrelated professionals, pharmacist, staff) with A's id and with a
     * random unknown id: the two answers must be the same (same class, same redirect target), the page never
     * shows A's subject, file name, dosage or id, and A's rows are unchanged afterwards.
     */
    @Test
    void noDemoAccountReachesTheBookingsPrescriptionsMessagesProjectsOrContactRequestsOfAStranger() {
        String a = cast.newPatient();
        PatientId aId = cast.patient(a);
        String secret = "IDOR" + UUID.randomUUID().toString().replace("-", "");
        ProfessionalId medecin = cast.professional("medecin");
        // Booking of a free slot of Dr Leroy (the last one, far from the slots other tests take).
        UUID slot = jdbc.sql("""
                SELECT id FROM appointments.slot WHERE professional_id = :m AND status = 'free' AND starts_at > now() + interval '2 days'
                ORDER BY starts_at DESC LIMIT 1""").param("m", medecin.value()).query(UUID.class).single();
        int minutes = jdbc.sql("SELECT EXTRACT(EPOCH FROM (ends_at - starts_at))::int / 60 FROM appointments.slot WHERE id = :s")
                .param("s", slot).query(Integer.class).single();
        UUID reason = agendas.reasons(medecin, true).stream().filter(r -> r.durationMinutes() <= minutes).map(VisitReason::id)
                .findFirst().orElse(null);
        BookingOutcome booked = bookings.book(cast.user(a), new BookingRequest(new SlotId(slot), reason,
                new BookedFor.Registered(aId), null, null));
        assertThat(booked).isInstanceOf(BookingOutcome.Booked.class);
        String booking = ((BookingOutcome.Booked) booked).booking().id().value().toString();
        // A signed prescription by Dr Leroy.
        Prescription draft = prescriptions.draft(cast.actor("medecin"), aId, PrescriptionKind.MEDICATION, JournalChannel.WEB);
        prescriptions.addLine(cast.actor("medecin"), draft.id(), "M014", "Posologie " + secret, 2, JournalChannel.WEB);
        prescriptions.sign(cast.actor("medecin"), draft.id(), JournalChannel.WEB);
        // A conversation Dr Leroy starts with A, with an attachment.
        PostOutcome posted = conversations.startWithPatient(cast.actor("medecin"), aId, false, "Sujet " + secret, "Message " + secret,
                List.of(new NewAttachment.Upload(secret + ".txt", ("Contenu " + secret).getBytes(StandardCharsets.UTF_8))),
                JournalChannel.WEB);
        assertThat(posted).isInstanceOf(PostOutcome.Posted.class);
        PostOutcome.Posted p = (PostOutcome.Posted) posted;
        String attachment = jdbc.sql("SELECT id FROM messaging.attachment WHERE message_id = :m").param("m", p.message().value())
                .query(UUID.class).single().toString();

        Map<String, String> demo = RouteMatrixTest.DemoIds.of(jdbc, cast);
        Map<String, String> foreign = new LinkedHashMap<>(demo);
        foreign.put("booking", booking);
        foreign.put("slot", slot.toString());
        foreign.put("prescription", draft.id().value().toString());
        foreign.put("conversation", p.conversation().value().toString());
        foreign.put("attachment", attachment);
        // Only staff roles create these: the demo cast's, tried by every account of another role.
        Map<String, Set<String>> related = Map.of(
                "booking", Set.of("medecin", "accueil"),
                "slot", Set.of("medecin", "accueil"),
                "prescription", Set.of("medecin"),
                "conversation", Set.of("medecin"),
                "attachment", Set.of("medecin"),
                "project", Set.of("chercheur", "comite", "cnil", "admin"),
                "contact", Set.of("conseiller", "ars", "cnil", "admin"),
                // Supervision is the platform's (administrator, ethics committee): anyone else gets what an unknown code gets.
                "algorithm", Set.of("admin", "comite"));
        Map<String, String> before = rows(foreign, aId);

        List<String> routes = RouteMatrixTest.routes(context).stream()
                .filter(r -> r.startsWith("GET ") || r.startsWith("POST "))
                .filter(r -> variableKinds(r.substring(r.indexOf(' ') + 1)).stream().anyMatch(related::containsKey))
                .toList();
        assertThat(routes).hasSizeGreaterThan(30);
        List<String> leaks = new ArrayList<>();
        List<String> gets = routes.stream().filter(r -> r.startsWith("GET ")).toList();
        List<String> posts = routes.stream().filter(r -> r.startsWith("POST ")).toList();
        for (List<String> batch : List.of(gets, posts)) {
            for (String login : RouteMatrixTest.ACCOUNTS) {
                if (login.equals("anonymous")) {
                    continue;
                }
                WebSession web = new WebSession(port).loggedInAs(login);
                for (String route : batch) {
                    String method = route.substring(0, route.indexOf(' '));
                    String pattern = route.substring(route.indexOf(' ') + 1);
                    for (String kind : variableKinds(pattern)) {
                        if (!related.containsKey(kind) || related.get(kind).contains(login)) {
                            continue;
                        }
                        Map<String, String> unknown = new LinkedHashMap<>(foreign);
                        unknown.put(kind, UUID.randomUUID().toString());
                        String foreignPath = RouteMatrixTest.DemoIds.substitute(pattern, foreign);
                        String unknownPath = RouteMatrixTest.DemoIds.substitute(pattern, unknown);
                        HttpResponse<String> f = method.equals("GET") ? web.get(foreignPath) : web.postForm(foreignPath, Map.of());
                        HttpResponse<String> u = method.equals("GET") ? web.get(unknownPath) : web.postForm(unknownPath, Map.of());
                        String fo = answer(f, foreign.get(kind));
                        String uo = answer(u, unknown.get(kind));
                        boolean shows = f.body().contains(secret) || f.body().contains(aId.value().toString())
                                || f.body().contains(STRANGER_NAME) && !u.body().contains(STRANGER_NAME);
                        // Public pages (the research registry, a slot of a published agenda) exist for everyone: they
                        // must only show nothing of the person.
                        boolean isPublic = PUBLIC.stream().anyMatch(pattern::startsWith);
                        if (shows || !isPublic && !fo.equals(uo)) {
                            leaks.add(login + " " + method + " " + foreignPath + " → " + fo + " (unknown id → " + uo + ")"
                                    + (shows ? " shows the stranger's data" : ""));
                        }
                    }
                }
            }
        }
        Map<String, String> after = rows(foreign, aId);
        assertThat(leaks).as("a stranger's id answered differently from an unknown id, or showed their data").isEmpty();
        assertThat(after).as("the stranger's objects after every attempt").isEqualTo(before);
    }

    /** Class of answer, with the redirect target (the object's id replaced) so that two redirects compare. */
    private static String answer(HttpResponse<String> r, String id) {
        String outcome = RouteMatrixTest.outcome(r);
        return outcome.equals("3xx") ? outcome + " " + r.headers().firstValue("Location").orElse("").replace(id, "{id}") : outcome;
    }

    /** A's rows, as JSON, in every table an attempt could have changed. */
    private Map<String, String> rows(Map<String, String> ids, PatientId a) {
        Map<String, String> rows = new TreeMap<>();
        rows.put("booking", json("appointments.booking", ids.get("booking")));
        rows.put("slot", json("appointments.slot", ids.get("slot")));
        rows.put("prescription", json("prescriptions.prescription", ids.get("prescription")));
        rows.put("conversation", json("messaging.conversation", ids.get("conversation")));
        rows.put("attachment", json("messaging.attachment", ids.get("attachment")));
        rows.put("project", json("research.project", ids.get("project")));
        rows.put("contact", json("oversight.contact_request", ids.get("contact")));
        rows.put("algorithm", jdbc.sql("SELECT row_to_json(t)::text FROM oversight.algorithm t WHERE code = :c").param("c", ids.get("algorithm"))
                .query(String.class).optional().orElse("absent"));
        rows.put("lines", jdbc.sql("SELECT count(*) FROM prescriptions.line WHERE prescription_id = :i")
                .param("i", UUID.fromString(ids.get("prescription"))).query(Long.class).single().toString());
        rows.put("messages", jdbc.sql("SELECT count(*) FROM messaging.message WHERE conversation_id = :i")
                .param("i", UUID.fromString(ids.get("conversation"))).query(Long.class).single().toString());
        rows.put("documents", jdbc.sql("SELECT count(*) FROM record.document WHERE patient_id = :p")
                .param("p", a.value()).query(Long.class).single().toString());
        return rows;
    }

    private String json(String table, String id) {
        return jdbc.sql("SELECT row_to_json(t)::text FROM " + table + " t WHERE id = :i").param("i", UUID.fromString(id))
                .query(String.class).optional().orElse("absent");
    }

    private static Map<String, String> mixed(Map<String, String> foreign, Map<String, String> own) {
        Map<String, String> ids = new LinkedHashMap<>(own);
        ids.put("document", foreign.get("document"));
        return ids;
    }

    @Test
    void hostileQueryParametersNeverBreakAPageNorLeakSqlOrStackTraces() {
        Map<String, String> ids = RouteMatrixTest.DemoIds.of(jdbc, cast);
        Map<String, List<String>> paramsByRoute = new TreeMap<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                if (!e.getKey().getMethodsCondition().getMethods().contains(org.springframework.web.bind.annotation.RequestMethod.GET)) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                for (var p : e.getValue().getMethodParameters()) {
                    RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                    if (rp != null) {
                        String name = !rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : p.getParameterName();
                        if (name != null) {
                            names.add(name);
                        }
                    }
                }
                if (!names.isEmpty()) {
                    e.getKey().getPatternValues().forEach(pattern -> paramsByRoute.put(pattern, names));
                }
            }
        }
        assertThat(paramsByRoute).isNotEmpty();
        Map<String, WebSession> sessions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> route : paramsByRoute.entrySet()) {
            String path = RouteMatrixTest.DemoIds.substitute(route.getKey(), ids);
            WebSession web = firstAccountServing(path, sessions);
            for (String value : HOSTILE) {
                StringBuilder query = new StringBuilder();
                for (String name : route.getValue()) {
                    query.append(query.length() == 0 ? "?" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                HttpResponse<String> r = web.get(path + query);
                if (r.statusCode() >= 500) {
                    problems.add("GET " + path + " with " + route.getValue() + "=" + abbreviated(value) + " → " + r.statusCode());
                }
                for (String leak : LEAKS) {
                    if (r.body().contains(leak)) {
                        problems.add("GET " + path + " with " + abbreviated(value) + " shows \"" + leak + "\"");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The first demo account for which the page answers 200 without parameters (anonymous if none). */
    private WebSession firstAccountServing(String path, Map<String, WebSession> sessions) {
        for (String login : List.of("anonymous", "patient", "medecin", "accueil", "admin", "cnil", "chercheur", "comite", "conseiller")) {
            WebSession web = sessions.computeIfAbsent(login, l -> l.equals("anonymous") ? new WebSession(port) : new WebSession(port).loggedInAs(l));
            if (web.get(path).statusCode() == 200) {
                return web;
            }
        }
        return sessions.get("anonymous");
    }

    private static String abbreviated(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }

    private static List<String> variableKinds(String path) {
        List<String> kinds = new ArrayList<>();
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            kinds.add(RouteMatrixTest.DemoIds.kind(path, m.group(1)));
        }
        return kinds;
    }
}
