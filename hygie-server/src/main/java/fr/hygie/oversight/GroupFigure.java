package fr.hygie.oversight;

/**
 * One line of a report by group: in {@code dimension} (sexe, tranche d'âge, région, usage du numérique),
 * the group {@code group} counts {@code total} persons of whom {@code count} have the property measured
 * (reached by a reminder, suggestion accepted…). Pages show the suppressed forms only.
 */
public record GroupFigure(String dimension, String group, long total, long count) {

    public String totalShown() {
        return SmallCounts.show(total);
    }

    public String countShown() {
        return SmallCounts.show(count);
    }

    public String missedShown() {
        return SmallCounts.show(total - count);
    }

    public String rateShown() {
        return SmallCounts.rate(count, total);
    }
}
