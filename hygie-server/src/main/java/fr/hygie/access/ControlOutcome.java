package fr.hygie.access;

/**
 * The result of a change to the person's controls: done, or refused with a message in plain French
 * for the person who asked (only the person or their representative ever sees it).
 */
public record ControlOutcome(boolean done, ReasonCode reason, String message) {

    public static ControlOutcome done(ReasonCode reason) {
        return new ControlOutcome(true, reason, null);
    }

    public static ControlOutcome refused(ReasonCode reason, String message) {
        return new ControlOutcome(false, reason, message);
    }
}
