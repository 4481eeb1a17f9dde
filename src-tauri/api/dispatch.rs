//! The JSON entry point: a command by name with its arguments as one JSON object (the body the
//! window's `invoke` sends), answered with the JSON the window gets. The LAN server routes
//! `POST /v1/<command>` here; nothing in here knows about HTTP.
use super::types::*;
use super::{AppState, IpcError, IpcResult};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use serde_json::Value;

fn refused(code: ErrorCode, message: String, field: Option<&str>) -> IpcError {
    IpcError(ErrorPayload::plain(code, message, field))
}

/// Is `name` a command of the list?
pub fn is_command(name: &str) -> bool {
    super::COMMAND_NAMES.contains(&name)
}

/// The arguments object: `null` or missing counts as `{}`; anything but an object is refused.
fn arguments(args: Value) -> IpcResult<Value> {
    match args {
        Value::Null => Ok(Value::Object(Default::default())),
        Value::Object(_) => Ok(args),
        _ => Err(refused(ErrorCode::Invalid, "The request body must be a JSON object of the command's arguments.".into(), Some("body"))),
    }
}

fn reply<T: serde::Serialize>(result: T) -> IpcResult<Value> {
    serde_json::to_value(result).map_err(|e| gasdesk_core::Error::Internal(format!("reply not serialisable: {e}")).into())
}

macro_rules! dispatch_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        /// Runs command `name` with `args` for the person at `state`'s terminal.
        pub fn dispatch(state: &AppState, name: &str, args: Value) -> IpcResult<Value> {
            let args = arguments(args)?;
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(deny_unknown_fields)]
                    #[allow(dead_code)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = serde_json::from_value::<Args>(args).map_err(|e| {
                        refused(ErrorCode::Invalid, format!("The arguments of {} are not right: {e}", stringify!($name)), Some("body"))
                    })?;
                    reply(super::run::$name(state, $($arg),*)?)
                })*
                _ => Err(refused(ErrorCode::NotFound, format!("There is no command called {name:?}."), None)),
            }
        }
    };
}
super::with_commands!(dispatch_commands);
