package fr.hygie.research;

/** The answer to a reported run: recorded, or refused (the engine must fix and report again). */
public sealed interface RunOutcome {

    record Recorded(ExtractionRun run) implements RunOutcome {
    }

    record Refused(Refusal refusal, String message) implements RunOutcome {
    }
}
