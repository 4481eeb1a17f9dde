//! The `connections` table: which types a customer may hold, how many at once, and the paid
//! refills the refill rules count.
use super::rows::{db_time, opt_time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Money, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

/// A connection with its type and what the customer holds of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionRow {
    pub type_id: i64,
    pub type_name: String,
    pub type_active: bool,
    pub price: Money,
    pub allowance: i64,
    pub held: i64,
}

/// A connection's paid refills: how many since a date, and when the last one was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RefillHistory {
    pub since_count: i64,
    pub last_at: Option<Timestamp>,
}

const SELECT: &str = "SELECT k.type_id, t.name, t.active, t.price_paise, k.allowance,
                             (SELECT count(*) FROM cylinders c WHERE c.assigned_to = k.user_id AND c.type_id = k.type_id)
                      FROM connections k JOIN cylinder_types t ON t.id = k.type_id";

fn connection_from_row(row: &Row<'_>) -> rusqlite::Result<ConnectionRow> {
    Ok(ConnectionRow {
        type_id: row.get(0)?,
        type_name: row.get(1)?,
        type_active: row.get(2)?,
        price: Money::from_paise(row.get(3)?),
        allowance: row.get(4)?,
        held: row.get(5)?,
    })
}

impl Reader<'_> {
    /// A customer's connections, in the order the types were made.
    pub fn connections_of(&self, user_id: i64) -> Result<Vec<ConnectionRow>> {
        let sql = format!("{SELECT} WHERE k.user_id = ?1 ORDER BY k.type_id");
        Ok(self.conn.prepare_cached(&sql)?.query_map([user_id], connection_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn connection(&self, user_id: i64, type_id: i64) -> Result<Option<ConnectionRow>> {
        let sql = format!("{SELECT} WHERE k.user_id = ?1 AND k.type_id = ?2");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![user_id, type_id], connection_from_row).optional()?)
    }

    /// Paid refills (completed bookings with an amount) of a customer's cylinders of one type:
    /// how many were booked at or after `since`, and when the last one was. Free replacements
    /// are not refills. A customer has a handful of bookings, read through `bookings_by_user` by
    /// name: left to itself the planner walked every Completed booking on the status index (found
    /// by the benchmark's generator slowing to a crawl at agency size).
    pub fn paid_refills(&self, user_id: i64, type_id: i64, since: Timestamp) -> Result<RefillHistory> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FILTER (WHERE b.booking_date >= ?3), max(b.booking_date)
                 FROM bookings b INDEXED BY bookings_by_user JOIN cylinders c ON c.id = b.cylinder_id
                 WHERE b.user_id = ?1 AND c.type_id = ?2 AND b.status = 'Completed' AND b.amount_paise > 0",
            )?
            .query_row(params![user_id, type_id, db_time(since)], |r| {
                Ok(RefillHistory { since_count: r.get(0)?, last_at: opt_time_at(r, 1)? })
            })?)
    }
}

impl Writer<'_> {
    pub fn insert_connection(&self, user_id: i64, type_id: i64, allowance: i64, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO connections (user_id, type_id, allowance, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")?
            .execute(params![user_id, type_id, allowance, db_time(now)])?;
        Ok(())
    }

    /// Changes an allowance; the schema refuses one below what the customer holds.
    pub fn set_connection_allowance(&self, user_id: i64, type_id: i64, allowance: i64, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached("UPDATE connections SET allowance = ?3, updated_at = ?4 WHERE user_id = ?1 AND type_id = ?2")?
            .execute(params![user_id, type_id, allowance, db_time(now)])?;
        Ok(changed == 1)
    }
}
