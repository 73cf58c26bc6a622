-- Module oversight (garantie humaine): the algorithm registry, the suggestions algorithms make and the
-- human validation they wait for, the prevention opt-outs, and the requests for a human contact.
-- Demographic columns of a suggestion are a snapshot (sex, age band, région, digital use) taken when it
-- is made, so that coverage and bias reports are computed here in SQL without reading other modules.
CREATE SCHEMA IF NOT EXISTS oversight;

CREATE TABLE oversight.algorithm (
    id                          UUID PRIMARY KEY,
    code                        VARCHAR(64)  NOT NULL UNIQUE,
    name                        TEXT         NOT NULL,
    purpose                     TEXT         NOT NULL,
    provider                    TEXT         NOT NULL,
    version                     VARCHAR(32)  NOT NULL,
    inputs                      TEXT         NOT NULL,
    training_data               TEXT         NOT NULL,
    performance                 TEXT         NOT NULL,
    supervisor_role             TEXT         NOT NULL,
    validator_profession        VARCHAR(8)   NOT NULL,
    designated_professional_id  UUID,
    designated_professional_name TEXT,
    status                      VARCHAR(16)  NOT NULL CHECK (status IN ('PROPOSED', 'ACTIVE', 'SUSPENDED')),
    created_at                  TIMESTAMPTZ  NOT NULL,
    status_changed_at           TIMESTAMPTZ  NOT NULL
);

CREATE TABLE oversight.algorithm_change (
    id            UUID PRIMARY KEY,
    algorithm_id  UUID         NOT NULL REFERENCES oversight.algorithm (id),
    at            TIMESTAMPTZ  NOT NULL,
    kind          VARCHAR(24)  NOT NULL,
    version       VARCHAR(32)  NOT NULL,
    actor_account UUID,
    actor_name    TEXT         NOT NULL,
    actor_role    VARCHAR(24)  NOT NULL,
    detail        TEXT
);
CREATE INDEX algorithm_change_idx ON oversight.algorithm_change (algorithm_id, at);

CREATE TABLE oversight.suggestion (
    id                        UUID PRIMARY KEY,
    algorithm_id              UUID         NOT NULL REFERENCES oversight.algorithm (id),
    algorithm_version         VARCHAR(32)  NOT NULL,
    rule_code                 VARCHAR(64)  NOT NULL,
    rules_version             VARCHAR(32)  NOT NULL,
    patient_id                UUID         NOT NULL,
    validator_professional_id UUID,
    status                    VARCHAR(12)  NOT NULL CHECK (status IN ('PENDING', 'UNASSIGNED', 'ACCEPTED', 'EDITED', 'REJECTED')),
    why_text                  TEXT         NOT NULL,
    proposed_text             TEXT         NOT NULL,
    final_text                TEXT,
    created_at                TIMESTAMPTZ  NOT NULL,
    decided_at                TIMESTAMPTZ,
    decided_by_account        UUID,
    decided_by_name           TEXT,
    decision_reason           TEXT,
    delivered_at              TIMESTAMPTZ,
    delivery                  VARCHAR(12)  CHECK (delivery IN ('APP', 'LETTER', 'OPTED_OUT')),
    sex                       VARCHAR(1)   NOT NULL,
    age_band                  VARCHAR(8)   NOT NULL,
    region                    TEXT         NOT NULL,
    digital_user              BOOLEAN      NOT NULL,
    -- No suggestion reaches anyone before a named person decided on it (EU AI Act art. 14).
    CHECK (delivery IS NULL OR (status IN ('ACCEPTED', 'EDITED') AND decided_by_name IS NOT NULL)),
    CHECK (status IN ('PENDING', 'UNASSIGNED') OR (decided_at IS NOT NULL AND decision_reason IS NOT NULL))
);
CREATE INDEX suggestion_queue_idx ON oversight.suggestion (validator_professional_id, status, created_at);
CREATE INDEX suggestion_patient_idx ON oversight.suggestion (patient_id, rule_code, created_at DESC);
CREATE INDEX suggestion_algorithm_idx ON oversight.suggestion (algorithm_id, created_at);

-- A person who switched prevention messages off (no reason asked); removing the row switches them back on.
CREATE TABLE oversight.prevention_opt_out (
    patient_id   UUID PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    by_name      TEXT        NOT NULL
);

-- Requests for a human contact (« Parler à une personne »). Free text and contact details are sealed.
CREATE TABLE oversight.contact_request (
    id                    UUID PRIMARY KEY,
    patient_id            UUID,
    account_id            UUID,
    on_behalf             BOOLEAN      NOT NULL DEFAULT FALSE,
    requester_name        TEXT         NOT NULL,
    topic                 VARCHAR(24)  NOT NULL,
    message_sealed        TEXT,
    channel               VARCHAR(8)   NOT NULL CHECK (channel IN ('PHONE', 'EMAIL', 'COUNTER')),
    phone_sealed          TEXT,
    email_sealed          TEXT,
    preferred_time        VARCHAR(16)  NOT NULL,
    status                VARCHAR(12)  NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'CLOSED')),
    created_at            TIMESTAMPTZ  NOT NULL,
    first_response_at     TIMESTAMPTZ,
    closed_at             TIMESTAMPTZ,
    handled_by_account    UUID,
    handled_by_name       TEXT,
    response_note_sealed  TEXT,
    CHECK (first_response_at IS NULL OR first_response_at >= created_at),
    CHECK (status = 'OPEN' OR first_response_at IS NOT NULL),
    CHECK (status <> 'CLOSED' OR closed_at IS NOT NULL)
);
CREATE INDEX contact_request_queue_idx ON oversight.contact_request (status, created_at);
