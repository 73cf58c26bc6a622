package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;

import java.util.List;

/** A professional to register; profession and specialty are checked against the national lists. */
public record NewProfessional(Rpps rpps, String professionCode, String specialtyCode, String familyName,
        String givenName, Sex sex, StructureId structure, InseeCommuneCode commune, Double latitude, Double longitude,
        Integer sector, boolean teleconsultation, List<String> languages) {

    public NewProfessional {
        Professions.bundled().require(professionCode);
        if (specialtyCode != null && !specialtyCode.isBlank()) {
            Specialties.bundled().requireFor(professionCode, specialtyCode);
        } else {
            specialtyCode = null;
        }
        if (familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
            throw new InvalidInput("NAME_REQUIRED", "familyName", "Le nom et le prénom du professionnel sont obligatoires.");
        }
        languages = languages == null || languages.isEmpty() ? List.of("fr") : List.copyOf(languages);
    }
}
