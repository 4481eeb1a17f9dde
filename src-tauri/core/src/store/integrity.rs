//! The integrity check: SQLite's own (`PRAGMA integrity_check` and foreign keys) together with
//! every product invariant of `checks.rs`. Used by `gasdesk check`, the tests, the bench and
//! on every backup before it is trusted.
use super::{Db, Reader};
use crate::error::Result;

impl Db {
    /// Checks the file's integrity (`PRAGMA integrity_check` and foreign keys) and every
    /// product invariant.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        self.read(|r| {
            let mut problems = r.file_integrity_problems()?;
            problems.extend(r.rule_violations()?);
            Ok(problems)
        })
    }
}

impl Reader<'_> {
    /// What SQLite finds wrong with the file itself: damaged pages or indexes, broken foreign
    /// keys. Empty when it is sound.
    pub(super) fn file_integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> =
            self.conn.prepare("PRAGMA integrity_check")?.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        problems.retain(|p| p != "ok");
        let fk: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |row| Ok(format!("foreign key broken in {}", row.get::<_, String>(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        problems.extend(fk);
        Ok(problems)
    }
}
