package fr.hygie.research;

import fr.hygie.identity.AccountId;
import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of projects, their variables and steps (schema {@code research}). */
@Component
class ProjectStore {

    private static final String COLUMNS = """
            id, researcher_account_id, researcher_name, title, summary, purpose, legal_basis, organisation,
            organisation_kind, processing_place, team, population, duration_months, funding, public_benefit, status,
            submitted_at, status_since, next_due_at, results_summary, results_negative, results_published_at""";

    private final JdbcClient jdbc;

    ProjectStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Project p) {
        ProjectSubmission s = p.submission();
        jdbc.sql("INSERT INTO research.project (" + COLUMNS + """
                ) VALUES (:id, :researcher, :researcherName, :title, :summary, :purpose, :legalBasis, :organisation,
                :kind, :place, :team, :population, :duration, :funding, :benefit, :status, :submittedAt, :since, :due,
                NULL, NULL, NULL)""")
                .param("id", p.id().value()).param("researcher", p.researcher().value())
                .param("researcherName", p.researcherName()).param("title", s.title()).param("summary", s.summary())
                .param("purpose", s.purpose().name()).param("legalBasis", s.legalBasis()).param("organisation", s.organisation())
                .param("kind", s.organisationKind().name()).param("place", s.place().name()).param("team", s.team())
                .param("population", s.population()).param("duration", s.durationMonths()).param("funding", s.funding())
                .param("benefit", s.publicBenefit()).param("status", p.status().name())
                .param("submittedAt", ts(p.submittedAt())).param("since", ts(p.statusSince()))
                .param("due", p.dueAt().map(ProjectStore::ts).orElse(null)).update();
        int i = 0;
        for (RequestedVariable v : s.variables()) {
            jdbc.sql("INSERT INTO research.project_variable (project_id, position, category, variable, justification) VALUES (:p, :i, :c, :v, :j)")
                    .param("p", p.id().value()).param("i", i++).param("c", v.category()).param("v", v.variable())
                    .param("j", v.justification()).update();
        }
    }

    /** Saves the status, deadline and results after a move, and appends its step. */
    void saveMove(Project p, ProjectStep step, UUID actorAccount) {
        Optional<Results> r = p.results();
        jdbc.sql("""
                UPDATE research.project SET status = :status, status_since = :since, next_due_at = :due,
                    results_summary = :rs, results_negative = :rn, results_published_at = :rp, version = version + 1
                WHERE id = :id""")
                .param("status", p.status().name()).param("since", ts(p.statusSince()))
                .param("due", p.dueAt().map(ProjectStore::ts).orElse(null))
                .param("rs", r.map(Results::summary).orElse(null)).param("rn", r.map(Results::negative).orElse(null))
                .param("rp", r.map(x -> ts(x.publishedAt())).orElse(null)).param("id", p.id().value()).update();
        jdbc.sql("""
                INSERT INTO research.project_step (id, project_id, decision, from_status, to_status, actor_account_id, actor_name,
                    actor_role, reasons, private_note, decided_at, due_at)
                VALUES (:id, :p, :d, :from, :to, :acc, :name, :role, :reasons, :note, :at, :due)""")
                .param("id", Ids.newId()).param("p", p.id().value()).param("d", step.decision().name())
                .param("from", step.from() == null ? null : step.from().name()).param("to", step.to().name())
                .param("acc", actorAccount).param("name", step.actorName()).param("role", step.actorRole())
                .param("reasons", step.reasons()).param("note", step.privateNote()).param("at", ts(step.decidedAt()))
                .param("due", step.dueAt() == null ? null : ts(step.dueAt())).update();
    }

    /** One project, locked for the rest of the transaction when {@code forUpdate}. */
    Optional<Project> load(ProjectId id, boolean forUpdate) {
        List<Project> found = query("SELECT " + COLUMNS + " FROM research.project WHERE id = :id" + (forUpdate ? " FOR UPDATE" : ""),
                Map.of("id", id.value()));
        return found.stream().findFirst();
    }

    List<Project> byResearcher(AccountId researcher) {
        return query("SELECT " + COLUMNS + " FROM research.project WHERE researcher_account_id = :r ORDER BY submitted_at DESC",
                Map.of("r", researcher.value()));
    }

    /** Every project, newest first. */
    List<Project> all() {
        return query("SELECT " + COLUMNS + " FROM research.project ORDER BY submitted_at DESC", Map.of());
    }

    private List<Project> query(String sql, Map<String, Object> params) {
        List<Row> rows = jdbc.sql(sql).params(params).query(ProjectStore::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, List<RequestedVariable>> variables = new HashMap<>();
        jdbc.sql("SELECT project_id, category, variable, justification FROM research.project_variable WHERE project_id = ANY(:ids) ORDER BY project_id, position")
                .param("ids", ids).query(rs -> {
                    variables.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new RequestedVariable(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        Map<UUID, List<ProjectStep>> steps = new HashMap<>();
        jdbc.sql("""
                SELECT project_id, decision, from_status, to_status, actor_name, actor_role, reasons, private_note, decided_at, due_at
                FROM research.project_step WHERE project_id = ANY(:ids) ORDER BY project_id, decided_at, id""")
                .param("ids", ids).query(rs -> {
                    Timestamp due = rs.getTimestamp("due_at");
                    String from = rs.getString("from_status");
                    steps.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new ProjectStep(
                            ProjectDecision.valueOf(rs.getString("decision")), from == null ? null : ProjectStatus.valueOf(from),
                            ProjectStatus.valueOf(rs.getString("to_status")), rs.getString("actor_name"), rs.getString("actor_role"),
                            rs.getString("reasons"), rs.getString("private_note"), rs.getTimestamp("decided_at").toInstant(),
                            due == null ? null : due.toInstant()));
                });
        List<Project> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.project(variables.getOrDefault(r.id(), List.of()), steps.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    private record Row(UUID id, UUID researcher, String researcherName, String title, String summary, String purpose,
            String legalBasis, String organisation, String kind, String place, String team, String population, int duration,
            String funding, String benefit, String status, Instant submittedAt, Instant since, Instant due, String resultsSummary,
            Boolean resultsNegative, Instant resultsAt) {

        Project project(List<RequestedVariable> variables, List<ProjectStep> steps) {
            ProjectSubmission s = new ProjectSubmission(title, summary, Purpose.valueOf(purpose), legalBasis, organisation,
                    OrganisationKind.valueOf(kind), ProcessingPlace.valueOf(place), team, population, duration, funding, benefit,
                    variables);
            Results results = resultsSummary == null ? null : new Results(resultsSummary, Boolean.TRUE.equals(resultsNegative), resultsAt);
            return new Project(new ProjectId(id), new AccountId(researcher), researcherName, s, ProjectStatus.valueOf(status),
                    submittedAt, since, due, results, steps);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("researcher_account_id", UUID.class),
                rs.getString("researcher_name"), rs.getString("title"), rs.getString("summary"), rs.getString("purpose"),
                rs.getString("legal_basis"), rs.getString("organisation"), rs.getString("organisation_kind"),
                rs.getString("processing_place"), rs.getString("team"), rs.getString("population"), rs.getInt("duration_months"),
                rs.getString("funding"), rs.getString("public_benefit"), rs.getString("status"), instant(rs, "submitted_at"),
                instant(rs, "status_since"), instant(rs, "next_due_at"), rs.getString("results_summary"),
                (Boolean) rs.getObject("results_negative"), instant(rs, "results_published_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
