package fr.hygie.journal;

import java.util.List;

/** One page of an auditor's search, newest first, with the total of matching entries. */
public record JournalPage(List<JournalEntry> entries, long total, int offset, int limit) {
}
