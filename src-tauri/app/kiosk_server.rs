//! The office window serving kiosk PCs (setting "Serve kiosks on this network"): the LAN
//! server (`crate::server`) run in-process on the window's async runtime, over the window's
//! own desk, started and stopped as the settings say. A port that cannot be bound is shown on
//! the Kiosks screen and in Settings, never fatal: the office window works without it.
use crate::api::kiosk_server::{fingerprint_hex, KioskServerControl};
use crate::api::{AppState, IpcError};
use crate::server::{self, OfficeCertificate, PendingAtStart, RunningServer, ServerError, ServerOptions};
use gasdesk_core::domain::Actor;
use gasdesk_core::model::{KioskServerStatus, Settings};
use gasdesk_core::{Desk, Error};
use std::future::Future;
use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tokio::runtime::{Handle, RuntimeFlavor};

/// The office window's server: at most one running, on the port the settings name.
pub struct OfficeServer {
    desk: Arc<Desk>,
    db_path: PathBuf,
    runtime: Handle,
    /// Advertise the office by mDNS (the window does; tests need no multicast).
    advertise: bool,
    /// Held while starting or stopping, so two saves never race two servers onto the port.
    serving: Mutex<Serving>,
    /// The certificate's fingerprint once read: it changes only if its files are deleted.
    fingerprint: OnceLock<[u8; 32]>,
}

#[derive(Default)]
struct Serving {
    running: Option<RunningServer>,
    /// Why the last start failed, in words for staff.
    error: Option<String>,
}

impl OfficeServer {
    /// A server for the database at `db_path` (the certificate is kept beside it), run on
    /// `runtime` (the window's: `tauri::async_runtime`). Nothing starts until `apply`.
    pub fn new(desk: Arc<Desk>, db_path: PathBuf, runtime: Handle) -> OfficeServer {
        OfficeServer { desk, db_path, runtime, advertise: true, serving: Mutex::new(Serving::default()), fingerprint: OnceLock::new() }
    }

    /// The same, without the mDNS advertisement.
    #[cfg(test)]
    pub fn without_advertising(self) -> OfficeServer {
        OfficeServer { advertise: false, ..self }
    }

    /// At the office window's start: serves if the settings say so. A failure to read them
    /// (a damaged file) or to start is logged and shown in the status; the window goes on.
    pub fn start_if_set(&self) -> KioskServerStatus {
        match self.desk.settings(&Actor::System) {
            Ok(settings) => self.apply(&settings),
            Err(e) => {
                eprintln!("gasdesk: could not read whether to serve kiosks: {e}");
                self.status()
            }
        }
    }

    fn serving(&self) -> MutexGuard<'_, Serving> {
        self.serving.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `work` on the window's runtime and waits for it, from a thread of its own: the
    /// callers (commands on a runtime worker, the start on the main thread) may not block a
    /// runtime thread on it.
    fn on_runtime<T: Send>(&self, work: impl Future<Output = T> + Send) -> Option<T> {
        let wait = || {
            std::thread::scope(|scope| {
                let waiter =
                    std::thread::Builder::new().name("gasdesk-kiosk-server".into()).spawn_scoped(scope, || self.runtime.block_on(work));
                match waiter {
                    Ok(thread) => thread.join().ok(),
                    Err(e) => {
                        eprintln!("gasdesk: could not start a thread for the kiosk server: {e}");
                        None
                    }
                }
            })
        };
        // A command waiting here holds a runtime worker; stopping needs a worker to finish the
        // accept loop, so the worker's other tasks are handed on first (one-core PCs have one).
        match Handle::try_current() {
            Ok(current) if current.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(wait),
            _ => wait(),
        }
    }

    fn stop(&self, serving: &mut Serving) {
        if let Some(running) = serving.running.take() {
            if self.on_runtime(running.stop()).is_none() {
                eprintln!("gasdesk: the kiosk server did not stop cleanly");
            }
        }
    }

