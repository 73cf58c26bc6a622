-- Persons without INS (« identité provisoire » / « identité validée » of the RNIV, e.g. imported from
-- another FHIR system): no matricule, birth place possibly unknown. A matricule still implies its kind
-- and an INS status obtained from INSi (récupérée or qualifiée); the NIR/NIA rules stay in the code.
ALTER TABLE identity.patient
    ALTER COLUMN matricule DROP NOT NULL,
    ALTER COLUMN matricule_kind DROP NOT NULL,
    ALTER COLUMN birth_place_insee DROP NOT NULL;
ALTER TABLE identity.patient
    ADD CONSTRAINT patient_matricule_has_kind CHECK ((matricule IS NULL) = (matricule_kind IS NULL)),
    ADD CONSTRAINT patient_without_ins_is_not_qualified CHECK (matricule IS NOT NULL OR ins_status IN ('PROVISIONAL', 'VALIDATED')),
    ADD CONSTRAINT patient_ins_has_birth_place CHECK (matricule IS NULL OR birth_place_insee IS NOT NULL);

-- Identifiers given to a person by other systems (a hospital's IPP, another platform's id…), kept as
-- they came: one identifier designates one person, so that an import run twice creates nobody twice.
CREATE TABLE identity.patient_identifier (
    system     TEXT NOT NULL,
    value      TEXT NOT NULL,
    patient_id UUID NOT NULL REFERENCES identity.patient (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (system, value)
);
CREATE INDEX patient_identifier_patient_idx ON identity.patient_identifier (patient_id);
