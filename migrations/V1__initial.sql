-- GasDesk schema, version 1.
-- Times are UTC text in one fixed-width format (YYYY-MM-DDTHH:MM:SS.ffffffZ) so text order is time order.
-- Money is integer paise: exact to store and exact to SUM.

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
    full_name     TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
    full_name           TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    email               TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone               TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
    address             TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    -- Kept by triggers on cylinders; the guard trigger below refuses any value that disagrees.
    has_active_cylinder INTEGER NOT NULL DEFAULT 0 CHECK (has_active_cylinder IN (0, 1)),
    password_hash       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX users_full_name ON users(full_name COLLATE NOCASE);
CREATE INDEX users_phone ON users(phone);

-- Failed-login counters, per kind of account and username (known or not), kept across restarts.
CREATE TABLE login_throttle (
    kind            TEXT NOT NULL CHECK (kind IN ('staff', 'customer')),
    username        TEXT NOT NULL COLLATE NOCASE,
    failures        INTEGER NOT NULL CHECK (failures >= 0),
    last_failure_at TEXT NOT NULL,
    blocked_until   TEXT,
    PRIMARY KEY (kind, username)
) WITHOUT ROWID;

CREATE TABLE cylinders (
    id          INTEGER PRIMARY KEY,
    cylinder_id TEXT NOT NULL UNIQUE CHECK (length(cylinder_id) BETWEEN 1 AND 32),
    status      TEXT NOT NULL CHECK (status IN ('Filled', 'Assigned', 'Empty')),
    assigned_to INTEGER REFERENCES users(id),
    -- The Pending booking holding this Filled cylinder while its payment is under way.
    reserved_by INTEGER REFERENCES bookings(id),
    filled_at   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((status = 'Assigned') = (assigned_to IS NOT NULL)),
    CHECK (reserved_by IS NULL OR status = 'Filled'),
    CHECK (status <> 'Filled' OR filled_at IS NOT NULL)
);
-- Rule 1: a customer holds at most one cylinder.
CREATE UNIQUE INDEX cylinders_one_per_customer ON cylinders(assigned_to) WHERE assigned_to IS NOT NULL;
-- FIFO pick: oldest filled_at first, ties by id, among unreserved Filled cylinders.
CREATE INDEX cylinders_fifo ON cylinders(filled_at, id) WHERE status = 'Filled' AND reserved_by IS NULL;
CREATE INDEX cylinders_status ON cylinders(status, cylinder_id);
CREATE UNIQUE INDEX cylinders_reserved_by ON cylinders(reserved_by) WHERE reserved_by IS NOT NULL;

CREATE TRIGGER cylinders_owner_on_insert AFTER INSERT ON cylinders
WHEN NEW.assigned_to IS NOT NULL
BEGIN
    UPDATE users SET has_active_cylinder = 1 WHERE id = NEW.assigned_to;
END;

CREATE TRIGGER cylinders_owner_on_update AFTER UPDATE OF assigned_to ON cylinders
WHEN OLD.assigned_to IS NOT NEW.assigned_to
BEGIN
    UPDATE users SET has_active_cylinder = 0 WHERE id = OLD.assigned_to;
    UPDATE users SET has_active_cylinder = 1 WHERE id = NEW.assigned_to;
END;

CREATE TRIGGER cylinders_owner_on_delete AFTER DELETE ON cylinders
WHEN OLD.assigned_to IS NOT NULL
BEGIN
    UPDATE users SET has_active_cylinder = 0 WHERE id = OLD.assigned_to;
END;

CREATE TRIGGER users_active_flag_guard BEFORE UPDATE OF has_active_cylinder ON users
WHEN NEW.has_active_cylinder <> (SELECT count(*) FROM cylinders WHERE assigned_to = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'has_active_cylinder must agree with cylinders');
END;

CREATE TRIGGER users_new_hold_nothing BEFORE INSERT ON users
WHEN NEW.has_active_cylinder <> 0
BEGIN
    SELECT RAISE(ABORT, 'has_active_cylinder must agree with cylinders');
