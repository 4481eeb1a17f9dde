//! Compares a database file's schema with the one GasDesk's migrations make at the same
//! version. A backup is data from outside: an extra trigger or view, a dropped unique index or
//! an altered table would otherwise come back with it and stay (a trigger re-inserting a staff
//! password hash makes `reset-password` silently do nothing).
use super::migrate;
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One object of `sqlite_master`, keyed by (type, name).
#[derive(Debug, PartialEq, Eq)]
struct SchemaObject {
    table: String,
    /// The CREATE statement with its layout normalised; `None` for automatic indexes.
    sql: Option<String>,
}

type Schema = BTreeMap<(String, String), SchemaObject>;

/// What differs between the file's schema and the reference of `version`, one line per object
/// (e.g. `extra trigger "x" on staff`); empty when they are the same.
pub(crate) fn schema_differences(conn: &Connection, version: i64) -> Result<Vec<String>> {
    let found = schema_of(conn)?;
    let expected = reference_schema(version)?;
    let mut differences = Vec::new();
    for ((kind, name), object) in &found {
        match expected.get(&(kind.clone(), name.clone())) {
            None => differences.push(format!("extra {kind} \"{name}\" on {}", object.table)),
            Some(reference) if reference != object => differences.push(format!("{kind} \"{name}\" is not as GasDesk made it")),
            Some(_) => {}
        }
    }
    for ((kind, name), object) in &expected {
        if !found.contains_key(&(kind.clone(), name.clone())) {
            differences.push(format!("missing {kind} \"{name}\" on {}", object.table));
        }
    }
    Ok(differences)
}

/// The schema GasDesk's migrations make at exactly `version`, on a fresh database in memory.
fn reference_schema(version: i64) -> Result<Schema> {
    let target = i32::try_from(version).map_err(|_| Error::Internal(format!("no schema version {version}")))?;
    let mut conn = Connection::open_in_memory()?;
    migrate::migrate_to(&mut conn, target)?;
    schema_of(&conn)
}

/// Every table, index, trigger and view of the main database. Statistics tables are left out:
/// `PRAGMA optimize` creates them on some files and not others, and they hold no rules.
fn schema_of(conn: &Connection) -> Result<Schema> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master
         WHERE NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4'))",
    )?;
    let rows = stmt.query_map([], |row| {
        let sql: Option<String> = row.get(3)?;
        Ok(((row.get(0)?, row.get(1)?), SchemaObject { table: row.get(2)?, sql: sql.as_deref().map(normalise_sql) }))
    })?;
    Ok(rows.collect::<rusqlite::Result<Schema>>()?)
}

/// Collapses every run of whitespace outside quotes to one space, so that only the layout of a
/// statement may differ, never a word of it or a quoted name or value.
fn normalise_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut closing_quote: Option<char> = None;
    let mut pending_space = false;
    for c in sql.trim().chars() {
        if let Some(close) = closing_quote {
            out.push(c);
            if c == close {
                closing_quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        closing_quote = match c {
            '\'' | '"' | '`' => Some(c),
            '[' => Some(']'),
            _ => None,
        };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_changes_the_layout_only_never_quoted_text() {
        assert_eq!(normalise_sql("CREATE  TABLE t(\n  a INT,\tb TEXT )"), "CREATE TABLE t( a INT, b TEXT )");
        assert_eq!(normalise_sql("CHECK (x = 'a  b')"), "CHECK (x = 'a  b')");
        assert_ne!(normalise_sql("CHECK (x = 'a  b')"), normalise_sql("CHECK (x = 'a b')"));
        assert_eq!(normalise_sql("[two  words]  x"), "[two  words] x");
    }

    #[test]
    fn every_version_matches_its_own_reference() {
        for version in 1..=migrate::LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate::migrate_to(&mut conn, version as i32).unwrap();
            assert_eq!(schema_differences(&conn, version).unwrap(), Vec::<String>::new(), "version {version}");
        }
    }

    #[test]
    fn an_extra_trigger_a_dropped_index_and_an_altered_table_are_each_named() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate::migrate_to(&mut conn, migrate::LATEST_VERSION as i32).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER sneaky AFTER INSERT ON complaints BEGIN SELECT 1; END;
             DROP INDEX cylinders_by_holder;
             ALTER TABLE staff ADD COLUMN extra TEXT;",
        )
        .unwrap();
        let differences = schema_differences(&conn, migrate::LATEST_VERSION).unwrap().join("\n");
        assert!(differences.contains("extra trigger \"sneaky\" on complaints"), "{differences}");
        assert!(differences.contains("missing index \"cylinders_by_holder\" on cylinders"), "{differences}");
        assert!(differences.contains("table \"staff\" is not as GasDesk made it"), "{differences}");
    }
}
