//! Pacing for the walks that make many calls of one action (the owner search, every page of
//! collaborators): a [`Pace`] spaces their starts so that camtui stays under the action's
//! documented rate ([`Action::PER_SECOND`]) however fast the endpoint answers — the public cloud
//! refuses the excess with `RequestLimitExceeded`.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use super::model::Action;

/// Spaces call starts evenly: one every `1 s / rate`, stretched by 5% so that network jitter
/// cannot make the server see more than `rate` arrivals in a second.
#[derive(Debug)]
pub struct Pace {
    interval: Duration,
    next_start: Mutex<Option<tokio::time::Instant>>,
}

impl Pace {
    pub fn new(per_second: u32) -> Self {
        let interval = Duration::from_secs(1) / per_second.max(1);
        Self {
            interval: interval + interval / 20,
            next_start: Mutex::new(None),
        }
    }

    /// At `A`'s documented rate.
    pub fn of<A: Action>() -> Self {
        Self::new(A::PER_SECOND)
    }

    /// Waits for the next start this pace allows.
    pub async fn ready(&self) {
        let slot = {
            let mut next = self
                .next_start
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let now = tokio::time::Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn starts_are_spaced_under_the_rate() {
        let pace = Pace::new(20);
        let start = tokio::time::Instant::now();
        for _ in 0..21 {
            pace.ready().await;
        }
        // 21 starts need 20 intervals of 52.5 ms: more than a second.
        assert!(start.elapsed() > Duration::from_secs(1));
    }
}
