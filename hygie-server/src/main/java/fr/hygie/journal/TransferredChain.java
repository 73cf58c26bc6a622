package fr.hygie.journal;

import java.util.List;

/**
 * A person's hash chain as it leaves a platform or arrives from one: every entry from n°1 to the head a
 * checkpoint signed, in order, and that checkpoint ({@link ChainSeal}). Verifiable anywhere with
 * {@link FormerChains#problem}.
 */
public record TransferredChain(String chain, List<ChainEntry> entries, ChainSeal seal) {

    public long headSeq() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
    }
}
