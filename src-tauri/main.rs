// No console window on Windows release builds; harmless elsewhere. Subcommands write to the
// terminal they were started from (`cli/console.rs`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    gasdesk::cli::main()
}
