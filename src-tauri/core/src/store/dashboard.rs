//! Figures for the admin dashboard that span tables.
use super::{db_time, Reader};
use crate::error::Result;
use crate::model::{DayFigures, Money, StockCounts, Timestamp};

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
