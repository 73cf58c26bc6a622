-- Runs of the research engine (hygie-research-engine) started by the platform: their progress while they
-- run (the last PROGRESS line of the engine: stage, done, total), their failure cause, and on success the
-- extraction run recorded and the released files (names only; the files are under HYGIE_HOME/research/).
-- No health data, no person id: membership is recorded in research.run_member by ExtractionRuns.recordRun.
CREATE TABLE research.engine_run (
    id                UUID PRIMARY KEY,
    project_id        UUID        NOT NULL REFERENCES research.project (id),
    status            VARCHAR(16) NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    launcher          TEXT        NOT NULL,
    snapshot_at       TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    stage             VARCHAR(64),
    done              INTEGER     NOT NULL DEFAULT 0,
    total             INTEGER     NOT NULL DEFAULT 0,
    failure           TEXT,
    output_mode       VARCHAR(24),
    notice            TEXT,
    extraction_run_id UUID REFERENCES research.extraction_run (id),
    included_count    INTEGER,
    excluded_count    INTEGER,
    files             TEXT,
    CHECK ((status = 'FAILED') = (failure IS NOT NULL))
);
CREATE INDEX engine_run_project_idx ON research.engine_run (project_id, started_at DESC);
