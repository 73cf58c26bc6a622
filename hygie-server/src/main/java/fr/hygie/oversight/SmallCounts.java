package fr.hygie.oversight;

/**
 * Small-count suppression for figures about groups of people: a count below 11 is shown as « moins de
 * 11 » (the SNDS publication rule, also used by the CNIL's guidance on open health data), so that no
 * report lets anyone single out a person in a small group.
 */
public final class SmallCounts {

    public static final int THRESHOLD = 11;
    public static final String SUPPRESSED = "moins de 11";

    private SmallCounts() {
    }

    public static boolean suppressed(long count) {
        return count < THRESHOLD;
    }

    public static String show(long count) {
        return suppressed(count) ? SUPPRESSED : String.valueOf(count);
    }

    /**
     * A percentage, shown only when the part, the rest and the whole are all shown: otherwise the rate
     * would give back the suppressed count.
     */
    public static String rate(long part, long whole) {
        if (whole == 0 || suppressed(whole) || suppressed(part) || suppressed(whole - part)) {
            return "non publié";
        }
        return Math.round(100.0 * part / whole) + " %";
    }
}
