package fr.hygie.research.engine;

/** Specifications used by the tests. */
final class Specs {

    private Specs() {
    }

    static String pseudonymised(String projectId) {
        return """
                {"schemaVersion": 1, "projectId": "%s", "purpose": "SCIENTIFIC_RESEARCH",
                 "organisationKind": "PUBLIC", "placeOfProcessing": "FRANCE",
                 "cohort": {"age": {"min": 18}, "period": {"from": "2015-01-01", "to": "2025-12-31"}},
                 "variables": ["age", "sex", "department", "condition:E11", "condition:I10", "drug:A10",
                               "measurement_last:4548-4", "condition_first_date:E11"],
                 "output": {"mode": "PSEUDONYMISED_ROWS"}}
                """.formatted(projectId);
    }

    static String anonymised() {
        return """
                {"schemaVersion": 1, "projectId": "PRJ-ANON", "purpose": "PUBLIC_HEALTH",
                 "organisationKind": "NON_PROFIT", "placeOfProcessing": "EU",
                 "cohort": {"age": {"min": 18}},
                 "variables": ["age", "sex", "commune", "condition:E11", "drug:A10"],
                 "output": {"mode": "ANONYMISED_ROWS", "quasiIdentifiers": ["age", "sex", "commune"],
                            "sensitiveAttributes": ["condition:E11"], "k": 11, "l": 2}}
                """;
    }

    static String aggregates(int rounding) {
        return """
                {"schemaVersion": 1, "projectId": "PRJ-AGG", "purpose": "OFFICIAL_STATISTICS",
                 "organisationKind": "COMMERCIAL", "placeOfProcessing": "OUTSIDE_EU",
                 "variables": ["age", "sex", "department", "condition:E11", "condition:J45"],
                 "output": {"mode": "AGGREGATES", "ageBand": 10, "smallCellThreshold": 11, "rounding": %d}}
                """.formatted(rounding);
    }
}
