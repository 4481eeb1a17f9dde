//! The upgrading screen (decision 0016). A database file from an older GasDesk is upgraded when
//! it is opened; at agency size that takes a while, so instead of a blank wait before the window,
//! a small window says "Upgrading the GasDesk database… NN %" (`ui/upgrading.html`) while the
//! upgrade runs on a thread of its own. Its progress reaches the page as the
//! [`UPGRADE_PROGRESS_EVENT`] event (the page cannot call commands: there is no desk yet).
use super::kiosk;
use gasdesk_core::model::UpgradeProgress;
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};

/// Label of the upgrading window; `capabilities/upgrade.json` lets it listen to events, nothing else.
pub const UPGRADE_WINDOW: &str = "upgrade";

/// The event carrying an [`UpgradeProgress`] to the page (`ui/src/api/tauri.ts` listens to it).
pub const UPGRADE_PROGRESS_EVENT: &str = "upgrade-progress";

/// Opens the upgrading window. It cannot be closed by hand: closing it would stop the upgrade
/// (SQLite rolls it back, and the next start begins it again).
pub fn open(handle: &AppHandle, kiosk: bool) -> tauri::Result<WebviewWindow> {
    let builder = WebviewWindowBuilder::new(handle, UPGRADE_WINDOW, WebviewUrl::App("upgrading.html".into()))
        .title("GasDesk: upgrading the database")
        .inner_size(520.0, 260.0)
        .resizable(false)
        .closable(false)
        .center()
        .focused(true);
    // A kiosk's first window is as locked down as the kiosk window that follows it.
    let builder = if kiosk { kiosk::lock_down(builder, handle) } else { builder };
    let window = builder.build()?;
    window.on_window_event(|event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
        }
    });
    Ok(window)
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
        if let Err(e) = self.handle.emit_to(UPGRADE_WINDOW, UPGRADE_PROGRESS_EVENT, progress) {
            eprintln!("gasdesk: could not show the upgrade's progress: {e}");
        }
    }
}

/// Takes the upgrading window down (the app's window is open by then, so the app goes on).
pub fn close(handle: &AppHandle) {
    if let Some(window) = handle.get_webview_window(UPGRADE_WINDOW) {
        if let Err(e) = window.destroy() {
            eprintln!("gasdesk: could not close the upgrading window: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page, its capability and its build entry name what this module sends and opens.
    #[test]
    fn the_page_listens_to_the_event_sent_and_its_window_may_listen() {
        let page_api = include_str!("../../ui/src/api/tauri.ts");
        assert!(page_api.contains(&format!("UPGRADE_PROGRESS_EVENT = \"{UPGRADE_PROGRESS_EVENT}\"")), "ui/src/api/tauri.ts");
        let capability: serde_json::Value = serde_json::from_str(include_str!("../../capabilities/upgrade.json")).expect("JSON");
        assert_eq!(capability["windows"], serde_json::json!([UPGRADE_WINDOW]));
        assert_eq!(capability["permissions"], serde_json::json!(["core:event:allow-listen", "core:event:allow-unlisten"]));
        assert!(include_str!("../../ui/vite.config.ts").contains("\"upgrading.html\""), "the page is built");
    }
}
