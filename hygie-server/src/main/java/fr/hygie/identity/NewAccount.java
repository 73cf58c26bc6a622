package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;

/**
 * What it takes to open an account. {@code passwordHash} is already hashed by the caller through
 * {@link Accounts#hash(String)}, so that a batch of demo accounts hashes once.
 */
public record NewAccount(String username, String passwordHash, Role role, String displayName,
        PatientId patientId, ProfessionalId professionalId, StructureId structureId, boolean demo) {

    public NewAccount {
        if (username == null || !username.matches("[a-z0-9._-]{3,64}")) {
            throw new InvalidInput("USERNAME", "username", "Un identifiant de connexion fait 3 à 64 caractères parmi a-z, 0-9, « . », « _ » et « - ».");
        }
        if (role == Role.PATIENT && patientId == null) {
            throw new InvalidInput("PATIENT_REQUIRED", "patient", "Un compte usager est lié à une personne.");
        }
        if (role == Role.PROFESSIONAL && professionalId == null) {
            throw new InvalidInput("PROFESSIONAL_REQUIRED", "professional", "Un compte professionnel est lié à un professionnel (RPPS).");
        }
    }
}
