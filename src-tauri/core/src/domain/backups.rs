//! Backups GasDesk makes by itself (the office window, on a schedule) and from the Backups
//! screen, and restores from that screen. The copying and checking is `store::back_up` /
//! `store::restore_from`, each on connections of their own; this module picks the folder and
//! name, keeps only `backups_to_keep` of GasDesk's own files, and records each outcome in
//! settings rows the dashboard reads. Decision 0009, "Automatic backups".
use super::actor::{audit, Actor, NOTHING};
use super::devices::revoke_every_kiosk;
use super::settings::{BACKUPS_TO_KEEP, BACKUP_EVERY_HOURS, BACKUP_FOLDER};
use super::Desk;
use crate::error::{Error, Result};
use crate::model::{BackupFile, BackupFolder, BackupProgress, BackupRestored, Settings, Timestamp};
use crate::store::{self, db_time, parse_db_time, Reader, Writer};
use chrono::{DateTime, Duration, Local, TimeZone, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The last backup that passed its check (its time, from its name).
const LAST_GOOD_AT: &str = "last_backup_at";
/// The last attempt, good or not: a failure is retried no sooner than `RETRY_AFTER_FAILURE`.
const LAST_ATTEMPT_AT: &str = "last_backup_attempt_at";
/// Why the last attempt failed; empty after a success.
const LAST_ERROR: &str = "last_backup_error";
const LAST_FILE: &str = "last_backup_file";
const LAST_SIZE: &str = "last_backup_size_bytes";
/// What a restore keeps from the database it replaces: facts about the backup folder and the
/// backups in it, not about the agency's records. A restore never sends backups elsewhere or
/// makes the dashboard forget the backup it was restored from.
const CARRIED_OVER_A_RESTORE: [&str; 8] =
    [LAST_GOOD_AT, LAST_ATTEMPT_AT, LAST_ERROR, LAST_FILE, LAST_SIZE, BACKUP_FOLDER, BACKUP_EVERY_HOURS, BACKUPS_TO_KEEP];

/// The folder beside the database used while `backup_folder` is empty.
const BESIDE_THE_DATABASE: &str = "backups";
/// A failing drive is tried again, but not every minute.
const RETRY_AFTER_FAILURE_MINUTES: i64 = 15;
/// The dashboard warns when the last good backup is older than this.
const OVERDUE_AFTER_HOURS: i64 = 24;
/// When the records were last replaced by a restore from the screen: every process on the file
/// compares it with what it saw, and ends its sessions when it changed (decision 0009).
const RESTORED_AT: &str = "restored_at";
/// What staff type to confirm a restore.
const CONFIRMATION_WORD: &str = "RESTORE";

/// One backup or restore at a time in this process: the schedule and "Back up now" would
/// otherwise race for the same name and prune each other's view of the folder.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The backup this process is writing, if any: its `.partial` file, about how many bytes it
/// will write, and whether the copy is written and being checked. Read by the Backups screen.
static UNDER_WAY: Mutex<Option<(PathBuf, u64, store::BackupStage)>> = Mutex::new(None);

fn set_under_way(value: Option<(PathBuf, u64, store::BackupStage)>) {
    *UNDER_WAY.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
}

/// Clears the record of the backup under way however the backup ends.
struct UnderWayGuard;

impl Drop for UnderWayGuard {
    fn drop(&mut self) {
        set_under_way(None);
    }
}

/// Whether an automatic backup is due at `now` (in the local time zone, which decides when a
/// day starts). Due when there has never been a good backup, at the first check after local
/// midnight when the last good one is from an earlier day, and `every_hours` after the last good
/// one. A failure since the last good one is retried no more often than every 15 minutes. A
/// last good backup stamped in the future (the clock was set back) is not trusted: due.
pub fn backup_due<Tz: TimeZone>(
    now: DateTime<Tz>,
    last_ok_at: Option<Timestamp>,
    last_attempt_at: Option<Timestamp>,
    every_hours: i64,
) -> bool {
    let now_utc = now.with_timezone(&Utc);
    let failed_since = match (last_attempt_at, last_ok_at) {
        (Some(attempt), Some(ok)) if attempt > ok => Some(attempt),
        (Some(attempt), None) => Some(attempt),
        _ => None,
    };
    if let Some(attempt) = failed_since {
        if attempt <= now_utc && now_utc - attempt < Duration::minutes(RETRY_AFTER_FAILURE_MINUTES) {
            return false;
        }
    }
    let Some(ok) = last_ok_at else { return true };
    if ok > now_utc {
        return true;
    }
    let last_day = ok.with_timezone(&now.timezone()).date_naive();
    last_day < now.date_naive() || now_utc - ok >= Duration::hours(every_hours.max(1))
}

/// What the settings rows say about the last backups.
pub(crate) struct BackupStatus {
    pub last_ok_at: Option<Timestamp>,
    pub last_attempt_at: Option<Timestamp>,
    /// Set only when the last attempt failed.
    pub last_error: Option<String>,
}

impl BackupStatus {
    /// No good backup, or the last one is more than a day old at `now`.
    pub fn overdue(&self, now: Timestamp) -> bool {
        self.last_ok_at.is_none_or(|ok| now - ok > Duration::hours(OVERDUE_AFTER_HOURS))
    }
}

pub(crate) fn backup_status(r: &Reader<'_>) -> Result<BackupStatus> {
    let time = |key| -> Result<Option<Timestamp>> { Ok(r.setting(key)?.as_deref().and_then(parse_db_time)) };
    Ok(BackupStatus {
        last_ok_at: time(LAST_GOOD_AT)?,
        last_attempt_at: time(LAST_ATTEMPT_AT)?,
        last_error: r.setting(LAST_ERROR)?.filter(|e| !e.is_empty()),
    })
}

/// The audit record of a backup made.
#[derive(Serialize)]
struct Made<'a> {
    file: &'a BackupFile,
    /// Older GasDesk backups deleted to keep `backups_to_keep`.
    deleted: &'a [String],
}

