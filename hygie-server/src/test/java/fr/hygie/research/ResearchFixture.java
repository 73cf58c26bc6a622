package fr.hygie.research;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.HygieUser;
import fr.hygie.support.Cast;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Projects brought to a given status through the real API, and a reference cohort for extraction runs.
 *
 * <p>{@link #referenceRun} computes a cohort the way the research engine will, at toy scale: all adults of
 * the identity register (plain SQL, a test may read it), minus the persons whose objections in force at the
 * snapshot exclude them by {@link ObjectionPolicy}. It is not the engine; it proves the platform's side.
 */
@Component
public class ResearchFixture {

    final Projects projects;
    final ExtractionRuns runs;
    final Objections objections;
    final Cast cast;
    final JdbcClient jdbc;

    ResearchFixture(Projects projects, ExtractionRuns runs, Objections objections, Cast cast, JdbcClient jdbc) {
        this.projects = projects;
        this.runs = runs;
        this.objections = objections;
        this.cast = cast;
        this.jdbc = jdbc;
    }

    NewProject newProject(String title, Purpose purpose, OrganisationKind kind, ProcessingPlace place, Set<String> declaredUses) {
        return new NewProject(title, "Résumé du projet", purpose.name(), "RGPD art. 9(2)(j)", "Inserm", kind.name(), place.name(),
                "Claire Dubois", "Adultes", "12", "ANR", "Mieux soigner",
                List.of(new RequestedVariable("Biologie", "HbA1c", "La mesure étudiée")), declaredUses);
    }

    public ProjectId submitted(String title, Purpose purpose, OrganisationKind kind, ProcessingPlace place) {
        SubmissionOutcome o = projects.submit(cast.user("chercheur"), newProject(title, purpose, kind, place, Set.of()));
        assertThat(o).isInstanceOf(SubmissionOutcome.Submitted.class);
        return ((SubmissionOutcome.Submitted) o).project();
    }

    /** A project whose data agreement is signed: ready for extraction. */
    public ProjectId readyForExtraction(String title, Purpose purpose, OrganisationKind kind, ProcessingPlace place) {
        ProjectId id = submitted(title, purpose, kind, place);
        move("comite", id, ProjectDecision.COMPLETE);
        move("comite", id, ProjectDecision.FAVOURABLE);
        move("cnil", id, ProjectDecision.AUTHORISE);
        move("admin", id, ProjectDecision.SIGN_AGREEMENT);
        return id;
    }

    void move(String login, ProjectId id, ProjectDecision d) {
        HygieUser u = cast.user(login);
        MoveOutcome o = projects.decide(u, id, d, "Motifs publics de " + login, "note interne secrète de " + login);
        assertThat(o).as(d + " by " + login).isInstanceOf(MoveOutcome.Done.class);
    }

    /** The reference run now (for tests in other packages). */
    public RunOutcome referenceRunFor(ProjectId id, ProjectProfile profile) {
        return referenceRun(id, profile, projects.now());
    }

    /** The reference cohort at {@code snapshot}: adults minus objectors, reported as a run. */
    RunOutcome referenceRun(ProjectId id, ProjectProfile profile, Instant snapshot) {
        LocalDate adultsBornBefore = snapshot.atZone(ZoneId.of("Europe/Paris")).toLocalDate().minusYears(18);
        List<UUID> adults = jdbc.sql("SELECT id FROM identity.patient WHERE birth_date <= :d ORDER BY id")
                .param("d", adultsBornBefore).query(UUID.class).list();
        Map<UUID, Set<ObjectionScope>> inForce = objections.inForceAt(adults, snapshot);
        List<UUID> included = new ArrayList<>();
        Map<UUID, String> excluded = new LinkedHashMap<>();
        for (UUID p : adults) {
            ObjectionPolicy.reason(inForce.getOrDefault(p, Set.of()), profile)
                    .ifPresentOrElse(s -> excluded.put(p, s.code()), () -> included.add(p));
        }
        return runs.recordRun(new RunReport(id, snapshot, "cohorte de référence des tests", included, excluded));
    }
}
