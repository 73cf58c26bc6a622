package fr.hygie.catalogue;

/**
 * Where an application stands: filed ({@code SUBMITTED}), then a decision: referenced
 * (« référencé »), refused (« refusé », at once by the automatic rules or by a reviewer), suspended
 * (« suspendu ») after it was referenced. A suspended service can be referenced again.
 */
public enum ApplicationStatus implements fr.hygie.platform.Labelled {
    SUBMITTED("en cours d'examen"),
    REFERENCED("référencé"),
    REFUSED("refusé"),
    SUSPENDED("suspendu");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The decisions a reviewer may take from this state; refusals name the current state. */
    public boolean allows(ApplicationStatus decision) {
        return switch (decision) {
            case REFERENCED -> this == SUBMITTED || this == SUSPENDED;
            case REFUSED -> this == SUBMITTED;
            case SUSPENDED -> this == REFERENCED;
            case SUBMITTED -> false;
        };
    }
}
