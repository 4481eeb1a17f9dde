//! What a login attempt checks, read the same way from `users` (customers) and `staff`.
use rusqlite::Row;

/// An account's id, its username as stored (the attempt's may differ in case) and its
/// password hash.
pub struct Credentials {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
}

/// From `SELECT id, username, password_hash`.
pub(super) fn credentials_from_row(row: &Row<'_>) -> rusqlite::Result<Credentials> {
    Ok(Credentials { id: row.get(0)?, username: row.get(1)?, password_hash: row.get(2)? })
}
