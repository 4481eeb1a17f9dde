//! The Tauri shell: builds the app and opens its one window.
//!
//! The window is created here rather than in `tauri.conf.json` so the mode is chosen at start:
//! office mode is a normal resizable window, kiosk mode is fullscreen with no decorations.
//! Nothing in here may panic on a runtime failure: errors become a plain message on stderr and
//! a failure exit code.
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use tauri::{AppHandle, Manager, RunEvent, WebviewUrl, WebviewWindowBuilder};

/// How the window is started; filled from the command line.
pub struct WindowOptions {
    /// Database file; `None` means `gasdesk.db` in the OS application-data folder.
    pub db: Option<PathBuf>,
    /// Fullscreen, undecorated kiosk window instead of the office window.
    pub kiosk: bool,
}

/// Label of the one window. `capabilities/default.json` grants permissions by this label.
pub const MAIN_WINDOW: &str = "main";

/// File name of the database in the application-data folder when `--db` is not given.
pub const DEFAULT_DB_FILE: &str = "gasdesk.db";

/// What the app was started with, resolved, held as Tauri state for the commands.
#[derive(Debug, Clone)]
pub struct Launch {
    pub db_path: PathBuf,
    pub kiosk: bool,
}

/// Runs the app until its window is closed; the exit code says whether it started cleanly.
pub fn run(opts: WindowOptions) -> ExitCode {
    match run_app(opts) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("gasdesk: {err}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Debug)]
enum StartError {
    NoDisplay,
    Tauri(tauri::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDisplay => f.write_str(
                "no graphical display (DISPLAY and WAYLAND_DISPLAY are unset); \
                 headless work is done with subcommands, see `gasdesk --help`",
            ),
            Self::Tauri(err) => write!(f, "could not start the window: {err}"),
        }
    }
}

fn run_app(opts: WindowOptions) -> Result<ExitCode, StartError> {
    ensure_display()?;
    let app = tauri::Builder::default()
        .build(tauri::generate_context!())
        .map_err(StartError::Tauri)?;

    let mut opts = Some(opts);
    let code = app.run_return(move |handle, event| {
        if let RunEvent::Ready = event {
            // Ready comes once; `take` makes that explicit and keeps the closure `FnMut`.
            if let Some(opts) = opts.take() {
                if let Err(err) = start(handle, opts) {
                    eprintln!("gasdesk: {err}");
                    handle.exit(1);
                }
            }
        }
    });
    Ok(u8::try_from(code).map_or(ExitCode::FAILURE, ExitCode::from))
}

/// GTK aborts the process when it has no display; say so plainly instead.
#[cfg(target_os = "linux")]
fn ensure_display() -> Result<(), StartError> {
    let set = |name| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        Ok(())
    } else {
        Err(StartError::NoDisplay)
    }
}

#[cfg(not(target_os = "linux"))]
fn ensure_display() -> Result<(), StartError> {
    Ok(())
}

fn start(handle: &AppHandle, opts: WindowOptions) -> Result<(), StartError> {
    let db_path = match opts.db {
        Some(path) => path,
        None => handle
            .path()
            .app_data_dir()
            .map_err(StartError::Tauri)?
            .join(DEFAULT_DB_FILE),
    };
    handle.manage(Launch {
        db_path,
        kiosk: opts.kiosk,
    });
    open_main_window(handle, opts.kiosk).map_err(StartError::Tauri)
}

fn open_main_window(handle: &AppHandle, kiosk: bool) -> tauri::Result<()> {
    let builder = WebviewWindowBuilder::new(handle, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("GasDesk")
        .focused(true);
    let builder = if kiosk {
        builder
            .fullscreen(true)
            .decorations(false)
            .resizable(false)
    } else {
        builder
            .inner_size(1280.0, 800.0)
            .min_inner_size(960.0, 640.0)
            .resizable(true)
            .center()
    };
    builder.build().map(|_window| ())
}
