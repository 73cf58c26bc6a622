package fr.hygie.access;

import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The active mandate (mandat) that lets the actor act for the person: its kind and scopes. */
public record MandateFacts(MandateKind kind, Set<MandateScope> scopes) {

    public MandateFacts {
        Objects.requireNonNull(kind, "kind");
        scopes = scopes == null || scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean allows(MandateScope scope) {
        return scopes.contains(scope);
    }
}