END;

CREATE TABLE bookings (
    id                   INTEGER PRIMARY KEY,
    user_id              INTEGER NOT NULL REFERENCES users(id),
    cylinder_id          INTEGER NOT NULL REFERENCES cylinders(id),
    returned_cylinder_id INTEGER REFERENCES cylinders(id),
    booking_date         TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('Pending', 'Completed', 'Cancelled')),
    source               TEXT NOT NULL CHECK (source IN ('SelfService', 'Manual')),
    amount_paise         INTEGER NOT NULL CHECK (amount_paise >= 0),
    -- A Pending booking's reservation lapses after this time and is then reconciled.
    reserved_until       TEXT,
    staff_id             INTEGER REFERENCES staff(id),
    note                 TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    updated_at           TEXT NOT NULL,
    CHECK (status <> 'Pending' OR reserved_until IS NOT NULL),
    CHECK (returned_cylinder_id IS NULL OR returned_cylinder_id <> cylinder_id)
);
-- One booking in flight per customer.
CREATE UNIQUE INDEX bookings_one_pending_per_customer ON bookings(user_id) WHERE status = 'Pending';
CREATE INDEX bookings_by_user ON bookings(user_id, id);
CREATE INDEX bookings_by_status ON bookings(status, id);
CREATE INDEX bookings_by_date ON bookings(booking_date);
CREATE INDEX bookings_by_cylinder ON bookings(cylinder_id, id);
CREATE INDEX bookings_pending_expiry ON bookings(reserved_until) WHERE status = 'Pending';

CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    booking_id     INTEGER NOT NULL UNIQUE REFERENCES bookings(id),
    amount_paise   INTEGER NOT NULL CHECK (amount_paise >= 0),
    -- Pending: written before the gateway is called, so no charge can happen without a row.
    status         TEXT NOT NULL CHECK (status IN ('Pending', 'Success', 'Failed', 'Refunded')),
    method         TEXT NOT NULL CHECK (method IN ('Gateway', 'Cash')),
    order_ref      TEXT NOT NULL UNIQUE,
    gateway_ref    TEXT UNIQUE,
    payment_date   TEXT NOT NULL,
    failure_reason TEXT,
    refunded_at    TEXT,
    updated_at     TEXT NOT NULL,
    CHECK (status NOT IN ('Success', 'Refunded') OR method = 'Cash' OR gateway_ref IS NOT NULL),
    CHECK ((status = 'Refunded') = (refunded_at IS NOT NULL))
);
CREATE INDEX payments_by_user ON payments(user_id, id);
-- Revenue figures: sum of Success amounts over a date range, answered from the index alone.
CREATE INDEX payments_revenue ON payments(status, payment_date, amount_paise);

CREATE TABLE complaints (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    issue_type      TEXT NOT NULL CHECK (issue_type IN ('Gas Leak', 'Billing Issue', 'Regulator Issue', 'Other')),
    description     TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    status          TEXT NOT NULL CHECK (status IN ('Pending', 'Completed', 'Cancelled')),
    -- 0 for gas leaks so they lead the staff queue.
    priority        INTEGER GENERATED ALWAYS AS (CASE issue_type WHEN 'Gas Leak' THEN 0 ELSE 1 END) STORED,
    resolution_note TEXT NOT NULL DEFAULT '' CHECK (length(resolution_note) <= 500),
    resolved_by     INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX complaints_queue ON complaints(status, priority, id);
CREATE INDEX complaints_by_user ON complaints(user_id, id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('staff', 'customer', 'system')),
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_by_action ON audit_log(action, id);
CREATE INDEX audit_by_actor ON audit_log(actor_kind, actor_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
    ('price_paise', '100000'),
    ('low_stock_threshold', '20'),
    ('kiosk_idle_seconds', '90'),
    ('admin_relock_seconds', '300'),
    ('agency_name', 'GasDesk LPG Agency'),
    ('emergency_helpline', '1906'),
    ('reservation_lease_seconds', '120');
