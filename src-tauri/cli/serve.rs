//! `gasdesk serve`: the office's LAN server without a window (scripted set-ups, support, tests).
//! It prints one line once it listens, then serves until SIGINT or SIGTERM and stops gracefully:
//! open requests finish, a booking under way completes.
use crate::server::{self, PendingAtStart, ServerOptions, DEFAULT_PORT};
use clap::Args;
use gasdesk_core::domain::gateway::gateway_named;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed on start).
    #[arg(long, default_value_t = SocketAddr::from((Ipv4Addr::UNSPECIFIED, DEFAULT_PORT)))]
    pub listen: SocketAddr,
    /// Do not advertise the office on the LAN by mDNS (kiosks are then given its address).
    #[arg(long)]
    pub no_mdns: bool,
}

pub fn run(db_path: &Path, args: &ServeArgs, gateway: &str) -> Result<(), String> {
    let gateway = gateway_named(gateway).ok_or_else(|| format!("unknown gateway {gateway:?}; use mock or fail"))?;
    // An existing database only: a mistyped path would serve an empty agency nobody can set up
    // (first-run setup is office-window work).
    let desk = Arc::new(super::upgrade_lines::open_desk(db_path, gateway, super::upgrade_lines::Opening::Existing)?);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("no async runtime: {e}"))?;
    runtime.block_on(async {
        let options = ServerOptions { listen: args.listen, advertise: !args.no_mdns, pending_at_start: PendingAtStart::SettleAll };
        let running = server::start(desk, db_path, options).await.map_err(|e| e.to_string())?;
        // The one line on stdout, which scripts and tests read the address from.
        super::say::say(&format!(
            "GasDesk office server listening on https://{} (certificate SHA-256 {})",
            running.local_addr(),
            running.fingerprint_hex()
        ));
        for address in running.addresses() {
            eprintln!("gasdesk: kiosks on this network reach it at {address}");
        }
        let stop_reason = stop_signal().await;
        eprintln!("gasdesk: {stop_reason}: stopping the server");
        running.stop().await;
        Ok(())
    })
    // Dropping the runtime waits for database work still running on its blocking pool.
}

/// Waits for Ctrl-C (SIGINT) or, on Unix, SIGTERM; says which.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "interrupted",
                _ = terminate.recv() => "terminated",
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                "interrupted"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "interrupted"
    }
}
