-- Module record: the health content of each person's space. The only module that stores health content.
-- Content and free-text fields are encrypted (Tink envelope encryption, one data key per document):
-- *_sealed columns hold ciphertext tokens, never plaintext. Codes (LOINC, CIM-10, ATC) and measured
-- values stay in clear so that the warehouse and searches can use them.
CREATE SCHEMA IF NOT EXISTS record;

CREATE TABLE record.document (
    id                     UUID PRIMARY KEY,
    patient_id             UUID        NOT NULL,
    type_code              VARCHAR(32) NOT NULL,
    title_sealed           TEXT,
    clinical_date          DATE        NOT NULL,
    author_professional_id UUID,
    author_account_id      UUID,
    author_name            TEXT        NOT NULL,
    source                 VARCHAR(16) NOT NULL CHECK (source IN ('PROFESSIONAL', 'PATIENT', 'INSURER', 'IMPORT')),
    labels                 TEXT[]      NOT NULL DEFAULT '{}',
    status                 VARCHAR(12) NOT NULL CHECK (status IN ('CURRENT', 'SUPERSEDED', 'DELETED')),
    content_type           VARCHAR(40) NOT NULL,
    content_size           INTEGER     NOT NULL,
    wrapped_key            BYTEA,
    replaces               UUID REFERENCES record.document (id),
    external_id            TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    released_at            TIMESTAMPTZ,
    deleted_at             TIMESTAMPTZ,
    CHECK (status <> 'DELETED' OR (wrapped_key IS NULL AND title_sealed IS NULL))
);
CREATE INDEX document_patient_idx ON record.document (patient_id, status, clinical_date DESC);
CREATE UNIQUE INDEX document_external_idx ON record.document (patient_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE record.profile_item (
    id                  UUID PRIMARY KEY,
    patient_id          UUID         NOT NULL,
    section             VARCHAR(24)  NOT NULL,
    code_system         VARCHAR(16),
    code                VARCHAR(32),
    display             TEXT         NOT NULL,
    value_number        NUMERIC(12, 3),
    value_unit          VARCHAR(16),
    effective_date      DATE         NOT NULL,
    note_sealed         TEXT,
    entered_by_account  UUID,
    entered_by_name     TEXT         NOT NULL,
    status              VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENTERED_IN_ERROR')),
    external_id         TEXT,
    created_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX profile_item_patient_idx ON record.profile_item (patient_id, section, effective_date DESC);
CREATE UNIQUE INDEX profile_item_external_idx ON record.profile_item (patient_id, external_id) WHERE external_id IS NOT NULL;

-- Wishes (volontés): advance directives (free text, sealed), organ donation choice, people to contact.
CREATE TABLE record.wishes (
    patient_id                 UUID PRIMARY KEY,
    advance_directives_sealed  TEXT,
    organ_donation             VARCHAR(16) CHECK (organ_donation IN ('ACCEPTE', 'REFUSE', 'NON_EXPRIME')),
    updated_at                 TIMESTAMPTZ NOT NULL,
    updated_by_name            TEXT        NOT NULL
);

CREATE TABLE record.contact_person (
    id            UUID PRIMARY KEY,
    patient_id    UUID        NOT NULL,
    kind          VARCHAR(24) NOT NULL CHECK (kind IN ('PERSONNE_DE_CONFIANCE', 'A_PREVENIR')),
    name_sealed   TEXT        NOT NULL,
    phone_sealed  TEXT,
    relation      TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX contact_person_patient_idx ON record.contact_person (patient_id);
