//! The `staff` table.
use super::credentials::{credentials_from_row, Credentials};
use super::rows::{db_time, time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{StaffMember, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

fn staff_from_row(row: &Row<'_>) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember { id: row.get(0)?, username: row.get(1)?, full_name: row.get(2)?, created_at: time_at(row, 3)? })
}

impl Reader<'_> {
    pub fn staff_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?)
    }

    pub fn staff_member(&self, id: i64) -> Result<Option<StaffMember>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, username, full_name, created_at FROM staff WHERE id = ?1")?
            .query_row([id], staff_from_row)
            .optional()?)
    }

    pub fn staff_by_username(&self, username: &str) -> Result<Option<StaffMember>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, username, full_name, created_at FROM staff WHERE username = ?1")?
            .query_row([username], staff_from_row)
            .optional()?)
    }

    /// What a login attempt with this username checks.
    pub fn staff_credentials(&self, username: &str) -> Result<Option<Credentials>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, username, password_hash FROM staff WHERE username = ?1")?
            .query_row([username], credentials_from_row)
            .optional()?)
    }

    /// All staff accounts, by username. An agency has a handful, so no paging.
    pub fn all_staff(&self) -> Result<Vec<StaffMember>> {
        let rows = self
            .conn
            .prepare_cached("SELECT id, username, full_name, created_at FROM staff ORDER BY username LIMIT 1000")?
            .query_map([], staff_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn insert_staff(&self, username: &str, full_name: &str, password_hash: &str, now: Timestamp) -> Result<i64> {
        let now = db_time(now);
        self.conn
            .prepare_cached("INSERT INTO staff (username, full_name, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")?
            .execute(params![username, full_name, password_hash, now])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn set_staff_password(&self, id: i64, password_hash: &str, now: Timestamp) -> Result<bool> {
        let changed = self.conn.prepare_cached("UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
            id,
            password_hash,
            db_time(now)
        ])?;
        Ok(changed == 1)
    }
}
