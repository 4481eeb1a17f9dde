//! Figures for the admin dashboard that span tables.
use super::Reader;
use crate::error::Result;
use crate::model::StockCounts;

impl Reader<'_> {
    /// Stock by status, from the counters the triggers keep (migration V3).
    pub fn stock_counts(&self) -> Result<StockCounts> {
        let mut counts = StockCounts::default();
        let mut stmt = self.conn.prepare_cached("SELECT name, value FROM counters WHERE name >= 'cylinders.' AND name < 'cylinders/'")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (name, n) = row?;
            match name.as_str() {
                "cylinders.Filled" => counts.filled = n,
                "cylinders.Assigned" => counts.assigned = n,
                _ => counts.empty = n,
            }
        }
        counts.reserved =
            self.conn.prepare_cached("SELECT count(*) FROM cylinders WHERE reserved_by IS NOT NULL")?.query_row([], |r| r.get(0))?;
        Ok(counts)
    }
}
