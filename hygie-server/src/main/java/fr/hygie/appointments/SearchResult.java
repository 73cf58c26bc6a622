package fr.hygie.appointments;

import java.util.List;

/** The answer to a search: the place understood (or why none was) and the professionals found. */
public record SearchResult(Place place, String placeProblem, List<Hit> hits) {

    /** A professional found, their distance and next free slots (at most three). */
    public record Hit(PractitionerOffer offer, double distanceKm, List<Slot> nextSlots) {

        public String distanceLabel() {
            return distanceKm < 1 ? "moins d'1 km" : String.format(java.util.Locale.FRANCE, "%.1f km", distanceKm);
        }
    }

    public boolean placeFound() {
        return place != null;
    }
}
