package fr.hygie.appointments;

import fr.hygie.identity.Professions;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Specialties;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the public directory shows of a professional who has an agenda (offre de soins): copied from
 * identity when the agenda is opened, then kept by the professional.
 *
 * @param sector 1 or 2 (secteur conventionnel), 0 for non conventionné, null when unknown
 */
public record PractitionerOffer(ProfessionalId professional, String displayName, String professionCode,
        String specialtyCode, String structureName, String addressLine, String postcode, String communeInsee,
        String communeName, Double latitude, Double longitude, String phone, Integer sector, boolean tiersPayant,
        boolean teleconsultation, List<String> languages, boolean wheelchair, boolean hearingLoop, String services,
        String openingHours, boolean published) {

    /** The nomenclature's "(SM)" suffix, compiled once (it was compiled on every label, twice per result card). */
    private static final Pattern NOMENCLATURE_SUFFIX = Pattern.compile("\\s*\\([A-Z]+\\)$");

    public PractitionerOffer {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public String professionLabel() {
        return Professions.bundled().find(professionCode).map(p -> p.labelFr()).orElse(professionCode);
    }

    /** The specialty label without the "(SM)" suffix of the nomenclature, or null. */
    public String specialtyLabel() {
        return specialtyCode == null ? null : Specialties.bundled().find(specialtyCode)
                .map(s -> NOMENCLATURE_SUFFIX.matcher(s.labelFr()).replaceAll("")).orElse(null);
    }

    public String sectorLabel() {
        if (sector == null) {
            return "Secteur non renseigné";
        }
        return sector == 0 ? "Non conventionné" : "Conventionné secteur " + sector;
    }

    public String languagesLabel() {
        return String.join(", ", languages.stream().map(Languages::label).toList());
    }

    /** One line for the address: street, postcode and commune. */
    public String fullAddress() {
        StringBuilder b = new StringBuilder();
        if (addressLine != null && !addressLine.isBlank()) {
            b.append(addressLine);
        }
        String town = ((postcode == null ? "" : postcode) + " " + (communeName == null ? "" : communeName)).trim();
        if (!town.isEmpty()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(town);
        }
        return b.toString();
    }
}
