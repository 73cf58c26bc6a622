package fr.hygie.access;

import static fr.hygie.access.AccessWorld.document;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.AccessWorld.Person;
import fr.hygie.access.AccessWorld.Pro;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Bris de glace and the person's settings against real PostgreSQL and the real journal. */
@SpringBootTest
@RecordApplicationEvents
class EmergencyAccessIntegrationTest {

    static final String WHY = "Patiente inconsciente aux urgences, antécédents inconnus";

    @Autowired
    EmergencyAccess emergency;
    @Autowired
    AccessControl access;
    @Autowired
    CareTeam careTeam;
    @Autowired
    SharingSettings settings;
    @Autowired
    Regulators regulators;
    @Autowired
    Journal journal;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    AccessWorld world;
    Person alice;
    Pro urgentist;

    @BeforeEach
    void cast() {
        world = new AccessWorld(jdbc);
        alice = world.person("Alice", "Moreau");
        urgentist = world.professional("10", "Urgence");
    }

    private JournalEntry lastEntry() {
        return journal.forPatient(alice.id().value(), 0, 1).get(0);
    }

    @Test
    void anEmergencySessionOpensTheRecordForFourHoursAndIsJournaledWithItsJustification() {
        DocumentFacts discharge = document(alice.id(), "18842-5", null);
        assertThat(access.checkDocument(urgentist.actor(), JournalAction.READ, discharge, JournalChannel.WEB).permitted()).isFalse();

        EmergencyOpening opening = emergency.openEmergencySession(urgentist.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);

        assertThat(opening).isInstanceOf(EmergencyOpening.Opened.class);
        EmergencySession session = ((EmergencyOpening.Opened) opening).session();
        assertThat(Duration.between(session.openedAt(), session.expiresAt())).isEqualTo(Duration.ofHours(4));
        JournalEntry entry = lastEntry();
        assertThat(entry.action()).isEqualTo(JournalAction.EMERGENCY_ACCESS);
        assertThat(entry.decision()).isEqualTo(JournalDecision.PERMIT);
        assertThat(entry.justification()).isEqualTo(WHY);
        assertThat(entry.objectId()).isEqualTo(session.id().toString());
        assertThat(emergency.activeSession(urgentist.id(), alice.id())).map(EmergencySession::id).contains(session.id());
        assertThat(access.checkDocument(urgentist.actor(), JournalAction.READ, discharge, JournalChannel.WEB))
                .isEqualTo(AccessDecision.permit(ReasonCode.EMERGENCY_ACCESS));
        assertThat(events.stream(EmergencyAccessOpened.class)).extracting(EmergencyAccessOpened::sessionId).containsExactly(session.id());

        // the person is alerted at their next visit, then acknowledges
        assertThat(emergency.unseenEmergencyAccesses(alice.self(), alice.id(), JournalChannel.WEB))
                .extracting(EmergencySession::id).containsExactly(session.id());
        assertThat(emergency.unseenEmergencyAccesses(urgentist.actor(), alice.id(), JournalChannel.WEB)).isEmpty();
        assertThat(emergency.acknowledge(alice.self(), alice.id(), JournalChannel.WEB)).isEqualTo(1);
        assertThat(emergency.unseenEmergencyAccesses(alice.self(), alice.id(), JournalChannel.WEB)).isEmpty();
    }

    @Test
    void anEmergencySessionIsRefusedWhenThePatientTurnedEmergencyAccessOff() {
        assertThat(settings.setEmergencyAccessAllowed(alice.self(), alice.id(), false, JournalChannel.WEB).done()).isTrue();

        EmergencyOpening opening = emergency.openEmergencySession(urgentist.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);

        assertThat(opening).isEqualTo(new EmergencyOpening.Refused(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT,
                EmergencyOpening.Wording.DISABLED_BY_PATIENT));
        assertThat(((EmergencyOpening.Refused) opening).message()).isEqualTo("Cette personne a refusé l'accès en urgence à son espace santé.");
        assertThat(lastEntry().decision()).isEqualTo(JournalDecision.DENY);
        assertThat(lastEntry().reasonCode()).isEqualTo("EMERGENCY_ACCESS_DISABLED_BY_PATIENT");
        assertThat(emergency.activeSession(urgentist.id(), alice.id())).isEmpty();
        assertThat(events.stream(EmergencyAccessOpened.class)).isEmpty();
    }

    @Test
    void anEmergencySessionNeedsAWrittenJustification() {
        EmergencyOpening opening = emergency.openEmergencySession(urgentist.actor(), alice.id(), "urgence", EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);
        assertThat(opening).isInstanceOf(EmergencyOpening.Refused.class);
        assertThat(((EmergencyOpening.Refused) opening).reason()).isEqualTo(ReasonCode.JUSTIFICATION_TOO_SHORT);
        assertThat(lastEntry().reasonCode()).isEqualTo("JUSTIFICATION_TOO_SHORT");
    }

    @Test
    void onlyAProfessionalOpensAnEmergencySession() {
        HygieUser agent = world.staff(Role.COUNTER_AGENT, "Agent d'accueil");
        EmergencyOpening opening = emergency.openEmergencySession(Actor.of(agent), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);
        assertThat(((EmergencyOpening.Refused) opening).reason()).isEqualTo(ReasonCode.NOT_A_PROFESSIONAL);
    }

