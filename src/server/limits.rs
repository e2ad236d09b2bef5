//! `camtui serve --real-limits`: each action's documented request rate (CAM's and CloudAudit's
//! "API Category" pages), enforced for the account as the public cloud does: a request beyond it
//! is refused with `RequestLimitExceeded`, which clients retry after a pause.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use super::error::{Code, ServerError};
use crate::cam::model::Service;
use crate::cam::pace::Window;

const SECOND: Duration = Duration::from_secs(1);

/// A one-second [`Window`] per action.
#[derive(Debug)]
pub struct RateLimits {
    by_action: HashMap<(Service, &'static str), Window>,
}

impl RateLimits {
    /// Limits for `(service, action, requests a second)`.
    pub fn new(actions: impl IntoIterator<Item = (Service, &'static str, u32)>) -> Self {
        Self {
            by_action: actions
                .into_iter()
                .map(|(service, action, per_second)| {
                    ((service, action), Window::new(per_second, SECOND))
                })
                .collect(),
        }
    }

    /// Admits a request of `action` arriving at `now`, or refuses it with `RequestLimitExceeded`.
    pub fn admit(&self, service: Service, action: &str, now: Instant) -> Result<(), ServerError> {
        let Some(limit) = self.by_action.get(&(service, action)) else {
            return Ok(());
        };
        limit.admit(now).map_err(|_| {
            ServerError::new(
                Code::RequestLimitExceeded,
                format!(
                    "{action} allows {} requests a second; retry in a moment.",
                    limit.limit()
                ),
            )
        })
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
        let limit = Window::new(5, SECOND);
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        for i in 0..5 {
            assert!(limit.admit(at(i * 10)).is_ok(), "request {i}");
        }
        assert!(limit.admit(at(50)).is_err(), "a sixth within the second");
        assert!(
            limit.admit(at(999)).is_err(),
            "still within a second of the first"
        );
        assert!(
            limit.admit(at(1000)).is_ok(),
            "the first has left the window"
        );
        assert!(limit.admit(at(1001)).is_err());
        assert!(limit.admit(at(1010)).is_ok());
    }

    #[test]
    fn refused_requests_do_not_count() {
        let limit = Window::new(1, SECOND);
        let start = Instant::now();
        assert!(limit.admit(start).is_ok());
        for ms in [100, 500, 900] {
            assert!(limit.admit(start + Duration::from_millis(ms)).is_err());
        }
        assert!(limit.admit(start + SECOND).is_ok());
    }

    #[test]
    fn evenly_paced_requests_at_the_limit_are_all_admitted() {
        let limit = Window::new(20, SECOND);
        let start = Instant::now();
        assert!((0..200).all(|i| limit.admit(start + Duration::from_millis(50 * i)).is_ok()));
    }
}
