package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.appointments.Agendas;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * IDOR between two actors of the same role, where the demo cast has only one of the owner's kind or where the
 * ids are not a person's: the agenda settings of another professional (weekly hours, date overrides, absences,
 * visit reasons) and the research project of another researcher. Every route taking such an id (found at run
 * time: a new one is tried without change here) is sent with the other actor's id and with a random unknown id:
 * both answers must be the same (class and redirect target), the page never shows the other's id or label, and
 * the other's rows are unchanged afterwards.
 *
 * <p>Not tried here, by design: a second ethics reviewer or a second human contact. The committee
 * ({@code Projects.forHandling}, the catalogue review) and the human-contact queue ({@code /contact/file}) are
 * the team's, not one member's: every member handles every item. Patients and professionals trying those ids are
 * in {@link ForeignIdsAndBadInputTest}.
 */
@HygieIntegrationTest
class SameRoleForeignIdsTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Cast cast;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Agendas agendas;

    @Autowired
    Accounts accounts;

    /** The table of each agenda setting, by the path segment before its id. */
    private static final Map<String, String> AGENDA_SETTINGS = Map.of(
            "horaires", "appointments.weekly_schedule",
            "exceptions", "appointments.schedule_override",
            "absences", "appointments.absence",
            "motifs", "appointments.visit_reason");

    @Test
    void noProfessionalChangesOrSeesTheAgendaSettingsOfAnother() {
        ProfessionalId other = cast.professional("medecin2");
        // Dr Bernard's settings of each kind; the override and absence are made far ahead (outside every agenda's
        // horizon, so no slot changes) and removed at the end: the shared demo cast keeps its state.
        LocalDate far = LocalDate.now().plusYears(3).plusDays(ThreadLocalRandom.current().nextInt(300));
        String label = "Absence IDOR " + UUID.randomUUID();
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put("horaires", agendas.weekly(other).isEmpty()
                ? agendas.addWeekly(other, DayOfWeek.SUNDAY, LocalTime.of(7, 0), LocalTime.of(7, 30), 15).id()
                : agendas.weekly(other).get(0).id());
        ids.put("exceptions", agendas.addOverride(other, far, null, null, null).id());
        ids.put("absences", agendas.addAbsence(other, far.atStartOfDay().toInstant(ZoneOffset.UTC),
                far.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), label).id());
        ids.put("motifs", agendas.reasons(other, false).isEmpty()
                ? agendas.addReason(other, "Motif IDOR", 15, null).id()
                : agendas.reasons(other, false).get(0).id());
        try {
            Map<String, String> before = rows(ids);
            List<String> routes = RouteMatrixTest.routes(context).stream()
                    .filter(r -> r.startsWith("POST /agenda/") || r.startsWith("GET /agenda/"))
                    .filter(r -> r.contains("{id}") && !r.contains("/rendez-vous/"))
                    .toList();
            assertThat(routes).as("agenda setting routes taking an id").hasSizeGreaterThanOrEqualTo(4);
            List<String> problems = new ArrayList<>();
            for (String login : List.of("medecin", "infirmier", "kine")) {
                WebSession web = new WebSession(port).loggedInAs(login);
                for (String route : routes) {
                    String method = route.substring(0, route.indexOf(' '));
                    String pattern = route.substring(route.indexOf(' ') + 1);
                    String segment = pattern.split("/")[2];
                    UUID foreign = ids.get(segment);
                    if (foreign == null) {
                        problems.add(route + ": an agenda setting of a kind this test does not know (add it to AGENDA_SETTINGS)");
                        continue;
                    }
                    Map<String, String> form = pattern.endsWith("/actif") ? Map.of("actif", "false") : Map.of();
                    String foreignPath = pattern.replace("{id}", foreign.toString());
                    UUID unknown = UUID.randomUUID();
                    String unknownPath = pattern.replace("{id}", unknown.toString());
                    HttpResponse<String> f = method.equals("GET") ? web.get(foreignPath) : web.postForm(foreignPath, form);
                    HttpResponse<String> u = method.equals("GET") ? web.get(unknownPath) : web.postForm(unknownPath, form);
                    String fo = answer(f, foreign.toString());
                    String uo = answer(u, unknown.toString());
                    if (!fo.equals(uo) || f.body().contains(foreign.toString()) || f.body().contains(label)) {
                        problems.add(login + " " + method + " " + foreignPath + " → " + fo + " (unknown id → " + uo + ")");
                    }
                }
                // Their own settings pages never list the other's ids.
                for (String page : List.of("/agenda/horaires", "/agenda/absences", "/agenda/motifs")) {
                    String body = web.get(page).body();
                    ids.forEach((kind, id) -> {
                        if (body.contains(id.toString()) || body.contains(label)) {
                            problems.add(login + " GET " + page + " shows Dr Bernard's " + kind + " " + id);
                        }
                    });
                }
            }
            assertThat(problems).as("another professional's agenda settings reached").isEmpty();
            assertThat(rows(ids)).as("Dr Bernard's settings after every attempt").isEqualTo(before);
        } finally {
            agendas.removeOverride(other, ids.get("exceptions"));
            agendas.removeAbsence(other, ids.get("absences"));
        }
    }

    @Test
    void aSecondResearcherLearnsNothingOfTheFirstOnesProject() {
        UUID project = jdbc.sql("""
                SELECT p.id FROM research.project p JOIN identity.account a ON a.id = p.researcher_account_id
                WHERE a.username = 'chercheur' ORDER BY p.id LIMIT 1""").query(UUID.class).single();
        String login = "chercheur-idor-" + ThreadLocalRandom.current().nextInt(1_000_000);
        accounts.create(new NewAccount(login, accounts.hash("demo"), Role.RESEARCHER, "Chercheuse Seconde", null, null, null, false));
        WebSession second = new WebSession(port).loggedInAs(login);
        String before = jdbc.sql("SELECT row_to_json(t)::text FROM research.project t WHERE id = :i").param("i", project)
                .query(String.class).single();
        String title = jdbc.sql("SELECT title FROM research.project WHERE id = :i").param("i", project).query(String.class).single();

        List<String> routes = RouteMatrixTest.routes(context).stream()
                .filter(r -> r.startsWith("GET /recherche/projets/{id}") || r.startsWith("POST /recherche/projets/{id}"))
                .toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(3);
        List<String> problems = new ArrayList<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            UUID unknown = UUID.randomUUID();
            String foreignPath = pattern.replace("{id}", project.toString()).replace("{run}", unknown.toString()).replace("{file}", "x.csv");
            String unknownPath = pattern.replace("{id}", unknown.toString()).replace("{run}", unknown.toString()).replace("{file}", "x.csv");
            HttpResponse<String> f = method.equals("GET") ? second.get(foreignPath) : second.postForm(foreignPath, Map.of());
            HttpResponse<String> u = method.equals("GET") ? second.get(unknownPath) : second.postForm(unknownPath, Map.of());
            String fo = answer(f, project.toString());
            String uo = answer(u, unknown.toString());
            if (!fo.equals(uo) || f.body().contains(title)) {
                problems.add(method + " " + foreignPath + " → " + fo + " (unknown id → " + uo + ")");
            }
        }
        // The researcher's own list does not show the other's project either.
        String list = second.get("/recherche/projets").body();
        if (list.contains(project.toString())) {
            problems.add("GET /recherche/projets lists the other researcher's project");
        }
        assertThat(problems).as("a second researcher reaching the first one's project").isEmpty();
        assertThat(jdbc.sql("SELECT row_to_json(t)::text FROM research.project t WHERE id = :i").param("i", project)
                .query(String.class).single()).as("the project after every attempt").isEqualTo(before);
    }

    /**
     * A catalogue application still under review (SUBMITTED) is the publisher's and the committee's: its id on the
     * public sheet, on the publisher's status link (whose key is a secret token, not the id) and on the committee's
     * pages answers every other account exactly as an unknown id does, and its name appears nowhere.
     */
    @Test
    void aCatalogueApplicationUnderReviewIsUnknownToEveryoneButTheCommittee() {
        Map<String, Object> app = jdbc.sql("SELECT id, service_name FROM catalogue.application WHERE status = 'SUBMITTED' ORDER BY id LIMIT 1")
                .query().singleRow();
        UUID id = (UUID) app.get("id");
        String name = (String) app.get("service_name");
        String before = jdbc.sql("SELECT row_to_json(t)::text FROM catalogue.application t WHERE id = :i").param("i", id)
                .query(String.class).single();
        List<String> routes = RouteMatrixTest.routes(context).stream()
                .filter(r -> r.startsWith("GET /catalogue/") || r.startsWith("POST /catalogue/") || r.startsWith("GET /comite/catalogue/")
                        || r.startsWith("POST /comite/catalogue/"))
                .filter(r -> r.contains("{id}") || r.contains("{token}"))
                .toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(4);
        List<String> problems = new ArrayList<>();
        for (String login : RouteMatrixTest.ACCOUNTS) {
            if (login.equals("comite")) {
                continue;
            }
            WebSession web = login.equals("anonymous") ? new WebSession(port) : new WebSession(port).loggedInAs(login);
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String pattern = route.substring(route.indexOf(' ') + 1);
                UUID unknown = UUID.randomUUID();
                String foreignPath = pattern.replace("{id}", id.toString()).replace("{token}", id.toString());
                String unknownPath = pattern.replace("{id}", unknown.toString()).replace("{token}", unknown.toString());
                HttpResponse<String> f = method.equals("GET") ? web.get(foreignPath) : web.postForm(foreignPath, Map.of());
                HttpResponse<String> u = method.equals("GET") ? web.get(unknownPath) : web.postForm(unknownPath, Map.of());
                String fo = answer(f, id.toString());
                String uo = answer(u, unknown.toString());
                if (!fo.equals(uo) || f.body().contains(name)) {
                    problems.add(login + " " + method + " " + foreignPath + " → " + fo + " (unknown id → " + uo + ")"
                            + (f.body().contains(name) ? " shows its name" : ""));
                }
            }
        }
        assertThat(problems).as("a catalogue application under review reached outside the committee").isEmpty();
        assertThat(jdbc.sql("SELECT row_to_json(t)::text FROM catalogue.application t WHERE id = :i").param("i", id)
                .query(String.class).single()).as("the application after every attempt").isEqualTo(before);
    }

    private static String answer(HttpResponse<String> r, String id) {
        String outcome = RouteMatrixTest.outcome(r);
        return outcome.equals("3xx") ? outcome + " " + r.headers().firstValue("Location").orElse("").replace(id, "{id}") : outcome;
    }

    private Map<String, String> rows(Map<String, UUID> ids) {
        Map<String, String> rows = new TreeMap<>();
        ids.forEach((kind, id) -> rows.put(kind, jdbc.sql("SELECT row_to_json(t)::text FROM " + AGENDA_SETTINGS.get(kind)
                + " t WHERE id = :i").param("i", id).query(String.class).optional().orElse("absent")));
        return rows;
    }
}
