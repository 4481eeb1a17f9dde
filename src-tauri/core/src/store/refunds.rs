//! The `refunds` table (migration V5) and the payments whose charge may still land: the
//! refund state machine is written here before the gateway is asked, and read back by
//! reconcile, the dashboard and `gasdesk check`.
use super::rows::{db_time, time_at};
use super::{Db, Reader, Writer};
use crate::error::Result;
use crate::model::{Money, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

pub struct NewRefund<'a> {
    pub payment_id: i64,
    pub booking_id: i64,
    pub amount: Money,
    pub gateway_ref: &'a str,
    /// The writer asks the gateway right after its commit: no one else may before this time.
    pub held_until: Timestamp,
}

/// A refund not yet confirmed by the gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRefund {
    pub id: i64,
    /// Which attempt this process holds (see [`Writer::hold_refund`]): only that attempt's
    /// refusal is written, never a stale one over a newer attempt.
    pub attempt: i64,
    pub payment_id: i64,
    pub booking_id: i64,
    pub amount: Money,
    pub gateway_ref: String,
}

/// A payment of a cancelled booking whose charge may still land at the gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchedCharge {
    pub payment_id: i64,
    pub booking_id: i64,
    pub order_ref: String,
    pub amount: Money,
    pub watch_until: Timestamp,
}

fn open_refund_from_row(row: &Row<'_>) -> rusqlite::Result<OpenRefund> {
    Ok(OpenRefund {
        id: row.get(0)?,
        attempt: row.get(5)?,
        payment_id: row.get(1)?,
        booking_id: row.get(2)?,
        amount: Money::from_paise(row.get(3)?),
        gateway_ref: row.get(4)?,
    })
}

const OPEN_SELECT: &str = "SELECT id, payment_id, booking_id, amount_paise, gateway_ref, attempts FROM refunds";

