package fr.hygie.notifications;

import fr.hygie.identity.PatientId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The person's in-app notifications. */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Posts an in-app notification written by another module that already decided it may reach the
     * person (e.g. a prevention reminder validated by a named professional, module oversight). The
     * caller owns the text and its rule on health data; nothing leaves the app from here.
     */
    @Transactional
    public UUID post(PatientId patient, String kind, String text) {
        UUID id = fr.hygie.platform.Ids.newId();
        jdbc.sql("INSERT INTO notifications.notification (id, patient_id, kind, text, created_at) VALUES (:id, :p, :k, :t, :now)")
                .param("id", id).param("p", patient.value()).param("k", kind).param("t", text)
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update();
        return id;
    }

    public List<Notification> of(PatientId patient, int limit) {
        return jdbc.sql("SELECT id, kind, text, created_at, read_at FROM notifications.notification WHERE patient_id = :p "
                        + "ORDER BY created_at DESC LIMIT :limit")
                .param("p", patient.value()).param("limit", limit)
                .query((rs, n) -> new Notification(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    public long unread(PatientId patient) {
        return jdbc.sql("SELECT count(*) FROM notifications.notification WHERE patient_id = :p AND read_at IS NULL")
                .param("p", patient.value()).query(Long.class).single();
    }

    @Transactional
    public void markAllRead(PatientId patient) {
        jdbc.sql("UPDATE notifications.notification SET read_at = :now WHERE patient_id = :p AND read_at IS NULL")
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).param("p", patient.value()).update();
    }
}
