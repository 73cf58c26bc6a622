package fr.hygie.access;

/** Why the policy permitted or refused: written in the journal as the entry's reason code. */
public enum ReasonCode {
    // --- permits
    /** The person reads or manages their own space. */
    PATIENT_OWN_RECORD,
    /** A representative acting within the scopes of an active mandate. */
    REPRESENTATIVE_WITHIN_MANDATE,
    /** The declared médecin traitant: in the care team, cannot be blocked, sees masked documents. */
    TREATING_PHYSICIAN,
    /** A professional the person authorised. */
    CARE_TEAM_AUTHORISED,
    /** An emergency session (bris de glace or centre 15 regulation) is open. */
    EMERGENCY_ACCESS,
    /** The author of a document always sees and manages what they wrote. */
    AUTHOR,
    /** Any professional may send a document to a person's space, without consent (DOMAIN). */
    PROFESSIONAL_MAY_SEND,

    /** An administrator manages referential data (e.g. the centre 15 regulators), never medical content. */
    ADMINISTRATOR,

    // --- refusals
    NOT_IN_CARE_TEAM,
    BLOCKED,
    MATRIX_FORBIDS_TYPE,
    MASKED_FOR_PROFESSIONALS,
    INVISIBLE_TO_PATIENT,
    INVISIBLE_TO_LEGAL_REPRESENTATIVES,
    MANDATE_SCOPE_MISSING,
    NO_MANDATE,
    /** Acting for one person and touching another person's data. */
    ACTING_FOR_SOMEONE_ELSE,
    ROLE_NEVER_SEES_CONTENT,
    /** Only the person (or a MANAGE_SHARING representative) manages sharing and settings. */
    RESERVED_TO_PATIENT,
    /** A representative never appoints another representative nor closes the space (ePA rule). */
    REPRESENTATIVE_CANNOT_DELEGATE,
    /** Only the author changes, deletes or releases a document a professional wrote. */
    NOT_THE_AUTHOR,
    /** A professional account without a known profession: fail closed. */
    UNKNOWN_PROFESSIONAL,
    NOT_A_PROFESSIONAL,
    NOT_A_REGULATOR,
    EMERGENCY_ACCESS_DISABLED_BY_PATIENT,
    JUSTIFICATION_TOO_SHORT,
    /** The médecin traitant cannot be blocked (DOMAIN "Who may see what", rule 1). */
    TREATING_PHYSICIAN_CANNOT_BE_BLOCKED,
    /** A blocked professional cannot be declared médecin traitant before being unblocked. */
    BLOCKED_PROFESSIONAL_CANNOT_BE_TREATING_PHYSICIAN,
    /** The médecin traitant is a médecin (profession 10). */
    NOT_A_PHYSICIAN,
    RESERVED_TO_ADMINISTRATORS
}
