//! Whether the database file is sound, for the kiosk (bookings paused) and the staff banner.
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DatabaseHealth {
    /// Damage was found: bookings are paused until the file is restored.
    pub damaged: bool,
    /// The first problem found, in words for staff; `null` while the file looks sound.
    pub problem: Option<String>,
    /// The newest backup in the backup folder (Settings); `null` when none is there.
    pub last_backup: Option<String>,
    /// The command that restores a backup over this database (run with every window closed).
    pub restore_command: Option<String>,
}
