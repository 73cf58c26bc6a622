package fr.hygie.research;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.ControlOutcome;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalEntry;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

@HygieIntegrationTest
class ResearchIntegrationTest {

    @Autowired
    Cast cast;
    @Autowired
    ResearchFixture fixture;
    @Autowired
    Objections objections;
    @Autowired
    Projects projects;
    @Autowired
    ExtractionRuns runs;
    @Autowired
    Mandates mandates;
    @Autowired
    Journal journal;

    @Test
    void objectionsAreADatedHistoryNeverOverwritten() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        ObjectionScope commercial = ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL);
        assertThat(objections.object(cast.actor(login), person, commercial, JournalChannel.WEB).done()).isTrue();
        Instant whileObjecting = projects.now();
        assertThat(objections.withdraw(cast.actor(login), person, commercial, JournalChannel.WEB).done()).isTrue();
        assertThat(objections.object(cast.actor(login), person, ObjectionScope.GLOBAL, JournalChannel.WEB).done()).isTrue();

        Objections.Choices choices = objections.choices(cast.actor(login), person, JournalChannel.WEB).orElseThrow();
        assertThat(choices.inForce()).containsExactly(ObjectionScope.GLOBAL);
        assertThat(choices.history()).hasSize(2);
        assertThat(choices.history()).filteredOn(o -> o.scope().equals(commercial)).singleElement()
                .satisfies(o -> assertThat(o.withdrawnAt()).isPresent());
        assertThat(objections.inForceAt(person, whileObjecting)).containsExactly(commercial);
        assertThat(objections.objectionsAt(whileObjecting)).filteredOn(r -> r.personId().equals(person.value()))
                .extracting(ObjectionRow::scope).containsExactly("ORG_KIND:COMMERCIAL");

        List<JournalEntry> entries = journal.forPatient(person.value(), 0, 20);
        assertThat(entries).filteredOn(e -> "ResearchObjection".equals(e.objectType()) && e.action().name().equals("SETTINGS_CHANGE"))
                .hasSize(3);
    }

    @Test
    void aNewObjectionRemovesThePersonFromTheNextExtractionsCohort() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        ProjectProfile profile = new ProjectProfile(Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.COMMERCIAL, ProcessingPlace.EU);
        ProjectId id = fixture.readyForExtraction("Cohorte et opposition", profile.purpose(), profile.organisationKind(), profile.place());

        RunOutcome first = fixture.referenceRun(id, profile, projects.now());
        assertThat(first).isInstanceOf(RunOutcome.Recorded.class);
        assertThat(runs.participation(cast.actor(login), person, JournalChannel.WEB).orElseThrow())
                .filteredOn(p -> p.project().equals(id)).singleElement().satisfies(p -> assertThat(p.included()).isTrue());

        objections.object(cast.actor(login), person, ObjectionScope.place(ObjectionScope.PlaceRestriction.FRANCE_ONLY), JournalChannel.WEB);
        RunOutcome second = fixture.referenceRun(id, profile, projects.now());

        assertThat(second).isInstanceOfSatisfying(RunOutcome.Recorded.class, r -> {
            RunOutcome.Recorded f = (RunOutcome.Recorded) first;
            assertThat(r.run().included()).isEqualTo(f.run().included() - 1);
            assertThat(r.run().excluded()).isEqualTo(f.run().excluded() + 1);
        });
        assertThat(runs.participation(cast.actor(login), person, JournalChannel.WEB).orElseThrow())
                .filteredOn(p -> p.project().equals(id)).singleElement().satisfies(p -> {
                    assertThat(p.included()).isFalse();
                    assertThat(p.excludedBy()).contains(ObjectionScope.place(ObjectionScope.PlaceRestriction.FRANCE_ONLY));
                });
        assertThat(projects.forHandling(cast.user("chercheur"), id).orElseThrow().status()).isEqualTo(ProjectStatus.EXTRACTION_DONE);
    }

    @Test
    void aRunThatIncludesAPersonWhoObjectedAtItsSnapshotIsRefused() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        objections.object(cast.actor(login), person, ObjectionScope.GLOBAL, JournalChannel.WEB);
        ProjectId id = fixture.readyForExtraction("Rapport fautif", Purpose.PUBLIC_HEALTH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);

        RunOutcome o = runs.recordRun(new RunReport(id, projects.now(), "moteur fautif", List.of(person.value()), Map.of()));

        assertThat(o).isInstanceOfSatisfying(RunOutcome.Refused.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.RUN_REJECTED));
        assertThat(runs.runs(id)).isEmpty();
    }

    @Test
    void aRunBeforeTheDataAgreementIsRefusedNamingTheStatus() {
        ProjectId id = fixture.submitted("Trop tôt", Purpose.EDUCATION, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        RunOutcome o = runs.recordRun(new RunReport(id, projects.now(), "moteur", List.of(), Map.of()));
        assertThat(o).isInstanceOfSatisfying(RunOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(Refusal.ILLEGAL_MOVE);
            assertThat(r.message()).contains("SUBMITTED");
        });
    }

    @ParameterizedTest
    @EnumSource(ProhibitedUse.class)
    void eachProhibitedUseIsRefusedAtSubmissionCitingTheArticle(ProhibitedUse use) {
        SubmissionOutcome o = projects.submit(cast.user("chercheur"), fixture.newProject("Interdit " + use,
                Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.COMMERCIAL, ProcessingPlace.FRANCE, Set.of(use.name())));
        assertThat(o).isInstanceOfSatisfying(SubmissionOutcome.Prohibited.class, p -> {
            assertThat(p.use()).isEqualTo(use);
            assertThat(p.message()).contains("2025/327").contains(use.article());
        });
        assertThat(projects.ofResearcher(cast.user("chercheur"))).noneMatch(p -> p.submission().title().equals("Interdit " + use));
    }

    @Test
    void aPurposeThatIsItselfProhibitedIsRefusedToo() {
        NewProject p = fixture.newProject("Publicité ciblée", Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.COMMERCIAL,
                ProcessingPlace.FRANCE, Set.of());
        NewProject marketing = new NewProject(p.title(), p.summary(), "ADVERTISING_MARKETING", p.legalBasis(), p.organisation(),
                p.organisationKind(), p.place(), p.team(), p.population(), p.durationMonths(), p.funding(), p.publicBenefit(),
                p.variables(), Set.of());
        assertThat(projects.submit(cast.user("chercheur"), marketing)).isInstanceOfSatisfying(SubmissionOutcome.Prohibited.class,
                r -> assertThat(r.message()).contains("article 54, point c)"));
    }

    @Test
    void aVariableWithoutJustificationIsSentBackToTheResearcher() {
        NewProject p = fixture.newProject("Sans justification", Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.PUBLIC,
                ProcessingPlace.FRANCE, Set.of());
        NewProject unjustified = new NewProject(p.title(), p.summary(), p.purpose(), p.legalBasis(), p.organisation(),
                p.organisationKind(), p.place(), p.team(), p.population(), p.durationMonths(), p.funding(), p.publicBenefit(),
                List.of(new RequestedVariable("Identité", "Commune de naissance", "")), Set.of());
        assertThat(projects.submit(cast.user("chercheur"), unjustified)).isInstanceOfSatisfying(SubmissionOutcome.Invalid.class,
                r -> assertThat(r.errors()).containsKey("justification0"));
    }

    @Test
    void closingWithoutPublishedResultsIsRefusedAndNegativeResultsAllowClosing() {
        ProjectId id = fixture.readyForExtraction("Clôture", Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        fixture.referenceRun(id, new ProjectProfile(Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE), projects.now());

        MoveOutcome early = projects.decide(cast.user("chercheur"), id, ProjectDecision.CLOSE, "Terminé", null);
        assertThat(early).isInstanceOfSatisfying(MoveOutcome.Refused.class, r -> assertThat(r.refusal()).isEqualTo(Refusal.RESULTS_REQUIRED));

        assertThat(projects.publishResults(cast.user("chercheur"), id, "Aucun effet mesurable.", true).done()).isTrue();
        assertThat(projects.decide(cast.user("chercheur"), id, ProjectDecision.CLOSE, "Terminé", null).done()).isTrue();
        assertThat(projects.forHandling(cast.user("chercheur"), id).orElseThrow().results().orElseThrow().negative()).isTrue();
    }

    @Test
    void aRepresentativeWithManageSharingSetsTheChoicesAndOneWithoutCannot() {
        String personLogin = cast.newPatient();
        PatientId person = cast.patient(personLogin);
        String withScope = cast.newPatient();
        String withoutScope = cast.newPatient();
        var today = mandates.today();
        mandates.grant(cast.user(personLogin).accountId(), person, cast.user(withScope).accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.MANAGE_SHARING), today, today.plusYears(1));
        mandates.grant(cast.user(personLogin).accountId(), person, cast.user(withoutScope).accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), today, today.plusYears(1));

        ControlOutcome refused = objections.object(cast.actingFor(withoutScope, person), person, ObjectionScope.GLOBAL, JournalChannel.WEB);
        ControlOutcome done = objections.object(cast.actingFor(withScope, person), person,
                ObjectionScope.purpose(Purpose.EDUCATION), JournalChannel.WEB);
        ControlOutcome stranger = objections.object(cast.actor(cast.newPatient()), person, ObjectionScope.GLOBAL, JournalChannel.WEB);

        assertThat(refused.done()).isFalse();
        assertThat(stranger.done()).isFalse();
        assertThat(done.done()).isTrue();
        assertThat(objections.inForceAt(person, projects.now())).containsExactly(ObjectionScope.purpose(Purpose.EDUCATION));
    }

    @Test
    void aResearcherNeverSeesAnotherResearchersProjectForHandling() {
        ProjectId id = fixture.submitted("Le mien", Purpose.EDUCATION, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
        assertThat(projects.forHandling(cast.user("comite"), id)).isPresent();
        assertThat(projects.forHandling(cast.user("patient"), id)).isEmpty();
        assertThat(projects.forHandling(cast.user("chercheur"), new ProjectId(UUID.randomUUID()))).isEmpty();
    }
}
