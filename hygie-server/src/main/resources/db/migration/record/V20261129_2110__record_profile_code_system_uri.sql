-- A profile line's coding system is kept as its FHIR URI when it is not one of the short names (CIM-10, ATC, LOINC):
-- « http://snomed.info/sct » did not fit VARCHAR(16) and a SNOMED-coded Condition answered 500 (security.FhirWriteFuzzTest).
-- Widening a VARCHAR is a catalogue change only (no rewrite of the table).
ALTER TABLE record.profile_item ALTER COLUMN code_system TYPE VARCHAR(255);
