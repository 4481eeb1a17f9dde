//! The `audit_log` table: who changed what, when, before → after.
use super::rows::{db_time, keyset, page_bounds, time_at, Filter};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{AuditEntry, AuditFilter, PageRequest, Timestamp};
use rusqlite::{params, Row};

/// Who did it and what they did; the entity and its before/after go with each row.
#[derive(Debug, Clone, Copy)]
pub struct NewAuditEntry<'a> {
    pub actor_kind: &'a str,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub action: &'a str,
}

const SELECT: &str = "SELECT id, at, actor_kind, actor_name, action, entity, entity_id, before_json, after_json FROM audit_log";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.get(0)?,
        at: time_at(row, 1)?,
        actor_kind: row.get(2)?,
        actor_name: row.get(3)?,
        action: row.get(4)?,
        entity: row.get(5)?,
        entity_id: row.get(6)?,
        before: row.get(7)?,
        after: row.get(8)?,
    })
}

impl Reader<'_> {
    /// Newest first. Each filter combination is answered from an index on (filter…, id).
    pub fn list_audit(&self, filter: &AuditFilter, page: &PageRequest) -> Result<Vec<AuditEntry>> {
        let mut f = Filter::default();
        if let Some(action) = &filter.action {
            f.text("action = ?", action);
        }
        if let Some(entity) = &filter.entity {
            f.text("entity = ?", entity);
            if let Some(id) = filter.entity_id {
                f.int("entity_id = ?", id);
            }
        }
        keyset(&mut f, "id < ?", page);
        let sql = format!("{SELECT} {} ORDER BY id DESC LIMIT ? OFFSET ?", f.where_clause());
        self.page_of(&sql, f, page, entry_from_row)
    }

    /// Every audited change of one record, oldest first.
    pub fn entity_history(&self, entity: &str, entity_id: i64, page: &PageRequest) -> Result<Vec<AuditEntry>> {
        let (limit, offset) = page_bounds(page);
        let sql = format!("{SELECT} WHERE entity = ?1 AND entity_id = ?2 ORDER BY id LIMIT ?3 OFFSET ?4");
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![entity, entity_id, limit, offset], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn audit(
        &self,
        who: &NewAuditEntry<'_>,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<&str>,
        after: Option<&str>,
        now: Timestamp,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity, entity_id, before_json, after_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![db_time(now), who.actor_kind, who.actor_id, who.actor_name, who.action, entity, entity_id, before, after])?;
        Ok(())
    }
}
