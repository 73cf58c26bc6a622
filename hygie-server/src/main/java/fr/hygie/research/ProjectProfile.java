package fr.hygie.research;

import java.util.Objects;

/** What the objection rule looks at in a project: its purpose, its organisation's kind, its place of processing. */
public record ProjectProfile(Purpose purpose, OrganisationKind organisationKind, ProcessingPlace place) {

    public ProjectProfile {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(organisationKind, "organisationKind");
        Objects.requireNonNull(place, "place");
    }
}
