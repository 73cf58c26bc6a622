package fr.hygie.appointments;

import java.time.LocalDate;

/**
 * A public search of the care offer: what (profession and/or specialty), where (a commune name or a
 * postcode) and how far, filters, and the order of results.
 *
 * @param availableBefore only professionals with a free slot on or before this date (null: any)
 * @param language        ISO 639-1 code the professional speaks (null: any)
 */
public record SearchCriteria(String professionCode, String specialtyCode, String place, int radiusKm,
        LocalDate availableBefore, boolean sector1Only, boolean teleconsultation, boolean wheelchair,
        boolean hearingLoop, boolean tiersPayant, String language, Order order, int limit) {

    public enum Order {
        DISTANCE, EARLIEST
    }

    public static final int DEFAULT_RADIUS_KM = 10;
    public static final int MAX_RADIUS_KM = 100;

    public SearchCriteria {
        radiusKm = radiusKm <= 0 ? DEFAULT_RADIUS_KM : Math.min(radiusKm, MAX_RADIUS_KM);
        order = order == null ? Order.DISTANCE : order;
        limit = limit <= 0 ? 20 : Math.min(limit, 50);
        professionCode = blankToNull(professionCode);
        specialtyCode = blankToNull(specialtyCode);
        language = blankToNull(language);
        // A NUL matches no code or place and PostgreSQL refuses it in a parameter (an error instead of "not found"):
        // dropped. Found by security.TerritoryAndSearchFuzzTest.
        place = place == null ? "" : place.replace("\u0000", "").strip();
    }

    /** A search near a place with default filters. */
    public static SearchCriteria near(String professionCode, String specialtyCode, String place, int radiusKm) {
        return new SearchCriteria(professionCode, specialtyCode, place, radiusKm, null, false, false, false, false,
                false, null, Order.DISTANCE, 20);
    }

    private static String blankToNull(String s) {
        String t = s == null ? null : s.replace("\u0000", "");
        return t == null || t.isBlank() ? null : t.strip();
    }
}
