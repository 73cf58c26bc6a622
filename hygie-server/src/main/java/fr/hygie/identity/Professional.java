package fr.hygie.identity;

import java.util.List;
import java.util.Optional;

/**
 * A health professional (professionnel de santé) as other modules see them: RPPS, profession and
 * specialty codes from the national lists (TRE_G15, TRE_R38), where they practise.
 */
public record Professional(ProfessionalId id, String rpps, String professionCode, String specialtyCode,
        String familyName, String givenName, Optional<StructureId> structure, String communeInsee,
        Double latitude, Double longitude, Integer sector, boolean teleconsultation, List<String> languages) {

    /** National identifier idNat_PS: "8" followed by the RPPS number. */
    public String idNatPs() {
        return "8" + rpps;
    }

    public String displayName() {
        return Patient.capitalise(givenName) + " " + Patient.capitalise(familyName);
    }
}
