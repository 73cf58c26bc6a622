package fr.hygie.access;

import fr.hygie.identity.PatientId;
import java.util.Objects;

/**
 * Every fact the policy needs, gathered by {@link AccessControl}: who acts ({@code actor}), for whom
 * ({@code actingFor}, null when acting for no one or for themself), under which mandate
 * ({@code mandate}, null if none), how they relate to the person ({@code relationship}), what they
 * want to do ({@code action}) to what ({@code target}), and the written justification of an
 * emergency access (null otherwise).
 */
public record AccessRequest(ActorFacts actor, PatientId actingFor, MandateFacts mandate,
        RelationshipFacts relationship, AccessAction action, AccessTarget target, String justification) {

    public AccessRequest {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        relationship = relationship == null ? RelationshipFacts.NONE : relationship;
    }

    public AccessRequest(ActorFacts actor, PatientId actingFor, MandateFacts mandate, RelationshipFacts relationship,
            AccessAction action, AccessTarget target) {
        this(actor, actingFor, mandate, relationship, action, target, null);
    }

    public PatientId patient() {
        return target.patient();
    }
}
