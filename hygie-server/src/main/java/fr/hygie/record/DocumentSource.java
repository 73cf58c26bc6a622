package fr.hygie.record;

/** Who fed the space: a professional, the person themself, the insurer, or an import from another system. */
public enum DocumentSource {
    PROFESSIONAL, PATIENT, INSURER, IMPORT
}
