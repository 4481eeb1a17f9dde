//! The `settings` table: one text value per key; the domain owns their types and defaults.
use super::{Reader, Writer};
use crate::error::Result;
use rusqlite::{params, OptionalExtension};

impl Reader<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
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
