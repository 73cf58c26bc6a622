package fr.hygie.appointments;

/** A commune of the search gazetteer: where a search is centred. */
public record Place(String insee, String name, String postcode, double latitude, double longitude) {
}
