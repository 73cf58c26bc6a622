package fr.hygie.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * A mandate: the person ({@code patient}) lets a representative act for them within {@code scopes},
 * from {@code validFrom} to {@code validUntil} (inclusive), until revoked. A representative can never
 * appoint another representative nor close the person's space (ePA rule): no scope allows it.
 */
public record Mandate(MandateId id, PatientId patient, AccountId representative, MandateKind kind,
        Set<MandateScope> scopes, LocalDate validFrom, LocalDate validUntil, Optional<Instant> revokedAt) {

    public Mandate {
        scopes = Set.copyOf(scopes);
    }

    public boolean activeOn(LocalDate day) {
        return revokedAt.isEmpty() && !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }

    public boolean allows(MandateScope scope) {
        return scopes.contains(scope);
    }
}
