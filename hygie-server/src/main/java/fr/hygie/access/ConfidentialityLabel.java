package fr.hygie.access;

/**
 * Confidentiality labels of a document, from the national code system TRE_A07
 * (FHIR {@code DocumentReference.securityLabel}).
 */
public enum ConfidentialityLabel {
    /** Masked from professionals (masqué aux professionnels): the patient, the author and the médecin traitant still see it. */
    MASQUE_PS,
    /** Set by the author: hidden from the patient until the author releases it (e.g. after an announcement consultation). */
    INVISIBLE_PATIENT,
    /** Hidden from a minor's parents (confidential care of a minor). */
    INVISIBLE_REPRESENTANTS_LEGAUX;

    /** The code as written in TRE_A07 and in FHIR security labels. */
    public String code() {
        return name();
    }
}
