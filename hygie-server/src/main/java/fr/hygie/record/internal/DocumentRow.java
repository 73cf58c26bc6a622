package fr.hygie.record.internal;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.DocumentFacts;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentId;
import fr.hygie.record.DocumentSource;
import fr.hygie.record.DocumentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** One row of record.document, title still sealed. */
public record DocumentRow(DocumentId id, PatientId patient, String typeCode, String titleSealed, LocalDate clinicalDate,
        ProfessionalId author, UUID authorAccount, String authorName, DocumentSource source, Set<ConfidentialityLabel> labels,
        DocumentStatus status, ContentType contentType, int size, byte[] wrappedKey, DocumentId replaces, Instant createdAt) {

    public DocumentFacts facts() {
        return new DocumentFacts(id.value(), patient, typeCode, author, labels);
    }
}
