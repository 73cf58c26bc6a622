package fr.hygie.research;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extraction runs (extractions): launched through the {@link ExtractionLauncher} when one is installed,
 * recorded when the launcher reports them. The platform checks each report against the objections in
 * force at its snapshot ({@link ObjectionPolicy}) before recording it, and keeps the membership (who was
 * included, who was left out by an objection) for the persons themselves; researchers never get it.
 */
@Service
public class ExtractionRuns {

    public static final String PARTICIPATION_OBJECT_TYPE = "ResearchParticipation";

    /** The answer to "launch the extraction". */
    public record LaunchOutcome(boolean launched, String message) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ProjectStore store;
    private final Projects projects;
    private final Objections objections;
    private final AccessControl access;
    private final ObjectProvider<ExtractionLauncher> launcher;

    ExtractionRuns(JdbcClient jdbc, JdbcTemplate template, ProjectStore store, Projects projects, Objections objections,
            AccessControl access, ObjectProvider<ExtractionLauncher> launcher) {
        this.jdbc = jdbc;
        this.template = template;
        this.store = store;
        this.projects = projects;
        this.objections = objections;
        this.access = access;
        this.launcher = launcher;
    }

    /** Whether a research engine is installed on this platform. */
    public boolean launcherInstalled() {
        return launcher.getIfAvailable() != null;
    }

    /**
     * The administration asks the engine to extract a project whose agreement is signed. Without an engine
     * installed nothing happens: the project stays ready for extraction.
     */
    @Transactional(readOnly = true)
    public LaunchOutcome launch(HygieUser admin, ProjectId id) {
        if (admin.role() != Role.ADMIN) {
            return new LaunchOutcome(false, "Seule l'administration lance une extraction.");
        }
        Optional<Project> p = store.load(id, false);
        if (p.isEmpty()) {
            return new LaunchOutcome(false, "Ce projet n'existe pas.");
        }
        if (p.get().status() != ProjectStatus.AGREEMENT_SIGNED && p.get().status() != ProjectStatus.EXTRACTION_DONE) {
            return new LaunchOutcome(false, "Le projet n'est pas prêt pour l'extraction. Statut actuel : " + p.get().status().label() + ".");
        }
        ExtractionLauncher l = launcher.getIfAvailable();
        if (l == null) {
            return new LaunchOutcome(false, "Aucun moteur d'extraction n'est installé sur cette plateforme : le projet reste prêt pour l'extraction.");
        }
        ProjectSubmission s = p.get().submission();
        l.launch(new ExtractionRequest(id, s.profile(), s.population(), s.variables()));
        return new LaunchOutcome(true, "Extraction demandée au moteur " + l.name() + ".");
    }

    /**
     * What the engine needs to extract this project, when its agreement is signed (or a first extraction is
     * done); empty otherwise. For the platform's own operator command ({@code ./hygie research run}), which
     * acts with the administration's authority over the whole platform.
     */
    @Transactional(readOnly = true)
    public Optional<ExtractionRequest> requestFor(ProjectId id) {
        return store.load(id, false)
                .filter(p -> p.status() == ProjectStatus.AGREEMENT_SIGNED || p.status() == ProjectStatus.EXTRACTION_DONE)
                .map(p -> new ExtractionRequest(id, p.submission().profile(), p.submission().population(), p.submission().variables()));
    }

