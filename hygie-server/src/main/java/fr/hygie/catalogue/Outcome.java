package fr.hygie.catalogue;

/** What became of a reviewer's or a person's step: done, or refused with a French message naming the state. */
public record Outcome(boolean done, String message) {

    public static Outcome done(String message) {
        return new Outcome(true, message);
    }

    public static Outcome refused(String message) {
        return new Outcome(false, message);
    }
}