    @Test
    void aBlockStaysInvisibleInsideAnEmergencySession() {
        assertThat(careTeam.block(alice.self(), alice.id(), urgentist.id(), JournalChannel.WEB).done()).isTrue();
        List<DocumentFacts> record = List.of(document(alice.id(), "18842-5", null), document(alice.id(), "60591-5", null));

        EmergencyOpening opening = emergency.openEmergencySession(urgentist.actor(), alice.id(), WHY, EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);

        assertThat(opening).isInstanceOf(EmergencyOpening.Opened.class);
        assertThat(access.filterVisible(urgentist.actor(), alice.id(), record, x -> x, JournalChannel.WEB)).isEmpty();
        assertThat(lastEntry().reasonCode()).isEqualTo("BLOCKED");
        // the person's own view is untouched
        assertThat(access.filterVisible(alice.self(), alice.id(), record, x -> x, JournalChannel.WEB)).hasSize(2);
    }

    @Test
    void theCentre15RegulatorOpensARegulationSessionUnderTheSameOptOut() {
        Pro regulator = world.professional("10", "Regulateur");
        EmergencyOpening before = emergency.openEmergencySession(regulator.actor(), alice.id(), WHY, EmergencyKind.REGULATION_CENTRE_15, JournalChannel.WEB);
        assertThat(((EmergencyOpening.Refused) before).reason()).isEqualTo(ReasonCode.NOT_A_REGULATOR);

        HygieUser admin = world.staff(Role.ADMIN, "Admin");
        assertThat(regulators.add(urgentist.user(), regulator.id()).done()).isFalse();
        assertThat(regulators.add(admin, regulator.id()).done()).isTrue();

        EmergencyOpening opened = emergency.openEmergencySession(regulator.actor(), alice.id(), WHY, EmergencyKind.REGULATION_CENTRE_15, JournalChannel.WEB);
        assertThat(opened).isInstanceOf(EmergencyOpening.Opened.class);
        assertThat(((EmergencyOpening.Opened) opened).session().kind()).isEqualTo(EmergencyKind.REGULATION_CENTRE_15);

        settings.setEmergencyAccessAllowed(alice.self(), alice.id(), false, JournalChannel.WEB);
        EmergencyOpening optedOut = emergency.openEmergencySession(regulator.actor(), alice.id(), WHY, EmergencyKind.REGULATION_CENTRE_15, JournalChannel.WEB);
        assertThat(((EmergencyOpening.Refused) optedOut).reason()).isEqualTo(ReasonCode.EMERGENCY_ACCESS_DISABLED_BY_PATIENT);
    }

    @Test
    void settingsHaveTheirDefaultsAndOnlyThePersonChangesThem() {
        PatientSettings defaults = settings.settingsOf(alice.self(), alice.id(), JournalChannel.WEB).orElseThrow();
        assertThat(defaults.emergencyAccessAllowed()).isTrue();
        assertThat(defaults.shareAdditionsWithCareTeam()).isTrue();
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(settings.notificationChannels(alice.id(), kind)).containsExactly(NotificationChannel.APP);
        }

        assertThat(settings.setNotificationPreference(alice.self(), alice.id(), NotificationKind.NEW_DOCUMENT, NotificationChannel.EMAIL, true,
                JournalChannel.WEB).done()).isTrue();
        assertThat(settings.setNotificationPreference(alice.self(), alice.id(), NotificationKind.NEW_DOCUMENT, NotificationChannel.APP, false,
                JournalChannel.WEB).done()).isTrue();
        assertThat(settings.setShareAdditionsWithCareTeam(alice.self(), alice.id(), false, JournalChannel.WEB).done()).isTrue();
        assertThat(lastEntry().action()).isEqualTo(JournalAction.SETTINGS_CHANGE);

        assertThat(settings.notificationChannels(alice.id(), NotificationKind.NEW_DOCUMENT)).containsExactly(NotificationChannel.EMAIL);
        assertThat(settings.sharesAdditionsWithCareTeam(alice.id())).isFalse();

        ControlOutcome byAProfessional = settings.setEmergencyAccessAllowed(urgentist.actor(), alice.id(), false, JournalChannel.WEB);
        assertThat(byAProfessional.done()).isFalse();
        assertThat(lastEntry().decision()).isEqualTo(JournalDecision.DENY);
        assertThat(settings.settingsOf(urgentist.actor(), alice.id(), JournalChannel.WEB)).isEmpty();
        assertThat(settings.settingsOf(alice.self(), alice.id(), JournalChannel.WEB).orElseThrow().emergencyAccessAllowed()).isTrue();
    }

    @Test
    void authorisingAProfessionalIsAnnounced() {
        careTeam.authorise(alice.self(), alice.id(), urgentist.id(), JournalChannel.WEB);
        assertThat(events.stream(ProfessionalAuthorised.class)).containsExactly(new ProfessionalAuthorised(alice.id(), urgentist.id()));
    }
}
