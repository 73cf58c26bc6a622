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
        // What identity.patient's columns hold, refused with its reason on every channel (registration API, FHIR Patient,
        // imports) rather than left to PostgreSQL, whose refusal was a 500: a phone of 10 to 15 digits spread with spaces
        // over more than VARCHAR(20), a postcode other than five digits (VARCHAR(5)), a NUL in a free text. Session 6,
        // found by reading the counter agent's registration (security.FhirWriteFuzzTest).
        if (phone != null && !phone.isBlank() && (phone.length() > 20 || !phone.replace(" ", "").matches("\\+?[0-9]{10,15}"))) {
            throw new InvalidInput("PHONE", "phone", "Le numéro de téléphone n'est pas valide.");
        }
        postcode = postcode == null || postcode.isBlank() ? null : postcode.strip();
        if (postcode != null && !postcode.matches("[0-9]{5}")) {
            throw new InvalidInput("POSTCODE", "postcode", "Le code postal a cinq chiffres.");
        }
        for (String text : new String[] {usedName, addressLine, email}) {
            if (text != null && text.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInput("CONTROL_CHARACTERS", "addressLine",
                        "Le texte contient des caractères de contrôle (comme le caractère nul) : retirez-les.");
            }
        }
    }
}
