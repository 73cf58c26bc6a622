-- The auditor's search and anomaly rules cover the former platforms' journals too (JournalAudit): by period,
-- newest first, like journal.entry_at_idx.
CREATE INDEX former_entry_at_idx ON journal.former_entry (at);
