package fr.hygie.appointments;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An appointment (rendez-vous, FHIR R4 Appointment): the slot, the professional, the reason, the status,
 * for whom (a registered person or the name, birth date and phone of someone without an account), and
 * who booked it, through which channel, acting for whom.
 */
public record Booking(BookingId id, SlotId slot, ProfessionalId professional, String practitionerName, String address,
        Instant startsAt, Instant endsAt, UUID reasonId, String reasonLabel, String reasonInstructions,
        AppointmentStatus status, PatientId patient, String personFamilyName, String personGivenName,
        LocalDate personBirthDate, String contactPhone, String contactEmail, BookingChannel channel,
        AccountId bookedBy, String bookedByName, String bookedByRole, boolean actingFor, BookingId replaces,
        Instant createdAt) {

    public boolean registered() {
        return patient != null;
    }

    /** A short reference people can read out on the phone (the random end of the id). */
    public String reference() {
        String hex = id.value().toString().replace("-", "");
        return hex.substring(hex.length() - 8).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Booking[" + id.value() + ", " + status.fhir() + "]";
    }
}
