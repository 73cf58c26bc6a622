package fr.hygie.identity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * Which registered persons an aggregate counts (« population de référence »): optionally one sex and an
 * age band (inclusive, in whole years on {@code asOf}). Used by aggregate-only counts; never selects a
 * person for display.
 *
 * @param sex    {@code null} for both sexes
 * @param minAge {@code null} for no lower bound
 * @param maxAge {@code null} for no upper bound
 * @param asOf     the date ages are computed on
 * @param excluded persons left out of the counts (e.g. those who objected to the secondary use the aggregate
 *                 serves); never empty of meaning: an excluded person is in neither numerators nor denominators
 */
public record PopulationFilter(Sex sex, Integer minAge, Integer maxAge, LocalDate asOf, Set<PatientId> excluded) {

    public PopulationFilter {
        if (asOf == null) {
            throw new IllegalArgumentException("asOf is required");
        }
        excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
    }

    public PopulationFilter(Sex sex, Integer minAge, Integer maxAge, LocalDate asOf) {
        this(sex, minAge, maxAge, asOf, Set.of());
    }

    /** Persons of one sex ({@code null}: both) aged {@code minAge} to {@code maxAge} inclusive on {@code asOf}. */
    public static PopulationFilter aged(Sex sex, int minAge, int maxAge, LocalDate asOf) {
        return new PopulationFilter(sex, minAge, maxAge, asOf);
    }

    /** The same population without these persons. */
    public PopulationFilter excluding(Collection<PatientId> persons) {
        return new PopulationFilter(sex, minAge, maxAge, asOf, Set.copyOf(persons));
    }

    /** Everyone registered. */
    public static PopulationFilter everyone(LocalDate asOf) {
        return new PopulationFilter(null, null, null, asOf);
    }

    /** Persons aged at least {@code minAge} on {@code asOf}. */
    public static PopulationFilter agedAtLeast(int minAge, LocalDate asOf) {
        return new PopulationFilter(null, minAge, null, asOf);
    }

    /** SQL condition on {@code identity.patient} columns, with parameters :sex, :bornOnOrBefore, :bornAfter. */
    String sql() {
        StringBuilder where = new StringBuilder("TRUE");
        if (sex != null) {
            where.append(" AND sex = :sex");
        }
        if (minAge != null) {
            where.append(" AND birth_date <= :bornOnOrBefore");
        }
        if (maxAge != null) {
            where.append(" AND birth_date > :bornAfter");
        }
        if (!excluded.isEmpty()) {
            where.append(" AND NOT (id = ANY(:excluded))");
        }
        return where.toString();
    }

    LocalDate bornOnOrBefore() {
        return minAge == null ? asOf : asOf.minusYears(minAge);
    }

    LocalDate bornAfter() {
        return maxAge == null ? LocalDate.of(1, 1, 1) : asOf.minusYears(maxAge + 1L);
    }
}
