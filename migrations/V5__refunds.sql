-- Refunds as a state machine, written before the gateway is asked (issue 9): a refund is
-- Pending from the moment GasDesk decides to give money back, Refunded only once the gateway
-- said so, Failed when it refused (retried by reconcile, shown on the dashboard until done).
-- Before this, a cancelled Completed booking was marked Refunded before the gateway was asked,
-- and a refused refund was only written to the audit log.
CREATE TABLE refunds (
    id            INTEGER PRIMARY KEY,
    payment_id    INTEGER NOT NULL UNIQUE REFERENCES payments(id),
    booking_id    INTEGER NOT NULL UNIQUE REFERENCES bookings(id),
    amount_paise  INTEGER NOT NULL CHECK (amount_paise > 0),
    -- The gateway's reference of the charge being refunded.
    gateway_ref   TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('Pending', 'Refunded', 'Failed')),
    attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error    TEXT CHECK (length(last_error) <= 300),
    -- No process asks the gateway again before this time: a process asking now holds it
    -- (a lease, so two processes never refund one charge twice), a refused one waits.
    next_attempt_at TEXT NOT NULL,
    requested_at  TEXT NOT NULL,
    refunded_at   TEXT,
    updated_at    TEXT NOT NULL,
    CHECK ((state = 'Refunded') = (refunded_at IS NOT NULL))
);
-- Reconcile and the dashboard read only the refunds still open.
CREATE INDEX refunds_open ON refunds(next_attempt_at) WHERE state <> 'Refunded';

-- A booking cancelled while its charge may still be in flight (staff cancelled it, or its lease
-- lapsed and the gateway had no charge yet): until `watch_charge_until`, reconcile asks the
-- gateway whether a charge landed after all, and refunds it; it asks first when the booking's
-- lease has run out (before that, the process paying handles its own charge) and then every few
-- minutes (`watch_next_at`), so a booking never waits on more than the rare due question.
-- Both NULL once settled or when the gateway itself declined.
ALTER TABLE payments ADD COLUMN watch_charge_until TEXT;
ALTER TABLE payments ADD COLUMN watch_next_at TEXT;
CREATE INDEX payments_watched ON payments(watch_next_at) WHERE watch_next_at IS NOT NULL;

-- What the audit log says of refunds made before this version (the code then wrote no refund
-- record of its own), so that money still owed is not buried by the upgrade:
-- - `payment.refund_failed` (a cancelled Completed booking): the payment had been marked
--   Refunded before the gateway refused; it goes back to Success with a Failed refund;
-- - `payment.orphan_refund` (a charge that landed after its booking was cancelled): the Failed
--   payment gets the charge's reference, and is Refunded (with a Refunded refund) when the
--   gateway had refunded it, or gets a Failed refund when it had refused.
-- Failed refunds are due at once: the next reconcile asks the gateway again.
UPDATE payments SET status = 'Success', refunded_at = NULL
WHERE status = 'Refunded' AND method = 'Gateway' AND gateway_ref IS NOT NULL
  AND booking_id IN (SELECT entity_id FROM audit_log WHERE action = 'payment.refund_failed' AND entity = 'booking');

UPDATE payments SET gateway_ref = (
        SELECT json_extract(a.after_json, '$.gateway_ref') FROM audit_log a
        WHERE a.action = 'payment.orphan_refund' AND a.entity = 'booking' AND a.entity_id = payments.booking_id
        ORDER BY a.id DESC LIMIT 1)
WHERE status = 'Failed' AND method = 'Gateway' AND gateway_ref IS NULL
  AND booking_id IN (SELECT entity_id FROM audit_log WHERE action = 'payment.orphan_refund' AND entity = 'booking'
                     AND json_extract(after_json, '$.gateway_ref') IS NOT NULL);

UPDATE payments SET status = 'Refunded', refunded_at = (
        SELECT a.at FROM audit_log a
        WHERE a.action = 'payment.orphan_refund' AND a.entity = 'booking' AND a.entity_id = payments.booking_id
        ORDER BY a.id DESC LIMIT 1)
WHERE status = 'Failed' AND method = 'Gateway' AND gateway_ref IS NOT NULL
  AND booking_id IN (SELECT entity_id FROM audit_log WHERE action = 'payment.orphan_refund' AND entity = 'booking'
                     AND json_extract(after_json, '$.refunded') = 1);

-- Every Refunded gateway payment: its refund, Refunded.
INSERT INTO refunds (payment_id, booking_id, amount_paise, gateway_ref, state, attempts, next_attempt_at, requested_at, refunded_at, updated_at)
SELECT id, booking_id, amount_paise, gateway_ref, 'Refunded', 1, refunded_at, refunded_at, refunded_at, refunded_at
FROM payments WHERE status = 'Refunded' AND method = 'Gateway' AND gateway_ref IS NOT NULL AND amount_paise > 0;

-- Money still owed: a Success payment of a cancelled booking, or a charged Failed payment.
INSERT INTO refunds (payment_id, booking_id, amount_paise, gateway_ref, state, attempts, last_error, next_attempt_at, requested_at, updated_at)
SELECT p.id, p.booking_id, p.amount_paise, p.gateway_ref, 'Failed', 1,
       substr((SELECT coalesce(json_extract(a.after_json, '$.error'), 'refused') FROM audit_log a
               WHERE a.action IN ('payment.refund_failed', 'payment.orphan_refund') AND a.entity = 'booking'
                 AND a.entity_id = p.booking_id ORDER BY a.id DESC LIMIT 1), 1, 300),
       p.updated_at, p.updated_at, p.updated_at
FROM payments p JOIN bookings b ON b.id = p.booking_id
WHERE p.method = 'Gateway' AND p.gateway_ref IS NOT NULL AND p.amount_paise > 0 AND b.status = 'Cancelled'
  AND p.status IN ('Success', 'Failed');
