package fr.hygie.journal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One entry of a hash chain exactly as its platform stored and hashed it (every field of the entry hash v1,
 * {@link Hashing#entryHash}, enums as their text), with its previous hash and hash in lowercase hex: what
 * another platform needs to recompute the chain (« réversibilité » of the access journal).
 */
public record ChainEntry(UUID id, String chain, long seq, Instant at, UUID actorAccountId, String actorName,
        String actorRole, UUID actingForAccountId, String actingForName, String actingForRole, UUID patientId,
        String action, String objectType, String objectId, String decision, String reasonCode, String channel,
        String justification, String prevHash, String hash) {

    static ChainEntry of(StoredEntry e) {
        return new ChainEntry(e.id(), e.chain(), e.seq(), e.at(), e.actorAccountId(), e.actorName(), e.actorRole(),
                e.actingForAccountId(), e.actingForName(), e.actingForRole(), e.patientId(), e.action(), e.objectType(),
                e.objectId(), e.decision(), e.reasonCode(), e.channel(), e.justification(), Hashing.hex(e.prevHash()),
                Hashing.hex(e.hash()));
    }

    /** As stored; throws {@link IllegalArgumentException} for a hash that is not hex. */
    StoredEntry stored() {
        return new StoredEntry(id, chain, seq, at, actorAccountId, actorName, actorRole, actingForAccountId,
                actingForName, actingForRole, patientId, action, objectType, objectId, decision, reasonCode, channel,
                justification, prevHash == null ? null : HexFormat.of().parseHex(prevHash),
                hash == null ? null : HexFormat.of().parseHex(hash));
    }

    /** As the journal shows an entry; throws {@link IllegalArgumentException} for an action, decision or channel no enum knows. */
    public JournalEntry toEntry() {
        return stored().toEntry();
    }
}
