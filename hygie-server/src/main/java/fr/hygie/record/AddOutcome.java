package fr.hygie.record;

/** The result of adding a document: added, or refused for a reason the actor may be told. */
public sealed interface AddOutcome {

    record Added(DocumentSummary document) implements AddOutcome {
    }

    record Refused(String message) implements AddOutcome {
    }
}
