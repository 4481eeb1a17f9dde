//! `gasdesk add-kiosk`: a pairing code for a new kiosk PC, made at the office PC's command line
//! (as System), with the certificate beside the database (made now if the server never ran).
use crate::server::OfficeCertificate;
use clap::Args;
use gasdesk_core::domain::{Actor, PAIRING_CODE_TRIES};
use std::path::Path;

#[derive(Args, Debug)]
pub struct AddKioskArgs {
    /// The kiosk's name, shown to staff (the kiosk may give its own when it pairs).
    #[arg(long, default_value = "Kiosk")]
    pub name: String,
}

pub fn run(db_path: &Path, args: &AddKioskArgs) -> Result<(), String> {
    // Making a code charges nobody: the mock gateway only satisfies `Desk`.
    // An existing database only: a mistyped path must not make a new one (and a certificate).
    let desk = super::open_existing_desk(db_path)?;
    let certificate = OfficeCertificate::load_or_create(db_path).map_err(|e| e.to_string())?;
    let code = desk.add_kiosk(&Actor::System, &args.name, &certificate.fingerprint()).map_err(|e| e.to_string())?;
    super::say::say(&format!("Pairing code for kiosk {:?}: {}", code.name, code.code));
    super::say::say(&format!(
        "Valid until {} ({} wrong tries at most). On the kiosk PC: gasdesk pair --server ADDRESS:PORT --code {}",
        code.expires_at.with_timezone(&chrono::Local).format("%H:%M:%S %Z"),
        PAIRING_CODE_TRIES,
        code.code
    ));
    Ok(())
}
