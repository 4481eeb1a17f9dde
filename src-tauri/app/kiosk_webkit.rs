//! The kiosk window's WebKit settings, for a small kiosk PC (docs/BENCHMARKS.md, "Kiosk PC
//! memory"). By default WebKitGTK composites the page with OpenGL: the web process keeps tiles
//! and layer buffers for the whole fullscreen page, and more after each screen, and both
//! processes set up GPU buffer sharing (DMA-BUF). A kiosk's screens are forms, lists and a
//! receipt with no effect that needs a GPU, so the kiosk window draws without compositing:
//! measured with WebKitGTK 2.50 at 1920×1080, the whole kiosk app took 374 MB PSS after a
//! booking with WebKit's defaults and 214 MB with these two settings, and its screens look
//! the same (screenshots compared: only text anti-aliasing moves by a shade).
//!
//! `GASDESK_KIOSK_WEBKIT=defaults` keeps WebKit's own settings (a kiosk PC whose GPU draws
//! much faster than its CPU; measuring). The office window keeps WebKit's defaults: the office
//! PC is not the small one, and its screens were not compared with this setting.
use tauri::{Runtime, WebviewWindow};

/// The environment variable that keeps WebKit's own settings when it is `defaults`.
pub const OPT_OUT: &str = "GASDESK_KIOSK_WEBKIT";

fn opted_out() -> bool {
    std::env::var(OPT_OUT).is_ok_and(|value| value == "defaults")
}

/// Before the window system starts (WebKit reads it once, in this process and the web
/// processes it starts): no DMA-BUF renderer, unless the environment already says. Called at
/// the start of a kiosk's `run`, while this process has no other thread that could read the
/// environment meanwhile.
#[cfg(target_os = "linux")]
pub fn before_start() {
    const NO_DMABUF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if !opted_out() && std::env::var_os(NO_DMABUF).is_none() {
        std::env::set_var(NO_DMABUF, "1");
    }
}

/// WebKitGTK's variable; other platforms' webviews do not read it.
#[cfg(not(target_os = "linux"))]
pub fn before_start() {}

/// On the kiosk's window, once built: no accelerated compositing. WebKit leaves compositing
/// when told so on a live page; the page is the app's first and only one.
#[cfg(target_os = "linux")]
pub fn apply<R: Runtime>(window: &WebviewWindow<R>) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if opted_out() {
        return;
    }
    let set = window.with_webview(|webview| {
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = set {
        // Only memory is at stake: the kiosk works with WebKit's defaults.
        eprintln!("gasdesk: the kiosk window keeps WebKit's default rendering: {e}");
    }
}

/// Other platforms' webviews (WebView2, WKWebView) have no such settings.
#[cfg(not(target_os = "linux"))]
pub fn apply<R: Runtime>(_window: &WebviewWindow<R>) {}
