-- Module notifications: what a person is told, in the app and through the outbox (e-mail, SMS, letter).
-- Texts never contain health data: only "something happened, come and see" (DOMAIN: notifications).
CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE notifications.notification (
    id          UUID PRIMARY KEY,
    patient_id  UUID        NOT NULL,
    kind        VARCHAR(24) NOT NULL,
    text        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    read_at     TIMESTAMPTZ
);
CREATE INDEX notification_patient_idx ON notifications.notification (patient_id, created_at DESC);

CREATE TABLE notifications.outbox (
    id          UUID PRIMARY KEY,
    channel     VARCHAR(8)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'LETTER')),
    patient_id  UUID,
    recipient   TEXT        NOT NULL,
    subject     TEXT,
    text        TEXT        NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    attempts    INTEGER     NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_pending_idx ON notifications.outbox (due_at) WHERE sent_at IS NULL;
