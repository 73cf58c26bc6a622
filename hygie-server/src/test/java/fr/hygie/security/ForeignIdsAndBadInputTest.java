package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
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
