package fr.hygie.access;

import fr.hygie.identity.PatientId;
import java.util.Objects;

/**
 * A section of the medical profile or of the wishes, named by its pseudo-type in the matrice
 * d'habilitation (e.g. {@code HYGIE-PROFIL-ALLERGIES}, {@code HYGIE-VOLONTES-DIRECTIVES}).
 */
public record ProfileSection(PatientId patient, String sectionCode) implements AccessTarget {

    public static final String HISTORY = "HYGIE-PROFIL-ANTECEDENTS";
    public static final String TREATMENTS = "HYGIE-PROFIL-TRAITEMENTS";
    public static final String ALLERGIES = "HYGIE-PROFIL-ALLERGIES";
    public static final String FAMILY_HISTORY = "HYGIE-PROFIL-ANTECEDENTS-FAMILIAUX";
    public static final String VACCINATIONS = "HYGIE-PROFIL-VACCINATIONS";
    public static final String MEASUREMENTS = "HYGIE-PROFIL-MESURES";
    public static final String ADVANCE_DIRECTIVES = "HYGIE-VOLONTES-DIRECTIVES";
    public static final String ORGAN_DONATION = "HYGIE-VOLONTES-DON-ORGANES";
    public static final String CONTACTS = "HYGIE-PERSONNES-A-PREVENIR";

    public ProfileSection {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(sectionCode, "sectionCode");
    }

    @Override
    public String objectType() {
        return sectionCode;
    }

    @Override
    public String objectId() {
        return null;
    }
}
