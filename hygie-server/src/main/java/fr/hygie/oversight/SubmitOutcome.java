package fr.hygie.oversight;

import java.util.UUID;

/** What became of a contact request: queued, or refused on one field with a French message. */
public sealed interface SubmitOutcome {

    record Queued(UUID id) implements SubmitOutcome {
    }

    /** Refused on {@code field}: the French sentence, and the same as a code ({@code wording}) that pages say in the reader's language. */
    record Invalid(String field, String message, Outcome.Wording wording) implements SubmitOutcome {
    }
}
