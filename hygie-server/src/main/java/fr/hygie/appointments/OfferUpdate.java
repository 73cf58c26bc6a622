package fr.hygie.appointments;

import java.util.List;

/** What a professional keeps up to date in their directory entry. */
public record OfferUpdate(String addressLine, String postcode, String communeName, String phone, Integer sector,
        boolean tiersPayant, boolean teleconsultation, List<String> languages, boolean wheelchair, boolean hearingLoop,
        String services, String openingHours, boolean published) {

    public OfferUpdate {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public static OfferUpdate of(PractitionerOffer o) {
        return new OfferUpdate(o.addressLine(), o.postcode(), o.communeName(), o.phone(), o.sector(), o.tiersPayant(),
                o.teleconsultation(), o.languages(), o.wheelchair(), o.hearingLoop(), o.services(), o.openingHours(),
                o.published());
    }
}
