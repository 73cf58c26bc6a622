-- Module research: objections to secondary use, research projects and their review, extraction runs.
-- Only the research module reads or writes these tables. Patient and account ids come from the identity
-- module; no foreign key crosses the module boundary (each module owns its schema).
CREATE SCHEMA IF NOT EXISTS research;

-- Objections to secondary use (opposition), as a history: a row is inserted when the person objects and
-- only its withdrawn_at is set, once, when they withdraw. Never overwritten, never deleted, so that the
-- objections in force at any past instant (an extraction's snapshot) can be recomputed.
-- scope: GLOBAL, PURPOSE:<art. 53 purpose>, ORG_KIND:<PUBLIC|PRIVATE_NON_PROFIT|COMMERCIAL>,
-- PLACE:<FRANCE_ONLY|EU_ONLY>.
CREATE TABLE research.objection (
    id                     UUID PRIMARY KEY,
    patient_id             UUID        NOT NULL,
    scope                  VARCHAR(64) NOT NULL,
    recorded_at            TIMESTAMPTZ NOT NULL,
    recorded_by_account_id UUID,
    withdrawn_at           TIMESTAMPTZ,
    withdrawn_by_account_id UUID,
    CHECK (withdrawn_at IS NULL OR withdrawn_at >= recorded_at)
);
-- At most one objection in force per person and scope.
CREATE UNIQUE INDEX objection_active_idx ON research.objection (patient_id, scope) WHERE withdrawn_at IS NULL;
CREATE INDEX objection_snapshot_idx ON research.objection (recorded_at, withdrawn_at);

-- A research project as submitted, with its current status. Public fields are listed in the registry;
-- researcher_account_id is not shown.
CREATE TABLE research.project (
    id                    UUID PRIMARY KEY,
    researcher_account_id UUID         NOT NULL,
    researcher_name       TEXT         NOT NULL,
    title                 TEXT         NOT NULL,
    summary               TEXT         NOT NULL,
    purpose               VARCHAR(32)  NOT NULL,
    legal_basis           TEXT         NOT NULL,
    organisation          TEXT         NOT NULL,
    organisation_kind     VARCHAR(24)  NOT NULL,
    processing_place      VARCHAR(16)  NOT NULL,
    team                  TEXT         NOT NULL,
    population            TEXT         NOT NULL,
    duration_months       INTEGER      NOT NULL CHECK (duration_months > 0),
    funding               TEXT         NOT NULL,
    public_benefit        TEXT         NOT NULL,
    status                VARCHAR(24)  NOT NULL,
    submitted_at          TIMESTAMPTZ  NOT NULL,
    status_since          TIMESTAMPTZ  NOT NULL,
    next_due_at           TIMESTAMPTZ,
    results_summary       TEXT,
    results_negative      BOOLEAN,
    results_published_at  TIMESTAMPTZ,
    version               INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX project_researcher_idx ON research.project (researcher_account_id);
CREATE INDEX project_status_idx ON research.project (status);

-- Data requested, each with its justification (data minimisation, EHDS art. 66).
CREATE TABLE research.project_variable (
    project_id    UUID    NOT NULL REFERENCES research.project (id),
    position      INTEGER NOT NULL,
    category      TEXT    NOT NULL,
    variable      TEXT    NOT NULL,
    justification TEXT    NOT NULL,
    PRIMARY KEY (project_id, position)
);

-- Every step of the review, in order: who decided what, why, when, and by when it was due.
-- private_note is the reviewers' internal note: never in the registry.
CREATE TABLE research.project_step (
    id             UUID PRIMARY KEY,
    project_id     UUID         NOT NULL REFERENCES research.project (id),
    decision       VARCHAR(24)  NOT NULL,
    from_status    VARCHAR(24),
    to_status      VARCHAR(24)  NOT NULL,
    actor_account_id UUID,
    actor_name     TEXT         NOT NULL,
    actor_role     VARCHAR(24)  NOT NULL,
    reasons        TEXT         NOT NULL,
    private_note   TEXT,
    decided_at     TIMESTAMPTZ  NOT NULL,
    due_at         TIMESTAMPTZ
);
CREATE INDEX project_step_project_idx ON research.project_step (project_id, decided_at);

-- An extraction run reported by the extraction launcher (the research engine): the snapshot instant whose
-- objections it honoured, and its counts.
CREATE TABLE research.extraction_run (
    id              UUID PRIMARY KEY,
    project_id      UUID        NOT NULL REFERENCES research.project (id),
    snapshot_at     TIMESTAMPTZ NOT NULL,
    launcher        TEXT        NOT NULL,
    included_count  INTEGER     NOT NULL,
    excluded_count  INTEGER     NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX extraction_run_project_idx ON research.extraction_run (project_id, recorded_at);

-- Who was in a run's cohort and who was left out because of an objection. Kept by the platform so that a
-- person can see it (DOMAIN: "a person can see which projects used their data"); never given to researchers.
CREATE TABLE research.run_member (
    run_id     UUID        NOT NULL REFERENCES research.extraction_run (id),
    patient_id UUID        NOT NULL,
    included   BOOLEAN     NOT NULL,
    excluded_by_scope VARCHAR(64),
    PRIMARY KEY (run_id, patient_id),
    CHECK (included = (excluded_by_scope IS NULL))
);
CREATE INDEX run_member_patient_idx ON research.run_member (patient_id);
