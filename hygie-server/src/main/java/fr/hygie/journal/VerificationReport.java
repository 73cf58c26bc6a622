package fr.hygie.journal;

import java.time.Duration;
import java.util.UUID;

/**
 * Outcome of a full verification of the journal: what was checked and, when the journal was altered,
 * the first break found (chains in byte order of their name, then checkpoints oldest first, then the former
 * platforms' chains imported with persons who moved here, {@link FormerChains}, oldest import first).
 */
public record VerificationReport(long chains, long entries, long checkpoints, long formerChains, Duration elapsed, Break firstBreak) {

    public boolean intact() {
        return firstBreak == null;
    }

    /** What failed. */
    public enum Problem {
        /** An entry is missing: the chain jumps over {@code seq}, or its head is past its last entry. */
        MISSING_ENTRY,
        /** Entries exist past the chain's head, or for a chain without a head. */
        UNEXPECTED_ENTRY,
        /** The entry's stored previous hash is not the hash of the entry before it. */
        PREVIOUS_HASH_MISMATCH,
        /** The entry's fields no longer give its stored hash: a field was changed. */
        HASH_MISMATCH,
        /** The chain head does not match the chain's last entry. */
        HEAD_MISMATCH,
        /** A checkpoint signed a (chain, seq, hash) that is not the stored entry. */
        CHECKPOINT_ENTRY_MISMATCH,
        /** A checkpoint's heads do not give its stored chain count or Merkle root. */
        CHECKPOINT_ROOT_MISMATCH,
        /** A checkpoint's signature does not verify with this installation's public key. */
        CHECKPOINT_SIGNATURE_INVALID,
        /**
         * A former platform's chain (imported with a person) no longer verifies: an entry, a link, its inclusion
         * in its checkpoint or the checkpoint's signature with the former platform's key.
         */
        FORMER_CHAIN_INVALID
    }

    /**
     * The first break: {@code chain} and {@code seq} name the broken link (for a missing entry, the seq
     * that should be there), {@code entryId} the stored entry when there is one, {@code checkpointId}
     * the checkpoint for checkpoint problems; {@code detail} says it in French.
     */
    public record Break(Problem problem, String chain, Long seq, UUID entryId, UUID checkpointId, String detail) {
    }
}
