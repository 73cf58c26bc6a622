package fr.hygie.journal;

/** What was done (or attempted) on the object of a journal entry. */
public enum JournalAction {
    READ, LIST, SEARCH, CREATE, UPDATE, DELETE, MASK, UNMASK, RELEASE, AUTHORISE, REVOKE_AUTHORISATION, BLOCK,
    UNBLOCK, SHARE, EXPORT, IMPORT,
    /** Bris de glace: a professional opened the record of a person unable to consent. */
    EMERGENCY_ACCESS,
    SETTINGS_CHANGE, MANDATE_GRANT, MANDATE_REVOKE, KEY_ROTATION
}
