package fr.hygie.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.access.EmergencyAccess;
import fr.hygie.access.EmergencyKind;
import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.AsyncListeners;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HygieIntegrationTest
class NotificationsTest {

    @Autowired
    Cast cast;

    @Autowired
    Documents documents;

    @Autowired
    Notifications notifications;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    SharingSettings settings;

    @Autowired
    EmergencyAccess emergency;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AsyncListeners listeners;

    @Test
    void aNewDocumentNotifiesThePersonInTheAppAndBySmsWithoutAnyHealthData() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        jdbc.sql("UPDATE identity.patient SET phone = '0611111111' WHERE id = :id").param("id", person.value()).update();
        Actor me = cast.actor(login);
        settings.setNotificationPreference(me, person, NotificationKind.NEW_DOCUMENT, NotificationChannel.SMS, true, JournalChannel.WEB);

        documents.add(cast.actor("medecin"), new NewDocument(person, "11502-2", "Sérologie VIH", LocalDate.now(), Set.of(),
                ContentType.TEXT, "Sérologie VIH négative".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        listeners.awaitHandled(person.value());

        assertThat(notifications.unread(person)).isEqualTo(1);
        assertThat(notifications.of(person, 10).get(0).text()).isEqualTo("Un nouveau document a été ajouté à votre espace santé.");
        var sms = outbox.forPatient(person.value());
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).channel()).isEqualTo(OutboxChannel.SMS);
        assertThat(sms.get(0).text()).doesNotContainIgnoringCase("VIH").doesNotContain("Sérologie").doesNotContain("11502");
        assertThat(dispatcher.dispatch()).isGreaterThanOrEqualTo(1);
        assertThat(outbox.forPatient(person.value()).get(0).sentAt()).isNotNull();
        notifications.markAllRead(person);
        assertThat(notifications.unread(person)).isZero();
    }

    /**
     * Issue 13: a new document's notification is written in the upload's own transaction, before its commit, not
     * through the event publication registry (a row per upload, then three more transactions). No waiting: when the
     * upload returns, its notification is there, and the registry holds nothing about the document.
     */
    @Test
    void aNewDocumentIsNotifiedInTheUploadsOwnCommitWithNothingLeftInTheRegistry() {
        PatientId person = cast.patient(cast.newPatient());

        AddOutcome outcome = documents.add(cast.actor("medecin"), new NewDocument(person, "11488-4", "Consultation",
                LocalDate.now(), Set.of(), ContentType.TEXT, "Consultation".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);

        assertThat(outcome).isInstanceOf(AddOutcome.Added.class);
        assertThat(notifications.unread(person)).isEqualTo(1);
        String document = ((AddOutcome.Added) outcome).document().id().value().toString();
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :d")
                .param("d", "%" + document + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anEmergencyAccessAlertsThePersonAndTheyCanTurnAppNotificationsOff() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        emergency.openEmergencySession(cast.actor("medecin2"), person, "Patiente inconsciente, antécédents nécessaires",
                EmergencyKind.BRIS_DE_GLACE, JournalChannel.WEB);
        listeners.awaitHandled(person.value());
        assertThat(notifications.of(person, 10)).anySatisfy(n -> assertThat(n.kind()).isEqualTo("EMERGENCY_ACCESS"));

        settings.setNotificationPreference(cast.actor(login), person, NotificationKind.NEW_DOCUMENT, NotificationChannel.APP, false,
                JournalChannel.WEB);
        long before = notifications.of(person, 50).size();
        documents.add(cast.actor("medecin"), new NewDocument(person, "11488-4", "Consultation", LocalDate.now(), Set.of(),
                ContentType.TEXT, "Consultation".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        listeners.awaitHandled(person.value());
        assertThat(notifications.of(person, 50)).hasSize((int) before);
    }
}
