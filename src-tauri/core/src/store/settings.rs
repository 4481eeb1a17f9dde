//! The `settings` table: one text value per key; the domain owns their types and defaults.
use super::{Reader, Writer};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

impl Reader<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
    }

    /// Every setting in one read (a handful of rows).
    pub fn all_settings(&self) -> Result<HashMap<String, String>> {
        let rows = self
            .conn
            .prepare_cached("SELECT key, value FROM settings LIMIT 100")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<String, String>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")?
            .execute(params![key, value])?;
        Ok(())
    }
}
