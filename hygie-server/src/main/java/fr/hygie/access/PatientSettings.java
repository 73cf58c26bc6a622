package fr.hygie.access;

import fr.hygie.identity.PatientId;
import java.util.Map;
import java.util.Set;

/**
 * The person's sharing settings (paramètres de confidentialité). {@code shareAdditionsWithCareTeam}:
 * "everything a professional adds is, unless the patient objects, shared with the care team"
 * (DOMAIN); when false, the record module labels professionals' additions MASQUE_PS.
 * {@code notifications}: the channels switched on for each kind.
 */
public record PatientSettings(PatientId patient, boolean emergencyAccessAllowed, boolean shareAdditionsWithCareTeam,
        Map<NotificationKind, Set<NotificationChannel>> notifications) {

    public PatientSettings {
        notifications = Map.copyOf(notifications);
    }

    public boolean notifies(NotificationKind kind, NotificationChannel channel) {
        return notifications.getOrDefault(kind, Set.of()).contains(channel);
    }
}
