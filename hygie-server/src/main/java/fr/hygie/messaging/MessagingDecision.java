package fr.hygie.messaging;

import java.util.Objects;

/**
 * A decision of the {@link MessagingPolicy}: allowed or not, why (for the journal) and, when refused,
 * a plain-French sentence for the person who tried.
 */
public record MessagingDecision(boolean allowed, MessagingReason reason, String message) {

    public MessagingDecision {
        Objects.requireNonNull(reason, "reason");
    }

    static MessagingDecision allow(MessagingReason reason) {
        return new MessagingDecision(true, reason, null);
    }

    static MessagingDecision refuse(MessagingReason reason, String message) {
        return new MessagingDecision(false, reason, Objects.requireNonNull(message, "message"));
    }

    public boolean refused() {
        return !allowed;
    }
}
