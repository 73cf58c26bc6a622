package fr.hygie.messaging;

/** Why the messaging policy allowed or refused: written in the journal as the entry's reason code. */
public enum MessagingReason {
    // --- allowed
    /** A professional (or a structure's mailbox) may always write to a person, even without consent (DOMAIN). */
    PROFESSIONAL_MAY_WRITE,
    /** The person reads and writes in their own conversations. */
    PATIENT_OWN_MESSAGES,
    /** A representative within READ_MESSAGES / WRITE_MESSAGES of an active mandate. */
    REPRESENTATIVE_WITHIN_MANDATE,
    /** The care party of the conversation (the professional, or a member of the structure). */
    PARTICIPANT,
    /** The person starts a new conversation with a professional who already wrote to them. */
    PROFESSIONAL_ALREADY_WROTE,
    /** The person sends a prescription to a pharmacy they already used. */
    PRESCRIPTION_TO_KNOWN_PHARMACY,

    // --- refused
    /** No patient-to-patient messaging (DOMAIN). */
    NO_PATIENT_TO_PATIENT,
    /** The messaging joins a person and their care party: nothing between professionals here. */
    CARE_SIDE_WRITES_TO_PERSONS_ONLY,
    PROFESSIONAL_NEVER_WROTE,
    PHARMACY_NOT_USED_BEFORE,
    PHARMACY_NEEDS_A_PRESCRIPTION,
    NOT_A_PARTICIPANT,
    NO_MANDATE,
    MANDATE_SCOPE_MISSING,
    /** Counter agents, administrators, researchers, auditors…: never read nor write messages. */
    ROLE_NEVER_READS_MESSAGES,
    /** A professional account without a profession on file. */
    UNKNOWN_PROFESSIONAL
}
