-- Public keys of the platforms a prescription moved from (« réversibilité »): a receipt signed by a former
-- platform's key keeps verifying here. A key comes with the imported receipts it signed, and is kept only
-- once it verified them; the key id is the hex of the first 8 bytes of SHA-256 over its X.509 encoding.
CREATE TABLE prescriptions.former_receipt_key (
    key_id      VARCHAR(16)  PRIMARY KEY,
    public_key  TEXT         NOT NULL,
    imported_at TIMESTAMPTZ  NOT NULL
);
