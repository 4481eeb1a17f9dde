//! A kiosk PC's pairing with its office, as one small JSON file: where the office is, the one
//! certificate it trusts, and its device token (decision 0015). The token opens the office's
//! API to whoever holds it, so the file is owner-only on Unix and replaced atomically (a new
//! file renamed over the old), never left half-written. By default it is `kiosk-pairing.json`
//! in the application-data folder Tauri uses for this app; `--pairing FILE` names another, so
//! several kiosks can run on one test machine.
use crate::remote::pinning::{parse_fingerprint_hex, Fingerprint};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file name in the application-data folder.
pub const PAIRING_FILE_NAME: &str = "kiosk-pairing.json";

/// The app's identifier in `tauri.conf.json`: Tauri's `app_data_dir()` is the OS data folder
/// joined with it (a test keeps the two equal), so the CLI's `gasdesk pair` and the window
/// find the same file.
pub const APP_IDENTIFIER: &str = "in.gasdesk.app";

/// What a paired kiosk knows about its office. `Debug` leaves the device token out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskPairing {
    /// `ADDR:PORT` of the office (an IP address or a host name).
    pub office: String,
    /// SHA-256 of the office's certificate, 64 hex digits: the only certificate trusted.
    pub fingerprint: String,
    pub device_id: i64,
    /// The secret the office knows only a hash of.
    pub device_token: String,
    /// The kiosk's name as staff see it.
    pub name: String,
    /// Last heard from the office, for the offline banner.
    #[serde(default)]
    pub agency_name: String,
    #[serde(default)]
    pub emergency_helpline: String,
}

impl std::fmt::Debug for KioskPairing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token opens the office's API: it stays out of any log or panic message.
        f.debug_struct("KioskPairing")
            .field("office", &self.office)
            .field("fingerprint", &self.fingerprint)
            .field("device_id", &self.device_id)
            .field("device_token", &"<redacted>")
            .field("name", &self.name)
            .field("agency_name", &self.agency_name)
            .field("emergency_helpline", &self.emergency_helpline)
            .finish()
    }
}

impl KioskPairing {
    /// The pinned fingerprint; `None` when the file's text is not one.
    pub fn fingerprint_bytes(&self) -> Option<Fingerprint> {
        parse_fingerprint_hex(&self.fingerprint)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PairingFileError {
    #[error(
        "this kiosk is not paired with an office yet ({path} does not exist). Ask staff at the office for a pairing code \
         (Kiosks, Add kiosk), then run: gasdesk pair --server ADDR:PORT --code CODE{pairing_arg}",
        path = .0.display(),
        pairing_arg = pairing_arg(.0)
    )]
    Missing(PathBuf),
    #[error("the kiosk's pairing file {path} cannot be read: {source}", path = .path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("the kiosk's pairing file {path} is not a GasDesk pairing ({detail}); pair this kiosk again", path = .path.display())]
    Malformed { path: PathBuf, detail: String },
    #[error("the kiosk's pairing could not be saved in {path}: {source}", path = .path.display())]
    CannotWrite { path: PathBuf, source: std::io::Error },
    #[error("the application-data folder of this computer could not be found; give the pairing file with --pairing FILE")]
    NoDataFolder,
}

/// The `--pairing` argument to repeat in advice, unless the file is the default one.
fn pairing_arg(path: &Path) -> String {
    match default_path() {
        Ok(default) if default == path => String::new(),
        _ => format!(" --pairing {}", path.display()),
    }
}

/// `kiosk-pairing.json` in the OS application-data folder Tauri uses for this app.
pub fn default_path() -> Result<PathBuf, PairingFileError> {
    let data = dirs::data_dir().ok_or(PairingFileError::NoDataFolder)?;
    Ok(data.join(APP_IDENTIFIER).join(PAIRING_FILE_NAME))
}

/// The file given, or the default one.
pub fn path_or_default(given: Option<&Path>) -> Result<PathBuf, PairingFileError> {
    match given {
        Some(path) => Ok(path.to_owned()),
        None => default_path(),
    }
}

