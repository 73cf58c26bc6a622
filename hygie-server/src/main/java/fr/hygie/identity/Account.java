package fr.hygie.identity;

import java.util.Optional;

/** An account as other modules see it (never the password hash). */
public record Account(AccountId id, String username, Role role, String displayName,
        Optional<PatientId> patientId, Optional<ProfessionalId> professionalId,
        Optional<StructureId> structureId, boolean enabled, boolean demo) {
}
