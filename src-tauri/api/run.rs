//! Each command of the list, run with its place check: the one door every caller (the window's
//! handlers, the LAN server's dispatch) goes through, so no caller can skip the check.
use super::types::*;
use super::{AppState, IpcResult};

/// Module-wide checks, made before the command: office work only at the office.
fn check_place(module: &str, state: &AppState) -> IpcResult<()> {
    if module == "office" {
        state.require_office()?;
    }
    Ok(())
}

macro_rules! run_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        $(
            pub fn $name(state: &AppState, $($arg: $ty),*) -> IpcResult<$result> {
                check_place(stringify!($module), state)?;
                super::$module::$name(state, $($arg),*)
            }
        )*
    };
}
super::with_commands!(run_commands);
