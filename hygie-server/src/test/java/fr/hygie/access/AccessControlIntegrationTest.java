package fr.hygie.access;

import static fr.hygie.access.AccessWorld.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.access.AccessWorld.Person;
import fr.hygie.access.AccessWorld.Pro;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The facade against real PostgreSQL and the real journal. */
@SpringBootTest
class AccessControlIntegrationTest {

    @Autowired
    AccessControl access;
    @Autowired
    CareTeam careTeam;
    @Autowired
    Journal journal;
    @Autowired
    Mandates mandates;
    @Autowired
    JdbcClient jdbc;

    AccessWorld world;
    Person alice;
    Pro drHouse;
    Pro dentist;

    @BeforeEach
    void cast() {
        world = new AccessWorld(jdbc);
        alice = world.person("Alice", "Moreau");
        drHouse = world.professional("10", "House");
        dentist = world.professional("40", "Molaire");
    }

    private List<JournalEntry> journalOf(Person p) {
        return journal.forPatient(p.id().value(), 0, 100);
    }

    @Test
    void theMatriceDHabilitationIsLoadedAtStartUpWithItsVersion() {
        assertThat(access.matrix().version()).isEqualTo("v1");
        assertThat(access.matrix().allows("40", "42348-3")).isFalse();
        assertThat(access.matrix().allows("80", "57057-2")).isFalse();
    }

    @Test
    void theFacadeJournalsAPermitWithItsReason() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        DocumentFacts lab = document(alice.id(), "11502-2", null);

        AccessDecision d = access.checkDocument(drHouse.actor(), JournalAction.READ, lab, JournalChannel.FHIR);

