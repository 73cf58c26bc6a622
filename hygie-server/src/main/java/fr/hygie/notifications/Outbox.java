package fr.hygie.notifications;

import fr.hygie.platform.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox every module uses to reach people outside the app (appointment reminders, confirmations,
 * notifications). Messages are written in the caller's transaction and sent later, so that nothing is
 * sent for work that rolled back and nothing is lost if the server stops.
 */
@Service
public class Outbox {

    /** A digit run as long as a NIR (13+ digits) must never travel in a message. */
    private static final Pattern NIR_LIKE = Pattern.compile("\\d[\\d ]{12,}\\d");

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public UUID enqueue(OutboxChannel channel, UUID patientId, String recipient, String subject, String text, Instant dueAt) {
        return enqueueAbout(null, null, channel, patientId, recipient, subject, text, dueAt);
    }

    /**
     * Queues a message about something the caller owns ({@code reference}: a booking…) with its
     * {@code kind} (CONFIRMATION, REMINDER…), so that the caller can list it and withdraw it while unsent.
     */
    @Transactional
    public UUID enqueueAbout(UUID reference, String kind, OutboxChannel channel, UUID patientId, String recipient, String subject,
            String text, Instant dueAt) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("no recipient");
        }
        if (NIR_LIKE.matcher(text).find() || (subject != null && NIR_LIKE.matcher(subject).find())) {
            throw new IllegalArgumentException("an outbox message may not carry an identifier number");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO notifications.outbox (id, channel, patient_id, recipient, subject, text, due_at, created_at,
                    reference_id, kind)
                VALUES (:id, :channel, :patient, :recipient, :subject, :text, :due, :now, :reference, :kind)""")
                .param("id", id).param("channel", channel.name()).param("patient", patientId).param("recipient", recipient)
                .param("subject", subject).param("text", text)
                .param("due", Timestamp.from(dueAt == null ? now : dueAt.truncatedTo(ChronoUnit.MICROS)))
                .param("now", Timestamp.from(now)).param("reference", reference).param("kind", kind).update();
        return id;
    }

    /** Withdraws the messages of this kind about {@code reference} that were not sent yet; returns how many. */
    @Transactional
    public int cancelPending(UUID reference, String kind) {
        return jdbc.sql("""
                UPDATE notifications.outbox SET cancelled_at = :now
                WHERE reference_id = :r AND kind = :k AND sent_at IS NULL AND cancelled_at IS NULL""")
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).param("r", reference)
                .param("k", kind).update();
    }

    /** Every message about {@code reference}, oldest first (sent, pending or withdrawn). */
    public List<OutboxMessage> about(UUID reference) {
        return jdbc.sql(SELECT + " WHERE reference_id = :r ORDER BY due_at, id").param("r", reference).query(Outbox::map).list();
    }

    public List<OutboxMessage> pending(int limit) {
        return jdbc.sql(SELECT + " WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= :now AND attempts < 10 ORDER BY due_at LIMIT :limit")
                .param("now", Timestamp.from(clock.instant())).param("limit", limit).query(Outbox::map).list();
    }

    /**
     * Locks the due messages for the caller's transaction (FOR UPDATE SKIP LOCKED): another dispatcher (a
     * second server) skips them, so no message leaves twice, and a withdrawal waits until they are sent.
     */
    List<OutboxMessage> claimDue(int limit) {
        return jdbc.sql(SELECT + " WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= :now AND attempts < 10"
                        + " ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("now", Timestamp.from(clock.instant())).param("limit", limit).query(Outbox::map).list();
    }

    public List<OutboxMessage> forPatient(UUID patientId) {
        return jdbc.sql(SELECT + " WHERE patient_id = :p ORDER BY created_at").param("p", patientId).query(Outbox::map).list();
    }

    void markSent(UUID id) {
        jdbc.sql("UPDATE notifications.outbox SET sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                .param("now", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).param("id", id).update();
    }

    void markFailed(UUID id, String error) {
        jdbc.sql("UPDATE notifications.outbox SET attempts = attempts + 1, last_error = :e WHERE id = :id")
                .param("e", error).param("id", id).update();
    }

    private static final String SELECT = """
            SELECT id, channel, patient_id, recipient, subject, text, due_at, sent_at, attempts, reference_id, kind, cancelled_at
            FROM notifications.outbox""";

    private static OutboxMessage map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new OutboxMessage(rs.getObject("id", UUID.class), OutboxChannel.valueOf(rs.getString("channel")),
                rs.getObject("patient_id", UUID.class), rs.getString("recipient"), rs.getString("subject"), rs.getString("text"),
                rs.getTimestamp("due_at").toInstant(), sent == null ? null : sent.toInstant(), rs.getInt("attempts"),
                rs.getObject("reference_id", UUID.class), rs.getString("kind"), cancelled == null ? null : cancelled.toInstant());
    }
}
