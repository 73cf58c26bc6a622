package fr.hygie.research;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The project's state machine, without database. */
class ProjectRouteTest {

    static final StatutoryDelays DELAYS = StatutoryDelays.defaults();
    static final AccountId RESEARCHER = new AccountId(UUID.randomUUID());
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    static Project submitted() {
        ProjectSubmission s = new ProjectSubmission("Titre", "Résumé", Purpose.SCIENTIFIC_RESEARCH, "RGPD 9(2)(j)", "Inserm",
                OrganisationKind.PUBLIC, ProcessingPlace.FRANCE, "Équipe", "Adultes", 12, "ANR", "Mieux soigner",
                List.of(new RequestedVariable("Biologie", "HbA1c", "Mesure étudiée")));
        return Project.submitted(new ProjectId(UUID.randomUUID()), RESEARCHER, "Claire", s, T0, DELAYS);
    }

    static Project move(Project p, ProjectDecision d, Role role, Instant at) {
        Project.Move m = p.decide(d, role, role == Role.RESEARCHER ? RESEARCHER : new AccountId(UUID.randomUUID()), "x", "motifs", null, at, DELAYS);
        assertThat(m).isInstanceOf(Project.Move.Made.class);
        return ((Project.Move.Made) m).after();
    }

    @Test
    void anEthicsOpinionBeforeTheCompletenessCheckIsRefusedNamingTheCurrentStatus() {
        Project.Move m = submitted().decide(ProjectDecision.FAVOURABLE, Role.REVIEWER, new AccountId(UUID.randomUUID()), "Comité",
                "motifs", null, T0, DELAYS);
        assertThat(m).isInstanceOfSatisfying(Project.Move.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(Refusal.ILLEGAL_MOVE);
            assertThat(r.message()).contains("Statut actuel").contains("SUBMITTED");
        });
    }

    @Test
    void theAuthorityCannotGiveTheEthicsOpinion() {
        Project complete = move(submitted(), ProjectDecision.COMPLETE, Role.REVIEWER, T0);
        Project.Move m = complete.decide(ProjectDecision.FAVOURABLE, Role.AUDITOR, new AccountId(UUID.randomUUID()), "CNIL", "ok", null, T0, DELAYS);
        assertThat(m).isInstanceOfSatisfying(Project.Move.Refused.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.NOT_YOUR_MOVE));
    }

    @Test
    void aDecisionWithoutReasonsIsRefused() {
        Project.Move m = submitted().decide(ProjectDecision.COMPLETE, Role.REVIEWER, new AccountId(UUID.randomUUID()), "Comité", " ", null, T0, DELAYS);
        assertThat(m).isInstanceOfSatisfying(Project.Move.Refused.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.REASONS_REQUIRED));
    }

    @Test
    void aProjectCannotCloseWithoutResults() {
        Project p = move(submitted(), ProjectDecision.COMPLETE, Role.REVIEWER, T0);
        Project.Move m = p.decide(ProjectDecision.CLOSE, Role.RESEARCHER, RESEARCHER, "Claire", "fini", null, T0, DELAYS);
        assertThat(m).isInstanceOfSatisfying(Project.Move.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(Refusal.RESULTS_REQUIRED);
            assertThat(r.message()).contains("résultats");
        });
    }

    @Test
    void aStepMadeAfterItsStatutoryDeadlineIsFlaggedLate() {
        Project p = submitted();
        assertThat(p.dueAt()).contains(T0.plus(Duration.ofDays(30)));
        assertThat(p.late(T0.plus(Duration.ofDays(31)))).isTrue();
        Project complete = move(p, ProjectDecision.COMPLETE, Role.REVIEWER, T0.plus(Duration.ofDays(31)));
        assertThat(complete.steps()).singleElement().satisfies(s -> assertThat(s.late()).isTrue());
        assertThat(complete.late(T0.plus(Duration.ofDays(32)))).isFalse();
    }

    @Test
    void anotherResearcherCannotResubmitSomeoneElsesProject() {
        Project incomplete = move(submitted(), ProjectDecision.INCOMPLETE, Role.REVIEWER, T0);
        Project.Move m = incomplete.decide(ProjectDecision.RESUBMIT, Role.RESEARCHER, new AccountId(UUID.randomUUID()), "Autre", "ok", null, T0, DELAYS);
        assertThat(m).isInstanceOfSatisfying(Project.Move.Refused.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.NOT_YOUR_MOVE));
        assertThat(move(incomplete, ProjectDecision.RESUBMIT, Role.RESEARCHER, T0).status()).isEqualTo(ProjectStatus.SUBMITTED);
    }
}
