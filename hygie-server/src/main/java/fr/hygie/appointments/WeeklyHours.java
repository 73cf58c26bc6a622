package fr.hygie.appointments;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.UUID;

/** One row of a weekly schedule (plage horaire hebdomadaire): a day, opening and closing time, slot length. */
public record WeeklyHours(UUID id, DayOfWeek day, LocalTime start, LocalTime end, int slotMinutes) {
}
