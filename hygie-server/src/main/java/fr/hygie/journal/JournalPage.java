package fr.hygie.journal;

import java.util.List;
import java.util.UUID;

/**
 * One page of an auditor's search, newest first, with the exact total of matching entries: this platform's entries
 * and the entries of the former platforms' journals of persons who moved here ({@link FormerChains}), in one order.
 */
public record JournalPage(List<Hit> hits, long total, int offset, int limit) {

    /** The entries of the page, in order (for a former platform's entry: as that platform wrote it). */
    public List<JournalEntry> entries() {
        return hits.stream().map(Hit::entry).toList();
    }

    /**
     * One entry found. {@code formerKeyId} is null for this platform's entries; for an entry of a former platform's
     * journal it is that platform's checkpoint key id (« ancienne plateforme »), and {@code personHere} the person it
     * belongs to on this platform (the entry's own patient id is the person's id on the former platform).
     */
    public record Hit(JournalEntry entry, String formerKeyId, UUID personHere) {

        public boolean former() {
            return formerKeyId != null;
        }
    }
}
