package fr.hygie.access;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An emergency session: while it is open the professional reads the record as if in the care team
 * (the matrix, MASQUE_PS and any block still apply), and every page says an emergency access is under way.
 */
public record EmergencySession(UUID id, ProfessionalId professional, PatientId patient, String justification,
        EmergencyKind kind, Instant openedAt, Instant expiresAt, Optional<Instant> seenByPatientAt) {

    public boolean activeAt(Instant now) {
        return !now.isBefore(openedAt) && now.isBefore(expiresAt);
    }
}
