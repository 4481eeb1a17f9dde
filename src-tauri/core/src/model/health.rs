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

impl DatabaseHealth {
    /// What anyone may see (a customer at a kiosk): whether bookings are paused, not the
    /// problem's detail, file paths or the restore command.
    pub fn for_the_public(self) -> DatabaseHealth {
        DatabaseHealth { damaged: self.damaged, problem: None, last_backup: None, restore_command: None }
    }
}

#[cfg(test)]
mod tests {
    use super::DatabaseHealth;

    #[test]
    fn the_public_sees_that_bookings_are_paused_but_no_paths_or_commands() {
        let staff = DatabaseHealth {
            damaged: true,
            problem: Some("page 7".into()),
            last_backup: Some("/home/agency/backups/gasdesk-20261129-000000.db".into()),
            restore_command: Some("gasdesk restore --db … --from …".into()),
        };
        let public = staff.for_the_public();
        assert!(public.damaged);
        assert_eq!((public.problem, public.last_backup, public.restore_command), (None, None, None));
    }
}