/// Reads a pairing; a missing file is [`PairingFileError::Missing`], whose message says how to
/// pair.
pub fn load(path: &Path) -> Result<KioskPairing, PairingFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PairingFileError::Missing(path.to_owned())),
        Err(source) => return Err(PairingFileError::Unreadable { path: path.to_owned(), source }),
    };
    let malformed = |detail: String| PairingFileError::Malformed { path: path.to_owned(), detail };
    let pairing: KioskPairing = serde_json::from_str(&text).map_err(|e| malformed(e.to_string()))?;
    if pairing.fingerprint_bytes().is_none() {
        return Err(malformed("the office's certificate fingerprint is not 64 hex digits".into()));
    }
    Ok(pairing)
}

/// Writes `pairing` to `path`: a temporary owner-only file beside it, flushed to disk, then
/// renamed over the old one, so a crash leaves either the old pairing or the new one.
pub fn save(path: &Path, pairing: &KioskPairing) -> Result<(), PairingFileError> {
    let cannot = |source: std::io::Error| PairingFileError::CannotWrite { path: path.to_owned(), source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir_all(parent).map_err(cannot)?;
    }
    let text = serde_json::to_string_pretty(pairing).map_err(|e| cannot(std::io::Error::other(e)))?;
    let mut temp_name = path.as_os_str().to_owned();
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp_name);
    let written = write_private(&temp, text.as_bytes()).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(cannot(e));
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::File::options();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    // A leftover temp file of another mode (created by someone else's umask) is narrowed too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates `dir` and missing parents, each owner-only on Unix; an existing folder is kept as is.
fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairing() -> KioskPairing {
        KioskPairing {
            office: "192.168.1.10:7443".into(),
            fingerprint: "ab".repeat(32),
            device_id: 7,
            device_token: "secret-token".into(),
            name: "Counter 1".into(),
            agency_name: "Sharma Gas".into(),
            emergency_helpline: "1906".into(),
        }
    }

    #[test]
    fn debug_leaves_the_device_token_out() {
        let shown = format!("{:?}", pairing());
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("192.168.1.10:7443") && shown.contains("Counter 1"), "the rest is shown: {shown}");
    }

    #[test]
    fn a_pairing_round_trips_through_its_file_which_only_its_owner_can_read() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("kiosks").join("one.json");
        save(&path, &pairing()).expect("saved");
        assert_eq!(load(&path).expect("loaded"), pairing());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the device token is for the kiosk's user only");
            let folder = std::fs::metadata(path.parent().expect("a parent")).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(folder, 0o700);
        }
        let mut changed = pairing();
        changed.emergency_helpline = "1800-233-3555".into();
        save(&path, &changed).expect("saved again");
        assert_eq!(load(&path).expect("loaded"), changed);
        let names: Vec<_> =
            std::fs::read_dir(path.parent().expect("a parent")).expect("list").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("one.json")], "no temporary file left behind");
    }

    #[test]
    fn a_missing_file_says_how_to_pair() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("none.json");
        let refused = load(&path).expect_err("missing");
        assert!(matches!(refused, PairingFileError::Missing(_)));
        let message = refused.to_string();
        assert!(message.contains("gasdesk pair --server ADDR:PORT --code CODE"), "{message}");
        assert!(message.contains(&format!("--pairing {}", path.display())), "{message}");
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_plainly() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("bad.json");
        std::fs::write(&path, "{ not json").expect("written");
        assert!(matches!(load(&path), Err(PairingFileError::Malformed { .. })));
        let mut bad = pairing();
        bad.fingerprint = "not hex".into();
        std::fs::write(&path, serde_json::to_string(&bad).expect("json")).expect("written");
        assert!(matches!(load(&path), Err(PairingFileError::Malformed { .. })));
    }

    #[test]
    fn the_default_folder_is_the_one_tauri_uses_for_this_app() {
        let config: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json is JSON");
        assert_eq!(config["identifier"], APP_IDENTIFIER);
        if let Ok(path) = default_path() {
            assert!(path.ends_with(Path::new(APP_IDENTIFIER).join(PAIRING_FILE_NAME)), "{}", path.display());
        }
    }
}
