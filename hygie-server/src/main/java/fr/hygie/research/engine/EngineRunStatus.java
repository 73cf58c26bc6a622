package fr.hygie.research.engine;

/** Where a run of the research engine stands. */
public enum EngineRunStatus {
    RUNNING("En cours"),
    SUCCEEDED("Terminée"),
    FAILED("Échec");

    private final String label;

    EngineRunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
