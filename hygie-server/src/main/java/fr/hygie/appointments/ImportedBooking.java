package fr.hygie.appointments;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as another platform's export carries it (« réversibilité »), for
 * {@link Bookings#importBooking}: its id (the key that makes importing twice create nothing twice, and
 * whose end is the reference the person may have written down), the slot it took (found again by the
 * professional and start, else created with {@code slot}), the reason for visit (created, inactive, when
 * the professional does not have it yet), the status, for whom ({@code patient} or {@code unregistered})
 * and how it was booked. {@code bookedByName} and {@code bookedByRole} name who booked it on the old
 * platform: their account does not travel.
 */
public record ImportedBooking(BookingId id, SlotId slot, ProfessionalId professional, Instant startsAt, Instant endsAt,
        UUID reasonId, String reasonLabel, String reasonInstructions, AppointmentStatus status, PatientId patient,
        BookedFor.Unregistered unregistered, String contactPhone, String contactEmail, BookingChannel channel,
        String bookedByName, String bookedByRole, boolean actingFor, Instant createdAt) {
}
