-- Module appointments: the directory of the care offer, agendas, slots, bookings, reminders outbox.
-- Its own copy of what the directory needs (practitioner_offer), taken from identity's API when an agenda
-- is opened: never a read of identity tables.
CREATE SCHEMA IF NOT EXISTS appointments;

CREATE TABLE appointments.place (
    insee      TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    postcode   TEXT NOT NULL,
    latitude   DOUBLE PRECISION NOT NULL,
    longitude  DOUBLE PRECISION NOT NULL
);
CREATE INDEX place_name_idx ON appointments.place (name_key);
CREATE INDEX place_postcode_idx ON appointments.place (postcode);

-- One row per professional who has an agenda: what the public directory shows.
CREATE TABLE appointments.practitioner_offer (
    professional_id   UUID PRIMARY KEY,
    display_name      TEXT NOT NULL,
    profession_code   TEXT NOT NULL,
    specialty_code    TEXT,
    structure_name    TEXT,
    address_line      TEXT,
    postcode          TEXT,
    commune_insee     TEXT,
    commune_name      TEXT,
    latitude          DOUBLE PRECISION,
    longitude         DOUBLE PRECISION,
    phone             TEXT,
    sector            SMALLINT CHECK (sector IN (0, 1, 2)),  -- 0 = non conventionné
    tiers_payant      BOOLEAN NOT NULL DEFAULT FALSE,
    teleconsultation  BOOLEAN NOT NULL DEFAULT FALSE,
    languages         TEXT[] NOT NULL DEFAULT '{fr}',
    wheelchair        BOOLEAN NOT NULL DEFAULT FALSE,
    hearing_loop      BOOLEAN NOT NULL DEFAULT FALSE,
    services          TEXT,
    opening_hours     TEXT,
    published         BOOLEAN NOT NULL DEFAULT TRUE,
    feed_token        TEXT NOT NULL UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Search = a lat/lon bounding box (B-tree range on latitude, longitude filtered in the index), then
-- haversine on the few rows left; the profession variant serves the usual "médecin near X" search.
CREATE INDEX offer_geo_idx ON appointments.practitioner_offer (latitude, longitude) WHERE published;
CREATE INDEX offer_profession_geo_idx ON appointments.practitioner_offer (profession_code, latitude, longitude) WHERE published;
CREATE INDEX offer_specialty_geo_idx ON appointments.practitioner_offer (specialty_code, latitude, longitude) WHERE published;

CREATE TABLE appointments.weekly_schedule (
    id              UUID PRIMARY KEY,
    professional_id UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    day_of_week     SMALLINT NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_time      TIME NOT NULL,
    end_time        TIME NOT NULL,
    slot_minutes    INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    CHECK (end_time > start_time)
);
CREATE INDEX weekly_schedule_pro_idx ON appointments.weekly_schedule (professional_id);

-- A date override replaces the weekly schedule of that date; rows without times close the day.
CREATE TABLE appointments.schedule_override (
    id              UUID PRIMARY KEY,
    professional_id UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    day             DATE NOT NULL,
    start_time      TIME,
    end_time        TIME,
    slot_minutes    INTEGER CHECK (slot_minutes BETWEEN 5 AND 240),
    CHECK ((start_time IS NULL AND end_time IS NULL) OR (end_time > start_time AND slot_minutes IS NOT NULL))
);
CREATE INDEX schedule_override_pro_idx ON appointments.schedule_override (professional_id, day);

CREATE TABLE appointments.absence (
    id              UUID PRIMARY KEY,
    professional_id UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    label           TEXT,
    CHECK (ends_at > starts_at)
);
CREATE INDEX absence_pro_idx ON appointments.absence (professional_id, starts_at);

-- Motif de consultation: duration and instructions to patients.
CREATE TABLE appointments.visit_reason (
    id               UUID PRIMARY KEY,
    professional_id  UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    label            TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240),
    instructions     TEXT,
    active           BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX visit_reason_pro_idx ON appointments.visit_reason (professional_id);

-- Materialised slots over a rolling horizon (FHIR Slot.status: free | busy | busy-unavailable).
CREATE TABLE appointments.slot (
    id              UUID PRIMARY KEY,
    professional_id UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('free', 'busy', 'busy-unavailable')),
    UNIQUE (professional_id, starts_at)
);
-- "Next free slots of this professional": an index-only range per candidate of the search.
CREATE INDEX slot_free_idx ON appointments.slot (professional_id, starts_at) WHERE status = 'free';

CREATE TABLE appointments.booking (
    id                   UUID PRIMARY KEY,
    slot_id              UUID NOT NULL REFERENCES appointments.slot (id),
    professional_id      UUID NOT NULL REFERENCES appointments.practitioner_offer (professional_id),
    starts_at            TIMESTAMPTZ NOT NULL,
    ends_at              TIMESTAMPTZ NOT NULL,
    reason_id            UUID REFERENCES appointments.visit_reason (id),
    status               TEXT NOT NULL CHECK (status IN ('proposed', 'pending', 'booked', 'arrived', 'fulfilled',
                             'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist')),
    patient_id           UUID,
    person_family_name   TEXT,
    person_given_name    TEXT,
    person_birth_date    DATE,
    contact_phone        TEXT,
    contact_email        TEXT,
    channel              TEXT NOT NULL CHECK (channel IN ('ONLINE', 'REPRESENTATIVE', 'COUNTER')),
    booked_by_account_id UUID,
    booked_by_name       TEXT NOT NULL,
    booked_by_role       TEXT NOT NULL,
    acting_for_patient   BOOLEAN NOT NULL DEFAULT FALSE,
    replaces_booking_id  UUID REFERENCES appointments.booking (id),
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    CHECK (patient_id IS NOT NULL OR (person_family_name IS NOT NULL AND person_birth_date IS NOT NULL
                                     AND contact_phone IS NOT NULL))
);
-- Exactly one live booking per slot, whatever the concurrency (the booking transaction also flips the
-- slot from free to busy with a conditional UPDATE: the loser sees zero rows, this index is the backstop).
CREATE UNIQUE INDEX booking_one_per_slot ON appointments.booking (slot_id)
    WHERE status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled', 'noshow');
CREATE INDEX booking_patient_idx ON appointments.booking (patient_id, starts_at);
CREATE INDEX booking_pro_idx ON appointments.booking (professional_id, starts_at);
CREATE INDEX booking_booker_idx ON appointments.booking (booked_by_account_id, created_at);

-- Liste d'attente: tell the person when an earlier slot frees up with the same professional.
CREATE TABLE appointments.waiting_list (
    id              UUID PRIMARY KEY,
    booking_id      UUID NOT NULL UNIQUE REFERENCES appointments.booking (id),
    professional_id UUID NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    notified_at     TIMESTAMPTZ
);
CREATE INDEX waiting_list_pro_idx ON appointments.waiting_list (professional_id, created_at) WHERE notified_at IS NULL;

-- Notifications to send (confirmations, reminders): texts never hold health data (no specialty, no reason).
CREATE TABLE appointments.outbox (
    id          UUID PRIMARY KEY,
    booking_id  UUID REFERENCES appointments.booking (id),
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    recipient   TEXT NOT NULL,
    text        TEXT NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    attempts    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due_idx ON appointments.outbox (due_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX outbox_booking_idx ON appointments.outbox (booking_id);
