package fr.hygie.access;

import static fr.hygie.access.AccessWorld.document;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.AccessWorld.Person;
import fr.hygie.access.AccessWorld.Pro;
import fr.hygie.access.internal.AccessStore;
import fr.hygie.platform.database.ChangeAnnouncements;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relationship facts are kept in memory between decisions (issue 13), and a change is seen by the very next
 * decision: one test per kind of writer (the person's choices, the médecin traitant, imports from FHIR and from the
 * insurer's register, emergency sessions and the opt-out, regulators, another process on the same database), and
 * the transaction rules (a change not committed is shared with nobody, a rolled-back change changes nothing).
 * Every decision here first fills the cache with the facts as they were, so that a stale entry would be caught.
 */
@SpringBootTest
class RelationshipFactsKeptInMemoryTest {

    static final String WHY = "Patiente inconsciente aux urgences, antécédents inconnus";

    @Autowired
    AccessControl access;
    @Autowired
    CareTeam careTeam;
    @Autowired
    SharingSettings settings;
    @Autowired
    SharingTransfer transfer;
    @Autowired
    EmergencyAccess emergency;
    @Autowired
    Regulators regulators;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ChangeAnnouncements listener;
    @Autowired
    AccessPolicy policy;
    @Autowired
    AccessStore store;
    @Autowired
    Professionals professionals;
    @Autowired
    Mandates mandates;
    @Autowired
    Patients patients;
    @Autowired
    Accounts accounts;
    @Autowired
    Journal journal;

    AccessWorld world;
    Person alice;
    Pro drHouse;
    Pro drWho;
    DocumentFacts lab;

    @BeforeEach
    void cast() {
        world = new AccessWorld(jdbc);
        alice = world.person("Alice", "Moreau");
        drHouse = world.professional("10", "House");
        drWho = world.professional("10", "Who");
        lab = document(alice.id(), "11502-2", null);
    }

    private AccessDecision reads(Pro pro) {
        return access.checkDocument(pro.actor(), JournalAction.READ, lab, JournalChannel.WEB);
    }

    @Test
    void aBlockIsSeenByTheVeryNextDecisionAndSoIsTheUnblock() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));
        assertThat(reads(drHouse).permitted()).isTrue();

        careTeam.block(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));

        careTeam.unblock(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));
    }

    @Test
    void aRevokedAuthorisationIsSeenByTheVeryNextDecisionAndSoIsANewOne() {
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM));
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.FHIR);
        assertThat(reads(drHouse).permitted()).isTrue();

        careTeam.revokeAuthorisation(alice.self(), alice.id(), drHouse.id(), JournalChannel.FHIR);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM));
    }

    @Test
    void aNewTreatingPhysicianReplacesThePreviousOneForTheVeryNextDecisions() {
        careTeam.declareTreatingPhysician(alice.self(), alice.id(), drHouse.id(), LocalDate.now().minusYears(1), JournalChannel.WEB);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
        assertThat(reads(drWho).permitted()).isFalse();

        careTeam.declareTreatingPhysician(alice.self(), alice.id(), drWho.id(), LocalDate.now(), JournalChannel.WEB);
        assertThat(reads(drWho)).isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
        assertThat(reads(drHouse).permitted()).isFalse();
    }

    @Test
    void choicesImportedFromAnotherPlatformAreSeenByTheVeryNextDecision() {
        assertThat(reads(drHouse).permitted()).isFalse();
        transfer.authorisation(alice.id(), drHouse.id(), Instant.now().minusSeconds(3600));
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));

        assertThat(reads(drWho).permitted()).isFalse();
        transfer.treatingPhysician(alice.id(), drWho.id(), LocalDate.now().minusYears(2));
        assertThat(reads(drWho)).isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));

        Person bob = world.person("Bob", "Martin");
        DocumentFacts bobsLab = document(bob.id(), "11502-2", null);
        careTeam.authorise(bob.self(), bob.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(access.checkDocument(drHouse.actor(), JournalAction.READ, bobsLab, JournalChannel.WEB).permitted()).isTrue();
        transfer.block(bob.id(), drHouse.id(), Instant.now().minusSeconds(60));
        assertThat(access.checkDocument(drHouse.actor(), JournalAction.READ, bobsLab, JournalChannel.WEB))
                .isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));

        assertThat(access.facts(drHouse.actor(), bob.id()).relationship().emergencyAccessAllowedByPatient()).isTrue();
        transfer.emergencyAccess(bob.id(), false);
        assertThat(access.facts(drHouse.actor(), bob.id()).relationship().emergencyAccessAllowedByPatient()).isFalse();
    }

    @Test
    void treatingPhysiciansImportedFromTheInsurersRegisterAreSeenByTheVeryNextDecision() {
        assertThat(reads(drHouse).permitted()).isFalse();
        careTeam.importTreatingPhysicians(Map.of(alice.id(), drHouse.id()), LocalDate.now().minusYears(2));
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.TREATING_PHYSICIAN));
    }

    @Test
    void anEmergencySessionOpensTheRecordAtOnce() {
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM));
        assertThat(emergency.openEmergencySession(drHouse.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB))
                .isInstanceOf(EmergencyOpening.Opened.class);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
    }

    @Test
    void anEmergencySessionEndsAtItsExpiryWhileItsFactsAreKept() {
        emergency.openEmergencySession(drHouse.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
        assertThat(access.facts(drHouse.actor(), alice.id()).relationship().emergencySessionActive()).isTrue();

        // The same kept facts, decided five hours later (sessions last four): the session is over.
        AccessControl later = new AccessControl(policy, store, professionals, mandates, patients, accounts, journal,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(5)));
        assertThat(later.facts(drHouse.actor(), alice.id()).relationship().emergencySessionActive()).isFalse();
        assertThat(later.checkDocument(drHouse.actor(), JournalAction.READ, lab, JournalChannel.WEB))
                .isEqualTo(AccessDecision.deny(ReasonCode.NOT_IN_CARE_TEAM));
        assertThat(reads(drHouse).permitted()).isTrue();
    }

    @Test
    void theEmergencyOptOutRefusesTheVeryNextSession() {
        assertThat(reads(drHouse).permitted()).isFalse();
        settings.setEmergencyAccessAllowed(alice.self(), alice.id(), false, JournalChannel.WEB);
        EmergencyOpening opening = emergency.openEmergencySession(drHouse.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE,
                JournalChannel.WEB);
        assertThat(opening).isInstanceOfSatisfying(EmergencyOpening.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT));
        assertThat(reads(drHouse).permitted()).isFalse();
    }

    @Test
    void aRegulatorAddedOrRemovedIsSeenByTheVeryNextDecision() {
        HygieUser admin = world.staff(Role.ADMIN, "Admin");
        assertThat(access.facts(drWho.actor(), alice.id()).relationship().regulator()).isFalse();
        regulators.add(admin, drWho.id());
        assertThat(access.facts(drWho.actor(), alice.id()).relationship().regulator()).isTrue();
        regulators.remove(admin, drWho.id());
        assertThat(access.facts(drWho.actor(), alice.id()).relationship().regulator()).isFalse();
        assertThat(emergency.openEmergencySession(drWho.actor(), alice.id(), WHY, EmergencyKind.REGULATION_CENTRE_15, JournalChannel.WEB))
                .isInstanceOfSatisfying(EmergencyOpening.Refused.class, r -> assertThat(r.reason()).isEqualTo(ReasonCode.NOT_A_REGULATOR));
    }

    @Test
    void aChangeNotYetCommittedIsSeenByItsTransactionOnlyAndARolledBackOneByNobody() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(reads(drHouse).permitted()).isTrue();

        transactions.executeWithoutResult(tx -> {
            careTeam.block(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
            // The changing transaction sees its own block...
            assertThat(access.facts(drHouse.actor(), alice.id()).relationship().blocked()).isTrue();
            // ...another request does not see it before the commit, and caches nothing it could keep afterwards.
            assertThat(CompletableFuture.supplyAsync(() -> access.facts(drHouse.actor(), alice.id()).relationship().blocked()).join())
                    .isFalse();
            tx.setRollbackOnly();
        });
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.permit(ReasonCode.CARE_TEAM_AUTHORISED));

        transactions.executeWithoutResult(tx -> {
            careTeam.block(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
            // (facts only: a journaled read of Alice would wait for her chain's head, held by this transaction)
            assertThat(CompletableFuture.supplyAsync(() -> access.facts(drHouse.actor(), alice.id()).relationship().blocked()).join())
                    .isFalse();
        });
        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));
    }

    @Test
    void aBlockWrittenByAnotherProcessIsHeardAndSeenByTheNextDecision() {
        careTeam.authorise(alice.self(), alice.id(), drHouse.id(), JournalChannel.WEB);
        assertThat(reads(drHouse).permitted()).isTrue();

        // Another process (./hygie import, an operator's SQL) writes the table directly, not through this server.
        jdbc.sql("INSERT INTO access.block (patient_id, professional_id, blocked_at) VALUES (:p, :pro, now())")
                .param("p", alice.id().value()).param("pro", drHouse.id().value()).update();
        awaitListenerCaughtUp();

        assertThat(reads(drHouse)).isEqualTo(AccessDecision.deny(ReasonCode.BLOCKED));
    }

    /** Announcements arrive in commit order: once our token is heard, every change committed before it is evicted. */
    private void awaitListenerCaughtUp() {
        String token = UUID.randomUUID().toString();
        jdbc.sql("SELECT 1 FROM pg_notify('hygie_access_facts', :t)").param("t", "sync:" + token).query((rs, n) -> 1).list();
        // A bound, not a timing assertion: the listener polls every 500 ms.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!listener.heard(token)) {
            assertThat(System.nanoTime()).as("the relationship-change listener never heard the announcement").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
