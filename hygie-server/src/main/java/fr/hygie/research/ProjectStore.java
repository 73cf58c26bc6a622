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
                .param("id", p.id().value()).param("researcher", p.researcher() == null ? null : p.researcher().value())
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

    /**
     * A project from another platform, as it was there: status, deadline, results, every step (the deciding
     * person's account does not travel: {@code actor_account_id} stays empty, the name and role are kept) and the
     * dated counts of its extraction runs, with their ids. {@code researcherLogin} is kept as text.
     */
    void insertImported(Project p, String researcherLogin, java.util.List<ExtractionRun> runs) {
        insert(p);
        Optional<Results> r = p.results();
        jdbc.sql("""
                UPDATE research.project SET researcher_login = :login, results_summary = :rs, results_negative = :rn,
                    results_published_at = :rp WHERE id = :id""")
                .param("login", researcherLogin).param("rs", r.map(Results::summary).orElse(null))
                .param("rn", r.map(Results::negative).orElse(null)).param("rp", r.map(x -> ts(x.publishedAt())).orElse(null))
                .param("id", p.id().value()).update();
        for (ProjectStep step : p.steps()) {
            jdbc.sql("""
                    INSERT INTO research.project_step (id, project_id, decision, from_status, to_status, actor_account_id, actor_name,
                        actor_role, reasons, private_note, decided_at, due_at)
                    VALUES (:id, :p, :d, :from, :to, NULL, :name, :role, :reasons, :note, :at, :due)""")
                    .param("id", Ids.newId()).param("p", p.id().value()).param("d", step.decision().name())
                    .param("from", step.from() == null ? null : step.from().name()).param("to", step.to().name())
                    .param("name", step.actorName()).param("role", step.actorRole()).param("reasons", step.reasons())
                    .param("note", step.privateNote()).param("at", ts(step.decidedAt()))
                    .param("due", step.dueAt() == null ? null : ts(step.dueAt())).update();
        }
        insertRuns(p.id(), runs);
    }

    /** Extraction runs' dated counts, with their ids; those already there are left as they are. */
    void insertRuns(ProjectId project, java.util.List<ExtractionRun> runs) {
        for (ExtractionRun run : runs) {
            jdbc.sql("""
                    INSERT INTO research.extraction_run (id, project_id, snapshot_at, launcher, included_count, excluded_count, recorded_at)
                    VALUES (:id, :p, :s, :l, :i, :e, :at) ON CONFLICT (id) DO NOTHING""")
                    .param("id", run.id()).param("p", project.value()).param("s", ts(run.snapshot())).param("l", run.launcher())
                    .param("i", run.included()).param("e", run.excluded()).param("at", ts(run.recordedAt())).update();
        }
    }

    /** Gives an imported project its researcher's account, once the operator has opened it (same login). */
    void attachResearcher(ProjectId project, AccountId researcher) {
        jdbc.sql("UPDATE research.project SET researcher_account_id = :a WHERE id = :id AND researcher_account_id IS NULL")
                .param("a", researcher.value()).param("id", project.value()).update();
    }

    /** Every project with its researcher's login as kept at import and its runs' counts, oldest first (operator's export). */
    java.util.List<ExportedProject> forExport() {
        Map<UUID, String> logins = new HashMap<>();
        jdbc.sql("SELECT id, researcher_login FROM research.project WHERE researcher_login IS NOT NULL")
                .query(rs -> {
                    logins.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        Map<UUID, java.util.List<ExtractionRun>> runs = new HashMap<>();
        jdbc.sql("""
                SELECT id, project_id, snapshot_at, launcher, included_count, excluded_count, recorded_at
                FROM research.extraction_run ORDER BY recorded_at, id""").query(rs -> {
                    UUID project = rs.getObject(2, UUID.class);
                    runs.computeIfAbsent(project, k -> new ArrayList<>()).add(new ExtractionRun(rs.getObject(1, UUID.class),
                            new ProjectId(project), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5), rs.getInt(6),
                            rs.getTimestamp(7).toInstant()));
                });
        java.util.List<Project> all = new ArrayList<>(all());
        java.util.Collections.reverse(all);
        return all.stream().map(p -> new ExportedProject(p, logins.get(p.id().value()), runs.getOrDefault(p.id().value(),
                java.util.List.of()))).toList();
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
            return new Project(new ProjectId(id), researcher == null ? null : new AccountId(researcher), researcherName, s, ProjectStatus.valueOf(status),
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
