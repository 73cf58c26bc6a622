package fr.hygie.appointments;

import java.util.UUID;

public record BookingId(UUID value) {
}
