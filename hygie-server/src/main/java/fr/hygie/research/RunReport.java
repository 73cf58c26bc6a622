package fr.hygie.research;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An extraction run as the launcher reports it: the snapshot whose objections it honoured, the persons
 * included in the cohort, and the persons of the population left out because of an objection (person id →
 * scope code that excluded them).
 */
public record RunReport(ProjectId project, Instant snapshot, String launcher, List<UUID> included, Map<UUID, String> excluded) {

    public RunReport {
        included = List.copyOf(included);
        excluded = Map.copyOf(excluded);
    }
}
