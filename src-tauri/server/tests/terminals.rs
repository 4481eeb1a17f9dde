//! The office's terminal registry: bounded per device, least recently used evicted, emptied
//! for a device on request, and idle terminals dropped.
use super::{new_secret, Fixture};
use crate::server::MAX_TERMINALS_PER_DEVICE;
use std::sync::Arc;
use std::time::Duration;

#[test]
fn random_secrets_cannot_grow_a_devices_terminals_beyond_the_bound() {
    let f = Fixture::new();
    let kept = new_secret();
    let first = f.office.terminal(1, Some(&kept)).expect("a terminal");
    for _ in 0..(MAX_TERMINALS_PER_DEVICE * 5) {
        f.office.terminal(1, Some(&new_secret())).expect("a terminal");
        // The kiosk's own terminal is in use all along: it is never the least recently used.
        let again = f.office.terminal(1, Some(&kept)).expect("the kept terminal");
        assert!(Arc::ptr_eq(&first, &again), "the terminal in use keeps its session");
    }
    assert_eq!(f.office.terminal_count(1), MAX_TERMINALS_PER_DEVICE);
    // Another device's terminals are counted apart.
    f.office.terminal(2, Some(&new_secret())).expect("a terminal");
    assert_eq!((f.office.terminal_count(1), f.office.terminal_count(2)), (MAX_TERMINALS_PER_DEVICE, 1));
}

#[test]
fn the_least_recently_used_terminal_is_the_one_evicted() {
    let f = Fixture::new();
    let secrets: Vec<String> = (0..MAX_TERMINALS_PER_DEVICE).map(|_| new_secret()).collect();
    let states: Vec<_> = secrets.iter().map(|s| f.office.terminal(1, Some(s)).expect("a terminal")).collect();
    // Use all but the first again; then one more terminal evicts the first.
    for secret in &secrets[1..] {
        f.office.terminal(1, Some(secret)).expect("a terminal");
    }
    f.office.terminal(1, Some(&new_secret())).expect("a terminal");
    let first_again = f.office.terminal(1, Some(&secrets[0])).expect("a terminal");
    assert!(!Arc::ptr_eq(&states[0], &first_again), "the first was evicted: a new, empty terminal");
    let second_again = f.office.terminal(1, Some(&secrets[2])).expect("a terminal");
    assert!(Arc::ptr_eq(&states[2], &second_again), "one used since stays");
}

#[test]
fn forgetting_a_device_drops_its_terminals_only() {
    let f = Fixture::new();
    f.office.terminal(1, Some(&new_secret())).expect("a terminal");
    f.office.terminal(1, Some(&new_secret())).expect("a terminal");
    f.office.terminal(2, Some(&new_secret())).expect("a terminal");
    f.office.forget_device(1);
    assert_eq!((f.office.terminal_count(1), f.office.terminal_count(2)), (0, 1));
}

#[test]
fn terminals_idle_beyond_every_timeout_are_dropped_when_another_is_made() {
    let f = Fixture::new();
    let settings = f.desk.public_settings().expect("settings");
    let longest = settings.kiosk_idle_seconds.max(settings.admin_relock_seconds) as u64;
    f.office.terminal(1, Some(&new_secret())).expect("a terminal");
    f.office.terminal(2, Some(&new_secret())).expect("a terminal");
    f.clock.advance(Duration::from_secs(longest + 1));
    f.office.terminal(3, Some(&new_secret())).expect("a terminal");
    assert_eq!(
        (f.office.terminal_count(1), f.office.terminal_count(2), f.office.terminal_count(3)),
        (0, 0, 1),
        "the idle ones held no session any more"
    );
}