impl Reader<'_> {
    /// Refunds the gateway has not confirmed: refused ones, and ones still being asked.
    pub fn open_refund_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM refunds INDEXED BY refunds_open WHERE state <> 'Refunded'")?
            .query_row([], |r| r.get(0))?)
    }

    /// The open refund of a booking, if it has one.
    pub fn open_refund_of_booking(&self, booking_id: i64) -> Result<Option<OpenRefund>> {
        let sql = format!("{OPEN_SELECT} WHERE booking_id = ?1 AND state <> 'Refunded'");
        Ok(self.conn.prepare_cached(&sql)?.query_row([booking_id], open_refund_from_row).optional()?)
    }

    /// Open refunds no process holds and whose back-off has passed, oldest first.
    pub fn refunds_due(&self, now: Timestamp, limit: u32) -> Result<Vec<OpenRefund>> {
        let sql = format!(
            "{OPEN_SELECT} INDEXED BY refunds_open WHERE state <> 'Refunded' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![db_time(now), limit], open_refund_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Payments of cancelled bookings whose charge may still land and that are due to be asked
    /// about at `now`, the longest waiting first.
    pub fn watched_charges_due(&self, now: Timestamp, limit: u32) -> Result<Vec<WatchedCharge>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, booking_id, order_ref, amount_paise, watch_charge_until FROM payments INDEXED BY payments_watched
                 WHERE watch_next_at IS NOT NULL AND watch_next_at <= ?1 ORDER BY watch_next_at LIMIT ?2",
            )?
            .query_map(params![db_time(now), limit], |r| {
                Ok(WatchedCharge {
                    payment_id: r.get(0)?,
                    booking_id: r.get(1)?,
                    order_ref: r.get(2)?,
                    amount: Money::from_paise(r.get(3)?),
                    watch_until: time_at(r, 4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    /// Writes a Pending refund, held by the writer until `held_until`. Returns its id, or None
    /// when the payment already has a refund (another process got there first).
    pub fn insert_refund(&self, new: &NewRefund<'_>, now: Timestamp) -> Result<Option<i64>> {
        let now = db_time(now);
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO refunds (payment_id, booking_id, amount_paise, gateway_ref, state, attempts, next_attempt_at, requested_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'Pending', 1, ?5, ?6, ?6) ON CONFLICT DO NOTHING",
            )?
            .execute(params![new.payment_id, new.booking_id, new.amount.paise(), new.gateway_ref, db_time(new.held_until), now])?;
        Ok((inserted == 1).then(|| self.conn.last_insert_rowid()))
    }

    /// Takes an open refund for one attempt: its number when this process may now ask the
    /// gateway (no other process holds it and its back-off has passed), `None` otherwise.
    pub fn hold_refund(&self, id: i64, now: Timestamp, held_until: Timestamp) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "UPDATE refunds SET state = 'Pending', next_attempt_at = ?3, attempts = attempts + 1, updated_at = ?2
                 WHERE id = ?1 AND state <> 'Refunded' AND next_attempt_at <= ?2 RETURNING attempts",
            )?
            .query_row(params![id, db_time(now), db_time(held_until)], |r| r.get(0))
            .optional()?)
    }

    /// The gateway confirmed the refund: the refund is done and its payment Refunded.
    pub fn record_refund_done(&self, id: i64, now: Timestamp) -> Result<bool> {
        self.close_refund(id, "state <> 'Refunded'", now)
    }

    /// Staff gave the money back another way: only a refund the gateway refused and nobody is
    /// asking it about right now (an attempt in progress is `Pending`), so it is never paid twice.
    pub fn record_refund_settled_by_hand(&self, id: i64, now: Timestamp) -> Result<bool> {
        self.close_refund(id, "state = 'Failed'", now)
    }

    fn close_refund(&self, id: i64, only_when: &'static str, now: Timestamp) -> Result<bool> {
        let now = db_time(now);
        let sql = format!(
            "UPDATE refunds SET state = 'Refunded', refunded_at = ?2, last_error = NULL, updated_at = ?2 WHERE id = ?1 AND {only_when}"
        );
        let changed = self.conn.prepare_cached(&sql)?.execute(params![id, now])?;
        if changed == 1 {
            self.conn
                .prepare_cached(
                    "UPDATE payments SET status = 'Refunded', refunded_at = ?2, updated_at = ?2
                     WHERE id = (SELECT payment_id FROM refunds WHERE id = ?1) AND status IN ('Success', 'Failed')",
                )?
                .execute(params![id, now])?;
        }
        Ok(changed == 1)
    }

    /// The gateway refused `attempt`: Failed, tried again from `retry_at` on. Written only while
    /// that attempt is the latest: a stale refusal never overwrites a newer attempt in flight.
    pub fn record_refund_refused(&self, id: i64, attempt: i64, error: &str, retry_at: Timestamp, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE refunds SET state = 'Failed', last_error = substr(?3, 1, 300), next_attempt_at = ?4, updated_at = ?5
                 WHERE id = ?1 AND attempts = ?2 AND state <> 'Refunded'",
            )?
            .execute(params![id, attempt, error, db_time(retry_at), db_time(now)])?;
        Ok(())
    }

    /// From now until `until`, reconcile asks the gateway whether this booking's charge landed.
    pub fn watch_charge(&self, booking_id: i64, first_check_at: Timestamp, until: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE payments SET watch_next_at = ?2, watch_charge_until = ?3 WHERE booking_id = ?1 AND method = 'Gateway'")?
            .execute(params![booking_id, db_time(first_check_at), db_time(until)])?;
        Ok(())
    }

    /// Asked, no charge yet: ask again at `next`.
    pub fn watch_charge_again_at(&self, payment_id: i64, next: Timestamp) -> Result<()> {
        self.conn.prepare_cached("UPDATE payments SET watch_next_at = ?2 WHERE id = ?1")?.execute(params![payment_id, db_time(next)])?;
        Ok(())
    }

    pub fn stop_watching_charge(&self, payment_id: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE payments SET watch_charge_until = NULL, watch_next_at = NULL WHERE id = ?1")?
            .execute([payment_id])?;
        Ok(())
    }

    /// A charge that landed after its booking was cancelled: the Failed payment names it, so
    /// the refund and the records agree on which charge is given back. Returns the payment id.
    pub fn record_late_charge(&self, booking_id: i64, gateway_ref: &str, now: Timestamp) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "UPDATE payments SET gateway_ref = ?2, watch_charge_until = NULL, watch_next_at = NULL, updated_at = ?3
                 WHERE booking_id = ?1 AND status = 'Failed' AND (gateway_ref IS NULL OR gateway_ref = ?2) RETURNING id",
            )?
            .query_row(params![booking_id, gateway_ref, db_time(now)], |r| r.get(0))
            .optional()?)
    }
}

impl Db {
    /// Refunds still waiting for the gateway's word, for `gasdesk check`.
    pub fn refunds_needing_attention(&self) -> Result<i64> {
        self.read(|r| r.open_refund_count())
    }
}
