package fr.hygie.research;

/** The answer to a move on a project: done (the new status) or refused with a reason and a French message. */
public sealed interface MoveOutcome {

    record Done(ProjectId project, ProjectStatus status) implements MoveOutcome {
    }

    /** Refused: the reason, the French message, and the same message as a code with its arguments for pages. */
    record Refused(Refusal refusal, String message, ResearchWording wording, java.util.List<Object> args) implements MoveOutcome {

        public Refused {
            args = args == null ? java.util.List.of() : java.util.List.copyOf(args);
        }

        public Refused(Refusal refusal, ResearchWording wording, Object... args) {
            this(refusal, wording.french(args), wording, java.util.List.of(args));
        }
    }

    default boolean done() {
        return this instanceof Done;
    }
}
