//! Command line. `gasdesk [--db PATH] [--kiosk [--language en|hi]] [--gateway mock|fail]` opens
//! the window, and `gasdesk --kiosk --server ADDR:PORT [--pairing FILE]` a kiosk PC's window with
//! no database;
//! the subcommands are headless support operations on the same binary. Parsing is clap's (derive):
//! help, errors and `--version` come for free and stay consistent.
use clap::{Args, Parser, Subcommand, ValueEnum};
use gasdesk_core::domain::demo::{self, DemoSize};
use gasdesk_core::domain::gateway::{gateway_named, MockRazorpay};
use gasdesk_core::domain::{restore_database, Actor, BackupTarget, PasswordCost};
use gasdesk_core::model::KioskLanguage;
use gasdesk_core::Desk;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

mod add_kiosk;
mod console;
mod new_password;
mod pair;
mod say;
mod serve;
mod upgrade_lines;

pub use add_kiosk::AddKioskArgs;
pub use pair::PairArgs;
pub use serve::ServeArgs;
use upgrade_lines::Opening;

#[derive(Parser, Debug)]
#[command(name = "gasdesk", version, about = "GasDesk: stock, bookings and complaints for an LPG cylinder agency")]
pub struct Cli {
    /// Database file. The window defaults to gasdesk.db in the OS application-data folder;
    /// the subcommands that use a database need it given.
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    /// Start in kiosk mode: fullscreen, locked down, customer auto-logout.
    #[arg(long)]
    pub kiosk: bool,
    /// Payment gateway: `mock` (the Razorpay mock, always succeeds) or `fail` (always declines).
    #[arg(long, env = "GASDESK_GATEWAY", default_value = "mock")]
    pub gateway: String,
    /// Kiosk PC: the office's ADDR:PORT (default: the one kept at pairing). The window keeps no
    /// database and sends every operation to the office.
    #[arg(long, requires = "kiosk", conflicts_with = "db")]
    pub server: Option<String>,
    /// Kiosk PC: the pairing file made by `gasdesk pair` (default: kiosk-pairing.json in the OS
    /// application-data folder).
    #[arg(long, requires = "kiosk", conflicts_with = "db")]
    pub pairing: Option<PathBuf>,
    /// Kiosk: the language the welcome screen starts in and every log-out (or idle log-out)
    /// returns to. Each customer may still switch for their own visit.
    #[arg(long, value_enum, default_value_t = Language::En, requires = "kiosk")]
    pub language: Language,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--language`: the kiosk's languages, by their ISO 639-1 codes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// English
    En,
    /// Hindi
    Hi,
}

impl From<Language> for KioskLanguage {
    fn from(language: Language) -> KioskLanguage {
        match language {
            Language::En => KioskLanguage::En,
            Language::Hi => KioskLanguage::Hi,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a demo database (staff admin/admin12345, customers customerN/pass1234).
    Demo(DemoArgs),
    /// Copy the database to a new file, checked, while the app may keep running. OUT is a new
    /// file, or an existing folder to put gasdesk-YYYYMMDD-HHMMSS.db in (the app's naming).
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
    /// Serve kiosk PCs on this network (the office's LAN server, no window) until stopped.
    Serve(ServeArgs),
    /// Print a pairing code for a new kiosk PC (valid 10 minutes).
    AddKiosk(AddKioskArgs),
    /// Pair this PC as a kiosk with the office, using the code staff made with "Add kiosk".
    Pair(PairArgs),
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            console::write_to_the_calling_terminal();
            error.exit()
        }
    };
    let Some(command) = cli.command else {
        if gateway_named(&cli.gateway).is_none() {
            console::write_to_the_calling_terminal();
            return fail(&format!("unknown gateway {:?}; use mock or fail", cli.gateway));
        }
        let remote =
            (cli.server.is_some() || cli.pairing.is_some()).then_some(crate::app::RemoteKiosk { server: cli.server, pairing: cli.pairing });
        return crate::app::run(crate::app::WindowOptions {
            db: cli.db,
            kiosk: cli.kiosk,
            gateway: cli.gateway,
            remote,
            language: cli.language.into(),
        });
    };
    console::write_to_the_calling_terminal();
    // A kiosk PC has no database.
    if let Command::Pair(args) = command {
        return pair::run(args);
    }
    let Some(db_path) = cli.db else {
        return fail("this command needs --db PATH");
    };
    match run_command(command, &db_path, &cli.gateway) {
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

/// The headless commands never charge anyone: the mock gateway only satisfies `Desk`.
fn open_desk(db_path: &Path) -> Result<Desk, String> {
    upgrade_lines::open_desk(db_path, Arc::new(MockRazorpay::new()), Opening::CreateIfMissing)
}

/// [`open_desk`] on a database that must be there already.
fn open_existing_desk(db_path: &Path) -> Result<Desk, String> {
    upgrade_lines::open_desk(db_path, Arc::new(MockRazorpay::new()), Opening::Existing)
}

fn run_command(command: Command, db_path: &Path, gateway: &str) -> Result<(), String> {
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
            let desk = open_existing_desk(db_path)?;
            let target = if out.is_dir() { BackupTarget::Folder(&out) } else { BackupTarget::File(&out) };
            let made = desk.backup(&Actor::System, target).map_err(|e| e.to_string())?;
            println!("Backed up {} to {}", db_path.display(), made.path);
            Ok(())
        }
        Command::Restore { from } => {
            // The backup is checked (read-only, never created or migrated where it lies) before
            // anything changes; the database it replaces is kept aside.
            let restored = restore_database(db_path, &from).map_err(|e| e.to_string())?;
            println!("Restored {} from {} (schema version {}).", db_path.display(), restored.name, restored.backup_version);
            match restored.previous_kept_at {
                Some(aside) => println!("The database it replaced is kept as {aside}"),
                None => println!("There was no database there before."),
            }
            if restored.kiosks_revoked > 0 {
                println!(
                    "{} kiosk(s) the backup knew were revoked, so a kiosk removed since cannot come back: pair each kiosk again \
                     (gasdesk add-kiosk, then gasdesk pair on the kiosk PC).",
                    restored.kiosks_revoked
                );
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
        Command::Pair(_) => Err("pairing takes no database".into()),
        Command::Check => {
            let report = open_desk(db_path)?.file_report().map_err(|e| e.to_string())?;
            // Not a fault in the file, but money owed to customers: said on every check.
            let open_refunds = report.refunds_needing_attention;
            if open_refunds > 0 {
                println!(
                    "{open_refunds} refund(s) need attention: the payment gateway has not confirmed them yet (reconcile retries them; the dashboard lists them)"
                );
            }
            if report.problems.is_empty() {
                println!("{}: ok", db_path.display());
                Ok(())
            } else {
                Err(report.problems.join("; "))
            }
        }
        Command::Serve(args) => serve::run(db_path, &args, gateway),
        Command::AddKiosk(args) => add_kiosk::run(db_path, &args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("gasdesk").chain(args.iter().copied()))
    }

    #[test]
    fn a_kiosk_starts_in_english_unless_told_hindi() {
        let plain = parse(&["--kiosk"]).expect("parses");
        assert_eq!(KioskLanguage::from(plain.language), KioskLanguage::En);
        let hindi = parse(&["--kiosk", "--language", "hi"]).expect("parses");
        assert_eq!(KioskLanguage::from(hindi.language), KioskLanguage::Hi);
        let kiosk_pc = parse(&["--kiosk", "--server", "10.0.0.2:8443", "--language", "hi"]).expect("a kiosk PC takes it too");
        assert_eq!((kiosk_pc.server.as_deref(), KioskLanguage::from(kiosk_pc.language)), (Some("10.0.0.2:8443"), KioskLanguage::Hi));
        assert_eq!(KioskLanguage::from(parse(&[]).expect("the office window").language), KioskLanguage::En);
    }

    #[test]
    fn a_language_other_than_en_or_hi_or_without_kiosk_is_refused() {
        let unknown = parse(&["--kiosk", "--language", "ta"]).expect_err("refused");
        assert_eq!(unknown.kind(), clap::error::ErrorKind::InvalidValue);
        assert!(unknown.to_string().contains("en") && unknown.to_string().contains("hi"), "{unknown}");
        let office = parse(&["--language", "hi"]).expect_err("refused");
        assert_eq!(office.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }
}
