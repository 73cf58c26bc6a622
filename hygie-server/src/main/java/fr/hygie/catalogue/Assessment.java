package fr.hygie.catalogue;

/** A score on one criterion of the grid (0 = absent, 3 = exemplary) and the text that justifies it. */
public record Assessment(int score, String comment) {

    public static final int MAX = 3;

    public Assessment {
        comment = comment == null ? "" : comment.strip();
    }

    public boolean valid() {
        return score >= 0 && score <= MAX;
    }
}
