//! Pacing for the walks that make many calls of one action (the owner search, every page of
//! collaborators): a [`Pace`] lets them start no more calls in any second than the action's
//! documented rate ([`Action::PER_SECOND`]) however fast the endpoint answers — the public cloud
//! refuses the excess with `RequestLimitExceeded`. A short walk is not slowed at all. The same
//! [`Window`] is what the bundled server's `--real-limits` enforces.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::model::Action;

/// The window the rates count in, stretched by 5% so that network jitter cannot make the server
/// see more arrivals in its second than were started in ours.
const WINDOW: Duration = Duration::from_millis(1050);

/// At most `limit` events in any `length` of time: the one rule both sides of a documented rate
/// keep — the client's [`Pace`] waits for room, `camtui serve --real-limits` refuses without it.
#[derive(Debug)]
pub struct Window {
    limit: usize,
    length: Duration,
    /// When the counted events happened, oldest first.
    events: Mutex<VecDeque<Instant>>,
}

impl Window {
    pub fn new(limit: u32, length: Duration) -> Self {
        let limit = limit.max(1) as usize;
        Self {
            limit,
            length,
            events: Mutex::new(VecDeque::with_capacity(limit)),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit as u32
    }

    /// Counts an event at `now` if the window has room; otherwise says when it will have.
    pub fn admit(&self, now: Instant) -> Result<(), Instant> {
        let mut events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        while events
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= self.length)
        {
            events.pop_front();
        }
        if events.len() < self.limit {
            events.push_back(now);
            Ok(())
        } else {
            Err(events[0] + self.length)
        }
    }
}

/// At most an action's rate of call starts in any window.
#[derive(Debug)]
pub struct Pace {
    window: Window,
}

impl Pace {
    pub fn new(per_second: u32) -> Self {
        Self {
            window: Window::new(per_second, WINDOW),
        }
    }

    /// At `A`'s documented rate.
    pub fn of<A: Action>() -> Self {
        Self::new(A::PER_SECOND)
    }

    /// Waits until a call may start, and counts it.
    pub async fn ready(&self) {
        while let Err(free_at) = self.window.admit(Instant::now()) {
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