/// The audit record of a backup that failed.
#[derive(Serialize)]
struct Failed<'a> {
    folder: &'a str,
    error: &'a str,
}

/// Where [`Desk::backup`] writes.
#[derive(Debug, Clone, Copy)]
pub enum BackupTarget<'a> {
    /// The backup folder in Settings (`backups/` beside the database by default), named
    /// `gasdesk-YYYYMMDD-HHMMSS.db`; GasDesk's oldest backups there beyond `backups_to_keep` are
    /// deleted and the outcome goes to the dashboard. The window's "Back up now" and schedule.
    BackupFolder,
    /// Another folder, with the same naming; nothing there is deleted (`gasdesk backup --out DIR`).
    Folder(&'a Path),
    /// Exactly this new file, never overwriting one (`gasdesk backup --out FILE`).
    File(&'a Path),
}

impl Desk {
    /// Backs the database up to `target` on a connection of its own (the window's connection
    /// stays free and kiosks keep booking), checks the copy and audits the outcome, good or bad;
    /// a failure is also returned. Staff, or the program itself (the schedule, the command line).
    /// The window and the command line share this one path and one naming.
    pub fn backup(&self, actor: &Actor, target: BackupTarget<'_>) -> Result<BackupFile> {
        actor.require_staff_or_system()?;
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.run_backup(actor, target)
    }

    /// [`Desk::backup`] into the backup folder: the Backups screen's "Back up now".
    pub fn back_up_now(&self, actor: &Actor) -> Result<BackupFile> {
        self.backup(actor, BackupTarget::BackupFolder)
    }

    /// The schedule's check (the office window calls it every minute): backs up as the program
    /// itself when [`backup_due`] says so. `None` when nothing was due.
    pub fn back_up_if_due(&self) -> Result<Option<BackupFile>> {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (status, every_hours) = self.db.read(|r| Ok((backup_status(r)?, self.read_settings(r)?.backup_every_hours)))?;
        if !backup_due(self.now().with_timezone(&Local), status.last_ok_at, status.last_attempt_at, every_hours) {
            return Ok(None);
        }
        // Every automatic backup also checks the live file (decision 0012): `VACUUM INTO`
        // rebuilds indexes from their tables, so the copy alone never reads a damaged index page.
        // Damage found is recorded (bookings pause); the backup is still attempted.
        let _ = self.check_file();
        self.run_backup(&Actor::System, BackupTarget::BackupFolder).map(Some)
    }

    /// The backup folder in use and GasDesk's backups in it, newest first.
    pub fn list_backups(&self, actor: &Actor) -> Result<BackupFolder> {
        actor.require_staff()?;
        let settings = self.db.read(|r| self.read_settings(r))?;
        let folder = self.backup_folder(&settings)?;
        Ok(BackupFolder { folder: folder.display().to_string(), backups: store::list_backup_files(&folder)? })
    }

    /// Replaces the database with the backup called `name` in the backup folder, after staff
    /// typed `RESTORE`. The backup is checked and the current database copied aside first
    /// (`store::restore_from`). Staff only: the shell also refuses it on a kiosk, and ends
    /// every session afterwards.
    pub fn restore_backup(&self, actor: &Actor, name: &str, typed_confirmation: &str) -> Result<BackupRestored> {
        actor.require_staff()?;
        if typed_confirmation.trim() != CONFIRMATION_WORD {
            return Err(Error::invalid("confirmation", format!("Type {CONFIRMATION_WORD} in capitals to confirm the restore.")));
        }
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let db_path = self.db_file()?;
        let (settings, all) = self.db.read(|r| Ok((self.read_settings(r)?, r.all_settings()?)))?;
        let backup = store::find_backup_file(&self.backup_folder(&settings)?, name)?;
        let restored = store::restore_from(db_path, Path::new(&backup.path))?;
        // The damaged file (if it was) is gone: bookings may open again once the check agrees.
        self.forget_damage_and_check_again();
        let now = self.now();
        self.db.write(|w| {
            for key in CARRIED_OVER_A_RESTORE {
                if let Some(value) = all.get(key) {
                    w.put_setting(key, value)?;
                }
            }
            w.put_setting(RESTORED_AT, &db_time(now))?;
            let done = BackupRestored {
                name: backup.name,
                backup_version: restored.backup_version,
                previous_kept_at: restored.previous_kept_at.map(|p| p.display().to_string()),
                kiosks_revoked: revoke_every_kiosk(w, actor, now)?,
            };
            audit(w, actor, "backup.restore", ("backup", 0), NOTHING, Some(&done), now)?;
            Ok(done)
        })
    }

    /// The backup itself, its pruning and its record; the caller holds `ONE_AT_A_TIME`.
    fn run_backup(&self, actor: &Actor, target: BackupTarget<'_>) -> Result<BackupFile> {
        let settings = self.db.read(|r| self.read_settings(r))?;
        let started = self.now();
        let in_backup_folder = matches!(target, BackupTarget::BackupFolder);
        let (folder, file) = match target {
            BackupTarget::BackupFolder => (self.backup_folder(&settings)?, None),
            BackupTarget::Folder(folder) => (folder.to_path_buf(), None),
            BackupTarget::File(file) => (file.parent().unwrap_or_else(|| Path::new("")).to_path_buf(), Some(file)),
        };
        match self.write_backup(&folder, file, started) {
            Ok(made) => {
                let keep = usize::try_from(settings.backups_to_keep).unwrap_or(1).max(1);
                // The backup is made and checked; a file that cannot be deleted now is tried again
                // after the next one, so pruning never turns a good backup into a failure. Only the
                // backup folder is pruned: another folder is the person's own.
                let deleted = if in_backup_folder {
                    store::prune_backup_files(&folder, keep, Path::new(&made.path)).unwrap_or_default()
                } else {
                    Vec::new()
                };
                self.db.write(|w| {
                    if in_backup_folder {
                        record_success(w, &made)?;
                    }
                    audit(w, actor, "backup.create", ("backup", 0), NOTHING, Some(&Made { file: &made, deleted: &deleted }), started)
                })?;
                Ok(made)
            }
            Err(failure) => {
                if matches!(failure, Error::Damaged(_)) {
                    self.mark_damaged(&format!("the backup could not read the database: {failure}"));
                }
                let text = failure.to_string();
                // The backup's own failure says more than a failure to record it (which a damaged
                // database, the likeliest cause of both, would also give), so that one is returned.
                let _ = self.db.write(|w| {
                    if in_backup_folder {
                        record_failure(w, started, &text)?;
                    }
                    let folder = folder.display().to_string();
                    audit(w, actor, "backup.failed", ("backup", 0), NOTHING, Some(&Failed { folder: &folder, error: &text }), started)
                });
                Err(failure)
            }
        }
    }

    /// Writes and checks one backup in `folder`, as `file` or else under the next free
    /// `gasdesk-YYYYMMDD-HHMMSS.db` name; failures come back in words for staff.
    fn write_backup(&self, folder: &Path, file: Option<&Path>, at: Timestamp) -> Result<BackupFile> {
        let db_path = self.db_file()?;
        if folder.exists() && !folder.is_dir() {
            return Err(Error::Conflict(format!(
                "The backup folder {} is a file, not a folder. Choose another folder in Settings.",
                folder.display()
            )));
        }
        let out = match file {
            Some(file) => file.to_path_buf(),
            None => store::new_backup_path(folder, at)?,
        };
        let partial = store::partial_backup_path(&out);
        let expected = store::database_bytes_in_use(db_path).unwrap_or(0);
        let _clear = UnderWayGuard;
        let on_stage = |stage| set_under_way(Some((partial.clone(), expected, stage)));
        store::back_up_reporting(db_path, &out, &on_stage).map_err(|e| match e {
            Error::Open(detail) | Error::Internal(detail) => {
                Error::Conflict(format!("The backup could not be written to {}: {detail}.", folder.display()))
            }
            other => other,
        })?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if file.is_none() {
            return store::find_backup_file(folder, &name);
        }
        let size_bytes = std::fs::metadata(&out).map(|m| i64::try_from(m.len()).unwrap_or(i64::MAX)).unwrap_or(0);
        Ok(BackupFile { name, path: out.display().to_string(), made_at: at, size_bytes })
    }

    /// Which records the file holds: changes when a restore from the screen replaces them, so
    /// every window on the file (a kiosk process too) ends the sessions it holds for the old
    /// records. Empty until the first such restore.
    pub fn records_generation(&self) -> Result<String> {
        Ok(self.db.read(|r| r.setting(RESTORED_AT))?.unwrap_or_default())
    }

    /// The backup under way in this process, if any: what the Backups screen shows while
    /// "Back up now" (or the schedule) works. Staff only.
    pub fn backup_progress(&self, actor: &Actor) -> Result<Option<BackupProgress>> {
        actor.require_staff()?;
        let under_way = UNDER_WAY.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        Ok(under_way.map(|(partial, expected, stage)| {
            let checking = stage == store::BackupStage::Checking;
            // The copy may come out smaller than the pages in use (VACUUM packs them): once it
            // is written, it counts as all of them.
            let written = std::fs::metadata(&partial).map(|m| m.len()).unwrap_or(0);
            let copied = if checking { expected } else { written.min(expected) };
            BackupProgress { copied_bytes: copied, expected_bytes: expected, checking }
        }))
    }

    /// The database file this desk works on (an in-memory database has none to copy).
    fn db_file(&self) -> Result<&Path> {
        self.db.path().ok_or_else(|| Error::Internal("this database is not a file, so it has no backups".into()))
    }

    /// The newest backup in the backup folder. When the settings cannot be read (a damaged
    /// database), the default folder beside the database is looked in.
    pub(crate) fn newest_backup(&self) -> Option<BackupFile> {
        let folder = match self.db.read(|r| self.read_settings(r)) {
            Ok(settings) => self.backup_folder(&settings).ok()?,
            Err(_) => self.db.path()?.parent()?.join(BESIDE_THE_DATABASE),
        };
        store::list_backup_files(&folder).ok()?.into_iter().next()
    }

    /// `backup_folder`, or the `backups` folder beside the database when it is empty.
    fn backup_folder(&self, settings: &Settings) -> Result<PathBuf> {
        if !settings.backup_folder.is_empty() {
            return Ok(PathBuf::from(&settings.backup_folder));
        }
        let db = self.db_file()?;
        Ok(db.parent().unwrap_or_else(|| Path::new("")).join(BESIDE_THE_DATABASE))
    }
}

/// Replaces the database at `db_path` with the backup file at `from` (`gasdesk restore`): the
/// backup is checked as untrusted data and the current database kept aside first. Works on
/// files alone, so a database too damaged to open can still be replaced. Close every GasDesk
/// window on the file first.
///
/// Every kiosk the backup knows is then revoked (audited as the program itself), as
/// [`Desk::restore_backup`] does: kiosks pair again.
pub fn restore_database(db_path: &Path, from: &Path) -> Result<BackupRestored> {
    let restored = store::restore_from(db_path, from)?;
    let now = Utc::now();
    let kiosks_revoked = store::Db::open(db_path)?.write(|w| revoke_every_kiosk(w, &Actor::System, now))?;
    Ok(BackupRestored {
        name: from.display().to_string(),
        backup_version: restored.backup_version,
        previous_kept_at: restored.previous_kept_at.map(|p| p.display().to_string()),
        kiosks_revoked,
    })
}

fn record_success(w: &Writer<'_>, made: &BackupFile) -> Result<()> {
    let at = db_time(made.made_at);
    w.put_setting(LAST_GOOD_AT, &at)?;
    w.put_setting(LAST_ATTEMPT_AT, &at)?;
    w.put_setting(LAST_ERROR, "")?;
    w.put_setting(LAST_FILE, &made.path)?;
    w.put_setting(LAST_SIZE, &made.size_bytes.to_string())
}

fn record_failure(w: &Writer<'_>, at: Timestamp, error: &str) -> Result<()> {
    w.put_setting(LAST_ATTEMPT_AT, &db_time(at))?;
    w.put_setting(LAST_ERROR, error)
}
