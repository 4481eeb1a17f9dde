//! The Tauri shell: builds the app and opens its one window.
//!
//! The window is created here rather than in `tauri.conf.json` so the mode is chosen at start:
//! office mode is a normal resizable window, kiosk mode is fullscreen with no decorations,
//! locked down by `kiosk.rs` (its own pages only, no closing without staff, no devtools).
//! On a kiosk PC (`--server`/`--pairing`) there is no database: the window's commands are
//! forwarded to the office (`forward.rs`, decision 0015). A database from an older GasDesk is
//! upgraded with the window already open on its upgrading page (`upgrading.rs`, decision 0016).
//! Nothing in here may panic on a runtime failure: errors become a plain message on stderr and
//! a failure exit code.
pub mod forward;
mod handlers;
pub mod kiosk;
mod kiosk_server;
mod kiosk_webkit;
mod upgrading;

use crate::api::AppState;
use crate::remote::{link, pairing_file, LinkMonitor, OfficeClient};
use forward::Forwarder;
use gasdesk_core::domain::gateway::{gateway_named, PaymentGateway};
use gasdesk_core::model::KioskLanguage;
use gasdesk_core::{Desk, Error};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use tauri::{AppHandle, LogicalPosition, LogicalSize, Manager, RunEvent, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

/// How the window is started; filled from the command line.
pub struct WindowOptions {
    /// Database file; `None` means `gasdesk.db` in the OS application-data folder.
    pub db: Option<PathBuf>,
    /// Fullscreen, undecorated kiosk window instead of the office window.
    pub kiosk: bool,
    /// Payment gateway name: `mock` or `fail` (see `gateway_named`).
    pub gateway: String,
    /// A kiosk PC: no database; every command goes to the office this names.
    pub remote: Option<RemoteKiosk>,
    /// The language the kiosk's visits start in and return to (`--language`).
    pub language: KioskLanguage,
}

/// `gasdesk --kiosk --server ADDR:PORT [--pairing FILE]`.
#[derive(Debug, Clone, Default)]
pub struct RemoteKiosk {
    /// The office's address; the one kept in the pairing file when `None`.
    pub server: Option<String>,
    /// The pairing file; `kiosk-pairing.json` in the application-data folder when `None`.
    pub pairing: Option<PathBuf>,
}

/// The window's command handler: the commands themselves, or the forwarder.
type InvokeHandler = Box<dyn Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static>;

/// Label of the one window. `capabilities/default.json` grants permissions by this label.
pub const MAIN_WINDOW: &str = "main";

/// The app's page; the window opens on `upgrading::UPGRADING_PAGE` first while an older
/// database is upgraded.
pub const APP_PAGE: &str = "index.html";

/// File name of the database in the application-data folder when `--db` is not given.
pub const DEFAULT_DB_FILE: &str = "gasdesk.db";

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
    WindowSystem(String),
    Tauri(tauri::Error),
    UnknownGateway(String),
    Database(String),
    /// The kiosk PC's pairing is missing or unusable; the message says how to pair.
    Pairing(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoDisplay => f.write_str(
                "no graphical display (DISPLAY and WAYLAND_DISPLAY are unset); \
                 headless work is done with subcommands, see `gasdesk --help`",
            ),
            Self::WindowSystem(reason) => write!(f, "could not open the display: {reason}"),
            Self::Tauri(err) => write!(f, "could not start the window: {err}"),
            Self::UnknownGateway(name) => write!(f, "unknown gateway {name:?}; use mock or fail"),
            Self::Database(err) | Self::Pairing(err) => write!(f, "{err}"),
        }
    }
}

fn run_app(opts: WindowOptions) -> Result<ExitCode, StartError> {
    if opts.kiosk {
        // First, while this process has no other thread (see the function).
        kiosk_webkit::before_start();
    }
    // A kiosk PC that is not paired says how to pair before anything else.
    let forwarder = opts.remote.as_ref().map(|remote| connect_to_office(remote, opts.language)).transpose()?;
    ensure_display()?;
    let handler: InvokeHandler = match &forwarder {
        Some(forwarder) => Box::new(forward::invoke_handler(forwarder.clone())),
        None => Box::new(handlers::invoke_handler()),
    };
    let app = build_app(handler)?;

    let mut opts = Some(opts);
    let code = app.run_return(move |handle, event| {
        if let RunEvent::Ready = event {
            // Ready comes once; `take` makes that explicit and keeps the closure `FnMut`.
            if let Some(opts) = opts.take() {
                let started = match &forwarder {
                    Some(forwarder) => start_remote(handle, forwarder.clone()),
                    None => start(handle, opts),
                };
                if let Err(err) = started {
                    eprintln!("gasdesk: {err}");
                    handle.exit(1);
                }
            }
        }
    });
    Ok(u8::try_from(code).map_or(ExitCode::FAILURE, ExitCode::from))
}

