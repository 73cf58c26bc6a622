package fr.hygie.record;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** A document's metadata as a permitted reader sees it (title decrypted; never the content). */
public record DocumentSummary(DocumentId id, PatientId patient, String typeCode, String typeLabel, String title,
        LocalDate clinicalDate, ProfessionalId author, String authorName, DocumentSource source,
        Set<ConfidentialityLabel> labels, DocumentStatus status, ContentType contentType, int size,
        DocumentId replaces, Instant createdAt) {

    public boolean labelled(ConfidentialityLabel label) {
        return labels.contains(label);
    }

    public boolean masked() {
        return labels.contains(ConfidentialityLabel.MASQUE_PS);
    }
}
