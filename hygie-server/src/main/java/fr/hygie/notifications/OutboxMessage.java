package fr.hygie.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A message waiting in (or sent from, or withdrawn from) the outbox; {@code reference} and {@code kind}
 * say what it is about when the module that queued it named it (a booking and "REMINDER"…).
 */
public record OutboxMessage(UUID id, OutboxChannel channel, UUID patientId, String recipient, String subject, String text,
        Instant dueAt, Instant sentAt, int attempts, UUID reference, String kind, Instant cancelledAt) {

    @Override
    public String toString() {
        // The recipient and the text are personal data: never in a log line (conventions, "Logs").
        return "OutboxMessage[" + id + ", " + channel + ", " + kind + "]";
    }
}
