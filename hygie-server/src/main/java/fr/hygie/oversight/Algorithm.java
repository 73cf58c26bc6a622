package fr.hygie.oversight;

import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An algorithm as the public registry shows it (registre des algorithmes, DOMAIN « Garantie humaine »):
 * what it is for, who provides it, which version, what it reads, the data it was built and validated on,
 * its measured performance, the role that supervises it and the profession of those who validate each
 * output, its status. The designated professional validates outputs for persons without a médecin traitant.
 */
public record Algorithm(UUID id, String code, String name, String purpose, String provider, String version, String inputs,
        String trainingData, String performance, String supervisorRole, String validatorProfession,
        Optional<ProfessionalId> designatedProfessional, String designatedProfessionalName, AlgorithmStatus status,
        Instant createdAt, Instant statusChangedAt) {

    public boolean active() {
        return status == AlgorithmStatus.ACTIVE;
    }
}
