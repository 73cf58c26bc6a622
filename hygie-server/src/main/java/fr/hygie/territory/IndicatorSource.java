package fr.hygie.territory;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Where indicator inputs come from, per commune (INSEE code). The database implementation asks the other
 * modules for aggregates; the research warehouse (engine) will be another implementation. Either way the
 * answers are counts or anonymous observations, never persons, and nothing is shown before
 * {@link SmallCounts} has suppressed what must be.
 */
public interface IndicatorSource {

    /** A short name recorded with each snapshot ({@code "database"}, {@code "warehouse"}…). */
    String name();

    /** Numerator and denominator of a {@link Indicator.Kind#RATE} indicator per commune, as of the end of {@code period}. */
    Map<String, Counts> counts(Indicator indicator, YearMonth period);

    /** Observations of a {@link Indicator.Kind#MEDIAN} indicator per commune, as of the end of {@code period}. */
    Map<String, List<Double>> observations(Indicator indicator, YearMonth period);

    /** Counts of one commune or territory. */
    record Counts(long numerator, long denominator) {

        public Counts plus(Counts other) {
            return new Counts(numerator + other.numerator, denominator + other.denominator);
        }

        public static final Counts ZERO = new Counts(0, 0);
    }
}
