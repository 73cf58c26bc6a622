-- Module territory (« Une seule santé »): indicator snapshots per territory and month, after small-count
-- suppression, and imported environment / living-conditions datasets. No person-level data in this schema:
-- only counts per département, région or France, and values per commune or département.
CREATE SCHEMA IF NOT EXISTS territory;

CREATE TABLE territory.indicator_snapshot (
    indicator    VARCHAR(32) NOT NULL,
    level        VARCHAR(12) NOT NULL CHECK (level IN ('DEPARTEMENT', 'REGION', 'FRANCE')),
    code         VARCHAR(3)  NOT NULL,
    period       CHAR(7)     NOT NULL,               -- YYYY-MM: the indicator as of the end of that month
    numerator    BIGINT      NOT NULL,
    denominator  BIGINT      NOT NULL,
    value        DOUBLE PRECISION,                  -- NULL when the denominator is zero
    suppression  VARCHAR(10) NOT NULL CHECK (suppression IN ('NONE', 'PRIMARY', 'SECONDARY')),
    source       VARCHAR(16) NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator, period, level, code)
);

CREATE TABLE territory.environment_import (
    id           UUID PRIMARY KEY,
    file_name    TEXT        NOT NULL,
    lines        INTEGER     NOT NULL,
    value_count  INTEGER     NOT NULL,
    imported_by  TEXT        NOT NULL,
    imported_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE territory.environment_value (
    level      VARCHAR(12)      NOT NULL CHECK (level IN ('COMMUNE', 'DEPARTEMENT')),
    code       VARCHAR(5)       NOT NULL,
    period     VARCHAR(7)       NOT NULL,            -- YYYY (annual) or YYYY-MM (monthly)
    variable   VARCHAR(32)      NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    import_id  UUID             NOT NULL REFERENCES territory.environment_import (id),
    PRIMARY KEY (variable, period, level, code)
);
