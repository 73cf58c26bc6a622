package fr.hygie.oversight;

/**
 * What an admin registers (or a new version of): the registry's public sheet. {@code validatorProfession}
 * is the profession code (nomenclature of the RPPS, e.g. 10 médecin) of the humans who validate outputs.
 */
public record NewAlgorithm(String code, String name, String purpose, String provider, String version, String inputs,
        String trainingData, String performance, String supervisorRole, String validatorProfession) {
}
