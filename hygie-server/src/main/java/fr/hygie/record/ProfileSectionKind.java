package fr.hygie.record;

import fr.hygie.access.ProfileSection;

/** The sections of the medical profile (profil médical), each tied to its pseudo-type in the matrice d'habilitation. */
public enum ProfileSectionKind {
    HISTORY(ProfileSection.HISTORY, "Antécédents et maladies", "CIM-10"),
    TREATMENTS(ProfileSection.TREATMENTS, "Traitements en cours", "ATC"),
    ALLERGIES(ProfileSection.ALLERGIES, "Allergies et intolérances", null),
    FAMILY_HISTORY(ProfileSection.FAMILY_HISTORY, "Antécédents familiaux", "CIM-10"),
    VACCINATIONS(ProfileSection.VACCINATIONS, "Vaccinations", "ATC"),
    MEASUREMENTS(ProfileSection.MEASUREMENTS, "Mesures (poids, taille, tension, glycémie)", "LOINC");

    private final String accessCode;
    private final String label;
    private final String defaultCodeSystem;

    ProfileSectionKind(String accessCode, String label, String defaultCodeSystem) {
        this.accessCode = accessCode;
        this.label = label;
        this.defaultCodeSystem = defaultCodeSystem;
    }

    /** The pseudo-type the access policy decides on. */
    public String accessCode() {
        return accessCode;
    }

    public String label() {
        return label;
    }

    public String defaultCodeSystem() {
        return defaultCodeSystem;
    }
}
