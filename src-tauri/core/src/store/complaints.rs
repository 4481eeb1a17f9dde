//! The `complaints` table.
use super::rows::{before_id, db_time, keyset, page_bounds, time_at, word_at, Filter};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Complaint, ComplaintStatus, IssueType, PageRequest, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

const SELECT: &str =
    "SELECT k.id, k.user_id, u.username, k.issue_type, k.description, k.status, k.resolution_note, k.created_at, k.updated_at
                      FROM complaints k JOIN users u ON u.id = k.user_id";

fn complaint_from_row(row: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        id: row.get(0)?,
        user_id: row.get(1)?,
        username: row.get(2)?,
        issue_type: word_at(row, 3, IssueType::from_word)?,
        description: row.get(4)?,
        status: word_at(row, 5, ComplaintStatus::from_word)?,
        resolution_note: row.get(6)?,
        created_at: time_at(row, 7)?,
        updated_at: time_at(row, 8)?,
    })
}

impl Reader<'_> {
    pub fn complaint(&self, id: i64) -> Result<Option<Complaint>> {
        let sql = format!("{SELECT} WHERE k.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], complaint_from_row).optional()?)
    }

    pub fn complaints_of_customer(&self, user_id: i64, page: &PageRequest) -> Result<Vec<Complaint>> {
        let (limit, offset) = page_bounds(page);
        let sql = format!("{SELECT} WHERE k.user_id = ?1 AND k.id < ?4 ORDER BY k.id DESC LIMIT ?2 OFFSET ?3");
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![user_id, limit, offset, before_id(page)], complaint_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The staff queue: gas leaks first, then oldest first; one status or all.
    pub fn complaint_queue(&self, status: Option<ComplaintStatus>, page: &PageRequest) -> Result<Vec<Complaint>> {
        let mut f = Filter::default();
        let order = match status {
            Some(status) => {
                f.text("k.status = ?", status.as_str());
                // Keyset: after the named complaint in (priority, id) order.
                keyset(&mut f, "(k.priority, k.id) > (SELECT priority, id FROM complaints WHERE id = ?)", page);
                "k.priority, k.id"
            }
            None => {
                keyset(&mut f, "k.id < ?", page);
                "k.id DESC"
            }
        };
        let sql = format!("{SELECT} {} ORDER BY {order} LIMIT ? OFFSET ?", f.where_clause());
        self.page_of(&sql, f, page, complaint_from_row)
    }

    /// (open complaints, open gas leaks), from the counters the triggers keep (migration V3).
    pub fn open_complaint_counts(&self) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT value FROM counters WHERE name = 'complaints.open'),
                    (SELECT value FROM counters WHERE name = 'complaints.open_gas_leaks')",
            )?
            .query_row([], |r| Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get::<_, Option<i64>>(1)?.unwrap_or(0))))?)
    }

    pub fn pending_complaints_of_customer(&self, user_id: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM complaints WHERE user_id = ?1 AND status = 'Pending'")?
            .query_row([user_id], |r| r.get(0))?)
    }
}

impl Writer<'_> {
    pub fn insert_complaint(&self, user_id: i64, issue_type: IssueType, description: &str, now: Timestamp) -> Result<i64> {
        self.conn
            .prepare_cached("INSERT INTO complaints (user_id, issue_type, description, status, created_at, updated_at) VALUES (?1, ?2, ?3, 'Pending', ?4, ?4)")?
            .execute(params![user_id, issue_type.as_str(), description, db_time(now)])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn set_complaint_status(
        &self,
        id: i64,
        status: ComplaintStatus,
        note: &str,
        staff_id: Option<i64>,
        now: Timestamp,
    ) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached("UPDATE complaints SET status = ?2, resolution_note = ?3, resolved_by = COALESCE(?4, resolved_by), updated_at = ?5 WHERE id = ?1")?
            .execute(params![id, status.as_str(), note, staff_id, db_time(now)])?;
        Ok(changed == 1)
    }
}
