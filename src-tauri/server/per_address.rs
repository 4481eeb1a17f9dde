//! What one machine on the LAN may cost the office, counted by its address in the server's
//! memory (nothing is written for a stranger): open connections, so one machine cannot take
//! every place of `max_connections`, and pairing attempts a minute, so no one can try codes
//! at speed or flood the pairing route.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The window pairing attempts are counted in.
const PAIRING_WINDOW: Duration = Duration::from_secs(60);
/// Beyond this many addresses remembered, the ones whose window has passed are forgotten, so
/// many addresses cannot grow the office's memory.
const REMEMBERED_ADDRESSES: usize = 1024;

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Open connections per address.
#[derive(Default)]
pub struct ConnectionCounts {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// A place held by one connection; dropping it frees the place.
pub struct ConnectionPlace {
    counts: Arc<ConnectionCounts>,
    address: IpAddr,
}

impl ConnectionCounts {
    /// A place for a new connection from `address`, or `None` when it already has `cap` open.
    pub fn enter(counts: &Arc<ConnectionCounts>, address: IpAddr, cap: usize) -> Option<ConnectionPlace> {
        let mut open = locked(&counts.open);
        let count = open.entry(address).or_insert(0);
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(ConnectionPlace { counts: counts.clone(), address })
    }
}

impl Drop for ConnectionPlace {
    fn drop(&mut self) {
        let mut open = locked(&self.counts.open);
        if let Some(count) = open.get_mut(&self.address) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.address);
            }
        }
    }
}

/// Pairing attempts per address and minute (a fixed window from the first attempt).
pub struct PairingThrottle {
    per_minute: u32,
    seen: Mutex<HashMap<Option<IpAddr>, (Instant, u32)>>,
}

impl PairingThrottle {
    pub fn new(per_minute: u32) -> PairingThrottle {
        PairingThrottle { per_minute, seen: Mutex::new(HashMap::new()) }
    }

    /// Counts an attempt from `address` (`None`: not known, as in tests without a socket; all
    /// such share one count). `Err(seconds)` until the window ends when over the limit.
    pub fn attempt(&self, address: Option<IpAddr>, now: Instant) -> Result<(), u64> {
        let mut seen = locked(&self.seen);
        if seen.len() >= REMEMBERED_ADDRESSES {
            seen.retain(|_, (since, _)| now.saturating_duration_since(*since) < PAIRING_WINDOW);
        }
        let entry = seen.entry(address).or_insert((now, 0));
        if now.saturating_duration_since(entry.0) >= PAIRING_WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            let left = PAIRING_WINDOW.saturating_sub(now.saturating_duration_since(entry.0));
            return Err(left.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_place_is_freed_when_dropped_and_addresses_count_apart() {
        let counts = Arc::new(ConnectionCounts::default());
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        let first = ConnectionCounts::enter(&counts, a, 2).expect("a place");
        let _second = ConnectionCounts::enter(&counts, a, 2).expect("a place");
        assert!(ConnectionCounts::enter(&counts, a, 2).is_none(), "the third from one address is refused");
        assert!(ConnectionCounts::enter(&counts, b, 2).is_some(), "another address is not");
        drop(first);
        assert!(ConnectionCounts::enter(&counts, a, 2).is_some(), "a freed place is free again");
    }

    #[test]
    fn pairing_attempts_are_limited_per_address_and_minute() {
        let throttle = PairingThrottle::new(3);
        let start = Instant::now();
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        for _ in 0..3 {
            assert_eq!(throttle.attempt(a, start), Ok(()));
        }
        let refused = throttle.attempt(a, start + Duration::from_secs(20));
        assert_eq!(refused, Err(40), "told when to try again");
        assert_eq!(throttle.attempt(Some(IpAddr::from([10, 0, 0, 2])), start), Ok(()), "another address has its own count");
        assert_eq!(throttle.attempt(a, start + PAIRING_WINDOW), Ok(()), "a new minute, a new count");
    }
}
