package fr.hygie.oversight;

/**
 * What became of a supervision step (approve, suspend, validate, opt out, answer a request): done, or
 * refused with a French message that names the current state. Refusals are values, not exceptions.
 */
public record Outcome(boolean done, String message) {

    public static Outcome done(String message) {
        return new Outcome(true, message);
    }

    public static Outcome refused(String message) {
        return new Outcome(false, message);
    }
}
