//! Tauri's build step, with the app's own commands declared so each gets an `allow-<name>`
//! permission and the window may call only those `capabilities/default.json` grants.

/// The one list of command names `build.rs` can read; a test checks it against the command
/// list in `src-tauri/api/mod.rs`.
const COMMANDS: &[&str] = include!("src-tauri/api/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/api/names.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build failed");
}
