-- When the person sent a prescription to a pharmacy (« envoi à la pharmacie »): it travels with the pharmacy
-- in the operator's export (réversibilité), so that the pharmacy's queue shows it again after a move.
-- NULL for prescriptions sent before this column existed, and for those never sent.
ALTER TABLE prescriptions.prescription ADD COLUMN sent_at TIMESTAMPTZ;
