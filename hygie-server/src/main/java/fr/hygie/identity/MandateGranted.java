package fr.hygie.identity;

/** Event: a person gave a mandate (or a legal representative was recorded). */
public record MandateGranted(MandateId mandate, PatientId patient, AccountId representative, MandateKind kind) {
}
