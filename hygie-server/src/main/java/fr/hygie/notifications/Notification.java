package fr.hygie.notifications;

import java.time.Instant;
import java.util.UUID;

/** A notification shown in the person's space. */
public record Notification(UUID id, String kind, String text, Instant createdAt, Instant readAt) {
    public boolean unread() {
        return readAt == null;
    }
}
