-- Module prescriptions: the e-prescription (« ordonnance numérique ») and its dispensation, modelled on
-- E-Rezept: DRAFT -> READY -> IN_PROGRESS -> COMPLETED, IN_PROGRESS -> READY (handed back),
-- DRAFT/READY -> CANCELLED, READY -> EXPIRED. The access code and the pharmacy's secret are stored only
-- as SHA-256 hashes; the code itself lives in the patient's copy (the PDF in their space).
CREATE SCHEMA IF NOT EXISTS prescriptions;

CREATE TABLE prescriptions.prescription (
    id                 UUID PRIMARY KEY,
    number             VARCHAR(14)  NOT NULL UNIQUE,
    kind               VARCHAR(12)  NOT NULL CHECK (kind IN ('MEDICATION', 'LAB')),
    patient_id         UUID         NOT NULL,
    prescriber_id      UUID         NOT NULL,
    prescriber_account UUID         NOT NULL,
    prescriber_name    TEXT         NOT NULL,
    status             VARCHAR(12)  NOT NULL
        CHECK (status IN ('DRAFT', 'READY', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED')),
    created_at         TIMESTAMPTZ  NOT NULL,
    signed_at          TIMESTAMPTZ,
    expires_at         TIMESTAMPTZ,
    access_code_hash   CHAR(64),
    document_id        UUID,
    secret_hash        CHAR(64),
    pharmacy_id        UUID,
    pharmacist_id      UUID,
    pharmacist_name    TEXT,
    accepted_at        TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    sent_to            UUID,
    -- A prescription in progress always has its pharmacy and secret; one that is not has neither.
    CHECK ((status = 'IN_PROGRESS') = (secret_hash IS NOT NULL)),
    CHECK (status = 'DRAFT' OR status = 'CANCELLED' OR access_code_hash IS NOT NULL)
);
CREATE INDEX prescription_patient_idx ON prescriptions.prescription (patient_id, created_at DESC);
CREATE INDEX prescription_prescriber_idx ON prescriptions.prescription (prescriber_id, created_at DESC);
CREATE INDEX prescription_ready_expiry_idx ON prescriptions.prescription (expires_at) WHERE status = 'READY';
CREATE INDEX prescription_sent_idx ON prescriptions.prescription (sent_to) WHERE status = 'READY';

CREATE TABLE prescriptions.line (
    prescription_id UUID         NOT NULL REFERENCES prescriptions.prescription (id),
    line_no         INTEGER      NOT NULL CHECK (line_no > 0),
    code            VARCHAR(16)  NOT NULL,
    label           TEXT         NOT NULL,
    dosage          TEXT         NOT NULL,
    quantity        INTEGER      NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    PRIMARY KEY (prescription_id, line_no)
);

CREATE TABLE prescriptions.dispensed_line (
    prescription_id UUID         NOT NULL,
    line_no         INTEGER      NOT NULL,
    code            VARCHAR(16)  NOT NULL,
    label           TEXT         NOT NULL,
    quantity        INTEGER      NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    substituted     BOOLEAN      NOT NULL,
    dispensed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (prescription_id, line_no),
    FOREIGN KEY (prescription_id, line_no) REFERENCES prescriptions.line (prescription_id, line_no)
);

-- The receipt (« preuve de délivrance »): canonical JSON of the dispensation, signed by the platform (Ed25519).
CREATE TABLE prescriptions.receipt (
    prescription_id UUID PRIMARY KEY REFERENCES prescriptions.prescription (id),
    payload         TEXT         NOT NULL,
    signature       TEXT         NOT NULL,
    key_id          VARCHAR(16)  NOT NULL,
    signed_at       TIMESTAMPTZ  NOT NULL
);

-- The person's objection to their prescribers seeing what was dispensed.
CREATE TABLE prescriptions.dispensation_objection (
    patient_id UUID PRIMARY KEY,
    since      TIMESTAMPTZ NOT NULL
);
