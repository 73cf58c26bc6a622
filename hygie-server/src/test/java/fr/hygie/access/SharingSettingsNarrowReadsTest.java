package fr.hygie.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the record module (at every professional's upload) and the notification module (for every notice) ask of a
 * person's settings is read in one statement each, without the rest of the settings (issue 13, docs/benchmarks.md
 * « Session 9 — upload »): the answers must stay those of the whole settings, as the person sees them, whatever she
 * chose — nothing chosen yet, additions not shared, channels turned on and off for one kind and not for another.
 */
@HygieIntegrationTest
class SharingSettingsNarrowReadsTest {

    @Autowired
    Cast cast;

    @Autowired
    SharingSettings settings;

    @Test
    void theNarrowReadsAnswerAsTheWholeSettingsBeforeAndAfterThePersonsChoices() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        sameAsTheWholeSettings(me, person);
        assertThat(settings.sharesAdditionsWithCareTeam(person)).isTrue();

        settings.setShareAdditionsWithCareTeam(me, person, false, JournalChannel.WEB);
        settings.setNotificationPreference(me, person, NotificationKind.NEW_DOCUMENT, NotificationChannel.SMS, true, JournalChannel.WEB);
        settings.setNotificationPreference(me, person, NotificationKind.NEW_DOCUMENT, NotificationChannel.APP, false, JournalChannel.WEB);
        settings.setNotificationPreference(me, person, NotificationKind.NEW_MESSAGE, NotificationChannel.EMAIL, false, JournalChannel.WEB);

        sameAsTheWholeSettings(me, person);
        assertThat(settings.sharesAdditionsWithCareTeam(person)).isFalse();
        assertThat(settings.notificationChannels(person, NotificationKind.NEW_DOCUMENT)).contains(NotificationChannel.SMS)
                .doesNotContain(NotificationChannel.APP);

        settings.setShareAdditionsWithCareTeam(me, person, true, JournalChannel.WEB);
        settings.setEmergencyAccessAllowed(me, person, false, JournalChannel.WEB);
        sameAsTheWholeSettings(me, person);
        assertThat(settings.sharesAdditionsWithCareTeam(person)).isTrue();
    }

    private void sameAsTheWholeSettings(Actor me, PatientId person) {
        PatientSettings whole = settings.settingsOf(me, person, JournalChannel.WEB).orElseThrow();
        assertThat(settings.sharesAdditionsWithCareTeam(person)).isEqualTo(whole.shareAdditionsWithCareTeam());
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(settings.notificationChannels(person, kind)).as(kind.name()).isEqualTo(whole.notifications().get(kind));
        }
    }
}
