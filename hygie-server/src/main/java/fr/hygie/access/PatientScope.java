package fr.hygie.access;

import fr.hygie.identity.PatientId;
import java.util.Objects;

/**
 * The person's space as a whole: adding to it, managing its sharing controls, listing it.
 * {@code objectType} names what is touched for the journal (e.g. "DocumentReference" for a new
 * document, "CareTeam", "SharingSettings"); {@code objectId} is optional (e.g. the professional blocked).
 */
public record PatientScope(PatientId patient, String objectType, String objectId) implements AccessTarget {

    public PatientScope {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(objectType, "objectType");
    }

    public PatientScope(PatientId patient, String objectType) {
        this(patient, objectType, null);
    }
}
