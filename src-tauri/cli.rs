//! Command line: `gasdesk [--db PATH] [--kiosk]` opens the window; subcommands are headless.
use clap::Parser;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "gasdesk", version, about = "GasDesk: LPG cylinder agency desk")]
pub struct Cli {
    /// Database file (default: the OS application-data folder).
    #[arg(long, global = true)]
    pub db: Option<std::path::PathBuf>,
    /// Start in kiosk mode: fullscreen, locked down, customer auto-logout.
    #[arg(long)]
    pub kiosk: bool,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::app::run(crate::app::WindowOptions { db: cli.db, kiosk: cli.kiosk })
}
