package fr.hygie.appointments;

import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.util.Set;

/**
 * A search of slots (créneaux) of the published offer, as the FHIR API asks it: every field is optional
 * but {@code professional} or {@code place} bounds it (the caller checks).
 *
 * @param place    a commune name or a postcode, as on the public search page; {@code radiusKm} around it
 * @param statuses the slot statuses wanted (empty: any)
 */
public record SlotSearch(ProfessionalId professional, String professionCode, String specialtyCode, Instant from, Instant to,
        Set<SlotStatus> statuses, String place, int radiusKm) {

    public SlotSearch {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        radiusKm = radiusKm <= 0 ? SearchCriteria.DEFAULT_RADIUS_KM : Math.min(radiusKm, SearchCriteria.MAX_RADIUS_KM);
        place = place == null || place.isBlank() ? null : place.strip();
    }

    /** One page of slots in time order, and the exact number of slots matching. */
    public record Page(java.util.List<Slot> slots, long total) {
    }
}
