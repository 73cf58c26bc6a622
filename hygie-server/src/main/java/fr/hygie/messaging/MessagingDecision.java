package fr.hygie.messaging;

import java.util.Objects;

/**
 * A decision of the {@link MessagingPolicy}: allowed or not, why (for the journal) and, when refused,
 * a plain-French sentence for the person who tried, also given as a code ({@link #wording()}) for pages.
 */
public record MessagingDecision(boolean allowed, MessagingReason reason, String message, MessagingWording wording) {

    public MessagingDecision {
        Objects.requireNonNull(reason, "reason");
    }

    static MessagingDecision allow(MessagingReason reason) {
        return new MessagingDecision(true, reason, null, null);
    }

    static MessagingDecision refuse(MessagingReason reason, MessagingWording wording) {
        return new MessagingDecision(false, reason, wording.label(), Objects.requireNonNull(wording, "wording"));
    }

    public boolean refused() {
        return !allowed;
    }
}
