//! Backup files as the Backups screen lists them, and what a restore did.
use super::Timestamp;
use serde::Serialize;
use ts_rs::TS;

/// One finished GasDesk backup (`gasdesk-YYYYMMDD-HHMMSS.db`, the time in UTC) in the folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    /// The file name: what staff pick on the Backups screen.
    pub name: String,
    /// The full path, to find the file on disk.
    pub path: String,
    /// When it was made (from its name, to the second).
    pub made_at: Timestamp,
    #[ts(type = "number")]
    pub size_bytes: i64,
}

/// The backup folder in use and the GasDesk backups in it, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupFolder {
    pub folder: String,
    pub backups: Vec<BackupFile>,
}

/// A restore done from the Backups screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupRestored {
    /// The backup that is now the database.
    pub name: String,
    /// Its schema version (upgraded to the current one on the way in).
    #[ts(type = "number")]
    pub backup_version: i64,
    /// Where the database that was replaced was kept; `null` when there was none.
    pub previous_kept_at: Option<String>,
    /// Kiosks the backup knew, all revoked by the restore: they pair again with a new code.
    #[ts(type = "number")]
    pub kiosks_revoked: i64,
}

/// A backup under way, for the Backups screen: the bytes written so far of about how many it
/// will write, then the check of the finished copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupProgress {
    #[ts(type = "number")]
    pub copied_bytes: u64,
    #[ts(type = "number")]
    pub expected_bytes: u64,
    /// The copy is written; it is being checked before it gets its name.
    pub checking: bool,
}
