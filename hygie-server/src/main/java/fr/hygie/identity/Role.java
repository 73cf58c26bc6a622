package fr.hygie.identity;

/** What an account is for. An account has exactly one role. */
public enum Role {
    /** A person using their own health space (usager). */
    PATIENT,
    /** A health professional (professionnel de santé) identified by RPPS. */
    PROFESSIONAL,
    /** Agent d'accueil (France services, CPAM counter, phone): helps, never sees medical content. */
    COUNTER_AGENT,
    /** A researcher submitting projects for secondary use. */
    RESEARCHER,
    /** Ethics and scientific reviewer (CESREES-like committee). */
    REVIEWER,
    /** Auditor (e.g. the data-protection authority): reads journals, never medical content. */
    AUDITOR,
    /** Staff who answer requests for a human contact (garantie humaine). */
    HUMAN_CONTACT,
    /** A representative without a space of their own: caregiver (aidant) or mediator. */
    REPRESENTATIVE,
    /** Platform administrator: referential data and accounts, never medical content. */
    ADMIN,
    /**
     * Regional health agency analyst (agence régionale de santé, ARS): the territorial indicators of its own
     * région ({@link Accounts#regionOf}), never person-level data.
     */
    REGIONAL_AGENCY
}
