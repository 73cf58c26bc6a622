-- Every change of a person's row is announced on the channel hygie_identity_persons when its transaction commits
-- (NOTIFY is transactional: a rolled-back change announces nothing). A Hygie server keeps persons' rows in memory
-- between pages (identity.PersonRows); the application itself never updates nor deletes them (it only inserts, and
-- a new row changes nothing kept), so this announcement is how it hears of a change made by ANOTHER process or by an
-- operator's SQL on the same database: docs/adr/0005-persons-rows-kept-in-memory.md.
-- Payloads: 'patient:<id>', 'all' (TRUNCATE). INSERT announces nothing: absence is never kept.

CREATE FUNCTION identity.announce_patient_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hygie_identity_persons', 'patient:' || OLD.id);
    IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
        PERFORM pg_notify('hygie_identity_persons', 'patient:' || NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION identity.announce_patient_truncate() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hygie_identity_persons', 'all');
    RETURN NULL;
END
$$;

CREATE TRIGGER patient_announce AFTER UPDATE OR DELETE ON identity.patient
    FOR EACH ROW EXECUTE FUNCTION identity.announce_patient_change();
CREATE TRIGGER patient_announce_truncate AFTER TRUNCATE ON identity.patient
    FOR EACH STATEMENT EXECUTE FUNCTION identity.announce_patient_truncate();
