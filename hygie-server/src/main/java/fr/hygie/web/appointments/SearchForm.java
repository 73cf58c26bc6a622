package fr.hygie.web.appointments;

import fr.hygie.appointments.SearchCriteria;
import java.time.LocalDate;

/**
 * The search form as sent by the browser (GET, bookmarkable). {@code quoi} is "P:code" for a profession or
 * "S:code" for a specialty.
 */
public record SearchForm(String quoi, String lieu, Integer rayon, String avant, Boolean secteur1, Boolean teleconsultation,
        Boolean fauteuil, Boolean boucle, Boolean tiersPayant, String langue, String tri) {

    private static boolean on(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    public boolean submitted() {
        return lieu != null;
    }

    public int radius() {
        return rayon == null ? SearchCriteria.DEFAULT_RADIUS_KM : rayon;
    }

    public SearchCriteria criteria() {
        String profession = null;
        String specialty = null;
        if (quoi != null && quoi.startsWith("P:")) {
            profession = quoi.substring(2);
        } else if (quoi != null && quoi.startsWith("S:")) {
            specialty = quoi.substring(2);
        }
        LocalDate before = null;
        try {
            before = avant == null || avant.isBlank() ? null : LocalDate.parse(avant);
        } catch (java.time.format.DateTimeParseException e) {
            before = null;
        }
        return new SearchCriteria(profession, specialty, lieu, radius(), before, on(secteur1), on(teleconsultation), on(fauteuil),
                on(boucle), on(tiersPayant), langue, "date".equals(tri) ? SearchCriteria.Order.EARLIEST : SearchCriteria.Order.DISTANCE,
                20);
    }

    public boolean badDate() {
        if (avant == null || avant.isBlank()) {
            return false;
        }
        try {
            LocalDate.parse(avant);
            return false;
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }
}
