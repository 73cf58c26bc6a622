-- Each offer's first free slot, kept by triggers on appointments.slot (ADR 0004), so that the public search
-- sorted by earliest slot (and « disponible avant ») reads it from the offer row instead of one probe of
-- slot_free_idx per professional in the circle.
--
-- Invariant, true at every commit: first_free_at = the earliest starts_at of the offer's FREE slots with
-- starts_at >= first_free_from (NULL = none). The search uses first_free_at only when first_free_from <= its
-- "now" and first_free_at is NULL or >= "now" (then it is exactly the first free slot from "now"); otherwise
-- (the stored slot has passed, or the value was computed after "now") it probes slot_free_idx as before.
-- A new offer has no slot (foreign key): NULL from -infinity is exact.
ALTER TABLE appointments.practitioner_offer
    ADD COLUMN first_free_at   TIMESTAMPTZ,
    ADD COLUMN first_free_from TIMESTAMPTZ DEFAULT '-infinity';

-- Recomputes the stored first free slot of these offers. The offer rows are locked first (in id order, the
-- lock Agendas.regenerate already takes), and only then is the minimum read, by a later statement, hence with
-- a newer snapshot (READ COMMITTED): two transactions changing one offer's slots compute one after the
-- other, and the last to commit has seen the other's slots. Rows whose value does not change are not written.
CREATE FUNCTION appointments.offer_first_free_refresh(pids UUID[]) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    changed INTEGER;
BEGIN
    IF pids IS NULL OR cardinality(pids) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM 1 FROM appointments.practitioner_offer WHERE professional_id = ANY (pids)
        ORDER BY professional_id FOR NO KEY UPDATE;
    UPDATE appointments.practitioner_offer o
       SET first_free_at = f.first_at, first_free_from = now()
      FROM (SELECT p.pid, m.first_at FROM unnest(pids) AS p(pid)
            CROSS JOIN LATERAL (SELECT min(s.starts_at) AS first_at FROM appointments.slot s
                                 WHERE s.professional_id = p.pid AND s.status = 'free' AND s.starts_at >= now()) m) f
     WHERE o.professional_id = f.pid
       AND (o.first_free_at IS DISTINCT FROM f.first_at OR o.first_free_from IS DISTINCT FROM now());
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END $$;

-- One call per statement (not per row): a batch of generated slots costs one minimum per offer touched.
CREATE FUNCTION appointments.slot_first_free_inserted() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM appointments.offer_first_free_refresh(
        ARRAY(SELECT DISTINCT professional_id FROM new_slots WHERE status = 'free'));
    RETURN NULL;
END $$;

CREATE FUNCTION appointments.slot_first_free_updated() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM appointments.offer_first_free_refresh(ARRAY(
        SELECT professional_id FROM old_slots WHERE status = 'free'
        UNION SELECT professional_id FROM new_slots WHERE status = 'free'));
    RETURN NULL;
END $$;

CREATE FUNCTION appointments.slot_first_free_deleted() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM appointments.offer_first_free_refresh(
        ARRAY(SELECT DISTINCT professional_id FROM old_slots WHERE status = 'free'));
    RETURN NULL;
END $$;

CREATE FUNCTION appointments.slot_first_free_truncated() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE appointments.practitioner_offer SET first_free_at = NULL, first_free_from = now();
    RETURN NULL;
END $$;

CREATE TRIGGER slot_first_free_insert AFTER INSERT ON appointments.slot
    REFERENCING NEW TABLE AS new_slots FOR EACH STATEMENT EXECUTE FUNCTION appointments.slot_first_free_inserted();
CREATE TRIGGER slot_first_free_update AFTER UPDATE ON appointments.slot
    REFERENCING OLD TABLE AS old_slots NEW TABLE AS new_slots
    FOR EACH STATEMENT EXECUTE FUNCTION appointments.slot_first_free_updated();
CREATE TRIGGER slot_first_free_delete AFTER DELETE ON appointments.slot
    REFERENCING OLD TABLE AS old_slots FOR EACH STATEMENT EXECUTE FUNCTION appointments.slot_first_free_deleted();
CREATE TRIGGER slot_first_free_truncate AFTER TRUNCATE ON appointments.slot
    FOR EACH STATEMENT EXECUTE FUNCTION appointments.slot_first_free_truncated();

-- Offers whose stored slot has passed: recomputed by a periodic job (Agendas.refreshFirstFreeSlots), skipping
-- rows locked by a writer (whose trigger recomputes them anyway).
CREATE FUNCTION appointments.offer_first_free_refresh_passed() RETURNS INTEGER
LANGUAGE plpgsql AS $$
BEGIN
    RETURN appointments.offer_first_free_refresh(ARRAY(
        SELECT professional_id FROM appointments.practitioner_offer
         WHERE first_free_at < now() OR first_free_from IS NULL
         ORDER BY professional_id FOR NO KEY UPDATE SKIP LOCKED));
END $$;

SELECT appointments.offer_first_free_refresh(ARRAY(SELECT professional_id FROM appointments.practitioner_offer));
