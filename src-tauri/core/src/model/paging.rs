//! Paging: the UI asks for one page at a time and never loads a whole table.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_PAGE_SIZE: u32 = 200;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageRequest {
    pub offset: u32,
    pub limit: u32,
    /// Keyset paging: the `id` of the last row of the previous page. Each list continues after
    /// that row in its own order (newest first, cylinder ID, or gas leaks first then oldest), so
    /// `offset` is ignored and a deep page costs what the first one does, where an offset would
    /// walk every row before it.
    #[serde(default)]
    #[ts(optional)]
    #[ts(type = "number")]
    pub after: Option<i64>,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { offset: 0, limit: 50, after: None }
    }
}

impl PageRequest {
    pub fn first(limit: u32) -> Self {
        PageRequest { offset: 0, limit, after: None }
    }

    pub fn at(offset: u32, limit: u32) -> Self {
        PageRequest { offset, limit, after: None }
    }

    /// The page after the row with id `after`, newest first.
    pub fn after(after: i64, limit: u32) -> Self {
        PageRequest { offset: 0, limit, after: Some(after) }
    }

    /// The limit clamped to 1..=MAX_PAGE_SIZE, so no request can ask for a whole table.
    pub fn clamped_limit(&self) -> u32 {
        self.limit.clamp(1, MAX_PAGE_SIZE)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub offset: u32,
    /// True when at least one more row follows this page (one extra row is fetched to know).
    pub has_more: bool,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows.
    pub fn from_rows(mut rows: Vec<T>, request: &PageRequest) -> Self {
        let limit = request.clamped_limit() as usize;
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        Page { items: rows, offset: request.offset, has_more }
    }
}
