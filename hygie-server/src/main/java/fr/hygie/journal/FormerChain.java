package fr.hygie.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * A former platform's journal of a person (« journal de l'ancienne plateforme »), kept read-only: the chain as
 * it came, when it was imported, and whether it verifies now ({@code intact}: recomputed when read, as
 * {@code ./hygie journal verify} does).
 */
public record FormerChain(UUID id, UUID patientId, Instant importedAt, TransferredChain chain, boolean intact) {

    /** The former platform, named by its checkpoint key id (the key that signed this chain's checkpoint). */
    public String keyId() {
        return chain.seal().keyId();
    }
}