        assertThat(d).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));
        JournalEntry last = journalOf(alice).get(0);
        assertThat(last.action()).isEqualTo(JournalAction.READ);
        assertThat(last.decision()).isEqualTo(JournalDecision.PERMIT);
        assertThat(last.reasonCode()).isEqualTo("CARE_TEAM_AUTHORISED");
        assertThat(last.objectType()).isEqualTo("DocumentReference");
        assertThat(last.objectId()).isEqualTo(lab.documentId().toString());
        assertThat(last.actor().accountId()).isEqualTo(drHouse.user().accountId().value());
        assertThat(last.actor().role()).isEqualTo("PROFESSIONAL");
        assertThat(last.channel()).isEqualTo(JournalChannel.FHIR);
        assertThat(last.actingFor()).isNull();
    }

    @Test
    void theFacadeJournalsARefusalWithItsReason() {
        careTeam.authorise(alice.self(), alice.id(), dentist.id(), JournalChannel.WEB);
        DocumentFacts directives = document(alice.id(), "42348-3", null);

        AccessDecision d = access.checkDocument(dentist.actor(), JournalAction.READ, directives, JournalChannel.WEB);

        assertThat(d).isEqualTo(AccessDecision.deny(ReasonCode.MATRIX_FORBIDS_TYPE));
        JournalEntry last = journalOf(alice).get(0);
        assertThat(last.decision()).isEqualTo(JournalDecision.DENY);
        assertThat(last.reasonCode()).isEqualTo("MATRIX_FORBIDS_TYPE");
    }

    @Test
    void aRepresentativeIsJournaledAsActingForThePerson() {
        HygieUser paul = world.representative("Paul Moreau");
        mandates.grant(alice.user().accountId(), alice.id(), paul.accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), mandates.today(), null);

        AccessDecision d = access.checkDocument(Actor.actingFor(paul, alice.id()), JournalAction.READ,
                document(alice.id(), "11502-2", drHouse), JournalChannel.WEB);

        assertThat(d).isEqualTo(AccessDecision.permit(ReasonCode.REPRESENTATIVE_WITHIN_MANDATE));
        JournalEntry last = journalOf(alice).get(0);
        assertThat(last.actor().displayName()).isEqualTo("Paul Moreau");
        assertThat(last.actingFor()).isNotNull();
        assertThat(last.actingFor().accountId()).isEqualTo(alice.user().accountId().value());
        assertThat(last.actingFor().displayName()).isEqualTo("Alice Moreau");
    }

    @Test
    void aCaregiverWithoutViewScopeSeesNothingAndTheRefusalIsJournaled() {
        HygieUser paul = world.representative("Paul Moreau");
        mandates.grant(alice.user().accountId(), alice.id(), paul.accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.MANAGE_APPOINTMENTS), mandates.today(), null);

        AccessDecision d = access.checkDocument(Actor.actingFor(paul, alice.id()), JournalAction.READ,
                document(alice.id(), "11502-2", drHouse), JournalChannel.WEB);

        assertThat(d).isEqualTo(AccessDecision.deny(ReasonCode.MANDATE_SCOPE_MISSING));
        assertThat(journalOf(alice).get(0).reasonCode()).isEqualTo("MANDATE_SCOPE_MISSING");
    }

    @Test
    void counterAgentsNeverReadContentAndTheAttemptIsJournaled() {
        HygieUser agent = world.staff(Role.COUNTER_AGENT, "Agent France services");
        AccessDecision d = access.checkDocument(Actor.of(agent), JournalAction.READ, document(alice.id(), "11502-2", null), JournalChannel.WEB);
        assertThat(d).isEqualTo(AccessDecision.deny(ReasonCode.ROLE_NEVER_SEES_CONTENT));
        assertThat(journalOf(alice).get(0).decision()).isEqualTo(JournalDecision.DENY);
    }

    @Test
    void filterVisibleReturnsExactlyTheVisibleSubsetAndJournalsOneList() {
        careTeam.authorise(alice.self(), alice.id(), dentist.id(), JournalChannel.WEB);
        DocumentFacts lab = document(alice.id(), "11502-2", null);
        DocumentFacts maskedLab = document(alice.id(), "11502-2", null, ConfidentialityLabel.MASQUE_PS);
        DocumentFacts directives = document(alice.id(), "42348-3", null);
        DocumentFacts delivery = document(alice.id(), "57057-2", null);
        DocumentFacts consult = document(alice.id(), "11488-4", null);
        DocumentFacts ownNote = document(alice.id(), "42348-3", dentist, ConfidentialityLabel.MASQUE_PS);
        long before = journal.countForPatient(alice.id().value());

        List<DocumentFacts> visible = access.filterVisible(dentist.actor(), alice.id(),
                List.of(lab, maskedLab, directives, delivery, consult, ownNote), x -> x, JournalChannel.WEB);

        assertThat(visible).containsExactly(lab, consult, ownNote);
        assertThat(journal.countForPatient(alice.id().value())).isEqualTo(before + 1);
        JournalEntry list = journalOf(alice).get(0);
        assertThat(list.action()).isEqualTo(JournalAction.LIST);
        assertThat(list.decision()).isEqualTo(JournalDecision.PERMIT);
        assertThat(list.reasonCode()).isEqualTo("CARE_TEAM_AUTHORISED");
    }

    @Test
    void aBlockedProfessionalListsAnEmptyRecord() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        careTeam.block(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);

        List<DocumentFacts> visible = access.filterVisible(drHouse.actor(), alice.id(),
                List.of(document(alice.id(), "11502-2", null), document(alice.id(), "11488-4", null)), x -> x, JournalChannel.WEB);

        assertThat(visible).isEmpty();
        assertThat(journalOf(alice).get(0).reasonCode()).isEqualTo("BLOCKED");
    }

    @Test
    void theFacadeFailsClosedWhenTheJournalCannotBeWritten() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        Pro nurse = world.professional("60", "Soin");
        DocumentFacts lab = document(alice.id(), "11502-2", null);
        // Break the journal's storage as a full disk or a lost connection would; the journal module is untouched.
        jdbc.sql("CREATE FUNCTION public.access_test_journal_down() RETURNS trigger LANGUAGE plpgsql AS $$ "
                + "BEGIN RAISE EXCEPTION 'journal storage unavailable'; END; $$").update();
        jdbc.sql("CREATE TRIGGER access_test_journal_down BEFORE INSERT ON journal.entry "
                + "FOR EACH ROW EXECUTE FUNCTION public.access_test_journal_down()").update();
        try {
            assertThatThrownBy(() -> access.checkDocument(drHouse.actor(), JournalAction.READ, lab, JournalChannel.WEB))
                    .hasStackTraceContaining("journal storage unavailable");
            assertThatThrownBy(() -> access.filterVisible(drHouse.actor(), alice.id(), List.of(lab), x -> x, JournalChannel.WEB))
                    .hasStackTraceContaining("journal storage unavailable");
            // a change to the controls rolls back with its journal entry
            assertThatThrownBy(() -> careTeam.authorise(alice.self(), alice.id(), nurse.id(), JournalChannel.WEB))
                    .hasStackTraceContaining("journal storage unavailable");
        } finally {
            jdbc.sql("DROP TRIGGER access_test_journal_down ON journal.entry").update();
            jdbc.sql("DROP FUNCTION public.access_test_journal_down()").update();
        }
        assertThat(careTeam.careTeamOf(alice.self(), alice.id(), JournalChannel.WEB).orElseThrow().authorised())
                .extracting(CareTeamMembers.Authorised::professional).containsExactly(drHouse.id());
    }

    @Test
    void theTreatingPhysicianCannotBeBlocked() {
        ControlOutcome declared = careTeam.declareTreatingPhysician(alice.self(), alice.id(), drHouse.id(), LocalDate.of(2026, 1, 5), JournalChannel.WEB);
        assertThat(declared.done()).isTrue();

        ControlOutcome block = careTeam.block(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);

        assertThat(block.done()).isFalse();
        assertThat(block.reason()).isEqualTo(ReasonCode.TREATING_PHYSICIAN_CANNOT_BE_BLOCKED);
        assertThat(block.message()).contains("médecin traitant ne peut pas être bloqué");
        assertThat(journalOf(alice).get(0).decision()).isEqualTo(JournalDecision.DENY);
        assertThat(journalOf(alice).get(0).reasonCode()).isEqualTo("TREATING_PHYSICIAN_CANNOT_BE_BLOCKED");
        CareTeamMembers team = careTeam.careTeamOf(alice.self(), alice.id(), JournalChannel.WEB).orElseThrow();
        assertThat(team.blocked()).isEmpty();
        assertThat(team.treatingPhysician()).map(CareTeamMembers.TreatingPhysician::since).contains(LocalDate.of(2026, 1, 5));
        assertThat(access.checkDocument(drHouse.actor(), JournalAction.READ,
                document(alice.id(), "11502-2", null, ConfidentialityLabel.MASQUE_PS), JournalChannel.WEB))
                .isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
    }

    @Test
    void onlyADoctorBecomesTreatingPhysician() {
        ControlOutcome outcome = careTeam.declareTreatingPhysician(alice.self(), alice.id(), dentist.id(), LocalDate.of(2026, 1, 5), JournalChannel.WEB);
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.reason()).isEqualTo(ReasonCode.NOT_A_PHYSICIAN);
    }

    @Test
    void onlyThePersonOrAManageSharingRepresentativeChangesTheCareTeam() {
        HygieUser viewer = world.representative("Lucie Viewer");
        HygieUser manager = world.representative("Marc Manager");
        mandates.grant(alice.user().accountId(), alice.id(), viewer.accountId(), MandateKind.CAREGIVER,
                EnumSet.of(MandateScope.VIEW_DOCUMENTS), mandates.today(), null);
        mandates.grant(alice.user().accountId(), alice.id(), manager.accountId(), MandateKind.MEDIATOR,
                EnumSet.of(MandateScope.MANAGE_SHARING), mandates.today(), null);

        assertThat(careTeam.block(Actor.actingFor(viewer, alice.id()), alice.id(), dentist.id(), JournalChannel.WEB).done()).isFalse();
        assertThat(careTeam.block(drHouse.actor(), alice.id(), dentist.id(), JournalChannel.WEB).done()).isFalse();
        assertThat(careTeam.block(Actor.actingFor(manager, alice.id()), alice.id(), dentist.id(), JournalChannel.WEB).done()).isTrue();
        assertThat(careTeam.careTeamOf(drHouse.actor(), alice.id(), JournalChannel.WEB)).isEmpty();
        assertThat(careTeam.careTeamOf(alice.self(), alice.id(), JournalChannel.WEB).orElseThrow().blocked())
                .extracting(CareTeamMembers.Blocked::professional).containsExactly(dentist.id());
    }

    @Test
    void aParentDoesNotSeeTheMinorsConfidentialDocument() {
        Person teen = world.person("Léa", "Moreau", mandates.today().minusYears(14));
        mandates.recordLegalRepresentative(teen.id(), mandates.today().minusYears(14), alice.user().accountId(), null);
        DocumentFacts confidential = document(teen.id(), "11488-4", drHouse, ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX);
        DocumentFacts ordinary = document(teen.id(), "11488-4", drHouse);

        List<DocumentFacts> visible = access.filterVisible(Actor.actingFor(alice.user(), teen.id()), teen.id(),
                List.of(confidential, ordinary), x -> x, JournalChannel.WEB);

        assertThat(visible).containsExactly(ordinary);
        assertThat(access.filterVisible(teen.self(), teen.id(), List.of(confidential, ordinary), x -> x, JournalChannel.WEB))
                .containsExactly(confidential, ordinary);
    }
}
