//! A damaged database file. Damage is found two ways: `PRAGMA quick_check` on a connection of
//! its own once the window is up ([`Desk::check_file_in_background`]), or any operation that
//! meets a damaged page (`Error::Damaged`, recorded by `Db::read`/`Db::write`). From then on
//! bookings are paused before anything is reserved or charged, and staff are told what to
//! restore. Decision 0012.
use super::Desk;
use crate::error::{Error, Result};
use crate::model::DatabaseHealth;
use crate::store::{self, DamageRecord};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// What `gasdesk check` reports on a database file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// Damage (`PRAGMA integrity_check`, foreign keys) and broken product rules; empty when sound.
    pub problems: Vec<String>,
    /// Refunds the payment gateway has not confirmed yet: money owed, not a fault in the file.
    pub refunds_needing_attention: i64,
}

impl Desk {
    /// The full check of the file and every product rule, for `gasdesk check`.
    pub fn file_report(&self) -> Result<FileReport> {
        Ok(FileReport { problems: self.db.integrity_problems()?, refunds_needing_attention: self.db.refunds_needing_attention()? })
    }

    /// The first problem found in the database file, or `None` while it looks sound.
    pub fn damage(&self) -> Option<String> {
        self.db.damage_record().problem()
    }

    /// Records that the file is damaged (the first problem's text is kept).
    pub fn mark_damaged(&self, problem: &str) {
        self.db.damage_record().mark(problem);
    }

    /// Refuses a booking while the file is known to be damaged: taking money for a booking the
    /// database may not be able to keep would be worse than no booking.
    pub fn ensure_bookings_open(&self) -> Result<()> {
        if self.db.damage_record().is_damaged() {
            return Err(Error::BookingsPaused);
        }
        Ok(())
    }

    /// Runs the quick check now, on a connection of its own, and records what it finds.
    /// An in-memory database (tests) has no file to check.
    pub fn check_file(&self) -> Result<Vec<String>> {
        match self.db.path() {
            Some(path) => check_and_record(path, self.db.damage_record()),
            None => Ok(Vec::new()),
        }
    }

    /// Forgets the damage: the damaged file was just replaced by a checked backup. The check
    /// runs again in the background, so damage that is still there is found again.
    pub(crate) fn forget_damage_and_check_again(&self) {
        self.db.damage_record().clear();
        drop(self.check_file_in_background());
    }

    /// [`Desk::check_file`] on a thread of its own, so start-up does not wait for it: the shell
    /// calls this once the window is up. The handle gives the check's result to whoever wants it.
    pub fn check_file_in_background(&self) -> JoinHandle<Result<Vec<String>>> {
        let record = Arc::clone(self.db.damage_record());
        let path = self.db.path().map(Path::to_path_buf);
        std::thread::spawn(move || match path {
            Some(path) => check_and_record(&path, &record),
            None => Ok(Vec::new()),
        })
    }

    /// Whether the file is damaged and, if so, what staff can restore: the newest backup
    /// beside the database and the command that restores it. Needs no log-in: the kiosk shows
    /// customers that bookings are paused.
    pub fn database_health(&self) -> DatabaseHealth {
        let Some(problem) = self.damage() else {
            return DatabaseHealth { damaged: false, problem: None, last_backup: None, restore_command: None };
        };
        let db_path = self.db.path();
        let last_backup = self.newest_backup().map(|b| PathBuf::from(b.path));
        let restore_command = db_path.map(|db| {
            let from = last_backup.as_ref().map_or_else(|| "<backup file>".to_owned(), |b| format!("\"{}\"", b.display()));
            format!("gasdesk restore --db \"{}\" --from {from}", db.display())
        });
        DatabaseHealth { damaged: true, problem: Some(problem), last_backup: last_backup.map(|b| b.display().to_string()), restore_command }
    }
}

fn check_and_record(path: &Path, record: &DamageRecord) -> Result<Vec<String>> {
    let problems = match store::quick_check_problems(path) {
        Ok(problems) => problems,
        // So damaged the check could not even run: that is its finding.
        Err(Error::Damaged(e)) => vec![e.to_string()],
        Err(other) => return Err(other),
    };
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" ({} more)", n - 1),
        };
        record.mark(&format!("The check after start found the database file damaged: {first}{more}"));
    }
    Ok(problems)
}
