-- Kiosks on their own PCs, served by the office over the LAN (issue 11, decision 0015).

-- A paired kiosk PC. Only the SHA-256 of its token is kept (lower-case hex): a copy of the file
-- or of a backup cannot be used to pose as a kiosk. A revoked device stays, for the audit log.
CREATE TABLE devices (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    paired_at    TEXT NOT NULL,
    -- Updated at most about once a minute, so a kiosk's requests are not all writes.
    last_seen_at TEXT,
    revoked_at   TEXT
);

-- A code staff read out at the office to pair one kiosk: valid until `expires_at`, for
-- `tries_left` more wrong tries (every wrong try at any code uses one try of each open code: the
-- office cannot tell which code a wrong guess was aimed at), used once. Only a hash of its
-- one-time secret is kept; `fingerprint_prefix` is the office certificate's prefix it carried.
CREATE TABLE pairing_codes (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    secret_hash        TEXT NOT NULL CHECK (length(secret_hash) = 64),
    fingerprint_prefix TEXT NOT NULL CHECK (length(fingerprint_prefix) = 10),
    created_at         TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    tries_left         INTEGER NOT NULL CHECK (tries_left >= 0),
    used_at            TEXT,
    -- The device this code paired (set with used_at).
    device_id          INTEGER REFERENCES devices(id),
    -- The staff member who made it; NULL when the command line made it (System).
    made_by            INTEGER REFERENCES staff(id),
    CHECK ((used_at IS NULL) = (device_id IS NULL))
);
-- Pairing reads only the codes still open.
CREATE INDEX pairing_codes_open ON pairing_codes(expires_at) WHERE used_at IS NULL AND tries_left > 0;

-- A kiosk retries a booking whose reply was lost with the same key: the database itself keeps
-- it to one booking per key, so no one is charged twice. NULL for bookings made without one.
ALTER TABLE bookings ADD COLUMN idempotency_key TEXT CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 8 AND 64);
CREATE UNIQUE INDEX bookings_by_idempotency_key ON bookings(idempotency_key) WHERE idempotency_key IS NOT NULL;
