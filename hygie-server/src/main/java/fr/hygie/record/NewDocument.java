package fr.hygie.record;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import java.time.LocalDate;
import java.util.Set;

/**
 * A document to add to a person's space. {@code declaredType} (may be null) is checked against what
 * the bytes really are.
 */
public record NewDocument(PatientId patient, String typeCode, String title, LocalDate clinicalDate,
        Set<ConfidentialityLabel> labels, ContentType declaredType, byte[] content) {

    public NewDocument {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }
}
