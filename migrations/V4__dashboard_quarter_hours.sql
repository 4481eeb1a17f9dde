-- The dashboard's chart (completed bookings per day) and today's / this month's revenue, kept
-- per quarter hour by triggers: counting them from bookings and payments read 23,000 index
-- entries for the chart and up to a month of payments for the revenue at agency scale (8 ms).
-- Quarter hours because every time zone's midnight falls on one (India's is 18:30 UTC).
-- `gasdesk check` and the tests compare every bucket with a recount.
CREATE TABLE quarter_hours (
    bucket             TEXT PRIMARY KEY,  -- UTC 'YYYY-MM-DDTHH:MM', minutes 00, 15, 30 or 45
    completed_bookings INTEGER NOT NULL DEFAULT 0 CHECK (completed_bookings >= 0),
    revenue_paise      INTEGER NOT NULL DEFAULT 0 CHECK (revenue_paise >= 0)
) WITHOUT ROWID;

-- The bucket of a stored time 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (the store's fixed-width format).
-- Written out in each place below: SQLite has no stored functions.
INSERT INTO quarter_hours (bucket, completed_bookings, revenue_paise)
SELECT bucket, sum(completed), sum(paise) FROM (
    SELECT substr(booking_date, 1, 14) || printf('%02d', CAST(substr(booking_date, 15, 2) AS INTEGER) / 15 * 15) AS bucket,
           1 AS completed, 0 AS paise
    FROM bookings WHERE status = 'Completed'
    UNION ALL
    SELECT substr(payment_date, 1, 14) || printf('%02d', CAST(substr(payment_date, 15, 2) AS INTEGER) / 15 * 15),
           0, amount_paise
    FROM payments WHERE status = 'Success'
) GROUP BY bucket;

CREATE TRIGGER quarter_hours_booking_insert AFTER INSERT ON bookings
WHEN NEW.status = 'Completed'
BEGIN
    INSERT INTO quarter_hours (bucket, completed_bookings)
    VALUES (substr(NEW.booking_date, 1, 14) || printf('%02d', CAST(substr(NEW.booking_date, 15, 2) AS INTEGER) / 15 * 15), 1)
    ON CONFLICT (bucket) DO UPDATE SET completed_bookings = completed_bookings + 1;
END;

CREATE TRIGGER quarter_hours_booking_update AFTER UPDATE OF status, booking_date ON bookings
WHEN OLD.status = 'Completed' OR NEW.status = 'Completed'
BEGIN
    UPDATE quarter_hours SET completed_bookings = completed_bookings - 1
    WHERE OLD.status = 'Completed'
      AND bucket = substr(OLD.booking_date, 1, 14) || printf('%02d', CAST(substr(OLD.booking_date, 15, 2) AS INTEGER) / 15 * 15);
    INSERT INTO quarter_hours (bucket, completed_bookings)
    SELECT substr(NEW.booking_date, 1, 14) || printf('%02d', CAST(substr(NEW.booking_date, 15, 2) AS INTEGER) / 15 * 15), 1
    WHERE NEW.status = 'Completed'
    ON CONFLICT (bucket) DO UPDATE SET completed_bookings = completed_bookings + 1;
END;

CREATE TRIGGER quarter_hours_booking_delete AFTER DELETE ON bookings
WHEN OLD.status = 'Completed'
BEGIN
    UPDATE quarter_hours SET completed_bookings = completed_bookings - 1
    WHERE bucket = substr(OLD.booking_date, 1, 14) || printf('%02d', CAST(substr(OLD.booking_date, 15, 2) AS INTEGER) / 15 * 15);
END;

CREATE TRIGGER quarter_hours_payment_insert AFTER INSERT ON payments
WHEN NEW.status = 'Success'
BEGIN
    INSERT INTO quarter_hours (bucket, revenue_paise)
    VALUES (substr(NEW.payment_date, 1, 14) || printf('%02d', CAST(substr(NEW.payment_date, 15, 2) AS INTEGER) / 15 * 15), NEW.amount_paise)
    ON CONFLICT (bucket) DO UPDATE SET revenue_paise = revenue_paise + excluded.revenue_paise;
END;

CREATE TRIGGER quarter_hours_payment_update AFTER UPDATE OF status, payment_date, amount_paise ON payments
WHEN OLD.status = 'Success' OR NEW.status = 'Success'
BEGIN
    UPDATE quarter_hours SET revenue_paise = revenue_paise - OLD.amount_paise
    WHERE OLD.status = 'Success'
      AND bucket = substr(OLD.payment_date, 1, 14) || printf('%02d', CAST(substr(OLD.payment_date, 15, 2) AS INTEGER) / 15 * 15);
    INSERT INTO quarter_hours (bucket, revenue_paise)
    SELECT substr(NEW.payment_date, 1, 14) || printf('%02d', CAST(substr(NEW.payment_date, 15, 2) AS INTEGER) / 15 * 15), NEW.amount_paise
    WHERE NEW.status = 'Success'
    ON CONFLICT (bucket) DO UPDATE SET revenue_paise = revenue_paise + excluded.revenue_paise;
END;

CREATE TRIGGER quarter_hours_payment_delete AFTER DELETE ON payments
WHEN OLD.status = 'Success'
BEGIN
    UPDATE quarter_hours SET revenue_paise = revenue_paise - OLD.amount_paise
    WHERE bucket = substr(OLD.payment_date, 1, 14) || printf('%02d', CAST(substr(OLD.payment_date, 15, 2) AS INTEGER) / 15 * 15);
END;

-- The chart read the bookings through the first index and the revenue figures summed the
-- payments through the second; nothing reads them now, and every booking paid for them with
-- more pages written.
DROP INDEX bookings_completed_by_date;
DROP INDEX payments_revenue;
