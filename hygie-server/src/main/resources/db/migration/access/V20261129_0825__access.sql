-- Module access: the person's care relationships, sharing settings, emergency sessions, regulators.
-- Only the access module reads or writes these tables. Ids of patients and professionals come from the
-- identity module; no foreign key crosses the module boundary (each module owns its schema).
CREATE SCHEMA IF NOT EXISTS access;

-- The declared médecin traitant, with history: the current one has ended_on NULL.
CREATE TABLE access.treating_physician (
    id                     UUID PRIMARY KEY,
    patient_id             UUID        NOT NULL,
    professional_id        UUID        NOT NULL,
    started_on             DATE        NOT NULL,
    ended_on               DATE,
    declared_by_account_id UUID,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX treating_physician_current_idx ON access.treating_physician (patient_id) WHERE ended_on IS NULL;
CREATE INDEX treating_physician_professional_idx ON access.treating_physician (professional_id) WHERE ended_on IS NULL;

-- Professionals the person authorised to read their space. Revoking deletes the row; the journal keeps history.
CREATE TABLE access.authorisation (
    patient_id      UUID        NOT NULL,
    professional_id UUID        NOT NULL,
    authorised_at   TIMESTAMPTZ NOT NULL,
    by_account_id   UUID,
    PRIMARY KEY (patient_id, professional_id)
);
CREATE INDEX authorisation_professional_idx ON access.authorisation (professional_id);

-- Professionals the person blocked. A block wins over an authorisation; the médecin traitant cannot be blocked.
CREATE TABLE access.block (
    patient_id      UUID        NOT NULL,
    professional_id UUID        NOT NULL,
    blocked_at      TIMESTAMPTZ NOT NULL,
    by_account_id   UUID,
    PRIMARY KEY (patient_id, professional_id)
);

-- One row per person who changed a setting; no row = the defaults.
CREATE TABLE access.patient_settings (
    patient_id                     UUID PRIMARY KEY,
    emergency_access_allowed       BOOLEAN     NOT NULL DEFAULT TRUE,
    share_additions_with_care_team BOOLEAN     NOT NULL DEFAULT TRUE,
    updated_at                     TIMESTAMPTZ NOT NULL
);

-- Notification preferences; no row = the default (APP on, EMAIL and SMS off).
CREATE TABLE access.notification_preference (
    patient_id UUID        NOT NULL,
    kind       VARCHAR(24) NOT NULL CHECK (kind IN ('NEW_DOCUMENT', 'NEW_AUTHORISATION', 'EMERGENCY_ACCESS', 'NEW_MESSAGE')),
    channel    VARCHAR(8)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'APP')),
    enabled    BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (patient_id, kind, channel)
);

-- Emergency sessions (bris de glace, CSP L1111-17; centre 15 regulation), time-limited.
CREATE TABLE access.emergency_session (
    id                     UUID PRIMARY KEY,
    professional_id        UUID        NOT NULL,
    patient_id             UUID        NOT NULL,
    opened_by_account_id   UUID        NOT NULL,
    justification          TEXT        NOT NULL CHECK (length(btrim(justification)) >= 15),
    kind                   VARCHAR(24) NOT NULL CHECK (kind IN ('BRIS_DE_GLACE', 'REGULATION_CENTRE_15')),
    opened_at              TIMESTAMPTZ NOT NULL,
    expires_at             TIMESTAMPTZ NOT NULL,
    seen_by_patient_at     TIMESTAMPTZ,
    CHECK (expires_at > opened_at)
);
CREATE INDEX emergency_session_active_idx ON access.emergency_session (professional_id, patient_id, expires_at);
CREATE INDEX emergency_session_unseen_idx ON access.emergency_session (patient_id) WHERE seen_by_patient_at IS NULL;

-- Professionals allowed to act as SAMU / centre 15 regulators, managed by administrators.
CREATE TABLE access.regulator (
    professional_id     UUID PRIMARY KEY,
    added_at            TIMESTAMPTZ NOT NULL,
    added_by_account_id UUID
);
