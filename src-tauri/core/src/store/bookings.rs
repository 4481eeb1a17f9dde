//! The `bookings` table.
use super::rows::{db_time, keyset, opt_word_at, time_at, word_at, Filter};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Booking, BookingFilter, BookingSource, BookingStatus, Money, PageRequest, PaymentStatus, RefundState, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

pub struct NewBooking<'a> {
    pub user_id: i64,
    pub cylinder_id: i64,
    pub returned_cylinder_id: Option<i64>,
    pub status: BookingStatus,
    pub source: BookingSource,
    pub amount: Money,
    pub reserved_until: Option<Timestamp>,
    pub staff_id: Option<i64>,
    pub note: &'a str,
    pub booking_date: Timestamp,
    /// The kiosk's key for this booking request (`Desk::book_cylinder_once`): one booking per key.
    pub idempotency_key: Option<&'a str>,
}

/// A booking made under an idempotency key, with what its retry is answered from.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedBooking {
    pub id: i64,
    /// The customer it is for.
    pub user_id: i64,
    pub status: BookingStatus,
    pub amount: Money,
    pub payment_status: Option<PaymentStatus>,
    /// The gateway took money for it (its payment names a gateway charge).
    pub charged: bool,
    pub failure_reason: Option<String>,
    pub refund: Option<RefundState>,
}

/// A booking still waiting on its payment, with what is needed to finish or undo it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingBooking {
    pub id: i64,
    pub user_id: i64,
    pub cylinder_id: i64,
    pub returned_cylinder_id: Option<i64>,
    pub amount: Money,
    pub reserved_until: Timestamp,
    pub order_ref: String,
}

/// Where a booking stands, for the rules that change it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BookingState {
    pub status: BookingStatus,
    /// The customer it is for.
    pub user_id: i64,
    /// The row id of the cylinder it gives out.
    pub cylinder_id: i64,
}

/// `BK-000123` for booking 123.
pub fn booking_reference(id: i64) -> String {
    format!("BK-{id:06}")
}

/// The booking id in a reference a person typed (`BK-000123`, `bk-123`, `123`).
pub fn parse_booking_reference(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix("BK-").or_else(|| t.strip_prefix("bk-")).unwrap_or(t);
    digits.parse().ok().filter(|id: &i64| *id > 0)
}

const SELECT: &str = "SELECT b.id, b.user_id, u.username, c.code, rc.code, b.booking_date, b.status, b.source,
                             b.amount_paise, b.note, p.status, COALESCE(p.gateway_ref, p.order_ref), rf.state, u.consumer_no
                      FROM bookings b
                      JOIN users u ON u.id = b.user_id
                      JOIN cylinders c ON c.id = b.cylinder_id
                      LEFT JOIN cylinders rc ON rc.id = b.returned_cylinder_id
                      LEFT JOIN payments p ON p.booking_id = b.id
                      LEFT JOIN refunds rf ON rf.booking_id = b.id";

fn booking_from_row(row: &Row<'_>) -> rusqlite::Result<Booking> {
    let id: i64 = row.get(0)?;
    Ok(Booking {
        id,
        reference: booking_reference(id),
        user_id: row.get(1)?,
        username: row.get(2)?,
        cylinder_code: row.get(3)?,
        returned_cylinder_code: row.get(4)?,
        booking_date: time_at(row, 5)?,
        status: word_at(row, 6, BookingStatus::from_word)?,
        source: word_at(row, 7, BookingSource::from_word)?,
        amount: Money::from_paise(row.get(8)?),
        note: row.get(9)?,
        payment_status: opt_word_at(row, 10, PaymentStatus::from_word)?,
        payment_ref: row.get(11)?,
        refund: opt_word_at(row, 12, RefundState::from_word)?,
        consumer_no: row.get::<_, Option<String>>(13)?.unwrap_or_default(),
    })
}

const PENDING_SELECT: &str = "SELECT b.id, b.user_id, b.cylinder_id, b.returned_cylinder_id, b.amount_paise, b.reserved_until, p.order_ref
                              FROM bookings b JOIN payments p ON p.booking_id = b.id";

fn pending_from_row(row: &Row<'_>) -> rusqlite::Result<PendingBooking> {
    Ok(PendingBooking {
        id: row.get(0)?,
        user_id: row.get(1)?,
        cylinder_id: row.get(2)?,
        returned_cylinder_id: row.get(3)?,
        amount: Money::from_paise(row.get(4)?),
        reserved_until: time_at(row, 5)?,
        order_ref: row.get(6)?,
    })
}

