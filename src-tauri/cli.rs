//! Command line. `gasdesk [--db PATH] [--kiosk] [--gateway mock|fail]` opens the window; the
//! subcommands are headless support operations on the same binary. Parsing is clap's (derive):
//! help, errors and `--version` come for free and stay consistent.
use clap::{Args, Parser, Subcommand};
use gasdesk_core::domain::demo::{self, DemoSize};
use gasdesk_core::domain::gateway::{gateway_named, MockRazorpay};
use gasdesk_core::domain::{Actor, PasswordCost};
use gasdesk_core::store::{self, Db};
use gasdesk_core::Desk;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

mod new_password;

#[derive(Parser, Debug)]
#[command(name = "gasdesk", version, about = "GasDesk: stock, bookings and complaints for an LPG cylinder agency")]
pub struct Cli {
    /// Database file (default: gasdesk.db in the OS application-data folder).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Start in kiosk mode: fullscreen, locked down, customer auto-logout.
    #[arg(long)]
    pub kiosk: bool,
    /// Payment gateway: `mock` (the Razorpay mock, always succeeds) or `fail` (always declines).
    #[arg(long, env = "GASDESK_GATEWAY", default_value = "mock")]
    pub gateway: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a demo database (staff admin/admin12345, customers customerN/pass1234).
    Demo(DemoArgs),
    /// Copy the database to a file with SQLite's online backup (safe while the app runs).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a backup file (close every GasDesk window first).
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Set a staff member's password: typed twice without echo on a terminal, or one line of
    /// standard input from a script.
    ResetPassword {
        #[arg(long)]
        staff: String,
    },
    /// Settle bookings left waiting on a payment by a process that stopped.
    Reconcile,
    /// Check the database file's integrity.
    Check,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[arg(long, default_value_t = DemoSize::default().customers)]
    pub customers: u32,
    #[arg(long, default_value_t = DemoSize::default().cylinders)]
    pub cylinders: u32,
    #[arg(long, default_value_t = DemoSize::default().bookings)]
    pub bookings: u32,
    #[arg(long, default_value_t = DemoSize::default().complaints)]
    pub complaints: u32,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        if gateway_named(&cli.gateway).is_none() {
            return fail(&format!("unknown gateway {:?}; use mock or fail", cli.gateway));
        }
        return crate::app::run(crate::app::WindowOptions { db: cli.db, kiosk: cli.kiosk, gateway: cli.gateway });
    };
    let Some(db_path) = cli.db else {
        return fail("this command needs --db PATH");
    };
    match run_command(command, &db_path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("gasdesk: {message}");
    ExitCode::FAILURE
}

/// One progress bar per stage of the demo generator (drawn only when stderr is a terminal).
#[derive(Default)]
struct DemoProgress {
    stage: String,
    bar: Option<indicatif::ProgressBar>,
}

impl DemoProgress {
    fn show(&mut self, stage: &str, done: u64, total: u64) {
        if self.stage != stage {
            self.finish();
            let bar = indicatif::ProgressBar::new(total);
            let style = indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {elapsed_precise} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("=> "));
            bar.set_message(stage.to_owned());
            self.bar = Some(bar);
            self.stage = stage.to_owned();
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
    }
}

fn open_desk(db_path: &Path) -> Result<Desk, String> {
    let db = Db::open(db_path).map_err(|e| e.to_string())?;
    Ok(Desk::new(db, Arc::new(MockRazorpay::new())))
}

fn run_command(command: Command, db_path: &Path) -> Result<(), String> {
    match command {
        Command::Demo(args) => {
            let size =
                DemoSize { customers: args.customers, cylinders: args.cylinders, bookings: args.bookings, complaints: args.complaints };
            let started = Instant::now();
            let mut bar = DemoProgress::default();
            let summary = demo::create(db_path, &size, PasswordCost::Production, &mut |stage, done, total| bar.show(stage, done, total))
                .map_err(|e| e.to_string())?;
            bar.finish();
            println!(
                "Demo database {} ready in {:.1?}: {} customers, {} cylinders, {} bookings completed, {} payments failed, {} cancelled by staff, {} complaints.",
                db_path.display(),
                started.elapsed(),
                summary.customers,
                summary.cylinders,
                summary.bookings_completed,
                summary.bookings_failed,
                summary.bookings_cancelled_by_staff,
                summary.complaints
            );
            println!(
                "Staff: {} / {}   Customers: customer1 … customer{} / {}",
                demo::STAFF_USERNAME,
                demo::STAFF_PASSWORD,
                summary.customers,
                demo::CUSTOMER_PASSWORD
            );
            Ok(())
        }
        Command::Backup { out } => {
            store::back_up(db_path, &out).map_err(|e| e.to_string())?;
            println!("Backed up {} to {}", db_path.display(), out.display());
            Ok(())
        }
        Command::Restore { from } => {
            // The backup is checked (read-only, never created or migrated where it lies) before
            // anything changes; the database it replaces is kept aside.
            let restored = store::restore_from(db_path, &from).map_err(|e| e.to_string())?;
            println!("Restored {} from {} (schema version {}).", db_path.display(), from.display(), restored.backup_version);
            match restored.previous_kept_at {
                Some(aside) => println!("The database it replaced is kept as {}", aside.display()),
                None => println!("There was no database there before."),
            }
            Ok(())
        }
        Command::ResetPassword { staff } => {
            let desk = open_desk(db_path)?;
            let password = new_password::read_new_password(&staff)?;
            desk.reset_staff_password(&Actor::System, &staff, &password).map_err(|e| e.to_string())?;
            println!("Password changed for staff {staff}.");
            Ok(())
        }
        Command::Reconcile => {
            let desk = open_desk(db_path)?;
            let settled = desk.reconcile_lapsed_bookings().map_err(|e| e.to_string())?;
            println!("Settled {settled} lapsed booking(s).");
            Ok(())
        }
        Command::Check => {
            let db = Db::open(db_path).map_err(|e| e.to_string())?;
            let problems = db.integrity_problems().map_err(|e| e.to_string())?;
            // Not a fault in the file, but money owed to customers: said on every check.
            let open_refunds = db.refunds_needing_attention().map_err(|e| e.to_string())?;
            if open_refunds > 0 {
                println!(
                    "{open_refunds} refund(s) need attention: the payment gateway has not confirmed them yet (reconcile retries them; the dashboard lists them)"
                );
            }
            if problems.is_empty() {
                println!("{}: ok", db_path.display());
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        }
    }
}
