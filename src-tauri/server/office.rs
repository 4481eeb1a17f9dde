//! The terminals of the paired kiosks. Each kiosk process makes a random terminal secret that
//! lives only in its memory and sends it with every request (`x-gasdesk-terminal`); the office
//! keeps one `AppState` (one customer session and admin switch) per device and secret, over the
//! one shared desk. The key is the device id with the secret's hash, so a secret works only with
//! the device it came with: the same secret from another device is another, empty terminal.
use crate::api::session::SessionClock;
use crate::api::{AppState, IpcError, Place};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Desk;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Terminals kept per device: a kiosk PC runs one (a restart makes a new secret). Beyond it the
/// least recently used goes, so random secrets cannot grow the office's memory.
pub const MAX_TERMINALS_PER_DEVICE: usize = 4;

/// Lengths of a terminal secret (URL-safe base64 of 12 to 96 random bytes).
const SECRET_LENGTHS: std::ops::RangeInclusive<usize> = 16..=128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TerminalKey {
    device_id: i64,
    secret_hash: [u8; 32],
}

struct Slot {
    state: Arc<AppState>,
    /// When a request last came from it (the session clock).
    last_used: Instant,
    /// Order of use, for least-recently-used eviction (the clock may stand still in tests).
    use_count: u64,
}

#[derive(Default)]
struct Terminals {
    slots: HashMap<TerminalKey, Slot>,
    uses: u64,
}

/// The office side of the LAN: the desk and the kiosk terminals' sessions.
pub struct Office {
    desk: Arc<Desk>,
    clock: Arc<dyn SessionClock>,
    terminals: Mutex<Terminals>,
}

fn no_terminal(message: &str) -> IpcError {
    IpcError(ErrorPayload::plain(ErrorCode::NotLoggedIn, message, Some(crate::api::wire::TERMINAL_HEADER)))
}

/// A well-formed terminal secret, or 401.
fn check_secret(secret: &str) -> Result<(), IpcError> {
    let well_formed = SECRET_LENGTHS.contains(&secret.len()) && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if well_formed {
        Ok(())
    } else {
        Err(no_terminal("This kiosk did not say which of its terminals is asking. Restart the kiosk."))
    }
}

impl Office {
    /// Idle timeouts are measured by `clock` (the server's own; a test's).
    pub fn new(desk: Arc<Desk>, clock: Arc<dyn SessionClock>) -> Office {
        Office { desk, clock, terminals: Mutex::new(Terminals::default()) }
    }

    pub fn desk(&self) -> &Arc<Desk> {
        &self.desk
    }

    fn terminals(&self) -> MutexGuard<'_, Terminals> {
        self.terminals.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The terminal of `device_id` with this secret (the `x-gasdesk-terminal` header), made
    /// on its first request. The device must already be known good (`Desk::device_for_token`).
    pub fn terminal(&self, device_id: i64, secret: Option<&str>) -> Result<Arc<AppState>, IpcError> {
        let secret = secret.ok_or_else(|| no_terminal("This kiosk did not say which of its terminals is asking. Restart the kiosk."))?;
        check_secret(secret)?;
        let key = TerminalKey { device_id, secret_hash: Sha256::digest(secret.as_bytes()).into() };
        let now = self.clock.now();
        if let Some(state) = self.touch(&key, now) {
            return Ok(state);
        }
        // Made outside the lock: both read the database.
        let state = Arc::new(AppState::at(self.desk.clone(), Place::Device { id: device_id }, self.clock.clone()));
        let stale_after = self.stale_after();
        let mut terminals = self.terminals();
        if let Some(slot) = terminals.slots.get(&key) {
            // The same terminal's other request made it meanwhile: one session, not two.
            return Ok(slot.state.clone());
        }
        terminals.slots.retain(|_, slot| now.saturating_duration_since(slot.last_used) <= stale_after);
        let of_device: Vec<(TerminalKey, u64)> =
            terminals.slots.iter().filter(|(k, _)| k.device_id == device_id).map(|(k, s)| (*k, s.use_count)).collect();
        if of_device.len() >= MAX_TERMINALS_PER_DEVICE {
            if let Some((oldest, _)) = of_device.iter().min_by_key(|(_, uses)| *uses) {
                terminals.slots.remove(oldest);
            }
        }
        terminals.uses += 1;
        let use_count = terminals.uses;
        terminals.slots.insert(key, Slot { state: state.clone(), last_used: now, use_count });
        Ok(state)
    }

    fn touch(&self, key: &TerminalKey, now: Instant) -> Option<Arc<AppState>> {
        let mut terminals = self.terminals();
        terminals.uses += 1;
        let use_count = terminals.uses;
        let slot = terminals.slots.get_mut(key)?;
        slot.last_used = now;
        slot.use_count = use_count;
        Some(slot.state.clone())
    }

    /// A terminal unused for longer than both idle timeouts has no session left in it (an
    /// empty one would be made again on its next request), so it can go. That is how the
    /// terminals of a revoked kiosk leave memory; its requests are refused before this anyway.
    fn stale_after(&self) -> Duration {
        let seconds = match self.desk.public_settings() {
            Ok(s) => s.kiosk_idle_seconds.max(s.admin_relock_seconds),
            Err(_) => 86_400,
        };
        Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
    }

    /// Drops every terminal of a device at once (the office window calls it after revoking
    /// the kiosk; its token is refused from then on in any case).
    pub fn forget_device(&self, device_id: i64) {
        self.terminals().slots.retain(|key, _| key.device_id != device_id);
    }

    /// Terminals held for a device (tests, diagnostics).
    pub fn terminal_count(&self, device_id: i64) -> usize {
        self.terminals().slots.keys().filter(|k| k.device_id == device_id).count()
    }
}
