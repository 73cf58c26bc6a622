package fr.hygie.record;

/**
 * The result of changing a document (mask, release, delete, new version). {@code NotFound} is what an
 * actor gets both for a document that does not exist and for one they may not see or change: the two
 * cannot be told apart.
 */
public sealed interface ChangeOutcome {

    record Done(DocumentSummary document) implements ChangeOutcome {
    }

    record NotFound() implements ChangeOutcome {
    }
}