impl Reader<'_> {
    pub fn booking(&self, id: i64) -> Result<Option<Booking>> {
        let sql = format!("{SELECT} WHERE b.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], booking_from_row).optional()?)
    }

    /// The status, owner and cylinder of a booking, for the rules that change it.
    pub fn booking_state(&self, id: i64) -> Result<Option<BookingState>> {
        Ok(self
            .conn
            .prepare_cached("SELECT status, user_id, cylinder_id FROM bookings WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(BookingState { status: word_at(r, 0, BookingStatus::from_word)?, user_id: r.get(1)?, cylinder_id: r.get(2)? })
            })
            .optional()?)
    }

    /// The booking made under `key`, if any.
    pub fn booking_by_idempotency_key(&self, key: &str) -> Result<Option<KeyedBooking>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT b.id, b.user_id, b.status, b.amount_paise, p.status, p.gateway_ref IS NOT NULL, p.failure_reason, rf.state
                 FROM bookings b
                 LEFT JOIN payments p ON p.booking_id = b.id
                 LEFT JOIN refunds rf ON rf.booking_id = b.id
                 WHERE b.idempotency_key = ?1",
            )?
            .query_row([key], |r| {
                Ok(KeyedBooking {
                    id: r.get(0)?,
                    user_id: r.get(1)?,
                    status: word_at(r, 2, BookingStatus::from_word)?,
                    amount: Money::from_paise(r.get(3)?),
                    payment_status: opt_word_at(r, 4, PaymentStatus::from_word)?,
                    charged: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                    failure_reason: r.get(6)?,
                    refund: opt_word_at(r, 7, RefundState::from_word)?,
                })
            })
            .optional()?)
    }

    pub fn pending_booking(&self, id: i64) -> Result<Option<PendingBooking>> {
        let sql = format!("{PENDING_SELECT} WHERE b.id = ?1 AND b.status = 'Pending'");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], pending_from_row).optional()?)
    }

    pub fn pending_booking_of_customer(&self, user_id: i64) -> Result<Option<PendingBooking>> {
        let sql = format!("{PENDING_SELECT} WHERE b.user_id = ?1 AND b.status = 'Pending'");
        Ok(self.conn.prepare_cached(&sql)?.query_row([user_id], pending_from_row).optional()?)
    }

    /// Pending bookings whose reservation lapsed before `now` (a crashed or abandoned payment).
    /// Read through the expiry index by name: left to itself the planner takes the status index
    /// and sorts, on every booking (each one reconciles first).
    pub fn lapsed_pending_bookings(&self, now: Timestamp, limit: u32) -> Result<Vec<PendingBooking>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT b.id, b.user_id, b.cylinder_id, b.returned_cylinder_id, b.amount_paise, b.reserved_until, p.order_ref
                 FROM bookings b INDEXED BY bookings_pending_expiry JOIN payments p ON p.booking_id = b.id
                 WHERE b.status = 'Pending' AND b.reserved_until < ?1 ORDER BY b.reserved_until LIMIT ?2",
            )?
            .query_map(params![db_time(now), limit], pending_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Newest first, filtered by status and/or customer, each answered by an index on (…, id).
    pub fn list_bookings(&self, filter: &BookingFilter, page: &PageRequest) -> Result<Vec<Booking>> {
        let mut f = Filter::default();
        if let Some(status) = filter.status {
            f.text("b.status = ?", status.as_str());
        }
        if let Some(user_id) = filter.user_id {
            f.int("b.user_id = ?", user_id);
        }
        keyset(&mut f, "b.id < ?", page);
        let sql = format!("{SELECT} {} ORDER BY b.id DESC LIMIT ? OFFSET ?", f.where_clause());
        self.page_of(&sql, f, page, booking_from_row)
    }

    pub fn pending_booking_count(&self) -> Result<i64> {
        Ok(self.conn.prepare_cached("SELECT count(*) FROM bookings WHERE status = 'Pending'")?.query_row([], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    pub fn insert_booking(&self, new: &NewBooking<'_>) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO bookings (user_id, cylinder_id, returned_cylinder_id, booking_date, status, source, amount_paise,
                                       reserved_until, staff_id, note, updated_at, idempotency_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4, ?11)",
            )?
            .execute(params![
                new.user_id,
                new.cylinder_id,
                new.returned_cylinder_id,
                db_time(new.booking_date),
                new.status.as_str(),
                new.source.as_str(),
                new.amount.paise(),
                new.reserved_until.map(db_time),
                new.staff_id,
                new.note,
                new.idempotency_key,
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Pending → Completed, recording which cylinder actually came back.
    pub fn complete_booking(&self, id: i64, returned_cylinder_id: Option<i64>, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE bookings SET status = 'Completed', returned_cylinder_id = ?2, reserved_until = NULL, updated_at = ?3
                 WHERE id = ?1 AND status = 'Pending'",
            )?
            .execute(params![id, returned_cylinder_id, db_time(now)])?;
        Ok(changed == 1)
    }

    /// Pending or Completed → Cancelled, with the reason appended to the note.
    pub fn cancel_booking(&self, id: i64, reason: &str, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE bookings SET status = 'Cancelled', reserved_until = NULL, updated_at = ?3,
                        note = substr(CASE WHEN note = '' THEN ?2 ELSE note || ' | ' || ?2 END, 1, 500)
                 WHERE id = ?1 AND status <> 'Cancelled'",
            )?
            .execute(params![id, reason, db_time(now)])?;
        Ok(changed == 1)
    }
}
