//! Figures for the admin dashboard that span tables.
use super::Reader;
use crate::error::Result;
use crate::model::StockCounts;

impl Reader<'_> {
    /// Stock by status, counted from the (status, cylinder_id) index.
    pub fn stock_counts(&self) -> Result<StockCounts> {
        let mut counts = StockCounts::default();
        let mut stmt = self.conn.prepare_cached("SELECT status, count(*) FROM cylinders GROUP BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, n) = row?;
            match status.as_str() {
                "Filled" => counts.filled = n,
                "Assigned" => counts.assigned = n,
                _ => counts.empty = n,
            }
        }
        counts.reserved =
            self.conn.prepare_cached("SELECT count(*) FROM cylinders WHERE reserved_by IS NOT NULL")?.query_row([], |r| r.get(0))?;
        Ok(counts)
    }
}
