package fr.hygie.research;

import java.util.Objects;
import java.util.Optional;

/**
 * What a person objects to (périmètre de l'opposition): everything ({@code GLOBAL}), one purpose of EHDS
 * art. 53 ({@code PURPOSE:SCIENTIFIC_RESEARCH}), one kind of organisation ({@code ORG_KIND:COMMERCIAL}),
 * or processing outside France ({@code PLACE:FRANCE_ONLY}) or outside the EU ({@code PLACE:EU_ONLY}).
 * {@link #code()} is the stable text stored and exported to the research engine.
 */
public record ObjectionScope(Kind kind, String value) {

    /** The four ways to object. */
    public enum Kind {
        GLOBAL, PURPOSE, ORG_KIND, PLACE
    }

    /** The two place restrictions a person may ask for. */
    public enum PlaceRestriction {
        /** Only projects that process the data in France. */
        FRANCE_ONLY("Seulement en France", "Vos données ne servent qu'à des projets qui les traitent en France."),
        /** Only projects that process the data inside the European Union (France included). */
        EU_ONLY("Seulement dans l'Union européenne", "Vos données ne servent qu'à des projets qui les traitent dans l'Union européenne, France comprise.");

        private final String label;
        private final String explanation;

        PlaceRestriction(String label, String explanation) {
            this.label = label;
            this.explanation = explanation;
        }

        public String label() {
            return label;
        }

        public String explanation() {
            return explanation;
        }
    }

    public static final ObjectionScope GLOBAL = new ObjectionScope(Kind.GLOBAL, null);

    public ObjectionScope {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.GLOBAL) != (value == null)) {
            throw new IllegalArgumentException("GLOBAL has no value and the other scopes have one");
        }
    }

    public static ObjectionScope purpose(Purpose purpose) {
        return new ObjectionScope(Kind.PURPOSE, purpose.name());
    }

    public static ObjectionScope organisationKind(OrganisationKind kind) {
        return new ObjectionScope(Kind.ORG_KIND, kind.name());
    }

    public static ObjectionScope place(PlaceRestriction restriction) {
        return new ObjectionScope(Kind.PLACE, restriction.name());
    }

    /** {@code GLOBAL}, {@code PURPOSE:<code>}, {@code ORG_KIND:<code>}, {@code PLACE:<code>}. */
    public String code() {
        return kind == Kind.GLOBAL ? "GLOBAL" : kind.name() + ":" + value;
    }

    /** Parses a code; empty for anything that is not exactly one of the known scopes. */
    public static Optional<ObjectionScope> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        if (code.equals("GLOBAL")) {
            return Optional.of(GLOBAL);
        }
        int colon = code.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String kind = code.substring(0, colon);
        String value = code.substring(colon + 1);
        switch (kind) {
            case "PURPOSE":
                return Purpose.parse(value).map(ObjectionScope::purpose);
            case "ORG_KIND":
                return OrganisationKind.parse(value).map(ObjectionScope::organisationKind);
            case "PLACE":
                for (PlaceRestriction r : PlaceRestriction.values()) {
                    if (r.name().equals(value)) {
                        return Optional.of(place(r));
                    }
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** The French label, for the person's pages. */
    public String label() {
        switch (kind) {
            case GLOBAL:
                return "Toute réutilisation pour la recherche";
            case PURPOSE:
                return "Finalité : " + Purpose.valueOf(value).label();
            case ORG_KIND:
                return "Organismes : " + OrganisationKind.valueOf(value).label();
            default:
                return "Lieu : " + PlaceRestriction.valueOf(value).label();
        }
    }

    @Override
    public String toString() {
        return code();
    }
}
