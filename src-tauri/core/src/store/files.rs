//! The files GasDesk writes hold password hashes, addresses and phone numbers, so on Unix they
//! are made readable by their owner only: files 0600, folders the app creates 0700. SQLite
//! creates `-wal`/`-shm` with the mode of the database file, which is why the database file is
//! created here, owner-only, before SQLite opens it. On Windows nothing extra is done: files
//! under the user's AppData inherit the profile's user-only ACL (decision 0009).
use crate::error::{Error, Result};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The `-wal` and `-shm` files SQLite keeps beside a database in WAL mode.
pub(crate) fn sidecars(db: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// `path` with `suffix` appended to its file name (`live.db` + `.partial` = `live.db.partial`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Creates `dir` and any missing parents, each owner-only; an existing folder is left as it is.
pub(crate) fn create_private_dir_all(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::Open(format!("cannot create {}: {e}", dir.display())))
}

/// Creates the parent folder of `path` (owner-only) unless the path has none or it exists.
pub(crate) fn create_private_parent(path: &Path) -> Result<()> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.is_dir() => create_private_dir_all(parent),
        _ => Ok(()),
    }
}

/// Creates a new, empty, owner-only file; fails if `path` exists.
pub(crate) fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Makes sure the database file exists before SQLite opens it, created owner-only if it did not.
pub(crate) fn ensure_private_file(path: &Path) -> Result<()> {
    match create_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Open(format!("cannot create {}: {e}", path.display()))),
    }
}

/// Narrows an existing file (a database made by an older GasDesk, a `-wal` or `-shm`) to its
/// owner. Best effort: a file owned by someone else keeps its mode, and opening it still works.
pub(crate) fn restrict_to_owner(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The database file and its sidecars, narrowed to the owner (see [`restrict_to_owner`]).
pub(crate) fn restrict_database_files(db: &Path) {
    restrict_to_owner(db);
    for sidecar in sidecars(db) {
        restrict_to_owner(&sidecar);
    }
}

/// Deletes a file and its journal sidecars, ignoring the ones that are not there.
pub(crate) fn remove_database_files(db: &Path) {
    let _ = std::fs::remove_file(db);
    for sidecar in sidecars(db).iter().cloned().chain([with_suffix(db, "-journal")]) {
        let _ = std::fs::remove_file(sidecar);
    }
}

/// Flushes a finished file to disk before it is renamed into place.
pub(crate) fn sync_file(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// Flushes a folder's entries (a rename into it) to disk. Unix only: Windows cannot open a
/// folder as a file, and NTFS journals the rename itself.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
