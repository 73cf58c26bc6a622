package fr.hygie.research;

import fr.hygie.identity.PatientId;
import java.time.Instant;
import java.util.Optional;

/**
 * One objection of the history: in force from {@code recordedAt} until {@code withdrawnAt} (excluded),
 * or still in force when {@code withdrawnAt} is empty.
 */
public record Objection(PatientId person, ObjectionScope scope, Instant recordedAt, Optional<Instant> withdrawnAt) {

    /** Whether it was in force at {@code instant}: recorded at or before it, not withdrawn at or before it. */
    public boolean inForceAt(Instant instant) {
        return !recordedAt.isAfter(instant) && withdrawnAt.map(w -> w.isAfter(instant)).orElse(true);
    }
}
