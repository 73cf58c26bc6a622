package fr.hygie.journal;
import java.util.List;
@org.springframework.stereotype.Service
public class Journal { public JournalEntry append(JournalEntryDraft d) { return new JournalEntry(d); } public List<JournalEntry> appendAll(List<JournalEntryDraft> d) { return d.stream().map(JournalEntry::new).toList(); } }
