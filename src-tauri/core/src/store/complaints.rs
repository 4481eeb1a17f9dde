//! The `complaints` table.
use super::rows::{before_id, db_time, keyset, page_bounds, time_at, word_at, Filter};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Complaint, ComplaintStatus, IssueType, PageRequest, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

const SELECT: &str =
    "SELECT k.id, k.user_id, u.username, k.issue_type, k.description, k.status, k.resolution_note, k.created_at, k.updated_at,
            u.consumer_no
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
        consumer_no: row.get::<_, Option<String>>(9)?.unwrap_or_default(),
    })
}

/// The dashboard's complaint figures: every Pending complaint, and the Pending gas leaks
/// among them.
pub struct OpenComplaintCounts {
    pub open: i64,
    pub open_gas_leaks: i64,
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
                if let Some(after) = page.after {
                    return self.complaint_queue_after(status, after, page);
                }
                f.text("k.status = ?", status.as_str());
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

    /// The queue after complaint `after`, in (priority, id) order. SQLite uses only the first
    /// column of a row-value bound for the index range, which scanned every complaint of the
    /// anchor's priority; two plain ranges do not: the rest of the anchor's priority, then the
    /// priorities after it.
    fn complaint_queue_after(&self, status: ComplaintStatus, after: i64, page: &PageRequest) -> Result<Vec<Complaint>> {
        let Some(priority) = self
            .conn
            .prepare_cached("SELECT priority FROM complaints WHERE id = ?1")?
            .query_row([after], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            return Ok(Vec::new());
        };
        let (limit, _) = page_bounds(page);
        let same = format!("{SELECT} WHERE k.status = ?1 AND k.priority = ?2 AND k.id > ?3 ORDER BY k.id LIMIT ?4");
        let mut rows = self
            .conn
            .prepare_cached(&same)?
            .query_map(params![status.as_str(), priority, after, limit], complaint_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let missing = limit - i64::try_from(rows.len()).unwrap_or(limit);
        if missing > 0 {
            let later = format!("{SELECT} WHERE k.status = ?1 AND k.priority > ?2 ORDER BY k.priority, k.id LIMIT ?3");
            let more = self
                .conn
                .prepare_cached(&later)?
                .query_map(params![status.as_str(), priority, missing], complaint_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.extend(more);
        }
        Ok(rows)
    }

    /// Open complaints and open gas leaks, from the counters the triggers keep (migration V3).
    pub fn open_complaint_counts(&self) -> Result<OpenComplaintCounts> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT value FROM counters WHERE name = 'complaints.open'),
                    (SELECT value FROM counters WHERE name = 'complaints.open_gas_leaks')",
            )?
            .query_row([], |r| {
                Ok(OpenComplaintCounts {
                    open: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    open_gas_leaks: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                })
            })?)
    }

    /// How many of this customer's complaints are still Pending (the home screen's figure and
    /// the open-complaint limit). A range of `complaints_by_user`: one customer's rows only.
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
