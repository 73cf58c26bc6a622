package fr.hygie.prescriptions;

/** What is prescribed: medications (ATC codes) or laboratory tests (LOINC codes). */
public enum PrescriptionKind {
    MEDICATION("médicaments"),
    LAB("examens de biologie");

    private final String labelFr;

    PrescriptionKind(String labelFr) {
        this.labelFr = labelFr;
    }

    public String labelFr() {
        return labelFr;
    }
}
