//! Kiosk lock-down. A kiosk stands in a shop for anyone to touch, so its window shows only
//! GasDesk's own pages, does not close on Alt+F4 and has no developer tools. The decisions are
//! plain functions (unit-tested below); the Tauri glue only calls them.
use crate::api::AppState;
use tauri::webview::WebviewWindowBuilder;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewWindow, WindowEvent};

/// May the webview go to `url`? Only the app's own pages: `tauri://localhost` (Linux, macOS),
/// `http(s)://tauri.localhost` (Windows) and, in development builds only, the dev server's
/// origin. Everything else (a link, a redirect, `window.location = …`) is refused.
pub fn navigation_allowed(url: &Url, dev_server: Option<&Url>) -> bool {
    let host = url.host_str();
    let bundled = match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" => host == Some("tauri.localhost"),
        _ => false,
    };
    bundled || dev_server.is_some_and(|dev| same_origin(url, dev))
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// May the kiosk window close now? Only while staff hold the admin switch (the same check every
/// staff command makes, relocking after its idle time): a customer's Alt+F4, or the window
/// manager's close, is refused, and so is a close before the state exists.
pub fn close_allowed(state: Option<&AppState>) -> bool {
    state.is_some_and(|state| state.staff().is_ok())
}

/// The kiosk's window: the navigation guard and no developer tools, in every build.
pub fn lock_down<'a, R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'a, R, M>,
    handle: &AppHandle<R>,
) -> WebviewWindowBuilder<'a, R, M> {
    // The dev server is an allowed origin only in a development build (`cfg(dev)`: no
    // `custom-protocol`), which never ships to a kiosk.
    let dev_server = if cfg!(dev) { handle.config().build.dev_url.clone() } else { None };
    builder.devtools(false).on_navigation(move |url| {
        let allowed = navigation_allowed(url, dev_server.as_ref());
        if !allowed {
            eprintln!("gasdesk: kiosk refused to navigate to {url}");
        }
        allowed
    })
}

/// Refuses to close the kiosk window unless `may_close` says staff have unlocked the admin
/// switch: [`close_allowed`] on the office PC; on a kiosk PC, the forwarder's last word from the
/// office (`forward::Forwarder::close_allowed`).
pub fn guard_close<R: Runtime>(window: &WebviewWindow<R>, may_close: impl Fn(&AppHandle<R>) -> bool + Send + Sync + 'static) {
    let handle = window.app_handle().clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            if !may_close(&handle) {
                api.prevent_close();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a test URL parses")
    }

    #[test]
    fn the_kiosk_shows_the_apps_own_pages() {
        for own in ["tauri://localhost/index.html", "tauri://localhost/", "http://tauri.localhost/index.html", "https://tauri.localhost/"] {
            assert!(navigation_allowed(&url(own), None), "{own}");
        }
    }

    #[test]
    fn the_kiosk_refuses_any_url_outside_the_app() {
        for outside in [
            "https://example.com/",
            "http://localhost:5173/",
            "https://tauri.localhost.evil.example/",
            "tauri://evil/",
            "file:///etc/passwd",
            "data:text/html,<h1>hi</h1>",
            "javascript:alert(1)",
            "about:blank",
        ] {
            assert!(!navigation_allowed(&url(outside), None), "{outside}");
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_when_given_and_only_its_origin() {
        let dev = url("http://localhost:5173");
        assert!(navigation_allowed(&url("http://localhost:5173/index.html"), Some(&dev)));
        assert!(!navigation_allowed(&url("http://localhost:8080/"), Some(&dev)));
        assert!(!navigation_allowed(&url("https://localhost:5173/"), Some(&dev)));
        assert!(!navigation_allowed(&url("https://example.com/"), Some(&dev)));
    }

    #[test]
    fn the_kiosk_refuses_to_close_while_locked_and_closes_for_unlocked_staff() {
        use gasdesk_core::domain::{gateway::gateway_named, Actor, PasswordCost};
        use gasdesk_core::{Desk, DeskConfig};
        use std::time::Instant;
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::in_memory(gateway).expect("a database").with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let state = AppState::new(desk, true);
        assert!(!close_allowed(None), "no state yet: refused");
        state.session().sign_in_customer(Actor::Customer { id: 1, username: "asha".into() }, Instant::now());
        assert!(!close_allowed(Some(&state)), "a logged-in customer's Alt+F4");
        state.session().sign_in_staff(Actor::Staff { id: 1, username: "boss".into() }, Instant::now());
        assert!(close_allowed(Some(&state)), "staff holding the admin switch");
        state.session().lock_staff();
        assert!(!close_allowed(Some(&state)), "relocked: refused again");
    }
}
