//! The `cylinders` table: stock, FIFO pick, reservation and assignment.
use super::audit::NewAuditEntry;
use super::rows::{db_time, keyset, opt_time_at, prefix_upper_bound, time_at, word_at, Filter};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{test_due_stamp, Cylinder, CylinderFilter, CylinderStatus, HeldCylinder, HoldReason, PageRequest, Timestamp};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "SELECT c.id, c.code, c.status, c.assigned_to, u.username, c.reserved_by IS NOT NULL, c.filled_at, c.updated_at,
                              c.type_id, t.name, c.test_due, c.hold, c.hold_reason, u.consumer_no";
/// The type is LEFT JOINed (every cylinder has one): with an inner join the planner walked the
/// three types and sorted the whole stock for every inventory page (110 ms at agency size).
const SELECT: &str = "SELECT c.id, c.code, c.status, c.assigned_to, u.username, c.reserved_by IS NOT NULL, c.filled_at, c.updated_at,
                             c.type_id, t.name, c.test_due, c.hold, c.hold_reason, u.consumer_no
                      FROM cylinders c LEFT JOIN cylinder_types t ON t.id = c.type_id LEFT JOIN users u ON u.id = c.assigned_to";
/// The FIFO queue of one type, walked in order on its partial index (held-back cylinders are
/// not in it; test-due ones are stepped over). INDEXED BY makes SQLite refuse the query outright
/// rather than silently sort the whole stock if the index ever stops fitting.
const FIFO: &str = "FROM cylinders c INDEXED BY cylinders_fifo_by_type LEFT JOIN cylinder_types t ON t.id = c.type_id
                    LEFT JOIN users u ON u.id = c.assigned_to
                    WHERE c.type_id = ?1 AND c.status = 'Filled' AND c.reserved_by IS NULL AND c.hold IS NULL
                      AND (c.test_due IS NULL OR c.test_due > ?2)
                    ORDER BY c.filled_at, c.id";

/// A day as stored in `test_due`.
fn db_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn cylinder_from_row(row: &Row<'_>) -> rusqlite::Result<Cylinder> {
    Ok(Cylinder {
        id: row.get(0)?,
        cylinder_code: row.get(1)?,
        status: word_at(row, 2, CylinderStatus::from_word)?,
        assigned_to: row.get(3)?,
        assigned_to_username: row.get(4)?,
        reserved: row.get(5)?,
        filled_at: opt_time_at(row, 6)?,
        updated_at: time_at(row, 7)?,
        type_id: row.get(8)?,
        type_name: row.get(9)?,
        test_due_stamp: row.get::<_, Option<String>>(10)?.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()).map(test_due_stamp),
        test_due: row.get(10)?,
        // Set by the domain, which knows today and the margin.
        due_for_test: false,
        hold: super::rows::opt_word_at(row, 11, HoldReason::from_word)?,
        hold_reason: row.get(12)?,
        assigned_to_consumer_no: row.get(13)?,
    })
}