    /**
     * Records a run reported by the launcher. Refused when the project is not ready (status named), when
     * the snapshot is in the future, when a person is both included and excluded, when an included person
     * had an objection in force at the snapshot that excludes them from this project, or when an excluded
     * person had none. The first run moves the project to EXTRACTION_DONE.
     */
    @Transactional
    public RunOutcome recordRun(RunReport report) {
        Optional<Project> found = store.load(report.project(), true);
        if (found.isEmpty()) {
            return new RunOutcome.Refused(Refusal.NOT_FOUND, "Ce projet n'existe pas.");
        }
        Project project = found.get();
        if (project.status() != ProjectStatus.AGREEMENT_SIGNED && project.status() != ProjectStatus.EXTRACTION_DONE) {
            return new RunOutcome.Refused(Refusal.ILLEGAL_MOVE, "Une extraction n'est possible qu'après la signature de la convention. "
                    + "Statut actuel : " + project.status().label() + " (" + project.status().name() + ").");
        }
        Instant now = projects.now();
        Instant snapshot = report.snapshot() == null ? null : report.snapshot().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (snapshot == null || snapshot.isAfter(now) || report.launcher() == null || report.launcher().isBlank()) {
            return new RunOutcome.Refused(Refusal.RUN_REJECTED, "Instantané absent ou dans le futur, ou moteur non nommé.");
        }
        Set<UUID> overlap = new HashSet<>(report.included());
        overlap.retainAll(report.excluded().keySet());
        if (!overlap.isEmpty() || new HashSet<>(report.included()).size() != report.included().size()) {
            return new RunOutcome.Refused(Refusal.RUN_REJECTED, "Une personne figure deux fois dans le rapport d'extraction.");
        }
        Set<UUID> everyone = new HashSet<>(report.included());
        everyone.addAll(report.excluded().keySet());
        Map<UUID, Set<ObjectionScope>> inForce = objections.inForceAt(everyone, snapshot);
        ProjectProfile profile = project.submission().profile();
        long notHonoured = report.included().stream()
                .filter(p -> ObjectionPolicy.excludes(inForce.getOrDefault(p, Set.of()), profile)).count();
        if (notHonoured > 0) {
            return new RunOutcome.Refused(Refusal.RUN_REJECTED, notHonoured + " personne(s) incluse(s) s'opposaient à ce projet "
                    + "à l'instant de l'extraction : extraction refusée.");
        }
        List<Object[]> rows = new ArrayList<>(everyone.size());
        UUID runId = Ids.newId();
        for (UUID p : report.included()) {
            rows.add(new Object[] {runId, p, true, null});
        }
        for (UUID p : report.excluded().keySet()) {
            Optional<ObjectionScope> reason = ObjectionPolicy.reason(inForce.getOrDefault(p, Set.of()), profile);
            if (reason.isEmpty()) {
                return new RunOutcome.Refused(Refusal.RUN_REJECTED, "Une personne écartée n'avait aucune opposition applicable à ce projet.");
            }
            rows.add(new Object[] {runId, p, false, new SqlParameterValue(Types.VARCHAR, reason.get().code())});
        }
        jdbc.sql("""
                INSERT INTO research.extraction_run (id, project_id, snapshot_at, launcher, included_count, excluded_count, recorded_at)
                VALUES (:id, :p, :s, :l, :i, :e, :at)""")
                .param("id", runId).param("p", project.id().value()).param("s", Timestamp.from(snapshot))
                .param("l", report.launcher().strip()).param("i", report.included().size()).param("e", report.excluded().size())
                .param("at", Timestamp.from(now)).update();
        template.batchUpdate("INSERT INTO research.run_member (run_id, patient_id, included, excluded_by_scope) VALUES (?, ?, ?, ?)", rows);
        if (project.status() == ProjectStatus.AGREEMENT_SIGNED) {
            MoveOutcome moved = projects.recordExtraction(project.id(), report.launcher().strip(),
                    report.included().size() + " personnes incluses, " + report.excluded().size()
                            + " écartées en raison de leur opposition (instantané du " + snapshot + ").");
            if (moved instanceof MoveOutcome.Refused r) {
                throw new IllegalStateException("extraction move refused after the status check: " + r.message());
            }
        }
        return new RunOutcome.Recorded(new ExtractionRun(runId, project.id(), snapshot, report.launcher().strip(),
                report.included().size(), report.excluded().size(), now));
    }

    /** The runs of a project, newest first (counts only). */
    @Transactional(readOnly = true)
    public List<ExtractionRun> runs(ProjectId project) {
        return jdbc.sql("""
                SELECT id, project_id, snapshot_at, launcher, included_count, excluded_count, recorded_at
                FROM research.extraction_run WHERE project_id = :p ORDER BY recorded_at DESC, id DESC""")
                .param("p", project.value())
                .query((rs, n) -> new ExtractionRun(rs.getObject(1, UUID.class), new ProjectId(rs.getObject(2, UUID.class)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * "Mes données dans la recherche": for each project that ran an extraction over this person, whether
     * its latest run included them or left them out because of their objection. For the person or their
     * representative (VIEW_DOCUMENTS), decided and journaled by the access module; empty for anyone else.
     */
    @Transactional
    public Optional<List<Participation>> participation(Actor actor, PatientId person, JournalChannel channel) {
        Role role = actor.user().role();
        if (role != Role.PATIENT && role != Role.REPRESENTATIVE) {
            return Optional.empty();
        }
        if (access.checkPatientAction(actor, person, JournalAction.READ, PARTICIPATION_OBJECT_TYPE, channel).denied()) {
            return Optional.empty();
        }
        List<Object[]> latest = jdbc.sql("""
                SELECT DISTINCT ON (r.project_id) r.project_id, r.snapshot_at, m.included, m.excluded_by_scope
                FROM research.run_member m JOIN research.extraction_run r ON r.id = m.run_id
                WHERE m.patient_id = :p
                ORDER BY r.project_id, r.recorded_at DESC, r.id DESC""")
                .param("p", person.value())
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getBoolean(3),
                        rs.getString(4)})
                .list();
        List<Participation> out = new ArrayList<>();
        for (Object[] row : latest) {
            store.load(new ProjectId((UUID) row[0]), false).ifPresent(p -> out.add(new Participation(p.id(),
                    p.submission().title(), p.submission().purpose(), p.submission().organisation(), p.status(), (Instant) row[1],
                    (Boolean) row[2], Optional.ofNullable((String) row[3]).flatMap(ObjectionScope::parse))));
        }
        out.sort(java.util.Comparator.comparing(Participation::snapshot).reversed());
        return Optional.of(out);
    }
}
