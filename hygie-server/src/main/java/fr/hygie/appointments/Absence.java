package fr.hygie.appointments;

import java.time.Instant;
import java.util.UUID;

/** A period when the professional is away: slots inside it become {@code busy-unavailable}. */
public record Absence(UUID id, Instant startsAt, Instant endsAt, String label) {

    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && endsAt.isAfter(from);
    }
}
