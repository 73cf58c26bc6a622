package fr.hygie.research;

import java.time.Instant;
import java.util.UUID;

/**
 * One objection in force at a snapshot, as exported to the research engine (one CSV or Parquet row:
 * {@code person_id, scope, recorded_at}). {@code scope} is {@link ObjectionScope#code()}.
 */
public record ObjectionRow(UUID personId, String scope, Instant recordedAt) {
}
