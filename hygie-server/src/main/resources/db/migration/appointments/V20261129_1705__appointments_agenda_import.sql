-- An agenda opened by the import of an appointment (its agenda was not in the data, or not yet): a
-- placeholder, unpublished, that the import of the agenda itself (Schedule) may then fill in completely.
-- Any agenda the professional set up here is never overwritten by an import.
ALTER TABLE appointments.practitioner_offer ADD COLUMN opened_by_import BOOLEAN NOT NULL DEFAULT FALSE;
