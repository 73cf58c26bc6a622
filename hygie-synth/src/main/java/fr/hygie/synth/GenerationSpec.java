package fr.hygie.synth;

/**
 * What to generate: a population size and a seed. The same spec always gives the same population,
 * byte for byte.
 */
public record GenerationSpec(int persons, long seed) {

    public static final int MIN_PERSONS = 1_000;
    public static final int MAX_PERSONS = 1_000_000;

    public GenerationSpec {
        if (persons < MIN_PERSONS || persons > MAX_PERSONS) {
            throw new IllegalArgumentException("persons must be between " + MIN_PERSONS + " and " + MAX_PERSONS
                    + ", got " + persons);
        }
    }

    /** About one professional per 250 persons, at least 20. */
    public int professionals() {
        return Math.max(20, persons / 250);
    }

    /** About one structure (legal entity or site) per 600 persons, at least 10. */
    public int structures() {
        return Math.max(10, persons / 600);
    }
}
