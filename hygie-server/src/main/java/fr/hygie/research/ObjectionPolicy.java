package fr.hygie.research;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one rule that turns a person's objections into an exclusion from a project's cohort. Pure: no
 * database, no clock. The research engine applies the same rule at scale and must mirror it exactly:
 *
 * <ul>
 * <li>{@code GLOBAL} excludes the person from every project;</li>
 * <li>{@code PURPOSE:X} excludes them from projects whose purpose (EHDS art. 53) is X;</li>
 * <li>{@code ORG_KIND:K} excludes them from projects whose organisation is of kind K;</li>
 * <li>{@code PLACE:FRANCE_ONLY} excludes them from projects that process the data anywhere else than in
 * France (another EU country or outside the EU);</li>
 * <li>{@code PLACE:EU_ONLY} excludes them from projects that process the data outside the EU.</li>
 * </ul>
 * Only the objections in force at the run's snapshot count ({@link Objection#inForceAt}): recorded at or
 * before the snapshot, and not withdrawn at or before it. When several objections exclude, the reason
 * reported is the first in the order GLOBAL, PURPOSE, ORG_KIND, PLACE (so that two implementations
 * report the same reason).
 */
public final class ObjectionPolicy {

    private ObjectionPolicy() {
    }

    /** Whether any of these scopes (in force at the snapshot) excludes the person from the project. */
    public static boolean excludes(Collection<ObjectionScope> inForce, ProjectProfile project) {
        return reason(inForce, project).isPresent();
    }

    /** The scope that excludes the person, if any (the first in the order GLOBAL, PURPOSE, ORG_KIND, PLACE). */
    public static Optional<ObjectionScope> reason(Collection<ObjectionScope> inForce, ProjectProfile project) {
        return inForce.stream().filter(s -> applies(s, project))
                .min(Comparator.comparing((ObjectionScope s) -> s.kind().ordinal()).thenComparing(ObjectionScope::code));
    }

    /** Whether one scope excludes the person from the project. */
    public static boolean applies(ObjectionScope scope, ProjectProfile project) {
        switch (scope.kind()) {
            case GLOBAL:
                return true;
            case PURPOSE:
                return project.purpose().name().equals(scope.value());
            case ORG_KIND:
                return project.organisationKind().name().equals(scope.value());
            case PLACE:
                if (scope.value().equals(ObjectionScope.PlaceRestriction.FRANCE_ONLY.name())) {
                    return project.place() != ProcessingPlace.FRANCE;
                }
                return project.place() == ProcessingPlace.OUTSIDE_EU;
            default:
                throw new IllegalStateException("Unknown objection kind " + scope.kind());
        }
    }
}
