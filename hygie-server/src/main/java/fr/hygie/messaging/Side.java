package fr.hygie.messaging;

/** The two sides of a conversation: the person (or their representative) and the care party. */
public enum Side {
    PATIENT, CARE
}
