-- The outbox becomes the only one (the appointments module used to keep its own): a message may name what
-- it is about (reference_id: a booking…) and its kind (CONFIRMATION, REMINDER…), so that the module that
-- queued it can withdraw what was not sent yet (a reminder once the appointment is cancelled).
ALTER TABLE notifications.outbox ADD COLUMN reference_id UUID;
ALTER TABLE notifications.outbox ADD COLUMN kind VARCHAR(32);
ALTER TABLE notifications.outbox ADD COLUMN cancelled_at TIMESTAMPTZ;
CREATE INDEX outbox_reference_idx ON notifications.outbox (reference_id) WHERE reference_id IS NOT NULL;
DROP INDEX notifications.outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON notifications.outbox (due_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;
