//! Opening the database from the command line, with a line per 10 % while an older file is
//! upgraded (decision 0016): `gasdesk serve` or `check` on a 2.6 GB file from before an update
//! is not silent for a minute. The lines go to standard error: `serve`'s one line on standard
//! output is the address that scripts read.
use gasdesk_core::domain::gateway::PaymentGateway;
use gasdesk_core::model::UpgradeProgress;
use gasdesk_core::Desk;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Whether the command may create a new database or needs the one named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    CreateIfMissing,
    Existing,
}

/// Opens the desk on `db_path`, saying on standard error how an upgrade of an older file goes.
pub fn open_desk(db_path: &Path, gateway: Arc<dyn PaymentGateway>, opening: Opening) -> Result<Desk, String> {
    // A file that cannot be read is not announced: opening it says what is wrong with it.
    if let Ok(Some(plan)) = Desk::pending_upgrade(db_path) {
        eprintln!(
            "gasdesk: upgrading the database {} from schema version {} to {} ({} customers, {} cylinders, {} bookings); \
             this happens once after an update: do not switch off the PC",
            db_path.display(),
            plan.from_version,
            plan.to_version,
            plan.customers,
            plan.cylinders,
            plan.bookings
        );
    }
    let started = Instant::now();
    let mut lines = TenthLines::default();
    let mut progress = |p: UpgradeProgress| {
        if let Some(line) = lines.line_for(&p) {
            eprintln!("gasdesk: {line}");
        }
    };
    let desk = match opening {
        Opening::CreateIfMissing => Desk::open_with_progress(db_path, gateway, &mut progress),
        Opening::Existing => Desk::open_existing_with_progress(db_path, gateway, &mut progress),
    }
    .map_err(|e| e.to_string())?;
    if lines.finished {
        eprintln!("gasdesk: the database was upgraded in {:.1} s", started.elapsed().as_secs_f64());
    }
    Ok(desk)
}

/// Which progress report earns a line: the first at or past each 10 %, and the end.
#[derive(Debug, Default)]
struct TenthLines {
    /// The last tenth a line was written for (0 to 10).
    said: Option<u32>,
    finished: bool,
}

impl TenthLines {
    fn line_for(&mut self, p: &UpgradeProgress) -> Option<String> {
        let tenth = p.percent() / 10;
        if self.said.is_some_and(|said| tenth <= said) {
            return None;
        }
        self.said = Some(tenth);
        self.finished = p.fraction >= 1.0;
        Some(format!("upgrading the database: {} %", tenth * 10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(fraction: f64) -> UpgradeProgress {
        UpgradeProgress { from_version: 8, to_version: 9, fraction }
    }

    #[test]
    fn one_line_per_ten_percent_from_the_start_to_the_end() {
        let mut lines = TenthLines::default();
        let said: Vec<String> =
            [0.0, 0.004, 0.05, 0.1, 0.101, 0.35, 0.36, 0.99, 1.0].into_iter().filter_map(|f| lines.line_for(&at(f))).collect();
        let expected = ["0 %", "10 %", "30 %", "90 %", "100 %"].map(|p| format!("upgrading the database: {p}"));
        assert_eq!(said, expected);
        assert!(lines.finished);
    }
}
