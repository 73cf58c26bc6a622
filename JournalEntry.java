package fr.hygie.journal;
public record JournalEntry(JournalEntryDraft draft) {}
