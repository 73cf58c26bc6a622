package fr.hygie.access;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import java.util.Objects;

/**
 * The logged-in person and whom they act for: themself for a patient, the represented person for a
 * representative (a parent acting for their child, a caregiver…), no one for a professional.
 * Journal entries show "X acting for Y" from it.
 */
public record Actor(HygieUser user, PatientId actingFor) {

    public Actor {
        Objects.requireNonNull(user, "user");
    }

    /** Acting in one's own name: a patient for themself, a professional for no one. */
    public static Actor of(HygieUser user) {
        return new Actor(user, user.patientId().orElse(null));
    }

    /** Acting for someone else under a mandate. */
    public static Actor actingFor(HygieUser user, PatientId person) {
        return new Actor(user, Objects.requireNonNull(person, "person"));
    }

    /** True when acting for another person than the account's own. */
    public boolean representing() {
        return actingFor != null && !actingFor.equals(user.patientId().orElse(null));
    }
}
