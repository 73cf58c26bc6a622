-- Module messaging: the secure messaging (messagerie sécurisée) between a person and their professionals.
-- A conversation joins ONE person (patient_id) and ONE care party: a professional (professional_id) or a
-- care structure's shared mailbox (structure_id), never both. Subjects, bodies, attachment names and
-- attachment contents are sealed with one data key each (Tink envelope encryption): *_sealed columns and
-- wrapped_key hold ciphertext only; attachment ciphertexts live in the platform document store.
CREATE SCHEMA IF NOT EXISTS messaging;

CREATE TABLE messaging.conversation (
    id               UUID PRIMARY KEY,
    patient_id       UUID        NOT NULL,
    professional_id  UUID,
    structure_id     UUID,
    subject_sealed   TEXT        NOT NULL,
    started_by_side  VARCHAR(8)  NOT NULL CHECK (started_by_side IN ('PATIENT', 'CARE')),
    created_at       TIMESTAMPTZ NOT NULL,
    last_message_at  TIMESTAMPTZ NOT NULL,
    CHECK ((professional_id IS NULL) <> (structure_id IS NULL))
);
CREATE INDEX conversation_patient_idx ON messaging.conversation (patient_id, last_message_at DESC);
CREATE INDEX conversation_professional_idx ON messaging.conversation (professional_id, last_message_at DESC) WHERE professional_id IS NOT NULL;
CREATE INDEX conversation_structure_idx ON messaging.conversation (structure_id, last_message_at DESC) WHERE structure_id IS NOT NULL;

-- One message. author_side says which party wrote it; author_name is the writer as shown forever
-- ("Luc Petit (aidant)"), on_behalf_of the party they wrote for ("Jean Petit", "Maison de santé…").
CREATE TABLE messaging.message (
    id                      UUID PRIMARY KEY,
    conversation_id         UUID        NOT NULL REFERENCES messaging.conversation (id),
    author_side             VARCHAR(8)  NOT NULL CHECK (author_side IN ('PATIENT', 'CARE')),
    author_account_id       UUID        NOT NULL,
    author_professional_id  UUID,
    author_name             TEXT        NOT NULL,
    on_behalf_of            TEXT        NOT NULL,
    body_sealed             TEXT        NOT NULL,
    sent_at                 TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_conversation_idx ON messaging.message (conversation_id, sent_at);

CREATE TABLE messaging.attachment (
    id                  UUID PRIMARY KEY,
    message_id          UUID         NOT NULL REFERENCES messaging.message (id),
    file_name_sealed    TEXT         NOT NULL,
    content_type        VARCHAR(40)  NOT NULL,
    content_size        INTEGER      NOT NULL,
    type_code           VARCHAR(32),
    wrapped_key         BYTEA        NOT NULL,
    source_document_id  UUID,
    filed_document_id   UUID,
    filed_at            TIMESTAMPTZ
);
CREATE INDEX attachment_message_idx ON messaging.attachment (message_id);

-- Unread counts: what each reader (account) has read in each conversation, up to when.
CREATE TABLE messaging.read_mark (
    conversation_id  UUID        NOT NULL REFERENCES messaging.conversation (id),
    account_id       UUID        NOT NULL,
    read_up_to       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, account_id)
);

-- Pharmacies a person already used through a dispensation (délivrance), besides earlier conversations:
-- fed by Conversations.recordDispensation (the e-prescription module, the demo).
CREATE TABLE messaging.dispensation (
    patient_id       UUID        NOT NULL,
    professional_id  UUID,
    structure_id     UUID,
    dispensed_at     TIMESTAMPTZ NOT NULL,
    CHECK ((professional_id IS NULL) <> (structure_id IS NULL))
);
CREATE INDEX dispensation_patient_idx ON messaging.dispensation (patient_id);
