-- Erasures a backup deferred (platform.storage): while `./hygie backup` pauses erasures, the ciphertext of a document
-- whose data key was just destroyed (crypto-erasure, effacement) stays in the store until the pause ends. The list of
-- those blobs was kept in the server's memory, so a server stopped before the backup ended forgot them (its next start's
-- orphan sweep found them again); kept here, they are carried out after a restart as soon as no pause is open.
-- A row names a blob id only: no health data, no person.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.deferred_erasure (
    blob_id     UUID PRIMARY KEY,
    deferred_at TIMESTAMPTZ NOT NULL
);
