//! Conversions between SQLite values and model types.
use crate::model::Timestamp;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

/// Fixed-width UTC text, so that ordering the text orders the times.
pub fn db_time(t: Timestamp) -> String {
    // Not `format("…")`: parsing the format string on every call was 2% of bulk loading.
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_db_time(text: &str) -> Option<Timestamp> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

pub fn time_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Timestamp> {
    let text: String = row.get(idx)?;
    parse_db_time(&text).ok_or_else(|| conversion_error(idx, format!("bad time {text:?}")))
}

pub fn opt_time_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Timestamp>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| parse_db_time(&t).ok_or_else(|| conversion_error(idx, format!("bad time {t:?}")))).transpose()
}

/// Reads a stored word back into one of the model's word enums.
pub fn word_at<T>(row: &Row<'_>, idx: usize, from_word: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    from_word(&text).ok_or_else(|| conversion_error(idx, format!("unknown word {text:?}")))
}

pub fn opt_word_at<T>(row: &Row<'_>, idx: usize, from_word: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| from_word(&t).ok_or_else(|| conversion_error(idx, format!("unknown word {t:?}")))).transpose()
}

fn conversion_error(idx: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, message.into())
}

/// Upper bound for an index range scan that matches every text starting with `prefix`.
pub fn prefix_upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// LIMIT/OFFSET values for a page, fetching one extra row to learn whether more follow.
pub fn page_bounds(page: &crate::model::PageRequest) -> (i64, i64) {
    let offset = if page.after.is_some() { 0 } else { i64::from(page.offset) };
    (i64::from(page.clamped_limit()) + 1, offset)
}

/// The keyset bound for a newest-first list: rows with an id below this (all rows if none).
pub fn before_id(page: &crate::model::PageRequest) -> i64 {
    page.after.unwrap_or(i64::MAX)
}

/// `id < after` for a newest-first list, when the page asks for keyset paging.
pub fn keyset(filter: &mut Filter, condition: &'static str, page: &crate::model::PageRequest) {
    if let Some(after) = page.after {
        filter.int(condition, after);
    }
}

/// The optional filters of a list query: its WHERE clause and the values bound to it.
#[derive(Default)]
pub struct Filter {
    conditions: Vec<&'static str>,
    values: Vec<rusqlite::types::Value>,
}

impl Filter {
    pub fn text(&mut self, condition: &'static str, value: &str) -> &mut Self {
        self.bind(condition, [rusqlite::types::Value::Text(value.to_owned())])
    }

    pub fn int(&mut self, condition: &'static str, value: i64) -> &mut Self {
        self.bind(condition, [rusqlite::types::Value::Integer(value)])
    }

    pub fn bind(&mut self, condition: &'static str, values: impl IntoIterator<Item = rusqlite::types::Value>) -> &mut Self {
        self.conditions.push(condition);
        self.values.extend(values);
        self
    }

    /// `WHERE a AND b`, or nothing.
    pub fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }
}

impl super::Reader<'_> {
    /// Runs a list query ending in `LIMIT ? OFFSET ?` with the filter's values and the page's.
    pub(super) fn page_of<T>(
        &self,
        sql: &str,
        filter: Filter,
        page: &crate::model::PageRequest,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> crate::error::Result<Vec<T>> {
        let (limit, offset) = page_bounds(page);
        let mut values = filter.values;
        values.push(rusqlite::types::Value::Integer(limit));
        values.push(rusqlite::types::Value::Integer(offset));
        let rows =
            self.conn.prepare_cached(sql)?.query_map(rusqlite::params_from_iter(values), map)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_fixed_width_utc_text_that_sorts_like_the_times() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(db_time(t), "2026-01-02T03:04:05.000000Z");
        let later = t + chrono::Duration::microseconds(36);
        assert_eq!(db_time(later), "2026-01-02T03:04:05.000036Z");
        assert!(db_time(t) < db_time(later));
        assert_eq!(parse_db_time(&db_time(later)), Some(later));
    }
}