/// Builds the app. The windowing library panics when it cannot open the display (a wrong
/// `DISPLAY`, an X server that went away); that panic is caught here and becomes an error.
fn build_app(handler: InvokeHandler) -> Result<tauri::App, StartError> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        tauri::Builder::default().invoke_handler(handler).build(tauri::generate_context!())
    }));
    std::panic::set_hook(default_hook);
    match built {
        Ok(result) => result.map_err(StartError::Tauri),
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the window system failed to start".to_owned());
            Err(StartError::WindowSystem(reason))
        }
    }
}

/// GTK cannot start without a display; say so plainly before trying.
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
    let db_path = match &opts.db {
        Some(path) => path.clone(),
        None => handle.path().app_data_dir().map_err(StartError::Tauri)?.join(DEFAULT_DB_FILE),
    };
    let gateway = gateway_named(&opts.gateway).ok_or_else(|| StartError::UnknownGateway(opts.gateway.clone()))?;
    // A file that cannot be read is not announced: opening it says what is wrong with it.
    if let Ok(Some(_)) = Desk::pending_upgrade(&db_path) {
        return upgrade_then_start(handle, opts, db_path, gateway);
    }
    let desk = Desk::open(&db_path, gateway).map_err(|e| StartError::Database(e.to_string()))?;
    manage_desk(handle, &opts, &db_path, desk)?;
    open_main_window(handle, opts.kiosk, APP_PAGE, may_close_office_window).map_err(StartError::Tauri)?;
    start_beside_the_window(handle, opts.kiosk);
    Ok(())
}

/// An older file: the window opens at once on the upgrading page, the upgrade runs on a thread
/// of its own (the window is drawn meanwhile), then the same start as a file that needed none
/// goes on, on the main thread, and the window turns to the app's page.
fn upgrade_then_start(
    handle: &AppHandle,
    opts: WindowOptions,
    db_path: PathBuf,
    gateway: Arc<dyn PaymentGateway>,
) -> Result<(), StartError> {
    let window = open_main_window(handle, opts.kiosk, upgrading::UPGRADING_PAGE, may_close_office_window).map_err(StartError::Tauri)?;
    let kept_open = upgrading::keep_open_while_upgrading(&window);
    let handle = handle.clone();
    let upgrade = move || {
        let mut reporter = upgrading::Reporter::new(handle.clone());
        let opened = Desk::open_with_progress(&db_path, gateway, &mut |p| reporter.report(p));
        let main = handle.clone();
        let continued = handle.run_on_main_thread(move || {
            let started = opened
                .map_err(|e| StartError::Database(e.to_string()))
                .and_then(|desk| manage_desk(&main, &opts, &db_path, desk))
                .and_then(|()| upgrading::show_app(&window, kept_open).map_err(StartError::Tauri));
            match started {
                Ok(()) => start_beside_the_window(&main, opts.kiosk),
                Err(err) => {
                    eprintln!("gasdesk: {err}");
                    main.exit(1);
                }
            }
        });
        if let Err(e) = continued {
            eprintln!("gasdesk: the window could not go on after the upgrade: {e}");
        }
    };
    std::thread::Builder::new()
        .name("gasdesk-upgrade".into())
        .spawn(upgrade)
        .map_err(|e| StartError::Database(format!("the database upgrade could not start: {e}")))?;
    Ok(())
}

/// The desk of an open, up-to-date file becomes the window's state: what a stopped process
/// left is settled first, and the office starts serving kiosk PCs if the settings say so.
fn manage_desk(handle: &AppHandle, opts: &WindowOptions, db_path: &Path, desk: Desk) -> Result<(), StartError> {
    // Bookings left waiting on a payment by a process that stopped are settled before anyone
    // can book again. A damaged file still opens (the desk has recorded the damage): staff
    // need the window to see what to restore, and bookings stay paused meanwhile.
    match desk.reconcile_lapsed_bookings() {
        Ok(_) | Err(Error::Damaged(_)) => {}
        Err(e) => return Err(StartError::Database(e.to_string())),
    }
    let state = AppState::new(desk, opts.kiosk).with_language(opts.language);
    // The office window serves kiosk PCs when the settings say so; a kiosk never serves.
    let state = if opts.kiosk { state } else { kiosk_server::serve_from_office(state, db_path) };
    handle.manage(state);
    Ok(())
}

/// What runs beside the window once it shows the app: the file's check, the office's backups.
fn start_beside_the_window(handle: &AppHandle, kiosk: bool) {
    check_file_after_start(handle);
    if !kiosk {
        back_up_on_schedule(handle);
    }
}

/// May a window on this PC's database close now? A kiosk window only while staff hold the
/// admin switch (none can before the desk is there); an office window always.
fn may_close_office_window(handle: &AppHandle) -> bool {
    kiosk::close_allowed(handle.try_state::<AppState>().as_deref())
}

