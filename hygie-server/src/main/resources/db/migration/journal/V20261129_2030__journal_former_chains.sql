-- Former platforms' journals (« journal des accès de l'ancienne plateforme »): when a person moves from another
-- Hygie, their hash chain of that platform comes with them, with the signed checkpoint that covers it, and is
-- kept here read-only once it verified (every hash recomputed, every link, the Merkle inclusion proof of its
-- head and the checkpoint's Ed25519 signature with the public key that came with it). A chain of another
-- platform is never appended to this platform's chains: its hashes bind the former platform's ids and order.
-- Only the journal module reads or writes these tables.
CREATE TABLE journal.former_chain (
    id                     UUID PRIMARY KEY,
    patient_id             UUID        NOT NULL,        -- the person on THIS platform
    chain                  TEXT COLLATE "C" NOT NULL,   -- the chain's name on the platform that wrote it
    key_id                 VARCHAR(64) NOT NULL,        -- the former platform's checkpoint key
    public_key             TEXT        NOT NULL,        -- X.509 PEM; its id must be key_id
    head_seq               BIGINT      NOT NULL CHECK (head_seq >= 1),
    head_hash              BYTEA       NOT NULL CHECK (octet_length(head_hash) = 32),
    checkpoint_id          UUID        NOT NULL,
    checkpoint_at          TIMESTAMPTZ NOT NULL,
    checkpoint_root        BYTEA       NOT NULL,
    checkpoint_chain_count BIGINT      NOT NULL,
    checkpoint_signature   BYTEA       NOT NULL,
    proof                  TEXT        NOT NULL,        -- Merkle inclusion proof: "L:hex" / "R:hex" steps, comma-separated
    imported_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT former_chain_key_chain_key UNIQUE (key_id, chain)
);
CREATE INDEX former_chain_patient_idx ON journal.former_chain (patient_id, imported_at);
-- The page and the FHIR read find an entry by its chain name and sequence (AuditEvent id "<chain>-<seq>").
CREATE INDEX former_chain_chain_idx ON journal.former_chain (chain);

-- The entries exactly as the former platform hashed them (same columns as journal.entry).
CREATE TABLE journal.former_entry (
    former_chain_id       UUID        NOT NULL REFERENCES journal.former_chain (id),
    id                    UUID        NOT NULL,
    chain                 TEXT COLLATE "C" NOT NULL,
    seq                   BIGINT      NOT NULL CHECK (seq >= 1),
    at                    TIMESTAMPTZ NOT NULL,
    actor_account_id      UUID,
    actor_name            TEXT        NOT NULL,
    actor_role            VARCHAR(32) NOT NULL,
    acting_for_account_id UUID,
    acting_for_name       TEXT,
    acting_for_role       VARCHAR(32),
    patient_id            UUID,
    action                VARCHAR(32) NOT NULL,
    object_type           VARCHAR(64) NOT NULL,
    object_id             TEXT,
    decision              VARCHAR(8)  NOT NULL,
    reason_code           VARCHAR(64),
    channel               VARCHAR(8)  NOT NULL,
    justification         TEXT,
    prev_hash             BYTEA       NOT NULL,
    hash                  BYTEA       NOT NULL,
    PRIMARY KEY (former_chain_id, seq)
);

-- Read-only once imported, like the journal itself (journal.refuse_change, V20261129_0820).
CREATE TRIGGER former_chain_append_only BEFORE UPDATE OR DELETE ON journal.former_chain
    FOR EACH ROW EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER former_chain_no_truncate BEFORE TRUNCATE ON journal.former_chain
    FOR EACH STATEMENT EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER former_entry_append_only BEFORE UPDATE OR DELETE ON journal.former_entry
    FOR EACH ROW EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER former_entry_no_truncate BEFORE TRUNCATE ON journal.former_entry
    FOR EACH STATEMENT EXECUTE FUNCTION journal.refuse_change();
