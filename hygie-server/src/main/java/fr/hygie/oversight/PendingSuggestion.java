package fr.hygie.oversight;

import fr.hygie.identity.PatientId;
import java.time.Instant;
import java.util.UUID;

/** A suggestion as its validating professional sees it in the queue (file de validation). */
public record PendingSuggestion(UUID id, PatientId patient, String patientName, int patientAge, String ruleName,
        String why, String proposedText, String algorithmName, String algorithmVersion, Instant createdAt) {
}
