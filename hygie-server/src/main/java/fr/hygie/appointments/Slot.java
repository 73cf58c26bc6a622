package fr.hygie.appointments;

import fr.hygie.identity.ProfessionalId;
import java.time.Instant;

/** A materialised slot of an agenda (créneau). */
public record Slot(SlotId id, ProfessionalId professional, Instant startsAt, Instant endsAt, SlotStatus status) {

    public int minutes() {
        return (int) java.time.Duration.between(startsAt, endsAt).toMinutes();
    }
}
