package fr.hygie.notifications.internal;

import fr.hygie.identity.PatientId;
import fr.hygie.notifications.Outbox;
import fr.hygie.notifications.OutboxChannel;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes in-app notifications and outbox messages. */
@Component
class NotificationWriter {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    NotificationWriter(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * This transaction's commit returns without waiting for its WAL flush ({@code SET LOCAL synchronous_commit = off};
     * PostgreSQL's WAL writer flushes it within a fraction of a second). Only for a listener's own transaction
     * ({@code @ApplicationModuleListener}), which writes nothing but a notification: its durable record is the event
     * publication, committed durably with the change itself and completed only after this transaction (issue 13).
     * The WAL is flushed in order, so a crash can lose this notification only together with its later completion,
     * and Spring Modulith republishes an incomplete publication at restart: never lost, never written twice. Never
     * call it from a transaction that also records a change.
     */
    void commitWithoutWaitingForTheDisk() {
        jdbc.sql("SET LOCAL synchronous_commit TO off").update();
    }

    void app(PatientId patient, String kind, String text) {
        jdbc.sql("INSERT INTO notifications.notification (id, patient_id, kind, text, created_at) VALUES (:id, :p, :k, :t, :now)")
                .param("id", fr.hygie.platform.Ids.newId()).param("p", patient.value()).param("k", kind).param("t", text)
                .param("now", java.sql.Timestamp.from(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS))).update();
    }

    void outbox(OutboxChannel channel, PatientId patient, String recipient, String subject, String text) {
        outbox.enqueue(channel, patient.value(), recipient, subject, text, clock.instant());
    }
}
