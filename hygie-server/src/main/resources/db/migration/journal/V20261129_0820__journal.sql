-- Module journal: the append-only, tamper-evident access journal (journal des accès).
-- One hash chain per patient (chain = the patient's UUID as text; events without a patient go to the
-- chain 'platform'). Only the journal module reads or writes these tables.
-- Chains are COLLATE "C" so that the database orders them by bytes, as the Merkle tree and the
-- verifier's merge of entries and heads expect.
CREATE SCHEMA IF NOT EXISTS journal;

-- The last link of each chain. Appends lock this row (SELECT … FOR UPDATE): appends for one patient
-- serialise on it, appends for different patients never wait on each other. seq 0 = empty chain.
CREATE TABLE journal.chain_head (
    chain TEXT COLLATE "C" PRIMARY KEY,
    seq   BIGINT NOT NULL CHECK (seq >= 0),
    hash  BYTEA  NOT NULL CHECK (octet_length(hash) = 32)
);

CREATE TABLE journal.entry (
    id                    UUID PRIMARY KEY,
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
    CONSTRAINT entry_chain_seq_key UNIQUE (chain, seq)
);
-- Patient views use (chain, seq) through the unique index; auditors search by actor and by period.
CREATE INDEX entry_actor_at_idx ON journal.entry (actor_account_id, at);
CREATE INDEX entry_at_idx ON journal.entry (at);
CREATE INDEX entry_emergency_at_idx ON journal.entry (at) WHERE action = 'EMERGENCY_ACCESS';

-- A signed checkpoint (point de contrôle): the Merkle root of every chain head at one moment.
CREATE TABLE journal.checkpoint (
    id          UUID PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    merkle_root BYTEA       NOT NULL,
    chain_count BIGINT      NOT NULL,
    signature   BYTEA       NOT NULL,
    key_id      VARCHAR(64) NOT NULL
);
CREATE INDEX checkpoint_at_idx ON journal.checkpoint (at DESC);

-- The heads a checkpoint signed; written before their checkpoint row, hence the deferred key.
CREATE TABLE journal.checkpoint_head (
    checkpoint_id UUID   NOT NULL REFERENCES journal.checkpoint (id) DEFERRABLE INITIALLY DEFERRED,
    chain         TEXT COLLATE "C" NOT NULL,
    seq           BIGINT NOT NULL,
    hash          BYTEA  NOT NULL,
    PRIMARY KEY (checkpoint_id, chain)
);

-- Append-only: the application never updates or deletes an entry or a checkpoint. The trigger stops
-- mistakes and ordinary roles; a superuser can still bypass it, which the hash chains and signed
-- checkpoints then reveal (JournalVerifier).
CREATE FUNCTION journal.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal.% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON journal.entry
    FOR EACH ROW EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON journal.entry
    FOR EACH STATEMENT EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER checkpoint_append_only BEFORE UPDATE OR DELETE ON journal.checkpoint
    FOR EACH ROW EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER checkpoint_no_truncate BEFORE TRUNCATE ON journal.checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER checkpoint_head_append_only BEFORE UPDATE OR DELETE ON journal.checkpoint_head
    FOR EACH ROW EXECUTE FUNCTION journal.refuse_change();
CREATE TRIGGER checkpoint_head_no_truncate BEFORE TRUNCATE ON journal.checkpoint_head
    FOR EACH STATEMENT EXECUTE FUNCTION journal.refuse_change();
