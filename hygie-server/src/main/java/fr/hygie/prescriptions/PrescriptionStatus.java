package fr.hygie.prescriptions;

/** The states of a prescription (E-Rezept: draft, ready, in-progress, completed, cancelled, expired). */
public enum PrescriptionStatus {
    DRAFT("brouillon"),
    READY("prête"),
    IN_PROGRESS("en cours de délivrance"),
    COMPLETED("délivrée"),
    CANCELLED("annulée"),
    EXPIRED("expirée");

    private final String labelFr;

    PrescriptionStatus(String labelFr) {
        this.labelFr = labelFr;
    }

    public String labelFr() {
        return labelFr;
    }
}