    fn start(&self, serving: &mut Serving, port: u16) {
        // In this process a booking may still be paying (a request of a server just stopped, or the
        // kiosk window on this file): only lapsed ones are settled, never one still under its lease.
        let options = ServerOptions {
            listen: SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)),
            advertise: self.advertise,
            pending_at_start: PendingAtStart::LapsedOnly,
        };
        let started = self.on_runtime(server::start(self.desk.clone(), &self.db_path, options));
        match started {
            Some(Ok(running)) => {
                let _ = self.fingerprint.set(running.fingerprint());
                serving.running = Some(running);
                serving.error = None;
            }
            Some(Err(e)) => {
                eprintln!("gasdesk: could not serve kiosks: {e}");
                serving.error = Some(for_staff(&e, port));
            }
            None => serving.error = Some("The kiosk server stopped unexpectedly while starting; try saving the settings again.".to_owned()),
        }
    }

    fn describe(&self, serving: &Serving) -> KioskServerStatus {
        match &serving.running {
            Some(running) => KioskServerStatus {
                serving: true,
                addresses: running.addresses().iter().map(SocketAddr::to_string).collect(),
                fingerprint: running.fingerprint_hex(),
                error: None,
            },
            None => KioskServerStatus {
                serving: false,
                addresses: Vec::new(),
                fingerprint: self.fingerprint.get().map(fingerprint_hex).unwrap_or_default(),
                error: serving.error.clone(),
            },
        }
    }
}

impl KioskServerControl for OfficeServer {
    fn certificate_fingerprint(&self) -> Result<[u8; 32], IpcError> {
        if let Some(fingerprint) = self.fingerprint.get() {
            return Ok(*fingerprint);
        }
        let certificate = OfficeCertificate::load_or_create(&self.db_path).map_err(|e| IpcError::from(Error::Internal(e.to_string())))?;
        Ok(*self.fingerprint.get_or_init(|| certificate.fingerprint()))
    }

    fn status(&self) -> KioskServerStatus {
        self.describe(&self.serving())
    }

    fn apply(&self, settings: &Settings) -> KioskServerStatus {
        let mut serving = self.serving();
        if !settings.serve_kiosks {
            self.stop(&mut serving);
            serving.error = None;
            return self.describe(&serving);
        }
        // The domain keeps the port within 1024..=65535; this only guards the conversion.
        let Ok(port) = u16::try_from(settings.kiosk_port) else {
            self.stop(&mut serving);
            serving.error = Some(format!("{} is not a port. Choose one from 1024 to 65535 in Settings.", settings.kiosk_port));
            return self.describe(&serving);
        };
        if serving.running.as_ref().is_some_and(|r| r.local_addr().port() == port) {
            return self.describe(&serving);
        }
        self.stop(&mut serving);
        self.start(&mut serving, port);
        self.describe(&serving)
    }

    fn forget_kiosk(&self, device_id: i64) {
        if let Some(running) = &self.serving().running {
            running.office().forget_device(device_id);
        }
    }
}

/// Why the server could not start, in words staff can act on.
fn for_staff(error: &ServerError, port: u16) -> String {
    match error {
        ServerError::Listen { source, .. } if source.kind() == ErrorKind::AddrInUse => {
            format!("port {port} is in use by another program (or another GasDesk). Choose another port in Settings.")
        }
        ServerError::Listen { source, .. } if source.kind() == ErrorKind::PermissionDenied => {
            format!("this PC does not let GasDesk use port {port}. Choose another port in Settings.")
        }
        other => format!("{other}."),
    }
}

