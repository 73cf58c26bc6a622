package fr.hygie.access;

import fr.hygie.access.AccessControl.Facts;
import fr.hygie.access.internal.AccessStore;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person's sharing settings (paramètres de confidentialité et de notification): emergency access
 * on or off, sharing of professionals' additions with the care team, notifications. Changed only by
 * the person or a MANAGE_SHARING representative; every change is journaled.
 */
@Service
public class SharingSettings {

    static final String OBJECT_TYPE = "SharingSettings";
    static final ControlOutcome.Wording NOT_ALLOWED = ControlOutcome.Wording.SETTINGS_NOT_ALLOWED;

    private final AccessControl access;
    private final AccessStore store;
    private final Clock clock;

    SharingSettings(AccessControl access, AccessStore store, Clock clock) {
        this.access = access;
        this.store = store;
        this.clock = clock;
    }

    /** The settings as the person or a MANAGE_SHARING representative sees them; empty for anyone else. */
    @Transactional
    public Optional<PatientSettings> settingsOf(Actor actor, PatientId patient, JournalChannel channel) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, OBJECT_TYPE);
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        access.record(f, JournalAction.READ, target, d, channel, null);
        return d.permitted() ? Optional.of(store.settings(patient)) : Optional.empty();
    }

    /**
     * Whether a professional's addition to this person's space is shared with the care team (DOMAIN:
     * "unless the patient objects"). For the record module when it files a document; reveals no health data.
     */
    @Transactional(readOnly = true)
    public boolean sharesAdditionsWithCareTeam(PatientId patient) {
        return store.shareAdditionsWithCareTeam(patient);
    }

    /** The channels on which to notify this person of {@code kind}: for the notification module. */
    @Transactional(readOnly = true)
    public Set<NotificationChannel> notificationChannels(PatientId patient, NotificationKind kind) {
        return store.notificationChannels(patient, kind);
    }

    /** CSP L1111-17: the person may turn emergency access off beforehand (and back on). */
    @Transactional
    public ControlOutcome setEmergencyAccessAllowed(Actor actor, PatientId patient, boolean allowed, JournalChannel channel) {
        return change(actor, patient, "emergency-access", channel, p -> store.setEmergencyAccessAllowed(p, allowed, clock.instant()));
    }

    @Transactional
    public ControlOutcome setShareAdditionsWithCareTeam(Actor actor, PatientId patient, boolean share, JournalChannel channel) {
        return change(actor, patient, "share-additions", channel, p -> store.setShareAdditionsWithCareTeam(p, share, clock.instant()));
    }

    @Transactional
    public ControlOutcome setNotificationPreference(Actor actor, PatientId patient, NotificationKind kind,
            NotificationChannel notificationChannel, boolean enabled, JournalChannel channel) {
        return change(actor, patient, "notification:" + kind + ":" + notificationChannel, channel,
                p -> store.setNotification(p, kind, notificationChannel, enabled, clock.instant()));
    }

    private ControlOutcome change(Actor actor, PatientId patient, String setting, JournalChannel channel, Consumer<PatientId> apply) {
        Facts f = access.facts(actor, patient);
        PatientScope target = new PatientScope(patient, OBJECT_TYPE, setting);
        AccessDecision d = access.decide(f, AccessAction.MANAGE_SHARING, target, null);
        access.record(f, JournalAction.SETTINGS_CHANGE, target, d, channel, null);
        if (d.denied()) {
            return ControlOutcome.refused(d.reason(), NOT_ALLOWED);
        }
        apply.accept(patient);
        return ControlOutcome.done(d.reason());
    }
}
