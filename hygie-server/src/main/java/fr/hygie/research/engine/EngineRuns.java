package fr.hygie.research.engine;

import fr.hygie.platform.HygieHome;
import fr.hygie.platform.Ids;
import fr.hygie.research.ProjectId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The runs of the research engine (table {@code research.engine_run}) and the folder of their released
 * files, {@code HYGIE_HOME/research/<project>/<run>/}. Every write is its own transaction (REQUIRES_NEW):
 * progress must be visible to the project pages while the run goes on, whatever transaction the caller
 * is in (the administration's launch is read-only).
 */
@Component
public class EngineRuns {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final HygieHome home;
    private final Clock clock;

    EngineRuns(JdbcClient jdbc, PlatformTransactionManager transactions, HygieHome home, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.home = home;
        this.clock = clock;
    }

    UUID start(ProjectId project, String launcher, Instant snapshot) {
        UUID id = Ids.newId();
        Timestamp now = now();
        tx.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO research.engine_run (id, project_id, status, launcher, snapshot_at, started_at, updated_at)
                VALUES (:id, :p, 'RUNNING', :l, :s, :now, :now)""")
                .param("id", id).param("p", project.value()).param("l", launcher).param("s", Timestamp.from(snapshot))
                .param("now", now).update());
        return id;
    }

    void progress(UUID run, String stage, long done, long total) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                UPDATE research.engine_run SET stage = :stage, done = :done, total = :total, updated_at = :now
                WHERE id = :id AND status = 'RUNNING'""")
                .param("stage", stage.length() > 64 ? stage.substring(0, 64) : stage).param("done", (int) done)
                .param("total", (int) total).param("now", now()).param("id", run).update());
    }

    void describe(UUID run, String outputMode, String notice) {
        tx.executeWithoutResult(s -> jdbc.sql("UPDATE research.engine_run SET output_mode = :m, notice = :n WHERE id = :id")
                .param("m", outputMode).param("n", notice).param("id", run).update());
    }

    void failed(UUID run, String cause) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                UPDATE research.engine_run SET status = 'FAILED', failure = :f, finished_at = :now, updated_at = :now
                WHERE id = :id""")
                .param("f", cause == null || cause.isBlank() ? "Échec sans cause donnée par le moteur." : cause)
                .param("now", now()).param("id", run).update());
    }

    void succeeded(UUID run, UUID extractionRun, int included, int excluded, List<String> files) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                UPDATE research.engine_run SET status = 'SUCCEEDED', extraction_run_id = :e, included_count = :i,
                    excluded_count = :x, files = :f, finished_at = :now, updated_at = :now
                WHERE id = :id""")
                .param("e", extractionRun).param("i", included).param("x", excluded).param("f", String.join("\n", files))
                .param("now", now()).param("id", run).update());
    }

    /** One run. */
    public Optional<EngineRun> byId(UUID run) {
        return jdbc.sql("SELECT * FROM research.engine_run WHERE id = :id").param("id", run).query(EngineRuns::row).optional();
    }

    /** The engine runs of a project, newest first. */
    public List<EngineRun> forProject(ProjectId project) {
        return jdbc.sql("SELECT * FROM research.engine_run WHERE project_id = :p ORDER BY started_at DESC, id DESC")
                .param("p", project.value()).query(EngineRuns::row).list();
    }

    /**
     * A released file of a succeeded run of this project, for the project team's download; empty for a
     * name the run did not release (nothing else of the folder, and no other path, is ever served).
     */
    public Optional<Path> releasedFile(ProjectId project, UUID run, String name) {
        return byId(run).filter(r -> r.project().equals(project) && r.status() == EngineRunStatus.SUCCEEDED)
                .filter(r -> r.files().contains(name))
                .map(r -> releaseFolder(project, run).resolve(name))
                .filter(Files::isRegularFile);
    }

    /** HYGIE_HOME/research/&lt;project&gt;/&lt;run&gt;/: what the project team may download. */
    Path releaseFolder(ProjectId project, UUID run) {
        return home.dir("research").resolve(project.value().toString()).resolve(run.toString());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static EngineRun row(ResultSet rs, int n) throws SQLException {
        String files = rs.getString("files");
        return new EngineRun(rs.getObject("id", UUID.class), new ProjectId(rs.getObject("project_id", UUID.class)),
                EngineRunStatus.valueOf(rs.getString("status")), rs.getString("launcher"), instant(rs, "snapshot_at"),
                instant(rs, "started_at"), instant(rs, "updated_at"), instant(rs, "finished_at"), rs.getString("stage"),
                rs.getInt("done"), rs.getInt("total"), rs.getString("failure"), rs.getString("output_mode"), rs.getString("notice"),
                rs.getObject("extraction_run_id", UUID.class), (Integer) rs.getObject("included_count"),
                (Integer) rs.getObject("excluded_count"),
                files == null || files.isEmpty() ? List.of() : Arrays.asList(files.split("\n")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
