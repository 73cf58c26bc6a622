package fr.hygie.synth;

import java.time.LocalDate;

/**
 * A synthetic insured person. Identity traits are in the INS form (RNIV): birth name, first names
 * and used name in capitals without diacritics; {@code usedFirstName} is the everyday first name
 * with its accents, for display.
 *
 * @param index              position in the population, 0-based; the person depends only on the seed and this index
 * @param nir                15 characters with key; place part = INSEE code of the birth commune, or 99 + country
 * @param firstNames         1 to 3 birth first names separated by a space
 * @param usedName           married name for some women, otherwise the birth name
 * @param birthPlaceCode     INSEE code of the birth commune (arrondissement for Paris, Lyon, Marseille) or 99xxx abroad
 * @param phone              fictional mobile number, {@code null} for young children
 * @param email              on example.org, {@code null} for some (children, part of the elderly)
 * @param medecinTraitantRpps RPPS of the declared general practitioner, {@code null} when none is declared
 * @param usesDigitalSpace   whether the person (or, for a minor, a parent) uses the digital health space
 */
public record SynthPerson(
        int index,
        String nir,
        String birthName,
        String firstNames,
        String usedName,
        String usedFirstName,
        LocalDate birthDate,
        Sex sex,
        String birthPlaceCode,
        String residenceInsee,
        String postcode,
        String addressLine,
        String department,
        String regionCode,
        double latitude,
        double longitude,
        String phone,
        String email,
        String medecinTraitantRpps,
        boolean usesDigitalSpace) {

    /** Age in whole years on a given day. */
    public int ageOn(LocalDate day) {
        return java.time.Period.between(birthDate, day).getYears();
    }
}
