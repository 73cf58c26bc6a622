package fr.hygie.identity;

/**
 * Status of a patient identity in French identity vigilance (« statut de l'identité », Référentiel
 * national d'identitovigilance, RNIV volet 1). Two independent facts make four statuses: was the
 * identity checked against a high-trust identity document, and was the INS retrieved from (or
 * verified by) the national INSi teleservice?
 *
 * <ul>
 *   <li>{@link #PROVISIONAL} « identité provisoire »: neither;</li>
 *   <li>{@link #RETRIEVED} « identité récupérée »: INS retrieved or verified by INSi, no document check;</li>
 *   <li>{@link #VALIDATED} « identité validée »: document checked, no INS;</li>
 *   <li>{@link #QUALIFIED} « identité qualifiée »: both. Only a qualified identity may use the INS to
 *       reference and exchange health data.</li>
 * </ul>
 */
public enum InsStatus {
    PROVISIONAL("provisoire", false, false),
    RETRIEVED("récupérée", true, false),
    VALIDATED("validée", false, true),
    QUALIFIED("qualifiée", true, true);

    private final String labelFr;
    private final boolean insRetrieved;
    private final boolean documentChecked;

    InsStatus(String labelFr, boolean insRetrieved, boolean documentChecked) {
        this.labelFr = labelFr;
        this.insRetrieved = insRetrieved;
        this.documentChecked = documentChecked;
    }

    /** The RNIV word, e.g. « qualifiée ». */
    public String labelFr() {
        return labelFr;
    }

    /** True when the INS came from the INSi teleservice (récupérée or qualifiée). */
    public boolean insRetrieved() {
        return insRetrieved;
    }

    /** True when a high-trust identity document was checked (validée or qualifiée). */
    public boolean documentChecked() {
        return documentChecked;
    }

    /** RNIV: the INS may be used to reference and share health data only once the identity is qualified. */
    public boolean allowsSharing() {
        return this == QUALIFIED;
    }
}
