package fr.hygie.platform;

/**
 * A code that has a French label (libellé): statuses, decisions, criteria… The French label is what the APIs answer
 * with (French first); pages resolve the code in the reader's language from the message bundles.
 */
public interface Labelled {

    String label();
}
