package fr.hygie.territory;

import java.time.YearMonth;

/**
 * One published cell of an indicator (« instantané »): territory, month, counts and value, and whether it is
 * hidden. A hidden cell never exposes its counts or value through {@link #numerator()} etc. being shown: callers
 * display {@link #display()} and use the counts only when {@link #shown()}.
 */
public record IndicatorSnapshot(Indicator indicator, TerritoryLevel level, String code, YearMonth period,
        long numerator, long denominator, Double value, Suppression suppression) {

    public boolean shown() {
        return suppression == Suppression.NONE && value != null;
    }

    /** The value as printed in French (comma decimal), « moins de 11 » when hidden, « pas de donnée » when none. */
    public String display() {
        if (suppression != Suppression.NONE) {
            return SmallCounts.HIDDEN_LABEL;
        }
        if (value == null) {
            return "pas de donnée";
        }
        return Numbers.fr(value, 1);
    }
}
