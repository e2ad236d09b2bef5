//! Pacing for the walks that make many calls of one action (the owner search, every page of
//! collaborators): a [`Pace`] lets them start no more calls in any second than the action's
//! documented rate ([`Action::PER_SECOND`]) however fast the endpoint answers — the public cloud
//! refuses the excess with `RequestLimitExceeded`. A short walk is not slowed at all.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::model::Action;

/// The window the rates count in, stretched by 5% so that network jitter cannot make the server
/// see more arrivals in its second than were started in ours.
const WINDOW: Duration = Duration::from_millis(1050);

/// At most `per_second` call starts in any window.
#[derive(Debug)]
pub struct Pace {
    per_second: usize,
    /// The starts of the last window, oldest first.
    started: Mutex<VecDeque<Instant>>,
}

impl Pace {
    pub fn new(per_second: u32) -> Self {
        let per_second = per_second.max(1) as usize;
        Self {
            per_second,
            started: Mutex::new(VecDeque::with_capacity(per_second)),
        }
    }

    /// At `A`'s documented rate.
    pub fn of<A: Action>() -> Self {
        Self::new(A::PER_SECOND)
    }

    /// Waits until a call may start, and counts it.
    pub async fn ready(&self) {
        loop {
            let free_at = {
                let mut started = self.started.lock().unwrap_or_else(PoisonError::into_inner);
                let now = Instant::now();
                while started.front().is_some_and(|at| now - *at >= WINDOW) {
                    started.pop_front();
                }
                if started.len() < self.per_second {
                    started.push_back(now);
                    return;
                }
                started[0] + WINDOW
            };
            tokio::time::sleep_until(free_at).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_rates_worth_starts_at_once_and_no_more_in_any_window() {
        let pace = Pace::new(20);
        let start = Instant::now();
        for _ in 0..20 {
            pace.ready().await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "a short walk waits for nothing"
        );
        pace.ready().await;
        assert_eq!(
            start.elapsed(),
            WINDOW,
            "the 21st waits for the first to leave the window"
        );
        for _ in 0..40 {
            pace.ready().await;
        }
        assert_eq!(start.elapsed(), WINDOW * 3);
    }
}
