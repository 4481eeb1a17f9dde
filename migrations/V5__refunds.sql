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
-- lapsed and the gateway had no charge yet): until this time, reconcile asks the gateway
-- whether a charge landed after all, and refunds it. NULL once settled or when the gateway
-- itself declined.
ALTER TABLE payments ADD COLUMN watch_charge_until TEXT;
CREATE INDEX payments_watched ON payments(watch_charge_until) WHERE watch_charge_until IS NOT NULL;

-- Refunds made before this version were confirmed by the gateway as they were recorded (a
-- refused one left the payment Success): each Refunded gateway payment gets its Refunded row.
INSERT INTO refunds (payment_id, booking_id, amount_paise, gateway_ref, state, attempts, next_attempt_at, requested_at, refunded_at, updated_at)
SELECT id, booking_id, amount_paise, gateway_ref, 'Refunded', 1, refunded_at, refunded_at, refunded_at, refunded_at
FROM payments WHERE status = 'Refunded' AND method = 'Gateway' AND gateway_ref IS NOT NULL AND amount_paise > 0;
