//! The window's command handlers, made from the command list: each `#[tauri::command]` takes
//! the list's arguments (with its names, which are the IPC's) and runs the command for the
//! window's own terminal through `api::run`, whose signature the compiler checks against the
//! list. Commands run off the UI thread (`async`).
use crate::api::types::*;
use crate::api::{AppState, IpcResult};

macro_rules! tauri_handlers {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        /// The functions Tauri calls. Private, so the handler below is built in this module.
        mod commands {
            use super::*;
            $(
                #[tauri::command(async, rename_all = "snake_case")]
                fn $name(state: tauri::State<'_, AppState>, $($arg: $ty),*) -> IpcResult<$result> {
                    crate::api::run::$name(&state, $($arg),*)
                }
            )*

            /// Every command, for `Builder::invoke_handler`.
            pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
                tauri::generate_handler![$($name),*]
            }
        }

        pub use commands::invoke_handler;
    };
}
crate::api::with_commands!(tauri_handlers);
