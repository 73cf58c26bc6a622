package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;

/**
 * A person to register with their INS (matricule + the five traits, already checked for consistency
 * by {@link InsIdentity}) and how to reach them. {@code usedName} is the nom d'usage, if any.
 */
public record NewPatient(InsIdentity ins, String usedName, String addressLine, String postcode,
        InseeCommuneCode commune, Double latitude, Double longitude, String phone, String email, boolean digitalUser) {

    public NewPatient {
        if (ins == null) {
            throw new InvalidInput("INS_REQUIRED", "ins", "L'identité INS est obligatoire.");
        }
        if (phone != null && !phone.isBlank() && !phone.replace(" ", "").matches("\\+?[0-9]{10,15}")) {
            throw new InvalidInput("PHONE", "phone", "Le numéro de téléphone n'est pas valide.");
        }
    }
}
