//! What the query-plan tests and support look at on a connection: the statements it runs,
//! how SQLite plans them, and how often it re-compiles them (decision 0007).
use super::Db;
use crate::error::Result;

impl Db {
    /// Calls `hook` with the text of every statement this connection runs, as prepared (with
    /// its `?N` placeholders, so no customer data), for the query-plan tests and for support;
    /// `None` turns it off.
    pub fn trace_statements(&self, hook: Option<fn(&str)>) -> Result<()> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let mut conn = self.lock();
        match hook {
            Some(hook) => conn.trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(stmt, _) = event {
                        hook(&stmt.sql());
                    }
                }),
            )?,
            None => conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)?,
        }
        Ok(())
    }

    /// Explains how SQLite runs `sql` on this connection (the plan of `EXPLAIN QUERY PLAN`, one
    /// line per step). Plans do not depend on bound values here (decision 0007), so this is the
    /// plan every run of the statement gets.
    pub fn query_plan(&self, sql: &str) -> Result<Vec<String>> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        // Placeholders stay unbound (NULL): the plan cannot depend on them anyway.
        let mut rows = stmt.raw_query();
        let mut steps = Vec::new();
        while let Some(row) = rows.next()? {
            steps.push(row.get::<_, String>(3)?);
        }
        Ok(steps)
    }

    /// How many times SQLite has re-compiled this connection's cached statements (a statement
    /// re-compiled on every run costs more than the work it does; see decision 0007).
    pub fn statement_recompilations(&self) -> u64 {
        let conn = self.lock();
        let mut total = 0u64;
        // SAFETY: the handle is this connection's, held under its mutex for the whole walk;
        // sqlite3_next_stmt and sqlite3_stmt_status only read the statement list and counters.
        unsafe {
            let db = conn.handle();
            let mut stmt = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
            while !stmt.is_null() {
                let count = rusqlite::ffi::sqlite3_stmt_status(stmt, rusqlite::ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
                total += u64::try_from(count).unwrap_or(0);
                stmt = rusqlite::ffi::sqlite3_next_stmt(db, stmt);
            }
        }
        total
    }
}
