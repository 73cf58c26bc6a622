-- Module catalogue (référencement des services numériques en santé): applications filed by publishers,
-- their self-assessment and the reviewers' scores on the grid, the public decisions with their reasons,
-- and the history of the apps a person connected then disconnected (to keep showing what they read).
CREATE SCHEMA IF NOT EXISTS catalogue;

CREATE TABLE catalogue.application (
    id                      UUID PRIMARY KEY,
    reference               VARCHAR(16)  NOT NULL UNIQUE,
    -- SHA-256 of the random token of the publisher's status link; the token itself is never stored.
    status_token_hash       BYTEA        NOT NULL UNIQUE,
    status                  VARCHAR(12)  NOT NULL CHECK (status IN ('SUBMITTED', 'REFERENCED', 'REFUSED', 'SUSPENDED')),
    submitted_at            TIMESTAMPTZ  NOT NULL,
    status_changed_at       TIMESTAMPTZ  NOT NULL,
    service_name            TEXT         NOT NULL,
    description             TEXT         NOT NULL,
    publisher               TEXT         NOT NULL,
    contact_email           TEXT         NOT NULL,
    hosting_provider        TEXT         NOT NULL,
    hosting_country         VARCHAR(2)   NOT NULL,
    hosting_law_country     VARCHAR(2)   NOT NULL,
    certifications          TEXT         NOT NULL,
    data_used               TEXT         NOT NULL,
    data_purpose            TEXT         NOT NULL,
    business_model          TEXT         NOT NULL,
    sells_data              BOOLEAN      NOT NULL,
    advertising             BOOLEAN      NOT NULL,
    accessibility_statement TEXT         NOT NULL,
    footprint               TEXT         NOT NULL,
    redirect_uris           TEXT         NOT NULL,
    requested_scopes        TEXT         NOT NULL,
    confidential            BOOLEAN      NOT NULL,
    client_id               VARCHAR(100) UNIQUE
);
CREATE INDEX application_status_idx ON catalogue.application (status, status_changed_at);

-- One row per criterion of the grid: the publisher's own score and text.
CREATE TABLE catalogue.self_assessment (
    application_id UUID        NOT NULL REFERENCES catalogue.application (id),
    criterion      VARCHAR(24) NOT NULL,
    score          SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 3),
    comment        TEXT        NOT NULL,
    PRIMARY KEY (application_id, criterion)
);

-- The reviewers' current score per criterion (each change is also journaled on the platform chain).
CREATE TABLE catalogue.review_score (
    application_id   UUID        NOT NULL REFERENCES catalogue.application (id),
    criterion        VARCHAR(24) NOT NULL,
    score            SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 3),
    comment          TEXT        NOT NULL,
    reviewer_account UUID        NOT NULL,
    reviewer_name    TEXT        NOT NULL,
    scored_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (application_id, criterion)
);

-- Every decision, automatic refusals included; all public.
CREATE TABLE catalogue.decision (
    id               UUID PRIMARY KEY,
    application_id   UUID        NOT NULL REFERENCES catalogue.application (id),
    at               TIMESTAMPTZ NOT NULL,
    status           VARCHAR(12) NOT NULL CHECK (status IN ('REFERENCED', 'REFUSED', 'SUSPENDED')),
    automatic        BOOLEAN     NOT NULL,
    reasons          TEXT        NOT NULL,
    reviewer_account UUID,
    reviewer_name    TEXT        NOT NULL
);
CREATE INDEX decision_application_idx ON catalogue.decision (application_id, at);

-- Apps a person disconnected: the authorisation server forgets them, the person still sees what they read.
CREATE TABLE catalogue.past_connection (
    id            UUID PRIMARY KEY,
    account_id    UUID         NOT NULL,
    client_id     VARCHAR(100) NOT NULL,
    app_name      TEXT         NOT NULL,
    scopes        TEXT         NOT NULL,
    authorised_at TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX past_connection_account_idx ON catalogue.past_connection (account_id, revoked_at);
