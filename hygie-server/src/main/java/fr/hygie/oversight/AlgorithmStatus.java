package fr.hygie.oversight;

import java.util.Optional;

/**
 * Where an algorithm stands in the registry. Only an {@link #ACTIVE} algorithm produces anything;
 * the moves between states live here so that every caller refuses the same illegal moves.
 */
public enum AlgorithmStatus implements fr.hygie.platform.Labelled {
    /** Registered (or new version) by an admin, waiting for a reviewer's approval: produces nothing. */
    PROPOSED("en attente d'approbation"),
    /** Approved by a reviewer: runs, under human validation of each output. */
    ACTIVE("actif"),
    /** Stopped by an admin or a reviewer: produces nothing, and its pending outputs cannot be validated. */
    SUSPENDED("suspendu");

    private final String label;

    AlgorithmStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The state after {@code change}, or empty when the move is illegal from this state. */
    public Optional<AlgorithmStatus> after(AlgorithmChange.Kind change) {
        switch (change) {
            case APPROVED:
                return this == PROPOSED ? Optional.of(ACTIVE) : Optional.empty();
            case SUSPENDED:
                return this == SUSPENDED ? Optional.empty() : Optional.of(SUSPENDED);
            case RESUMED:
                return this == SUSPENDED ? Optional.of(ACTIVE) : Optional.empty();
            case NEW_VERSION:
                return Optional.of(PROPOSED);
            case REGISTERED:
                return Optional.empty();
            default: // VALIDATOR_DESIGNATED does not change the state
                return Optional.of(this);
        }
    }

    /** "Impossible : l'algorithme est « suspendu »." */
    public String refusal(AlgorithmChange.Kind change) {
        return "Impossible de " + change.verb() + " : l'algorithme est « " + label + " ».";
    }
}
