package fr.hygie.synth;

import java.util.List;

/**
 * A health professional of the RPPS directory, as the care-offer directory shows them.
 *
 * @param professionCode  TRE_G15 code, see {@link CareCodes}
 * @param specialtyCode   SM code for doctors, {@code null} for other professions
 * @param structureFiness FINESS of the geographic site they work in; {@code null} in private practice
 * @param conventionSector 1 or 2 (secteur conventionnel); always 1 outside doctors
 * @param languages       ISO 639 codes, French first
 */
public record SynthProfessional(
        String rpps,
        String professionCode,
        String specialtyCode,
        String familyName,
        String givenName,
        Sex sex,
        String structureFiness,
        String addressLine,
        String postcode,
        String communeInsee,
        String department,
        String regionCode,
        double latitude,
        double longitude,
        int conventionSector,
        List<String> languages,
        boolean teleconsultation) {

    public SynthProfessional {
        languages = List.copyOf(languages);
    }

    /** National identifier idNat_PS: 8 followed by the RPPS number. */
    public String idNatPs() {
        return "8" + rpps;
    }

    public boolean isGeneralPractitioner() {
        return CareCodes.PROFESSION_MEDECIN.equals(professionCode)
                && CareCodes.SPECIALTY_MEDECINE_GENERALE.equals(specialtyCode);
    }
}
