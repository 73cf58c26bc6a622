package fr.hygie.appointments;

import java.util.UUID;

public record SlotId(UUID value) {
}
