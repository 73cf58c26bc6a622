package fr.hygie.appointments;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A date that does not follow the weekly schedule: its own hours, or closed when {@code start} is null.
 * All overrides of a date together replace the weekly schedule of that date.
 */
public record DateOverride(UUID id, LocalDate day, LocalTime start, LocalTime end, Integer slotMinutes) {

    public boolean closed() {
        return start == null;
    }
}