impl Reader<'_> {
    pub fn cylinder(&self, id: i64) -> Result<Option<Cylinder>> {
        let sql = format!("{SELECT} WHERE c.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], cylinder_from_row).optional()?)
    }

    pub fn cylinder_by_code(&self, code: &str) -> Result<Option<Cylinder>> {
        let sql = format!("{SELECT} WHERE c.code = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([code], cylinder_from_row).optional()?)
    }

    pub fn cylinder_code_taken(&self, code: &str) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM cylinders WHERE code = ?1")?.exists([code])?)
    }

    /// The FIFO pick of one type: the unreserved, not held-back Filled cylinder filled longest
    /// ago (ties by id) whose test-due date is after `due_cutoff`.
    pub fn oldest_available_filled_cylinder(&self, type_id: i64, due_cutoff: NaiveDate) -> Result<Option<Cylinder>> {
        let sql = format!("{COLUMNS} {FIFO} LIMIT 1");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![type_id, db_date(due_cutoff)], cylinder_from_row).optional()?)
    }

    /// The first `limit` cylinders of a type's FIFO queue, in the order they would be handed out.
    pub fn fifo_queue(&self, type_id: i64, due_cutoff: NaiveDate, limit: u32) -> Result<Vec<Cylinder>> {
        let sql = format!("{COLUMNS} {FIFO} LIMIT ?3");
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![type_id, db_date(due_cutoff), limit], cylinder_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The cylinder of this type a customer hands back in an exchange: the one they have held
    /// longest (ties by id). None when they hold none of the type.
    pub fn cylinder_to_return(&self, user_id: i64, type_id: i64) -> Result<Option<Cylinder>> {
        let sql = format!("{SELECT} WHERE c.assigned_to = ?1 AND c.type_id = ?2 ORDER BY c.updated_at, c.id LIMIT 1");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![user_id, type_id], cylinder_from_row).optional()?)
    }

    /// Every cylinder a customer holds, with its type and since when (the booking that gave it
    /// to them), held longest first.
    pub fn held_cylinders(&self, user_id: i64) -> Result<Vec<HeldCylinder>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.code, t.name,
                        COALESCE((SELECT b.updated_at FROM bookings b
                                  WHERE b.cylinder_id = c.id AND b.user_id = ?1 AND b.status = 'Completed'
                                  ORDER BY b.id DESC LIMIT 1), c.updated_at)
                 FROM cylinders c LEFT JOIN cylinder_types t ON t.id = c.type_id
                 WHERE c.assigned_to = ?1 ORDER BY c.updated_at, c.id",
            )?
            .query_map([user_id], |r| Ok(HeldCylinder { cylinder_code: r.get(0)?, type_name: r.get(1)?, since: time_at(r, 2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Inventory page, by human id. The filter narrows it (status, type, or only those held
    /// back or due by `due_cutoff`); `search` matches the start of the id.
    pub fn list_cylinders(
        &self,
        filter: &CylinderFilter,
        due_cutoff: NaiveDate,
        search: &str,
        page: &PageRequest,
    ) -> Result<Vec<Cylinder>> {
        let mut f = Filter::default();
        if let Some(status) = filter.status {
            f.text("c.status = ?", status.as_str());
        }
        if let Some(type_id) = filter.type_id {
            f.int("c.type_id = ?", type_id);
        }
        if filter.attention == Some(true) {
            // Each half from its own partial index (a few rows), not a walk of the whole stock.
            f.text(
                "c.id IN (SELECT id FROM cylinders WHERE hold IS NOT NULL UNION ALL SELECT id FROM cylinders WHERE test_due <= ?)",
                &db_date(due_cutoff),
            );
        }
        if filter.undated == Some(true) {
            f.bind("c.test_due IS NULL", []);
        }
        if !search.is_empty() {
            f.bind("c.code >= ? AND c.code < ?", [Value::Text(search.to_owned()), Value::Text(prefix_upper_bound(search))]);
        }
        // Keyset: after the cylinder whose row id the page names, in cylinder-ID order.
        keyset(&mut f, "c.code > (SELECT code FROM cylinders WHERE id = ?)", page);
        let sql = format!("{SELECT} {} ORDER BY c.code LIMIT ? OFFSET ?", f.where_clause());
        self.page_of(&sql, f, page, cylinder_from_row)
    }

    pub fn cylinder_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM cylinders", [], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    pub fn insert_cylinder(
        &self,
        code: &str,
        type_id: i64,
        status: CylinderStatus,
        test_due: Option<NaiveDate>,
        now: Timestamp,
    ) -> Result<i64> {
        let filled_at = (status == CylinderStatus::Filled).then(|| db_time(now));
        self.conn
            .prepare_cached(
                "INSERT INTO cylinders (code, status, filled_at, created_at, updated_at, type_id, test_due) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
            )?
            .execute(params![code, status.as_str(), filled_at, db_time(now), type_id, test_due.map(db_date)])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Holds a cylinder in stock back (or releases it with `None`). False if it is not there.
    pub fn set_cylinder_hold(&self, id: i64, hold: Option<HoldReason>, reason: &str, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached("UPDATE cylinders SET hold = ?2, hold_reason = ?3, updated_at = ?4 WHERE id = ?1")?
            .execute(params![id, hold.map(HoldReason::as_str), reason, db_time(now)])?;
        Ok(changed == 1)
    }

    /// Records a new test-due date (after a test at the plant, or for an older cylinder).
    pub fn set_cylinder_test_due(&self, id: i64, test_due: NaiveDate, now: Timestamp) -> Result<bool> {
        let changed = self.conn.prepare_cached("UPDATE cylinders SET test_due = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
            id,
            db_date(test_due),
            db_time(now)
        ])?;
        Ok(changed == 1)
    }

    /// Holds a Filled cylinder for a Pending booking. False if someone else got it first.
    pub fn reserve_cylinder(&self, id: i64, booking_id: i64, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE cylinders SET reserved_by = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'Filled' AND reserved_by IS NULL",
            )?
            .execute(params![id, booking_id, db_time(now)])?;
        Ok(changed == 1)
    }

    /// Puts a reserved cylinder back in stock. Its `filled_at` is untouched, so it goes back to
    /// its old place in the FIFO queue.
    pub fn release_cylinder(&self, id: i64, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE cylinders SET reserved_by = NULL, updated_at = ?2 WHERE id = ?1")?
            .execute(params![id, db_time(now)])?;
        Ok(())
    }

    pub fn assign_cylinder(&self, id: i64, user_id: i64, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE cylinders SET status = 'Assigned', assigned_to = ?2, reserved_by = NULL, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, user_id, db_time(now)])?;
        Ok(())
    }

    pub fn mark_cylinder_empty(&self, id: i64, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE cylinders SET status = 'Empty', assigned_to = NULL, reserved_by = NULL, updated_at = ?2 WHERE id = ?1")?
            .execute(params![id, db_time(now)])?;
        Ok(())
    }

    /// Back in stock as Filled; `filled_at` decides its place in the FIFO queue.
    pub fn mark_cylinder_filled(&self, id: i64, filled_at: Timestamp, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE cylinders SET status = 'Filled', assigned_to = NULL, filled_at = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, db_time(filled_at), db_time(now)])?;
        Ok(())
    }

    /// Refills every Empty cylinder not held back at once (all join the back of the FIFO queue, by id), with
    /// one audit row per cylinder. Set-based, so 50,000 empties take one statement, not 50,000.
    pub fn refill_all_empty_cylinders(&self, audit: &NewAuditEntry<'_>, due_cutoff: NaiveDate, now: Timestamp) -> Result<usize> {
        let now = db_time(now);
        let cutoff = db_date(due_cutoff);
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity, entity_id, before_json, after_json)
                 SELECT ?1, ?2, ?3, ?4, ?5, 'cylinder', id,
                        json_object('cylinder_code', code, 'status', 'Empty'),
                        json_object('cylinder_code', code, 'status', 'Filled', 'filled_at', ?1)
                 FROM cylinders WHERE status = 'Empty' AND hold IS NULL AND (test_due IS NULL OR test_due > ?6) ORDER BY id",
            )?
            .execute(params![now, audit.actor_kind, audit.actor_id, audit.actor_name, audit.action, cutoff])?;
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE cylinders SET status = 'Filled', filled_at = ?1, updated_at = ?1
                 WHERE status = 'Empty' AND hold IS NULL AND (test_due IS NULL OR test_due > ?2)",
            )?
            .execute([&now, &cutoff])?;
        Ok(changed)
    }
}
