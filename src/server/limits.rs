//! `camtui serve --real-limits`: each action's documented request rate (CAM's and CloudAudit's
//! "API Category" pages), enforced for the account as the public cloud does: a request beyond it
//! is refused with `RequestLimitExceeded`, which clients retry after a pause.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::error::{Code, ServerError};
use crate::cam::model::Service;

const SECOND: Duration = Duration::from_secs(1);

/// A [`RateLimit`] per action.
#[derive(Debug)]
pub struct RateLimits {
    by_action: HashMap<(Service, &'static str), RateLimit>,
}

impl RateLimits {
    /// Limits for `(service, action, requests a second)`.
    pub fn new(actions: impl IntoIterator<Item = (Service, &'static str, u32)>) -> Self {
        Self {
            by_action: actions
                .into_iter()
                .map(|(service, action, per_second)| {
                    ((service, action), RateLimit::new(per_second))
                })
                .collect(),
        }
    }

    /// Admits a request of `action` arriving at `now`, or refuses it with `RequestLimitExceeded`.
    pub fn admit(&self, service: Service, action: &str, now: Instant) -> Result<(), ServerError> {
        let Some(limit) = self.by_action.get(&(service, action)) else {
            return Ok(());
        };
        if limit.admit(now) {
            Ok(())
        } else {
            Err(ServerError::new(
                Code::RequestLimitExceeded,
                format!(
                    "{action} allows {} requests a second; retry in a moment.",
                    limit.per_second()
                ),
            ))
        }
    }
}

/// At most `per_second` requests admitted in any one-second window.
#[derive(Debug)]
pub struct RateLimit {
    per_second: u32,
    /// When the admitted requests of the last second arrived, oldest first.
    admitted: Mutex<VecDeque<Instant>>,
}

impl RateLimit {
    pub fn new(per_second: u32) -> Self {
        let per_second = per_second.max(1);
        Self {
            per_second,
            admitted: Mutex::new(VecDeque::with_capacity(per_second as usize)),
        }
    }

    pub fn per_second(&self) -> u32 {
        self.per_second
    }

    /// Whether a request arriving at `now` is within the limit; it counts if so.
    pub fn admit(&self, now: Instant) -> bool {
        let mut admitted = self.admitted.lock().unwrap_or_else(PoisonError::into_inner);
        while admitted
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= SECOND)
        {
            admitted.pop_front();
        }
        if admitted.len() >= self.per_second as usize {
            return false;
        }
        admitted.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_own_limit() {
        let limits = RateLimits::new([
            (Service::Cam, "CreateAccessKey", 1),
            (Service::Cam, "ListAccessKeys", 2),
        ]);
        let now = Instant::now();
        limits.admit(Service::Cam, "CreateAccessKey", now).unwrap();
        let refused = limits
            .admit(Service::Cam, "CreateAccessKey", now)
            .unwrap_err();
        assert_eq!(refused.code(), Code::RequestLimitExceeded);
        assert!(
            refused.to_string().contains("1 requests a second"),
            "{refused}"
        );
        limits.admit(Service::Cam, "ListAccessKeys", now).unwrap();
        limits.admit(Service::Cam, "ListAccessKeys", now).unwrap();
        assert!(limits.admit(Service::Cam, "ListAccessKeys", now).is_err());
        limits
            .admit(Service::CloudAudit, "ListAccessKeys", now)
            .unwrap();
    }

    #[test]
    fn at_most_the_limit_in_any_second() {
        let limit = RateLimit::new(5);
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        for i in 0..5 {
            assert!(limit.admit(at(i * 10)), "request {i}");
        }
        assert!(!limit.admit(at(50)), "a sixth within the second");
        assert!(!limit.admit(at(999)), "still within a second of the first");
        assert!(limit.admit(at(1000)), "the first has left the window");
        assert!(!limit.admit(at(1001)));
        assert!(limit.admit(at(1010)));
    }

    #[test]
    fn refused_requests_do_not_count() {
        let limit = RateLimit::new(1);
        let start = Instant::now();
        assert!(limit.admit(start));
        for ms in [100, 500, 900] {
            assert!(!limit.admit(start + Duration::from_millis(ms)));
        }
        assert!(limit.admit(start + SECOND));
    }

    #[test]
    fn evenly_paced_requests_at_the_limit_are_all_admitted() {
        let limit = RateLimit::new(20);
        let start = Instant::now();
        assert!((0..200).all(|i| limit.admit(start + Duration::from_millis(50 * i))));
    }
}
