package fr.hygie.access;

/**
 * What an actor wants to do to a person's health data, as the policy sees it. The facade maps the
 * journal's actions onto these (e.g. AUTHORISE, BLOCK and SETTINGS_CHANGE are all MANAGE_SHARING).
 */
public enum AccessAction {
    /** Open one document or one profile section. */
    READ,
    /** See a document in a list or a search result (its metadata). */
    LIST,
    /** Add a document or a profile item (a professional may always send: DOMAIN "without consent"). */
    CREATE,
    UPDATE,
    DELETE,
    /** Mask or unmask a document for professionals (MASQUE_PS). */
    MASK,
    /** Lift INVISIBLE_PATIENT once the announcement consultation took place: the author's move. */
    RELEASE,
    /** Authorise, block, declare the médecin traitant, change settings and notifications. */
    MANAGE_SHARING,
    /** Appoint or dismiss representatives, close the space: the person only (ePA rule). */
    MANAGE_REPRESENTATIVES,
    /** Open an emergency session (bris de glace, CSP L1111-17). */
    OPEN_EMERGENCY_SESSION,
    /** Open an emergency session as the SAMU / centre 15 regulator. */
    OPEN_REGULATION_SESSION
}
