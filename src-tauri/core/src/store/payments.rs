//! The `payments` table. A row is written (Pending) before the gateway is called.
use super::bookings::booking_reference;
use super::rows::{before_id, db_time, opt_word_at, page_bounds, time_at, word_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Money, PageRequest, Payment, PaymentMethod, PaymentStatus, RefundState, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

pub struct NewPayment<'a> {
    pub user_id: i64,
    pub booking_id: i64,
    pub amount: Money,
    pub status: PaymentStatus,
    pub method: PaymentMethod,
    /// Our own reference, sent to the gateway so a retried or reconciled charge is the same one.
    pub order_ref: &'a str,
    pub gateway_ref: Option<&'a str>,
    pub payment_date: Timestamp,
}

/// What the cancel rules need to know about a booking's payment.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentState {
    pub id: i64,
    pub status: PaymentStatus,
    pub method: PaymentMethod,
    pub gateway_ref: Option<String>,
    pub amount: Money,
}

fn payment_from_row(row: &Row<'_>) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: row.get(0)?,
        booking_reference: booking_reference(row.get(1)?),
        amount: Money::from_paise(row.get(2)?),
        status: word_at(row, 3, PaymentStatus::from_word)?,
        method: word_at(row, 4, PaymentMethod::from_word)?,
        reference: row.get(5)?,
        payment_date: time_at(row, 6)?,
        failure_reason: row.get(7)?,
        refund: opt_word_at(row, 8, RefundState::from_word)?,
    })
}

impl Reader<'_> {
    pub fn payment_of_booking(&self, booking_id: i64) -> Result<Option<PaymentState>> {
        Ok(self
            .conn
            .prepare_cached("SELECT status, method, gateway_ref, amount_paise, id FROM payments WHERE booking_id = ?1")?
            .query_row([booking_id], |r| {
                Ok(PaymentState {
                    id: r.get(4)?,
                    status: word_at(r, 0, PaymentStatus::from_word)?,
                    method: word_at(r, 1, PaymentMethod::from_word)?,
                    gateway_ref: r.get(2)?,
                    amount: Money::from_paise(r.get(3)?),
                })
            })
            .optional()?)
    }

    /// A customer's payments, newest first.
    pub fn payments_of_customer(&self, user_id: i64, page: &PageRequest) -> Result<Vec<Payment>> {
        let (limit, offset) = page_bounds(page);
        let rows = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.booking_id, p.amount_paise, p.status, p.method, COALESCE(p.gateway_ref, p.order_ref), p.payment_date,
                        p.failure_reason, rf.state
                 FROM payments p LEFT JOIN refunds rf ON rf.payment_id = p.id
                 WHERE p.user_id = ?1 AND p.id < ?4 ORDER BY p.id DESC LIMIT ?2 OFFSET ?3",
            )?
            .query_map(params![user_id, limit, offset, before_id(page)], payment_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn insert_payment(&self, new: &NewPayment<'_>) -> Result<i64> {
        let date = db_time(new.payment_date);
        self.conn
            .prepare_cached(
                "INSERT INTO payments (user_id, booking_id, amount_paise, status, method, order_ref, gateway_ref, payment_date, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?
            .execute(params![
                new.user_id,
                new.booking_id,
                new.amount.paise(),
                new.status.as_str(),
                new.method.as_str(),
                new.order_ref,
                new.gateway_ref,
                date
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Pending → Success with the gateway's reference; the payment date becomes the capture time.
    pub fn record_payment_success(&self, booking_id: i64, gateway_ref: &str, now: Timestamp) -> Result<bool> {
        let now = db_time(now);
        let changed = self
            .conn
            .prepare_cached("UPDATE payments SET status = 'Success', gateway_ref = ?2, payment_date = ?3, updated_at = ?3 WHERE booking_id = ?1 AND status = 'Pending'")?
            .execute(params![booking_id, gateway_ref, now])?;
        Ok(changed == 1)
    }

    pub fn record_payment_failure(&self, booking_id: i64, reason: &str, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached("UPDATE payments SET status = 'Failed', failure_reason = substr(?2, 1, 300), updated_at = ?3 WHERE booking_id = ?1 AND status = 'Pending'")?
            .execute(params![booking_id, reason, db_time(now)])?;
        Ok(changed == 1)
    }

    pub fn record_payment_refund(&self, booking_id: i64, now: Timestamp) -> Result<bool> {
        let now = db_time(now);
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE payments SET status = 'Refunded', refunded_at = ?2, updated_at = ?2 WHERE booking_id = ?1 AND status = 'Success'",
            )?
            .execute(params![booking_id, now])?;
        Ok(changed == 1)
    }
}
