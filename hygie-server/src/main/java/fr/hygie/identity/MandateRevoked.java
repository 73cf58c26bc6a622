package fr.hygie.identity;

/** Event: a mandate was revoked; it stops working at once. */
public record MandateRevoked(MandateId mandate, PatientId patient) {
}
