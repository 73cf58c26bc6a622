package fr.hygie.access;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the policy needs to know about a document: whose it is, its LOINC type, its author (null when
 * the person added it themself) and its confidentiality labels. Never its content.
 */
public record DocumentFacts(UUID documentId, PatientId patient, String typeCode, ProfessionalId author,
        Set<ConfidentialityLabel> labels) implements AccessTarget {

    public static final String OBJECT_TYPE = "DocumentReference";

    public DocumentFacts {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(patient, "patient");
        labels = labels == null || labels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(labels));
    }

    public boolean labelled(ConfidentialityLabel label) {
        return labels.contains(label);
    }

    @Override
    public String objectType() {
        return OBJECT_TYPE;
    }

    @Override
    public String objectId() {
        return documentId.toString();
    }
}
