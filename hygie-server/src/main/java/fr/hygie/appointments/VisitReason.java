package fr.hygie.appointments;

import java.util.UUID;

/** A reason for visit (motif de consultation) with its duration and the instructions given to patients. */
public record VisitReason(UUID id, String label, int durationMinutes, String instructions, boolean active) {
}
