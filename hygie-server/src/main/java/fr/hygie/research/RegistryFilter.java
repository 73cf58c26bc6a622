package fr.hygie.research;

import java.util.Optional;

/** Filters of the public registry; empty means any. */
public record RegistryFilter(Optional<ProjectStatus> status, Optional<Purpose> purpose, Optional<OrganisationKind> organisationKind) {

    public static RegistryFilter none() {
        return new RegistryFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** From the codes of a query string; unknown codes are ignored (treated as "any"). */
    public static RegistryFilter of(String status, String purpose, String organisationKind) {
        return new RegistryFilter(ProjectStatus.parse(status), Purpose.parse(purpose), OrganisationKind.parse(organisationKind));
    }

    boolean accepts(Project p) {
        return status.map(s -> s == p.status()).orElse(true) && purpose.map(x -> x == p.submission().purpose()).orElse(true)
                && organisationKind.map(k -> k == p.submission().organisationKind()).orElse(true);
    }
}
