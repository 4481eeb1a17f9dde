-- The agency's real trade (issue 12, spec §8): cylinder types, connections with allowances,
-- consumer numbers, GST sale documents with gapless numbers, test-due dates and hold-backs.
-- Upgrade: every cylinder becomes 14.2 kg domestic, every customer gets a single-bottle 14.2 kg
-- connection and a generated consumer number; past bookings keep their receipts (no document is
-- invented for them). Only the small tables are rewritten (cylinders, users): bookings, payments,
-- complaints and the audit log are not touched, so the upgrade at agency size takes seconds.

-- What the agency sells. Prices are GST-inclusive (LPG is sold that way); the rate is in basis
-- points (500 = 5 %). A type is never deleted once cylinders have it, only made inactive.
CREATE TABLE cylinder_types (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
    category     TEXT NOT NULL CHECK (category IN ('Domestic', 'Commercial')),
    price_paise  INTEGER NOT NULL CHECK (price_paise BETWEEN 1 AND 9999999),
    gst_rate_bp  INTEGER NOT NULL CHECK (gst_rate_bp BETWEEN 0 AND 2800),
    hsn          TEXT NOT NULL DEFAULT '2711' CHECK (length(hsn) BETWEEN 4 AND 8 AND hsn NOT GLOB '*[^0-9]*'),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Id 1 is the type every existing cylinder and connection becomes: at the price staff had set.
INSERT INTO cylinder_types (id, name, category, price_paise, gst_rate_bp, created_at, updated_at)
SELECT 1, '14.2 kg domestic', 'Domestic',
       COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'price_paise'), 100000),
       500, strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now');
