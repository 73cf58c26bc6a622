package fr.hygie.notifications;

import java.time.Instant;
import java.util.UUID;

/** A message waiting in (or sent from) the outbox. */
public record OutboxMessage(UUID id, OutboxChannel channel, UUID patientId, String recipient, String subject, String text,
        Instant dueAt, Instant sentAt, int attempts) {
}
