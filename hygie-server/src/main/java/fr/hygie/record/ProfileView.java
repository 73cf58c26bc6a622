package fr.hygie.record;

import fr.hygie.identity.PatientId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an actor may see of a person's medical profile and wishes. A section the actor may not see is
 * simply absent from {@code sections} (not empty: absent), and so are the wishes and contacts.
 */
public record ProfileView(PatientId patient, Map<ProfileSectionKind, List<ProfileItem>> sections,
        Optional<String> advanceDirectives, Optional<OrganDonation> organDonation, boolean wishesVisible,
        Optional<List<ContactPerson>> contacts) {
}
