package fr.hygie.platform.security.oauth;

import java.util.Set;

/**
 * Scopes an API offers to apps (e.g. the FHIR module's SMART on FHIR v2 scopes). Each API module
 * declares a bean of this type; the demo app may ask for any of them, and the consent screen lists
 * what an app asked for.
 */
public record ScopeCatalogue(Set<String> scopes) {

    public ScopeCatalogue {
        scopes = Set.copyOf(scopes);
    }
}
