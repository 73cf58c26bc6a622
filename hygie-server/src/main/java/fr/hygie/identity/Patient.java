package fr.hygie.identity;

import java.time.LocalDate;
import java.time.Period;

/**
 * A person as other modules see them, without the INS matricule (ask {@link Patients#matricule} when a
 * module really needs it, e.g. the FHIR identifier). {@code toString} never shows an NIR.
 */
public record Patient(PatientId id, String birthName, String firstNames, String usedName, LocalDate birthDate,
        String sex, String birthPlaceInsee, String communeInsee, String postcode, String insStatus,
        boolean digitalUser) {

    /** The name to show: used name (nom d'usage) when there is one, and the first of the first names. */
    public String displayName() {
        String first = firstNames.split(" ")[0];
        String last = usedName == null || usedName.isBlank() ? birthName : usedName;
        return capitalise(first) + " " + capitalise(last);
    }

    /** INS names are stored in capitals without accents; people read "Jean-Pierre Le Gall". */
    static String capitalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == ' ' || c == '-' || c == '\'';
        }
        return b.toString();
    }

    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }
}
