//! The upgrading screen (decision 0016). A database file from an older GasDesk is upgraded when
//! it is opened; at agency size that takes a while, so instead of a blank wait before the
//! window, the window opens at once on `ui/upgrading.html` ("Upgrading the GasDesk database…
//! NN %") while the upgrade runs on a thread of its own, then goes on to the app's own page.
//! One window throughout: the kiosk's lock-down and WebDriver (which drives the first webview
//! the app makes) see the same window as on any other start.
//! Progress reaches the page as the [`UPGRADE_PROGRESS_EVENT`] event: there is no desk to call
//! commands on until the upgrade is done.
use super::{APP_PAGE, MAIN_WINDOW};
use gasdesk_core::model::UpgradeProgress;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, WebviewWindow, WindowEvent};

/// The page the window opens on while the database is upgraded.
pub const UPGRADING_PAGE: &str = "upgrading.html";

/// The event carrying an [`UpgradeProgress`] to the page (`ui/src/api/tauri.ts` listens to it;
/// `capabilities/upgrade.json` lets the window listen).
pub const UPGRADE_PROGRESS_EVENT: &str = "upgrade-progress";

/// The window may not be closed while the upgrade runs: closing would stop it (SQLite rolls it
/// back, and the next start begins it again). Cleared by [`show_app`].
pub struct KeptOpen(Arc<AtomicBool>);

pub fn keep_open_while_upgrading(window: &WebviewWindow) -> KeptOpen {
    let upgrading = Arc::new(AtomicBool::new(true));
    let still = upgrading.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            if still.load(Ordering::Relaxed) {
                api.prevent_close();
            }
        }
    });
    KeptOpen(upgrading)
}

/// Tells the page how far the upgrade has come; only whole-percent changes are sent.
pub struct Reporter {
    handle: AppHandle,
    shown: Option<u32>,
}

impl Reporter {
    pub fn new(handle: AppHandle) -> Reporter {
        Reporter { handle, shown: None }
    }

    pub fn report(&mut self, progress: UpgradeProgress) {
        let percent = progress.percent();
        if self.shown == Some(percent) {
            return;
        }
        self.shown = Some(percent);
        // A page not loaded yet misses a report; the next one brings it up to date.
        if let Err(e) = self.handle.emit_to(MAIN_WINDOW, UPGRADE_PROGRESS_EVENT, progress) {
            eprintln!("gasdesk: could not show the upgrade's progress: {e}");
        }
    }
}

/// The upgrade is done and the desk in place: the window goes on to the app's page (beside
/// the upgrading page, wherever the pages are served from) and may be closed again.
pub fn show_app(window: &WebviewWindow, kept_open: KeptOpen) -> tauri::Result<()> {
    kept_open.0.store(false, Ordering::Relaxed);
    let app_page = window.url()?.join(APP_PAGE).map_err(tauri::Error::InvalidUrl)?;
    window.navigate(app_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page, its capability and its build entry name what this module sends and opens.
    #[test]
    fn the_page_listens_to_the_event_sent_and_the_window_may_listen() {
        let page_api = include_str!("../../ui/src/api/tauri.ts");
        assert!(page_api.contains(&format!("UPGRADE_PROGRESS_EVENT = \"{UPGRADE_PROGRESS_EVENT}\"")), "ui/src/api/tauri.ts");
        let capability: serde_json::Value = serde_json::from_str(include_str!("../../capabilities/upgrade.json")).expect("JSON");
        assert_eq!(capability["windows"], serde_json::json!([MAIN_WINDOW]));
        assert_eq!(capability["permissions"], serde_json::json!(["core:event:allow-listen", "core:event:allow-unlisten"]));
        assert!(include_str!("../../ui/vite.config.ts").contains(&format!("\"{UPGRADING_PAGE}\"")), "the page is built");
    }
}
