package fr.hygie.research;

/** The answer to a move on a project: done (the new status) or refused with a reason and a French message. */
public sealed interface MoveOutcome {

    record Done(ProjectId project, ProjectStatus status) implements MoveOutcome {
    }

    record Refused(Refusal refusal, String message) implements MoveOutcome {
    }

    default boolean done() {
        return this instanceof Done;
    }
}
