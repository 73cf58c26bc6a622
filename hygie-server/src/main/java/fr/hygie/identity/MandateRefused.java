package fr.hygie.identity;

/** A mandate that cannot be granted or changed, with the reason in plain French. */
public class MandateRefused extends RuntimeException {
    public MandateRefused(String message) {
        super(message);
    }
}