INSERT INTO cylinder_types (id, name, category, price_paise, gst_rate_bp, created_at, updated_at) VALUES
    (2, '5 kg domestic', 'Domestic', 35000, 500, strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now')),
    (3, '19 kg commercial', 'Commercial', 175000, 1800, strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'));
-- The one price now lives on the types.
DELETE FROM settings WHERE key = 'price_paise';

-- Every cylinder has a type. SQLite cannot add a NOT NULL column with a foreign key while
-- foreign keys are on, so the column is nullable with a real foreign key, filled here, and a
-- trigger refuses NULL from now on.
ALTER TABLE cylinders ADD COLUMN type_id INTEGER REFERENCES cylinder_types(id);
UPDATE cylinders SET type_id = 1;
-- The statutory test-due date: the last day of the quarter stamped on the cylinder (`C-27` =
-- 2027-09-30). NULL only for cylinders registered before this version (not recorded yet).
ALTER TABLE cylinders ADD COLUMN test_due TEXT CHECK (test_due IS NULL OR test_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
-- Held back by staff (defective, leaking): never handed out until released. Its own field, so
-- the three status words stay as they are.
ALTER TABLE cylinders ADD COLUMN hold TEXT CHECK (hold IS NULL OR hold IN ('Defective', 'Leaking'));
ALTER TABLE cylinders ADD COLUMN hold_reason TEXT NOT NULL DEFAULT '' CHECK (length(hold_reason) <= 300);

CREATE TRIGGER cylinders_type_required_insert BEFORE INSERT ON cylinders
WHEN NEW.type_id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'every cylinder has a type');
END;

CREATE TRIGGER cylinders_type_required_update BEFORE UPDATE OF type_id ON cylinders
WHEN NEW.type_id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'every cylinder has a type');
END;

-- A held-back cylinder, or one whose test date has passed, is never reserved or handed out.
-- (The code also keeps the setting's margin before the date; this is the floor under it. The
-- date is India's, as the stamp is.) A reserved cylinder may still be handed over after its
-- date passes mid-payment: refusing then would take money without giving a cylinder.
CREATE TRIGGER cylinders_never_hand_out_unsafe BEFORE UPDATE OF reserved_by, status ON cylinders
WHEN ((OLD.reserved_by IS NULL AND NEW.reserved_by IS NOT NULL)
      OR (OLD.status <> 'Assigned' AND NEW.status = 'Assigned' AND OLD.reserved_by IS NULL))
  AND (NEW.hold IS NOT NULL OR (NEW.test_due IS NOT NULL AND NEW.test_due <= date('now', '+330 minutes')))
BEGIN
    SELECT RAISE(ABORT, 'a held-back or test-due cylinder is never handed out');
END;

CREATE TRIGGER cylinders_hold_only_in_stock BEFORE UPDATE OF hold ON cylinders
WHEN NEW.hold IS NOT NULL AND (NEW.status = 'Assigned' OR NEW.reserved_by IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'only a cylinder in stock can be held back');
END;

-- The FIFO queue is per type, and held-back cylinders are not in it.
DROP INDEX cylinders_fifo;
CREATE INDEX cylinders_fifo_by_type ON cylinders(type_id, filled_at, id)
    WHERE status = 'Filled' AND reserved_by IS NULL AND hold IS NULL;
-- Stock per type on the dashboard, from the index alone.
CREATE INDEX cylinders_stock_by_type ON cylinders(type_id, status, reserved_by, hold, test_due);
-- The "due for test / held back" list.
CREATE INDEX cylinders_test_due ON cylinders(test_due) WHERE test_due IS NOT NULL;
CREATE INDEX cylinders_held ON cylinders(hold) WHERE hold IS NOT NULL;
-- The inventory list of one type (and status), in code order, without sorting the stock.
CREATE INDEX cylinders_type_code ON cylinders(type_id, code);
CREATE INDEX cylinders_type_status_code ON cylinders(type_id, status, code);
-- Cylinders from before this version, whose stamp staff still have to read and record.
CREATE INDEX cylinders_undated ON cylinders(code) WHERE test_due IS NULL;

-- The consumer number on every bill: issued by the oil company; staff type it, or GasDesk
-- makes one (`GD` + 8 digits of the customer's row id) when they leave it blank.
ALTER TABLE users ADD COLUMN consumer_no TEXT CHECK (consumer_no IS NULL OR length(consumer_no) BETWEEN 1 AND 20);
UPDATE users SET consumer_no = printf('GD%08d', id);
CREATE UNIQUE INDEX users_consumer_no ON users(consumer_no);

CREATE TRIGGER users_consumer_no_generated AFTER INSERT ON users
WHEN NEW.consumer_no IS NULL
BEGIN
    UPDATE users SET consumer_no = printf('GD%08d', NEW.id) WHERE id = NEW.id;
END;

CREATE TRIGGER users_consumer_no_kept BEFORE UPDATE OF consumer_no ON users
WHEN NEW.consumer_no IS NULL
BEGIN
    SELECT RAISE(ABORT, 'every customer has a consumer number');
END;

-- A customer's connection of one type: how many cylinders of it they may hold at once
-- (single-bottle 1, double-bottle 2; a commercial connection may allow more).
CREATE TABLE connections (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    type_id     INTEGER NOT NULL REFERENCES cylinder_types(id),
    allowance   INTEGER NOT NULL CHECK (allowance BETWEEN 1 AND 20),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (user_id, type_id)
);
INSERT INTO connections (user_id, type_id, allowance, created_at, updated_at)
SELECT id, 1, 1, created_at, created_at FROM users ORDER BY id;

-- Rule 1 as it now reads: never more cylinders of a type than the customer's connection
-- allows. The old "one per customer" unique index goes; triggers count instead.
DROP INDEX cylinders_one_per_customer;
CREATE INDEX cylinders_by_holder ON cylinders(assigned_to, type_id) WHERE assigned_to IS NOT NULL;

CREATE TRIGGER cylinders_allowance_on_insert BEFORE INSERT ON cylinders
WHEN NEW.assigned_to IS NOT NULL
  AND (SELECT count(*) FROM cylinders WHERE assigned_to = NEW.assigned_to AND type_id = NEW.type_id)
      >= COALESCE((SELECT allowance FROM connections WHERE user_id = NEW.assigned_to AND type_id = NEW.type_id), 0)
BEGIN
    SELECT RAISE(ABORT, 'the customer''s connection allows no more cylinders of this type');
END;

CREATE TRIGGER cylinders_allowance_on_update BEFORE UPDATE OF assigned_to, type_id ON cylinders
WHEN NEW.assigned_to IS NOT NULL
  AND (SELECT count(*) FROM cylinders WHERE assigned_to = NEW.assigned_to AND type_id = NEW.type_id AND id <> NEW.id)
      >= COALESCE((SELECT allowance FROM connections WHERE user_id = NEW.assigned_to AND type_id = NEW.type_id), 0)
BEGIN
    SELECT RAISE(ABORT, 'the customer''s connection allows no more cylinders of this type');
END;

CREATE TRIGGER connections_allowance_covers_held BEFORE UPDATE OF allowance ON connections
WHEN NEW.allowance < (SELECT count(*) FROM cylinders WHERE assigned_to = NEW.user_id AND type_id = NEW.type_id)
BEGIN
    SELECT RAISE(ABORT, 'the customer holds more cylinders of this type than that allowance');
END;

CREATE TRIGGER connections_fixed_owner_and_type BEFORE UPDATE OF user_id, type_id ON connections
WHEN NEW.user_id IS NOT OLD.user_id OR NEW.type_id IS NOT OLD.type_id
BEGIN
    SELECT RAISE(ABORT, 'a connection keeps its customer and type');
END;

CREATE TRIGGER connections_delete_only_when_nothing_held BEFORE DELETE ON connections
WHEN EXISTS (SELECT 1 FROM cylinders WHERE assigned_to = OLD.user_id AND type_id = OLD.type_id)
BEGIN
    SELECT RAISE(ABORT, 'the customer still holds cylinders of this connection');
END;

-- has_active_cylinder now means "holds at least one": the V1 triggers counted to one.
DROP TRIGGER cylinders_owner_on_update;
DROP TRIGGER cylinders_owner_on_delete;
DROP TRIGGER users_active_flag_guard;

CREATE TRIGGER cylinders_owner_on_update AFTER UPDATE OF assigned_to ON cylinders
WHEN OLD.assigned_to IS NOT NEW.assigned_to
BEGIN
    UPDATE users SET has_active_cylinder = EXISTS (SELECT 1 FROM cylinders WHERE assigned_to = OLD.assigned_to) WHERE id = OLD.assigned_to;
    UPDATE users SET has_active_cylinder = 1 WHERE id = NEW.assigned_to;
END;

CREATE TRIGGER cylinders_owner_on_delete AFTER DELETE ON cylinders
WHEN OLD.assigned_to IS NOT NULL
BEGIN
    UPDATE users SET has_active_cylinder = EXISTS (SELECT 1 FROM cylinders WHERE assigned_to = OLD.assigned_to) WHERE id = OLD.assigned_to;
END;

CREATE TRIGGER users_active_flag_guard BEFORE UPDATE OF has_active_cylinder ON users
WHEN NEW.has_active_cylinder <> EXISTS (SELECT 1 FROM cylinders WHERE assigned_to = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'has_active_cylinder must agree with cylinders');
END;

-- Refill rules count a customer's paid refills of a type: their bookings, joined to cylinders.
-- A customer has a handful of bookings a year, so bookings_by_user answers it.

-- GST documents: a tax invoice for every sale, a credit note for every refund of an invoiced
-- sale, a zero-value delivery note for a free replacement. Each kind is its own series per
-- financial year (April–March), numbered gapless: `seq` must be the next of its series (the
-- trigger below), assigned in the transaction that completes the sale, so a rollback or a
-- killed process leaves no hole. What was printed is kept as printed: later changes to prices,
-- settings or the customer do not alter an issued document. Never deleted, never renumbered.
CREATE TABLE sale_documents (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('Invoice', 'CreditNote', 'DeliveryNote')),
    financial_year   TEXT NOT NULL CHECK (financial_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    seq              INTEGER NOT NULL CHECK (seq >= 1),
    number           TEXT NOT NULL UNIQUE,
    booking_id       INTEGER NOT NULL REFERENCES bookings(id),
    -- A credit note names the invoice it reverses.
    refers_to        INTEGER REFERENCES sale_documents(id),
    issued_at        TEXT NOT NULL,
    seller_name      TEXT NOT NULL,
    seller_address   TEXT NOT NULL,
    seller_gstin     TEXT NOT NULL,
    seller_state     TEXT NOT NULL,
    customer_name    TEXT NOT NULL,
    consumer_no      TEXT NOT NULL,
    customer_address TEXT NOT NULL,
    type_name        TEXT NOT NULL,
    hsn              TEXT NOT NULL,
    gst_rate_bp      INTEGER NOT NULL CHECK (gst_rate_bp BETWEEN 0 AND 2800),
    cylinder_code    TEXT NOT NULL,
    total_paise      INTEGER NOT NULL CHECK (total_paise >= 0),
    taxable_paise    INTEGER NOT NULL CHECK (taxable_paise >= 0),
    cgst_paise       INTEGER NOT NULL CHECK (cgst_paise >= 0),
    sgst_paise       INTEGER NOT NULL CHECK (sgst_paise >= 0),
    payment_method   TEXT,
    payment_ref      TEXT,
    -- How many times it was printed: the second print onwards says "Duplicate".
    prints           INTEGER NOT NULL DEFAULT 0 CHECK (prints >= 0),
    UNIQUE (kind, financial_year, seq),
    UNIQUE (booking_id, kind),
    CHECK (taxable_paise + cgst_paise + sgst_paise = total_paise),
    CHECK ((kind = 'CreditNote') = (refers_to IS NOT NULL)),
    CHECK (kind <> 'DeliveryNote' OR total_paise = 0)
);

CREATE TRIGGER sale_documents_gapless BEFORE INSERT ON sale_documents
WHEN NEW.seq <> COALESCE((SELECT max(seq) FROM sale_documents WHERE kind = NEW.kind AND financial_year = NEW.financial_year), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'document numbers are gapless: this is not the next number of its series');
END;

CREATE TRIGGER sale_documents_never_deleted BEFORE DELETE ON sale_documents
BEGIN
    SELECT RAISE(ABORT, 'an issued document is never deleted');
END;

CREATE TRIGGER sale_documents_kept_as_issued BEFORE UPDATE ON sale_documents
WHEN NEW.kind IS NOT OLD.kind OR NEW.financial_year IS NOT OLD.financial_year OR NEW.seq IS NOT OLD.seq
  OR NEW.number IS NOT OLD.number OR NEW.booking_id IS NOT OLD.booking_id OR NEW.refers_to IS NOT OLD.refers_to
  OR NEW.issued_at IS NOT OLD.issued_at OR NEW.total_paise IS NOT OLD.total_paise OR NEW.taxable_paise IS NOT OLD.taxable_paise
  OR NEW.cgst_paise IS NOT OLD.cgst_paise OR NEW.sgst_paise IS NOT OLD.sgst_paise OR NEW.seller_gstin IS NOT OLD.seller_gstin
  OR NEW.consumer_no IS NOT OLD.consumer_no OR NEW.type_name IS NOT OLD.type_name OR NEW.gst_rate_bp IS NOT OLD.gst_rate_bp
  OR NEW.prints < OLD.prints
BEGIN
    SELECT RAISE(ABORT, 'an issued document is kept as issued');
END;

-- The seller on every invoice, and the refill rules (defaults: 25 days, 15 a year; test-due
-- margin 30 days: a cylinder handed out now is with the customer for weeks).
INSERT INTO settings (key, value) VALUES
    ('legal_name', COALESCE((SELECT value FROM settings WHERE key = 'agency_name'), 'GasDesk LPG Agency')),
    ('agency_address', ''),
    ('gstin', ''),
    ('agency_state', ''),
    ('refill_gap_days', '25'),
    ('refills_per_year', '15'),
    ('test_due_margin_days', '30');
