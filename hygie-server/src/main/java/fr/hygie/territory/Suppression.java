package fr.hygie.territory;

/** Why a cell is hidden (« secret statistique »): not hidden, too few persons, or hidden to protect another cell. */
public enum Suppression {
    NONE,
    /** Fewer than {@link SmallCounts#THRESHOLD} persons in the numerator or the denominator. */
    PRIMARY,
    /** Large enough, but hidden so that a primary cell cannot be recomputed from a published total. */
    SECONDARY
}