/// The office window's state with its server attached, started on a thread of its own if the
/// settings say so (making the certificate the first time must not hold up the window).
pub fn serve_from_office(state: AppState, db_path: &Path) -> AppState {
    let runtime = tauri::async_runtime::handle().inner().clone();
    let server = Arc::new(OfficeServer::new(state.desk.clone(), db_path.to_path_buf(), runtime));
    let starting = server.clone();
    let spawned = std::thread::Builder::new().name("gasdesk-serve-kiosks".into()).spawn(move || {
        starting.start_if_set();
    });
    if let Err(e) = spawned {
        eprintln!("gasdesk: could not start serving kiosks: {e}");
    }
    state.with_kiosk_server(server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::domain::PasswordCost;
    use gasdesk_core::DeskConfig;
    use std::net::{TcpListener, TcpStream};

    struct Office {
        _dir: tempfile::TempDir,
        _runtime: tokio::runtime::Runtime,
        desk: Arc<Desk>,
        boss: Actor,
        server: OfficeServer,
    }

    fn office() -> Office {
        office_with_workers(2)
    }

    fn office_with_workers(workers: usize) -> Office {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db_path = dir.path().join("gasdesk.db");
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::open(&db_path, gateway).expect("the database opens").with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let boss = desk.set_up_first_staff("boss", "The Boss", "longenough1").expect("first staff");
        let desk = Arc::new(desk);
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(workers).enable_all().build().expect("a runtime");
        let server = OfficeServer::new(desk.clone(), db_path, runtime.handle().clone()).without_advertising();
        Office { _dir: dir, _runtime: runtime, desk, boss, server }
    }

    /// A port nothing listens on right now.
    fn free_port() -> u16 {
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|l| l.local_addr()).expect("a free port").port()
    }

    fn serving_on(office: &Office, port: u16) -> Settings {
        let mut settings = office.desk.settings(&office.boss).expect("settings");
        settings.serve_kiosks = true;
        settings.kiosk_port = i64::from(port);
        settings
    }

    fn accepts(port: u16) -> bool {
        TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok()
    }

    #[test]
    fn turning_serving_on_serves_on_the_port_with_the_offices_certificate_and_off_stops_it() {
        let office = office();
        assert!(!office.server.status().serving, "nothing serves before it is asked");
        let port = free_port();
        let on = office.server.apply(&serving_on(&office, port));
        assert!(on.serving && on.error.is_none(), "{on:?}");
        assert!(!on.addresses.is_empty() && on.addresses.iter().all(|a| a.ends_with(&format!(":{port}"))), "{on:?}");
        let fingerprint = office.server.certificate_fingerprint().expect("the certificate beside the database");
        assert_eq!(on.fingerprint, fingerprint_hex(&fingerprint));
        assert!(accepts(port));

        let mut off = serving_on(&office, port);
        off.serve_kiosks = false;
        let stopped = office.server.apply(&off);
        assert!(!stopped.serving && stopped.addresses.is_empty() && stopped.error.is_none(), "{stopped:?}");
        assert_eq!(stopped.fingerprint, on.fingerprint, "staff still see which certificate kiosks pin");
        assert!(!accepts(port), "the port is free again");
    }

    #[test]
    fn a_new_port_moves_the_server_and_the_same_port_leaves_it_running() {
        let office = office();
        let first = free_port();
        office.server.apply(&serving_on(&office, first));
        let again = office.server.apply(&serving_on(&office, first));
        assert!(again.serving && accepts(first));
        let second = free_port();
        let moved = office.server.apply(&serving_on(&office, second));
        assert!(moved.serving && moved.addresses.iter().all(|a| a.ends_with(&format!(":{second}"))), "{moved:?}");
        assert!(accepts(second) && !accepts(first));
    }

    #[test]
    fn a_port_in_use_is_shown_in_the_status_and_serving_starts_once_it_is_free() {
        let office = office();
        let taken = TcpListener::bind((Ipv4Addr::UNSPECIFIED, 0)).expect("a port to take");
        let port = taken.local_addr().expect("its address").port();
        let refused = office.server.apply(&serving_on(&office, port));
        assert!(!refused.serving, "{refused:?}");
        let error = refused.error.expect("the reason is shown");
        assert!(error.contains(&format!("port {port} is in use")), "{error}");
        assert_eq!(office.server.status().error, Some(error), "it stays shown");

        drop(taken);
        let served = office.server.apply(&serving_on(&office, port));
        assert!(served.serving && served.error.is_none(), "{served:?}");
    }

    #[test]
    fn a_command_on_the_windows_runtime_starts_and_stops_the_server_even_with_one_worker() {
        let Office { _dir, _runtime: runtime, desk, boss, server } = office_with_workers(1);
        let server = Arc::new(server);
        let port = free_port();
        let mut settings = desk.settings(&boss).expect("settings");
        settings.serve_kiosks = true;
        settings.kiosk_port = i64::from(port);
        let (done, finished) = std::sync::mpsc::channel();
        let command = server.clone();
        // As a command does: on a worker of the runtime the server runs on.
        runtime.spawn(async move {
            let on = command.apply(&settings);
            settings.serve_kiosks = false;
            let off = command.apply(&settings);
            let _ = done.send((on, off));
        });
        let Ok((on, off)) = finished.recv_timeout(std::time::Duration::from_secs(30)) else {
            // The worker is stuck: leave it behind rather than wait for it forever.
            runtime.shutdown_background();
            panic!("the command never finished: the runtime's one worker is blocked");
        };
        assert!(on.serving, "{on:?}");
        assert!(!off.serving && !accepts(port), "{off:?}");
    }

    #[test]
    fn at_start_the_office_serves_only_when_the_saved_settings_say_so() {
        let office = office();
        assert!(!office.server.start_if_set().serving, "off unless staff turned it on");
        let port = free_port();
        office.desk.update_settings(&office.boss, &serving_on(&office, port)).expect("staff turn serving on");
        let started = office.server.start_if_set();
        assert!(started.serving && accepts(port), "{started:?}");
    }
}
