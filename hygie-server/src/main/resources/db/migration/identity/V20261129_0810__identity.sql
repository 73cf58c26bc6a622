-- Module identity: patients (INS), professionals (RPPS), structures (FINESS), accounts, mandates.
-- Only the identity module reads or writes these tables.
CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE identity.structure (
    id                  UUID PRIMARY KEY,
    finess              VARCHAR(9)  NOT NULL UNIQUE,
    kind                VARCHAR(16) NOT NULL CHECK (kind IN ('LEGAL_ENTITY', 'GEOGRAPHIC_SITE')),
    legal_entity_finess VARCHAR(9),
    name                TEXT        NOT NULL,
    category            TEXT,
    address_line        TEXT,
    postcode            VARCHAR(5),
    commune_insee       VARCHAR(5),
    latitude            DOUBLE PRECISION,
    longitude           DOUBLE PRECISION,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (kind = 'LEGAL_ENTITY' OR legal_entity_finess IS NOT NULL)
);

CREATE TABLE identity.professional (
    id               UUID PRIMARY KEY,
    rpps             VARCHAR(11) NOT NULL UNIQUE,
    profession_code  VARCHAR(4)  NOT NULL,
    specialty_code   VARCHAR(8),
    family_name      TEXT        NOT NULL,
    given_name       TEXT        NOT NULL,
    sex              CHAR(1),
    structure_id     UUID REFERENCES identity.structure (id),
    commune_insee    VARCHAR(5),
    latitude         DOUBLE PRECISION,
    longitude        DOUBLE PRECISION,
    sector           SMALLINT,
    teleconsultation BOOLEAN     NOT NULL DEFAULT FALSE,
    languages        TEXT[]      NOT NULL DEFAULT '{fr}',
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX professional_profession_idx ON identity.professional (profession_code, specialty_code);
CREATE INDEX professional_commune_idx ON identity.professional (commune_insee);

CREATE TABLE identity.patient (
    id                UUID PRIMARY KEY,
    matricule         VARCHAR(15) NOT NULL UNIQUE,
    matricule_kind    VARCHAR(3)  NOT NULL CHECK (matricule_kind IN ('NIR', 'NIA')),
    ins_status        VARCHAR(12) NOT NULL,
    birth_name        TEXT        NOT NULL,
    first_names       TEXT        NOT NULL,
    used_name         TEXT,
    birth_date        DATE        NOT NULL,
    sex               CHAR(1)     NOT NULL,
    birth_place_insee VARCHAR(5)  NOT NULL,
    address_line      TEXT,
    postcode          VARCHAR(5),
    commune_insee     VARCHAR(5),
    latitude          DOUBLE PRECISION,
    longitude         DOUBLE PRECISION,
    phone             VARCHAR(20),
    email             TEXT,
    digital_user      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX patient_traits_idx ON identity.patient (lower(birth_name), birth_date);
CREATE INDEX patient_commune_idx ON identity.patient (commune_insee);

CREATE TABLE identity.account (
    id              UUID PRIMARY KEY,
    username        VARCHAR(64) NOT NULL UNIQUE,
    password_hash   TEXT,
    role            VARCHAR(16) NOT NULL,
    display_name    TEXT        NOT NULL,
    patient_id      UUID UNIQUE REFERENCES identity.patient (id),
    professional_id UUID UNIQUE REFERENCES identity.professional (id),
    structure_id    UUID REFERENCES identity.structure (id),
    enabled         BOOLEAN     NOT NULL DEFAULT TRUE,
    demo            BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (role <> 'PATIENT' OR patient_id IS NOT NULL),
    CHECK (role <> 'PROFESSIONAL' OR professional_id IS NOT NULL)
);

-- A representative acts for a person: a parent for a minor (until 16), a caregiver or a mediator
-- with a scoped, dated, revocable mandate given by the person.
CREATE TABLE identity.mandate (
    id                        UUID PRIMARY KEY,
    patient_id                UUID        NOT NULL REFERENCES identity.patient (id),
    representative_account_id UUID        NOT NULL REFERENCES identity.account (id),
    kind                      VARCHAR(24) NOT NULL CHECK (kind IN ('LEGAL_REPRESENTATIVE', 'CAREGIVER', 'MEDIATOR')),
    scopes                    TEXT[]      NOT NULL,
    valid_from                DATE        NOT NULL,
    valid_until               DATE,
    granted_by_account_id     UUID REFERENCES identity.account (id),
    revoked_at                TIMESTAMPTZ,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX mandate_representative_idx ON identity.mandate (representative_account_id);
CREATE INDEX mandate_patient_idx ON identity.mandate (patient_id);

-- Assisted opening of a personal space (at 16, or at a counter): a one-time code, stored hashed.
CREATE TABLE identity.space_activation (
    id            UUID PRIMARY KEY,
    patient_id    UUID        NOT NULL REFERENCES identity.patient (id),
    code_hash     TEXT        NOT NULL,
    created_by    UUID REFERENCES identity.account (id),
    expires_at    TIMESTAMPTZ NOT NULL,
    used_at       TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
