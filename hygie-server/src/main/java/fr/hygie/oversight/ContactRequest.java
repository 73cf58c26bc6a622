package fr.hygie.oversight;

import java.time.Instant;
import java.util.UUID;

/** A request for a human contact as the conseiller sees it (contact details and message opened). */
public record ContactRequest(UUID id, String requesterName, boolean onBehalf, boolean hasSpace, ContactChoices.Topic topic,
        String message, ContactChoices.Channel channel, String phone, String email, ContactChoices.When when, Status status,
        Instant createdAt, Instant firstResponseAt, Instant closedAt, String handledBy, String responseNote) {

    public enum Status {
        OPEN("à traiter"), ANSWERED("répondue, en cours"), CLOSED("close");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