/// A kiosk PC: the pairing, a client that trusts only the paired office's certificate, the
/// health watch and the forwarder. Nothing touches the network yet.
fn connect_to_office(remote: &RemoteKiosk, language: KioskLanguage) -> Result<Arc<Forwarder>, StartError> {
    let pairing_error = |e: pairing_file::PairingFileError| StartError::Pairing(e.to_string());
    let path = pairing_file::path_or_default(remote.pairing.as_deref()).map_err(pairing_error)?;
    let pairing = pairing_file::load(&path).map_err(pairing_error)?;
    // `--server` overrides the address kept at pairing (the office moved); the certificate
    // pinned at pairing still decides whether it is the office.
    let mut addressed = pairing.clone();
    if let Some(server) = &remote.server {
        addressed.office = server.clone();
    }
    let client = Arc::new(OfficeClient::new(&addressed).map_err(|e| StartError::Pairing(e.0.message))?);
    let link = LinkMonitor::new(client.clone(), pairing, Some(path));
    Ok(Arc::new(Forwarder::new(client, link).with_language(language)))
}

/// Opens the kiosk window of a kiosk PC. The office's API version is checked first: an office
/// of another major opens the window on "Update this kiosk" (every command answers so). An
/// office not reachable yet opens it on the offline banner, which clears by itself.
fn start_remote(handle: &AppHandle, forwarder: Arc<Forwarder>) -> Result<(), StartError> {
    let link_now = tauri::async_runtime::block_on(forwarder.link().check());
    if !link_now.online {
        eprintln!("gasdesk: the office cannot be reached yet; the kiosk shows \"Office offline\" and keeps trying");
    }
    tauri::async_runtime::spawn(forwarder.link().clone().watch(link::CHECK_EVERY));
    handle.manage(forwarder);
    open_main_window(handle, true, APP_PAGE, |handle| {
        handle.try_state::<Arc<Forwarder>>().is_some_and(|forwarder| forwarder.close_allowed())
    })
    .map_err(StartError::Tauri)?;
    Ok(())
}

/// The office PC backs up by itself (decision 0009): once a minute it asks the core whether a
/// backup is due (`backup_due`: the first start of a day, every N hours). The copy runs on this
/// thread and a connection of its own, never the window's; the outcome goes to the dashboard.
fn back_up_on_schedule(handle: &AppHandle) {
    let handle = handle.clone();
    let spawned = std::thread::Builder::new().name("gasdesk-backups".into()).spawn(move || loop {
        if let Some(state) = handle.try_state::<AppState>() {
            if let Err(e) = state.desk.back_up_if_due() {
                eprintln!("gasdesk: the automatic backup failed: {e}");
            }
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    });
    if let Err(e) = spawned {
        eprintln!("gasdesk: automatic backups could not start: {e}");
    }
}

/// The quick check reads every page of the file, so it runs on a connection and thread of its
/// own once the window is up: start-up does not wait for it. Damage it finds pauses bookings
/// and puts the red banner on the dashboard (decision 0012).
fn check_file_after_start(handle: &AppHandle) {
    let check = handle.state::<AppState>().desk.check_file_in_background();
    std::thread::spawn(move || {
        if let Ok(Err(e)) = check.join() {
            eprintln!("gasdesk: the check of the database file after start could not run: {e}");
        }
    });
}

/// Opens the one window on `page`. `may_close` decides, for a kiosk window, whether a close
/// request is let through.
fn open_main_window(
    handle: &AppHandle,
    kiosk: bool,
    page: &str,
    may_close: impl Fn(&AppHandle) -> bool + Send + Sync + 'static,
) -> tauri::Result<WebviewWindow> {
    let url = WebviewUrl::App(page.into());
    let builder = WebviewWindowBuilder::new(handle, MAIN_WINDOW, url).title("GasDesk").focused(true);
    let builder = if kiosk {
        let builder = kiosk::lock_down(builder, handle).fullscreen(true).decorations(false).resizable(false);
        // Fullscreen is a request to the window manager; a bare X session (a common kiosk set-up)
        // has none, so the window is also sized to cover the primary monitor itself. On Windows
        // the window makes itself borderless fullscreen over the taskbar (no window manager to
        // ask), on macOS it takes a fullscreen space; the same bounds change nothing there.
        match primary_monitor_bounds(handle) {
            Some((position, size)) => builder.position(position.x, position.y).inner_size(size.width, size.height),
            None => builder,
        }
    } else {
        builder.inner_size(1280.0, 800.0).min_inner_size(960.0, 640.0).resizable(true).center()
    };
    let window = builder.build()?;
    if kiosk {
        kiosk::guard_close(&window, may_close);
        kiosk_webkit::apply(&window);
    }
    Ok(window)
}

fn primary_monitor_bounds(handle: &AppHandle) -> Option<(LogicalPosition<f64>, LogicalSize<f64>)> {
    let monitor = handle.primary_monitor().ok().flatten()?;
    let scale = monitor.scale_factor();
    Some((monitor.position().to_logical(scale), monitor.size().to_logical(scale)))
}
