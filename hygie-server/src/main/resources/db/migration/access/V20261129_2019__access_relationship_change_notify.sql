-- Every change of a relationship fact is announced on the channel hygie_access_facts when its transaction
-- commits (NOTIFY is transactional: a rolled-back change announces nothing). A Hygie server keeps these facts in
-- memory between access decisions (access.internal.RelationshipCache) and evicts them on its own changes at once;
-- this announcement is how it hears of a change made by ANOTHER process on the same database (a subcommand such
-- as ./hygie import, an operator's SQL): docs/adr/0001-relationship-facts-cached-in-one-server.md.
-- Payloads: 'pair:<patient>:<professional>', 'patient:<patient>', 'professional:<professional>', 'all'.

CREATE FUNCTION access.announce_relationship_row(kind TEXT, r JSONB) RETURNS VOID LANGUAGE sql AS $$
    SELECT pg_notify('hygie_access_facts', CASE kind
        WHEN 'pair' THEN 'pair:' || (r ->> 'patient_id') || ':' || (r ->> 'professional_id')
        WHEN 'patient' THEN 'patient:' || (r ->> 'patient_id')
        ELSE 'professional:' || (r ->> 'professional_id') END)
$$;

-- TG_ARGV[0]: what the row's facts bear on: one pair, every pair of a person, every pair of a professional.
CREATE FUNCTION access.announce_relationship_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM access.announce_relationship_row(TG_ARGV[0], to_jsonb(OLD));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM access.announce_relationship_row(TG_ARGV[0], to_jsonb(NEW));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION access.announce_relationship_truncate() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hygie_access_facts', 'all');
    RETURN NULL;
END
$$;

-- A new médecin traitant ends the previous one: every pair of the person.
CREATE TRIGGER treating_physician_announce AFTER INSERT OR UPDATE OR DELETE ON access.treating_physician
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('patient');
CREATE TRIGGER authorisation_announce AFTER INSERT OR UPDATE OR DELETE ON access.authorisation
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('pair');
CREATE TRIGGER block_announce AFTER INSERT OR UPDATE OR DELETE ON access.block
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('pair');
CREATE TRIGGER emergency_session_announce AFTER INSERT OR UPDATE OR DELETE ON access.emergency_session
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('pair');
CREATE TRIGGER regulator_announce AFTER INSERT OR UPDATE OR DELETE ON access.regulator
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('professional');
CREATE TRIGGER patient_settings_announce AFTER INSERT OR UPDATE OR DELETE ON access.patient_settings
    FOR EACH ROW EXECUTE FUNCTION access.announce_relationship_change('patient');

CREATE TRIGGER treating_physician_announce_truncate AFTER TRUNCATE ON access.treating_physician
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
CREATE TRIGGER authorisation_announce_truncate AFTER TRUNCATE ON access.authorisation
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
CREATE TRIGGER block_announce_truncate AFTER TRUNCATE ON access.block
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
CREATE TRIGGER emergency_session_announce_truncate AFTER TRUNCATE ON access.emergency_session
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
CREATE TRIGGER regulator_announce_truncate AFTER TRUNCATE ON access.regulator
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
CREATE TRIGGER patient_settings_announce_truncate AFTER TRUNCATE ON access.patient_settings
    FOR EACH STATEMENT EXECUTE FUNCTION access.announce_relationship_truncate();
