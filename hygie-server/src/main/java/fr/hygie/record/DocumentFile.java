package fr.hygie.record;

import fr.hygie.identity.PatientId;
import java.time.LocalDate;

/**
 * A document's decrypted content with what a download needs (its type and clinical date name the file), handed only to
 * a permitted reader. Unlike {@link DocumentContent}, no title: a download does not show it, so its sealed title is not
 * opened (issue 13: one data key fewer to unwrap per download).
 */
public record DocumentFile(DocumentId id, PatientId patient, ContentType contentType, LocalDate clinicalDate, byte[] bytes) {
}
