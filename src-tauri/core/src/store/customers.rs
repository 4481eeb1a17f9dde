//! The `users` table: customers.
use super::credentials::{credentials_from_row, Credentials};
use super::rows::{before_id, db_time, page_bounds, prefix_upper_bound, time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Customer, PageRequest, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

pub struct NewCustomer<'a> {
    pub username: &'a str,
    /// None: the database makes one from the row id (`GD` + 8 digits).
    pub consumer_no: Option<&'a str>,
    pub full_name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub password_hash: &'a str,
}

pub struct ProfileFields<'a> {
    pub consumer_no: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
}

const COLUMNS: &str = "id, username, full_name, email, phone, address, has_active_cylinder, created_at, consumer_no";

fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: row.get(0)?,
        username: row.get(1)?,
        full_name: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        address: row.get(5)?,
        has_active_cylinder: row.get(6)?,
        created_at: time_at(row, 7)?,
        consumer_no: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
    })
}

impl Reader<'_> {
    pub fn customer(&self, id: i64) -> Result<Option<Customer>> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], customer_from_row).optional()?)
    }

    /// What a login attempt with this username checks.
    pub fn customer_credentials(&self, username: &str) -> Result<Option<Credentials>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, username, password_hash FROM users WHERE username = ?1")?
            .query_row([username], credentials_from_row)
            .optional()?)
    }

    /// Newest first when `query` is empty; otherwise customers whose username, name or phone
    /// starts with `query` (case-insensitive), by username. Each branch is an index range.
    pub fn search_customers(&self, query: &str, page: &PageRequest) -> Result<Vec<Customer>> {
        let (limit, offset) = page_bounds(page);
        let rows = if query.is_empty() {
            let sql = format!("SELECT {COLUMNS} FROM users WHERE id < ?3 ORDER BY id DESC LIMIT ?1 OFFSET ?2");
            self.conn
                .prepare_cached(&sql)?
                .query_map(params![limit, offset, before_id(page)], customer_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            let sql = format!(
                "SELECT {COLUMNS} FROM users
                 WHERE ((username >= ?1 AND username < ?2)
                    OR (full_name >= ?1 COLLATE NOCASE AND full_name < ?2 COLLATE NOCASE)
                    OR (phone >= ?1 AND phone < ?2)
                    OR (consumer_no >= ?1 AND consumer_no < ?2))
                   AND (?5 IS NULL OR username > (SELECT username FROM users WHERE id = ?5))
                 ORDER BY username LIMIT ?3 OFFSET ?4"
            );
            let upper = prefix_upper_bound(query);
            self.conn
                .prepare_cached(&sql)?
                .query_map(params![query, upper, limit, offset, page.after], customer_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(rows)
    }

    pub fn customer_username_taken(&self, username: &str) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM users WHERE username = ?1")?.exists([username])?)
    }

    /// Another customer already has this consumer number.
    pub fn consumer_no_taken(&self, consumer_no: &str, except_id: i64) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM users WHERE consumer_no = ?1 AND id <> ?2")?.exists(params![consumer_no, except_id])?)
    }

    pub fn customer_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    pub fn insert_customer(&self, new: &NewCustomer<'_>, now: Timestamp) -> Result<i64> {
        let now = db_time(now);
        self.conn
            .prepare_cached(
                "INSERT INTO users (username, full_name, email, phone, address, password_hash, created_at, updated_at, consumer_no)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            )?
            .execute(params![new.username, new.full_name, new.email, new.phone, new.address, new.password_hash, now, new.consumer_no])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_customer_profile(&self, id: i64, fields: &ProfileFields<'_>, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE users SET full_name = ?2, email = ?3, phone = ?4, address = ?5, updated_at = ?6, consumer_no = ?7 WHERE id = ?1",
            )?
            .execute(params![id, fields.full_name, fields.email, fields.phone, fields.address, db_time(now), fields.consumer_no])?;
        Ok(changed == 1)
    }

    pub fn set_customer_password(&self, id: i64, password_hash: &str, now: Timestamp) -> Result<bool> {
        let changed = self.conn.prepare_cached("UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
            id,
            password_hash,
            db_time(now)
        ])?;
        Ok(changed == 1)
    }
}
