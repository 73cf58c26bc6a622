package fr.hygie.research.engine.extract;

import java.time.LocalDate;
import java.util.List;

/**
 * An approved project's extraction specification (schema {@code extraction-spec-v1.schema.json}),
 * validated and with its defaults applied. Built by {@link SpecParser} only.
 */
public record ExtractionSpec(
        int schemaVersion,
        String projectId,
        String purpose,
        String organisationKind,
        String placeOfProcessing,
        LocalDate referenceDate,
        Cohort cohort,
        List<String> variables,
        Output output) {

    public enum Mode { PSEUDONYMISED_ROWS, ANONYMISED_ROWS, AGGREGATES }

    public record Range(Double min, Double max) {
    }

    public record MeasurementCriterion(String loinc, Double min, Double max) {
    }

    /** Empty lists and null bounds mean "no criterion". */
    public record Cohort(List<String> conditions, List<String> drugs, List<MeasurementCriterion> measurements,
            Integer ageMin, Integer ageMax, List<String> sex, List<String> regions, List<String> departments,
            List<String> communes, LocalDate periodFrom, LocalDate periodTo) {
    }

    public record Output(Mode mode, List<String> quasiIdentifiers, List<String> sensitiveAttributes, int k, int l,
            double maxSuppressionRate, int smallCellThreshold, int rounding, int ageBand, String dateGranularity) {
    }
}
