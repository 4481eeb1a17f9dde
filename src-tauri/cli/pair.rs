//! `gasdesk pair`: pairs this PC as a kiosk with the office (decision 0015) and keeps the
//! pairing where `gasdesk --kiosk --server` will look for it.
use crate::remote::{pair, pairing_file, PairOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct PairArgs {
    /// The office's ADDR:PORT; without it the office is found on this network by mDNS.
    #[arg(long)]
    pub server: Option<String>,
    /// The pairing code shown at the office (XXXX-XXXX-XXXX-XXXX), valid 10 minutes.
    #[arg(long)]
    pub code: String,
    /// A name for this kiosk, as staff will see it (default: the one given with the code).
    #[arg(long)]
    pub name: Option<String>,
    /// Where to keep the pairing (default: kiosk-pairing.json in the OS application-data folder).
    #[arg(long)]
    pub pairing: Option<PathBuf>,
}

pub fn run(args: PairArgs) -> ExitCode {
    match pair_and_save(args) {
        Ok(lines) => {
            super::say::say(&lines);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gasdesk: {message}");
            ExitCode::FAILURE
        }
    }
}

fn pair_and_save(args: PairArgs) -> Result<String, String> {
    let path = pairing_file::path_or_default(args.pairing.as_deref()).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| format!("cannot start: {e}"))?;
    let options = PairOptions::new(args.server, &args.code, args.name.as_deref().unwrap_or_default());
    let paired = runtime.block_on(pair(&options)).map_err(|e| e.0.message)?;
    pairing_file::save(&path, &paired.pairing).map_err(|e| e.to_string())?;
    let pairing = &paired.pairing;
    let found = if paired.discovered { " (found on this network)" } else { "" };
    let pairing_arg = args.pairing.as_ref().map(|p| format!(" --pairing {}", p.display())).unwrap_or_default();
    Ok(format!(
        "Paired as kiosk \"{}\" (device {}) with the office at {}{found}; saved in {}.\n\
         Office certificate: {}: check it matches the office's Kiosks screen.\n\
         Start the kiosk with: gasdesk --kiosk --server {}{pairing_arg}",
        pairing.name,
        pairing.device_id,
        pairing.office,
        path.display(),
        grouped_fingerprint(&pairing.fingerprint),
        pairing.office
    ))
}

/// `7cf3 1684 …`: the pinned fingerprint as the office's Kiosks screen shows it. The code
/// carries only 50 bits of it, which a determined attacker could match with a certificate of
/// their own; the whole fingerprint, read against the office's screen, they cannot.
fn grouped_fingerprint(hex: &str) -> String {
    hex.as_bytes().chunks(4).map(String::from_utf8_lossy).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fingerprint_is_shown_in_groups_of_four() {
        assert_eq!(super::grouped_fingerprint("7cf31684ab"), "7cf3 1684 ab");
    }
}
