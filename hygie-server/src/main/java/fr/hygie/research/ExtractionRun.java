package fr.hygie.research;

import java.time.Instant;
import java.util.UUID;

/** A recorded extraction run: counts only (membership stays in the platform). */
public record ExtractionRun(UUID id, ProjectId project, Instant snapshot, String launcher, int included, int excluded,
        Instant recordedAt) {
}
