package fr.hygie.record;

import fr.hygie.identity.PatientId;

/**
 * Event: a document landed in a person's space. Carries no health data (no type, no title), so that
 * notifications built from it cannot leak any.
 */
public record DocumentAdded(DocumentId document, PatientId patient, DocumentSource source) {
}
