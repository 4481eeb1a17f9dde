//! Figures for the admin dashboard that span tables.
use super::{db_time, Reader};
use crate::error::Result;
use crate::model::{DayFigures, Money, StockCounts, Timestamp};

/// One type's stock, as counted.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeStockRow {
    pub type_id: i64,
    pub type_name: String,
    pub active: bool,
    pub filled: i64,
    pub assigned: i64,
    pub empty: i64,
    pub available: i64,
    pub held_or_due: i64,
    pub undated: i64,
}

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

    /// Stock of each type by status, with what can be handed out (Filled, not reserved, not
    /// held back, test-due after `due_cutoff`) and what is held back or due: one pass over the
    /// covering index `cylinders_stock_by_type`, not the table.
    pub fn stock_by_type(&self, due_cutoff: chrono::NaiveDate) -> Result<Vec<TypeStockRow>> {
        let cutoff = due_cutoff.format("%Y-%m-%d").to_string();
        let mut stmt = self.conn.prepare_cached(
            "SELECT cylinder_types.id, cylinder_types.name, cylinder_types.active,
                    count(*) FILTER (WHERE c.status = 'Filled'),
                    count(*) FILTER (WHERE c.status = 'Assigned'),
                    count(*) FILTER (WHERE c.status = 'Empty'),
                    count(*) FILTER (WHERE c.status = 'Filled' AND c.reserved_by IS NULL AND c.hold IS NULL
                                     AND (c.test_due IS NULL OR c.test_due > ?1)),
                    count(*) FILTER (WHERE c.hold IS NOT NULL OR c.test_due <= ?1),
                    count(*) FILTER (WHERE c.id IS NOT NULL AND c.test_due IS NULL)
             FROM cylinder_types LEFT JOIN cylinders c INDEXED BY cylinders_stock_by_type ON c.type_id = cylinder_types.id
             GROUP BY cylinder_types.id ORDER BY cylinder_types.id",
        )?;
        let rows = stmt.query_map([cutoff], |r| {
            Ok(TypeStockRow {
                type_id: r.get(0)?,
                type_name: r.get(1)?,
                active: r.get(2)?,
                filled: r.get(3)?,
                assigned: r.get(4)?,
                empty: r.get(5)?,
                available: r.get(6)?,
                held_or_due: r.get(7)?,
                undated: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Completed bookings per local day from `since` (a local midnight) on, from the
    /// quarter-hour counts the triggers keep (migration V4); the local day is the UTC quarter
    /// hour shifted by `utc_offset_minutes`. Days with none are left out.
    pub fn completed_bookings_per_day(&self, since: Timestamp, utc_offset_minutes: i32) -> Result<Vec<DayFigures>> {
        let shift = format!("{utc_offset_minutes:+} minutes");
        let rows = self
            .conn
            .prepare_cached(
                "SELECT date(bucket, ?2) AS day, sum(completed_bookings) FROM quarter_hours
                 WHERE bucket >= ?1 GROUP BY day HAVING sum(completed_bookings) > 0 ORDER BY day",
            )?
            .query_map(rusqlite::params![quarter_hour(since), shift], |r| Ok(DayFigures { day: r.get(0)?, completed_bookings: r.get(1)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Successful payments from the quarter hour holding `since` (a local midnight, so the
    /// start of one) until now, from the quarter-hour sums the triggers keep (migration V4).
    pub fn revenue_since(&self, since: Timestamp) -> Result<Money> {
        let paise: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(SUM(revenue_paise), 0) FROM quarter_hours WHERE bucket >= ?1")?
            .query_row([quarter_hour(since)], |r| r.get(0))?;
        Ok(Money::from_paise(paise))
    }
}

/// The quarter-hour bucket of a time, as migration V4 computes it from the stored text:
/// 'YYYY-MM-DDTHH:MM' with the minutes rounded down to 00, 15, 30 or 45.
fn quarter_hour(t: Timestamp) -> String {
    let text = db_time(t);
    let minutes: u32 = text.get(14..16).and_then(|m| m.parse().ok()).unwrap_or(0);
    format!("{}{:02}", text.get(..14).unwrap_or_default(), minutes / 15 * 15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn quarter_hours_round_the_minutes_down() {
        let at = |h, m, s| quarter_hour(Utc.with_ymd_and_hms(2026, 11, 14, h, m, s).unwrap());
        assert_eq!(at(18, 30, 0), "2026-11-14T18:30");
        assert_eq!(at(18, 44, 59), "2026-11-14T18:30");
        assert_eq!(at(18, 45, 0), "2026-11-14T18:45");
        assert_eq!(at(0, 14, 0), "2026-11-14T00:00");
    }
}
