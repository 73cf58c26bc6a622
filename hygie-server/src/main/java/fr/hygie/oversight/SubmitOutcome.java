package fr.hygie.oversight;

import java.util.UUID;

/** What became of a contact request: queued, or refused on one field with a French message. */
public sealed interface SubmitOutcome {

    record Queued(UUID id) implements SubmitOutcome {
    }

    record Invalid(String field, String message) implements SubmitOutcome {
    }
}
