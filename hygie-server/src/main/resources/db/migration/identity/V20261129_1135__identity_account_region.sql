-- The région of an account whose perimeter is territorial (regional health agency, ARS): INSEE région code.
CREATE TABLE identity.account_region (
    account_id  UUID PRIMARY KEY REFERENCES identity.account (id),
    region_code VARCHAR(2) NOT NULL CHECK (region_code ~ '^[0-9]{2}$')
);
