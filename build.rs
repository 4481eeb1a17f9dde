//! Tauri's build step, with the app's own commands declared so each gets an `allow-<name>`
//! permission and the window may call only those `capabilities/default.json` grants.

/// The one list of command names `build.rs` can read; a test checks it against the command
/// list in `src-tauri/app/commands/mod.rs`.
const COMMANDS: &[&str] = include!("src-tauri/app/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/app/commands/names.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build failed");
}
