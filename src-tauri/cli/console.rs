//! Where a Windows release build's text goes. It is a GUI program (`windows_subsystem` in
//! `main.rs`: no console window flashes up behind the office or kiosk window), so Windows gives
//! it no console, and a subcommand started from a terminal (`gasdesk.exe pair --code …`,
//! `add-kiosk`, `backup`) printed nothing: not the pairing's certificate fingerprint, not an
//! error. Subcommands and clap's help and errors therefore write to the terminal they were
//! started from, if any. The window never attaches: a window sharing the terminal's console
//! would close with it (or on Ctrl+C). Elsewhere, and in debug builds, this does nothing.
//!
//! cmd.exe does not wait for a GUI program, so its prompt comes back before the output; the
//! operator's guide says to run subcommands with `start /wait`.

/// Attaches to the calling terminal's console unless standard output already goes somewhere
/// (redirected to a file or pipe, or a console build).
#[cfg(windows)]
pub fn write_to_the_calling_terminal() {
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

#[cfg(not(windows))]
pub fn write_to_the_calling_terminal() {}
