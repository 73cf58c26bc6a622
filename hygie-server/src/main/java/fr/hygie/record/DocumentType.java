package fr.hygie.record;

/** A document type (LOINC) with its French label and the class used to filter lists. */
public record DocumentType(String code, String label, String documentClass) {
}
