package fr.hygie.research;

import java.util.Optional;

/** Where a project processes the data (lieu de traitement), as declared at submission. */
public enum ProcessingPlace {
    FRANCE("En France"),
    EU("Dans un autre pays de l'Union européenne"),
    OUTSIDE_EU("Hors de l'Union européenne");

    private final String label;

    ProcessingPlace(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ProcessingPlace> parse(String code) {
        for (ProcessingPlace p : values()) {
            if (p.name().equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
