//! What the walks over every user share — the owner search ([`super::owner`]) and the key report
//! ([`super::report`]): the users they walk, `ListAccessKeys` of each kept to the action's
//! documented rate ([`super::pace`]) with a few calls in flight, progress with a time left, and
//! which failures concern one user only (skipped, the walk goes on) rather than the whole walk.

use std::time::{Duration, Instant};

use futures::{Stream, StreamExt as _};

use super::client::Client;
use super::error::CallError;
use super::model::{AccessKey, Action as _, ListAccessKeys, User, UserKind};
use super::pace::Pace;

/// Calls of one action in flight at once: enough to hide a slow endpoint's latency at 20 a second.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// A user whose keys can be listed: a sub-user or a collaborator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserRef {
    pub uin: u64,
    pub name: String,
    pub kind: UserKind,
}

impl From<&User> for UserRef {
    fn from(user: &User) -> Self {
        Self {
            uin: user.uin,
            name: user.name.clone(),
            kind: user.kind,
        }
    }
}

/// How hard a walk may push the endpoint, for each action it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Calls of one action in flight at once (at least 1).
    pub concurrency: usize,
    /// The most calls of one action started in any second (at least 1).
    pub requests_per_second: u32,
}

/// The documented rates: `ListAccessKeys`'s, which `GetSecurityLastUsed` and `DescribeEvents`
/// share.
impl Default for WalkOptions {
    fn default() -> Self {
        Self {
            concurrency: DEFAULT_CONCURRENCY,
            requests_per_second: ListAccessKeys::PER_SECOND,
        }
    }
}

/// Where a walk is: `done` of `total` users looked at (ones known before it started count as
/// done at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Calls answered so far.
    pub requests: usize,
    pub elapsed: Duration,
    /// Time left at the pace so far; `None` before the first user is done by a call.
    pub eta: Option<Duration>,
}

impl Progress {
    /// Nothing done yet of `total`.
    pub fn start(total: usize) -> Self {
        Self {
            done: 0,
            total,
            requests: 0,
            elapsed: Duration::ZERO,
            eta: None,
        }
    }

    /// 0.0 ..= 1.0, for a progress bar.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        }
    }
}

/// Counts a walk as it goes and says where it is.
pub(crate) struct Tally {
    started: Instant,
    total: usize,
    /// Done before the first call: they say nothing about the pace.
    done_at_start: usize,
    pub done: usize,
    pub requests: usize,
}

impl Tally {
    pub fn new(total: usize, done_at_start: usize) -> Self {
        Self {
            started: Instant::now(),
            total,
            done_at_start,
            done: done_at_start,
            requests: 0,
        }
    }

    pub fn progress(&self) -> Progress {
        let elapsed = self.started.elapsed();
        let paced = self.done - self.done_at_start;
        let eta = (paced > 0).then(|| {
            let left = self.total.saturating_sub(self.done) as u32;
            elapsed / paced as u32 * left
        });
        Progress {
            done: self.done,
            total: self.total,
            requests: self.requests,
            elapsed,
            eta,
        }
    }
}

/// A user whose keys could not be listed; the walk went on without them.
#[derive(Debug)]
pub struct SkippedUser {
    pub user: UserRef,
    pub error: CallError,
}

/// Errors that concern the one user asked about, not the caller or the endpoint: the user was
/// deleted meanwhile, or may not be looked at.
pub(crate) fn is_about_the_user(error: &CallError) -> bool {
    error.api().is_some_and(|e| {
        matches!(
            e.code.as_str(),
            "InvalidParameter.UserNotExist"
                | "ResourceNotFound.UserNotExist"
                | "ResourceNotFound.UserNotExists"
                | "OperationDenied.SubUin"
                | "OperationDenied.UinNotMatch"
                | "AuthFailure.UnauthorizedOperation"
        )
    })
}

/// `ListAccessKeys` of each user, started as `pace` allows, at most `concurrency` in flight,
/// answers in the order they land. Dropping the stream drops the calls in flight.
pub(crate) fn listings<'a>(
    client: &'a Client,
    users: Vec<UserRef>,
    pace: &'a Pace,
    concurrency: usize,
) -> impl Stream<Item = (UserRef, Result<Vec<AccessKey>, CallError>)> + Send + 'a {
    // Owned users: a closure over `&UserRef` makes a walk's future fail rustc's higher-ranked
    // `Send` check when it is spawned (rust-lang/rust#102211).
    futures::stream::iter(users)
        .map(move |user| async move {
            let request = ListAccessKeys {
                target_uin: Some(user.uin),
            };
            let keys = client.send_paced(&request, pace).await;
            (user, keys.map(|(listed, _)| listed.access_keys))
        })
        .buffer_unordered(concurrency.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_counts_only_users_done_by_calls() {
        let mut tally = Tally::new(10, 4);
        assert_eq!(tally.progress().eta, None);
        tally.done += 3;
        let progress = tally.progress();
        assert_eq!((progress.done, progress.total), (7, 10));
        assert!(progress.eta.is_some());
    }
}
