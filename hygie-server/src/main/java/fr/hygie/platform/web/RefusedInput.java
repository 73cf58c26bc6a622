package fr.hygie.platform.web;

/**
 * Input refused for a stated reason: the HTTP layer answers 400 (or {@link #status()}) with an
 * RFC 9457 problem+json body carrying {@code code} and {@code field}, pages show the French message.
 * The message is for people and never echoes the refused value.
 */
public interface RefusedInput {

    /** Machine-readable reason, e.g. {@code NIR_KEY}. */
    String code();

    /** The field at fault, e.g. {@code nir}; may be null when the whole request is at fault. */
    String field();

    /** The French sentence for people. */
    String getMessage();

    default int status() {
        return 400;
    }
}
