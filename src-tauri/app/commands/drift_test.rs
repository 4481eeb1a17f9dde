//! The command list registered with Tauri and the one the UI calls must be the same set.
#[test]
fn every_command_is_in_the_ui_backend_and_nothing_else_is() {
    macro_rules! names {
        ($($path:path),* $(,)?) => { vec![$(stringify!($path).rsplit("::").next().unwrap_or_default().trim().to_owned()),*] };
    }
    let mut registered: Vec<String> = crate::gasdesk_commands!(names);
    registered.sort();
    let ui = include_str!("../../../ui/src/api/backend.ts");
    let mut called: Vec<String> = ui
        .split("invoke<")
        .skip(1)
        .filter_map(|rest| rest.split_once(">(\"").and_then(|(_, tail)| tail.split_once('"')).map(|(name, _)| name.to_owned()))
        .collect();
    called.sort();
    called.dedup();
    assert_eq!(registered, called);
}
