package fr.hygie.appointments;

import java.util.UUID;

/** A request to book a slot for someone, with optional contact details for the confirmation and reminder. */
public record BookingRequest(SlotId slot, UUID reasonId, BookedFor person, String contactPhone, String contactEmail) {
}
