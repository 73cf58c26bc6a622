package fr.hygie.oversight;

/**
 * Where an algorithmic suggestion stands. It reaches a person only from {@link #ACCEPTED} or
 * {@link #EDITED}, which only a named, qualified professional sets (EU AI Act art. 14: human oversight).
 */
public enum SuggestionStatus implements fr.hygie.platform.Labelled {
    /** Waiting for its validating professional (médecin traitant or designated professional). */
    PENDING("en attente de validation"),
    /** No médecin traitant and no designated professional yet: waits, reaches no one. */
    UNASSIGNED("sans professionnel pour la valider"),
    ACCEPTED("acceptée"),
    EDITED("acceptée après modification"),
    REJECTED("refusée");

    private final String label;

    SuggestionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Only a pending suggestion can be decided on; anything else is refused with the current state. */
    public java.util.Optional<String> refusalToDecide() {
        return this == PENDING ? java.util.Optional.empty()
                : java.util.Optional.of("Cette proposition ne peut plus être validée : elle est « " + label + " ».");
    }

    public static SuggestionStatus after(Decision decision) {
        switch (decision) {
            case ACCEPT:
                return ACCEPTED;
            case EDIT:
                return EDITED;
            default:
                return REJECTED;
        }
    }

    /** What the validating professional decides. */
    public enum Decision {
        ACCEPT, EDIT, REJECT
    }
}
