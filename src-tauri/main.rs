// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    print_to_the_calling_console();
    gasdesk::cli::main()
}

/// A Windows release build is a GUI program (above), so Windows gives it no console: started
/// from a terminal (`gasdesk.exe pair --code …`, `add-kiosk`, `backup`), everything it printed
/// (the pairing's certificate fingerprint, an error) went nowhere. It writes to the terminal it
/// was started from, if any; output redirected to a file or pipe already has its handle and is
/// left alone. Started from the Start menu there is no such terminal and nothing changes.
#[cfg(windows)]
fn print_to_the_calling_console() {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetStdHandle(which: u32) -> *mut std::ffi::c_void;
        fn AttachConsole(process_id: u32) -> i32;
    }
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: two Win32 calls without pointer arguments; a failure (no parent console, a
    // console already there) leaves the process as it was.
    unsafe {
        if GetStdHandle(STD_OUTPUT_HANDLE).is_null() {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
