package fr.hygie.access;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.UUID;

/** Event: an emergency session was opened on a person's record; the person is alerted. */
public record EmergencyAccessOpened(UUID sessionId, PatientId patient, ProfessionalId professional, Instant at) {
}
