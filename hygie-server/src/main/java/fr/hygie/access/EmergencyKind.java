package fr.hygie.access;

/** Why an emergency session was opened. */
public enum EmergencyKind {
    /** Bris de glace: a professional facing an immediate risk for a person unable to consent (CSP L1111-17). */
    BRIS_DE_GLACE,
    /** The SAMU / centre 15 regulator (régulation médicale), same right under the same opt-out. */
    REGULATION_CENTRE_15
}
