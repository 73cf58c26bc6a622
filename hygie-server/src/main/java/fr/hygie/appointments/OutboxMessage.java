package fr.hygie.appointments;

import java.time.Instant;
import java.util.UUID;

/** A notification waiting in (or sent from) the outbox. */
public record OutboxMessage(UUID id, BookingId booking, String kind, NotificationSender.Channel channel,
        String recipient, String text, Instant dueAt, Instant sentAt, Instant cancelledAt) {

    @Override
    public String toString() {
        return "OutboxMessage[" + id + ", " + kind + ", " + channel + "]";
    }
}
