//! Finding the owner of a SecretId: CAM has no "who owns this key" action, so the search walks
//! `ListAccessKeys` over the users — a few calls at a time, under the action's documented limit
//! (20 requests a second) — reporting progress, stopping at the first match or when cancelled,
//! and remembering every user's keys in a [`KeyOwnerCache`] the caller keeps for the run.
//!
//! Used by `camtui whois` and by the console's `/AKID…` and `:secretid`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures::StreamExt as _;
use tokio_util::sync::CancellationToken;

use super::client::Client;
use super::error::CallError;
use super::model::{AccessKey, Action as _, ListAccessKeys, SecretId};
use super::pace::Pace;

/// Calls in flight at once: enough to hide a slow endpoint's latency at 20 req/s.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// A user whose keys can be listed: a sub-user or a collaborator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef {
    pub uin: u64,
    pub name: String,
}

/// Which keys each UIN had when last listed. Cheap to clone (shared); keep one for the run, feed
/// it whenever a user's keys are listed anyway, and [`forget`](Self::forget) a user after
/// creating or deleting one of their keys.
#[derive(Debug, Clone, Default)]
pub struct KeyOwnerCache {
    keys_by_uin: Arc<Mutex<HashMap<u64, Vec<AccessKey>>>>,
}

impl KeyOwnerCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Vec<AccessKey>>> {
        // The map stays consistent even if a holder panicked: every write is one insert/remove.
        self.keys_by_uin
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn record(&self, uin: u64, keys: &[AccessKey]) {
        self.map().insert(uin, keys.to_vec());
    }

    pub fn forget(&self, uin: u64) {
        self.map().remove(&uin);
    }

    pub fn clear(&self) {
        self.map().clear();
    }

    pub fn keys_of(&self, uin: u64) -> Option<Vec<AccessKey>> {
        self.map().get(&uin).cloned()
    }

    /// The cached owner of a SecretId and the key as it was listed.
    pub fn owner_of(&self, secret_id: &SecretId) -> Option<(u64, AccessKey)> {
        self.map().iter().find_map(|(uin, keys)| {
            keys.iter()
                .find(|k| k.access_key_id == *secret_id)
                .map(|k| (*uin, k.clone()))
        })
    }

    /// How many users' keys are known.
    pub fn len(&self) -> usize {
        self.map().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How hard a search may push the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Calls in flight at once (at least 1).
    pub concurrency: usize,
    /// The most `ListAccessKeys` calls started in any second (at least 1).
    pub requests_per_second: u32,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            concurrency: DEFAULT_CONCURRENCY,
            requests_per_second: ListAccessKeys::PER_SECOND,
        }
    }
}

/// Where a search is: `done` of `total` users looked at (cached ones count as done at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// `ListAccessKeys` calls answered so far.
    pub requests: usize,
    pub elapsed: Duration,
    /// Time left at the pace so far; `None` before the first answer.
    pub eta: Option<Duration>,
}

impl Progress {
    /// 0.0 ..= 1.0, for a progress bar.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        }
    }
}

/// A user whose keys could not be listed; the search went on without them.
#[derive(Debug)]
pub struct SkippedUser {
    pub user: UserRef,
    pub error: CallError,
}

/// How a search ended.
#[derive(Debug)]
pub enum SearchOutcome {
    Found {
        user: UserRef,
        key: AccessKey,
        /// Answered from the cache without a call.
        from_cache: bool,
    },
    NotFound {
        /// Users whose keys were looked at (from the cache or by a call).
        searched: usize,
        skipped: Vec<SkippedUser>,
    },
    Cancelled {
        done: usize,
        total: usize,
    },
}

/// Finds which of `users` owns `secret_id`.
///
/// Users whose keys are in `cache` cost no call. Calls start at most
/// `options.requests_per_second` a second and at most `options.concurrency` are in flight.
/// `progress` is called after every answer. When `cancel` fires, calls in flight are dropped and
/// the search ends with [`SearchOutcome::Cancelled`]; dropping the future cancels it too.
///
/// A user the endpoint says does not exist (deleted meanwhile) or may not be looked at is skipped
/// and reported; any other error ends the search, since it would fail for every user — as does a
/// search where every user was skipped.
pub async fn find_owner(
    client: &Client,
    secret_id: &SecretId,
    users: &[UserRef],
    cache: &KeyOwnerCache,
    options: SearchOptions,
    cancel: &CancellationToken,
    mut progress: impl FnMut(Progress),
) -> Result<SearchOutcome, CallError> {
    if let Some((uin, key)) = cache.owner_of(secret_id)
        && let Some(user) = users.iter().find(|u| u.uin == uin)
    {
        return Ok(SearchOutcome::Found {
            user: user.clone(),
            key,
            from_cache: true,
        });
    }
    let started = Instant::now();
    let total = users.len();
    let pending: Vec<&UserRef> = users
        .iter()
        .filter(|u| cache.keys_of(u.uin).is_none())
        .collect();
    let mut done = total - pending.len();
    let mut requests = 0;
    let mut skipped = Vec::new();
    let report = |done: usize, requests: usize| {
        let elapsed = started.elapsed();
        let eta = (requests > 0).then(|| {
            let left = (total - done) as u32;
            elapsed / requests as u32 * left
        });
        Progress {
            done,
            total,
            requests,
            elapsed,
            eta,
        }
    };
    progress(report(done, requests));

    let pace = Pace::new(options.requests_per_second);
    // Owned users: a closure over `&UserRef` makes the search's future fail rustc's
    // higher-ranked `Send` check when it is spawned (rust-lang/rust#102211).
    let mut answers = futures::stream::iter(pending.into_iter().cloned())
        .map(|user| {
            let pace = &pace;
            async move {
                pace.ready().await;
                let keys = client.access_keys(Some(user.uin)).await;
                (user, keys)
            }
        })
        .buffer_unordered(options.concurrency.max(1));

    loop {
        let answer = tokio::select! {
            biased;
            () = cancel.cancelled() => return Ok(SearchOutcome::Cancelled { done, total }),
            answer = answers.next() => answer,
        };
        let Some((user, result)) = answer else { break };
        requests += 1;
        done += 1;
        match result {
            Ok(keys) => {
                cache.record(user.uin, &keys);
                progress(report(done, requests));
                if let Some(key) = keys.into_iter().find(|k| k.access_key_id == *secret_id) {
                    return Ok(SearchOutcome::Found {
                        user,
                        key,
                        from_cache: false,
                    });
                }
            }
            Err(error) if is_about_the_user(&error) => {
                progress(report(done, requests));
                skipped.push(SkippedUser { user, error });
            }
            Err(error) => return Err(error),
        }
    }
    if !skipped.is_empty() && skipped.len() == total {
        return Err(skipped.swap_remove(0).error);
    }
    Ok(SearchOutcome::NotFound {
        searched: total - skipped.len(),
        skipped,
    })
}

/// Errors that concern the one user asked about, not the caller or the endpoint.
fn is_about_the_user(error: &CallError) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::KeyStatus;

    #[test]
    fn cache_finds_and_forgets() {
        let cache = KeyOwnerCache::new();
        let key = AccessKey {
            access_key_id: SecretId::from_wire("AKIDone"),
            status: KeyStatus::Active,
            create_time: String::new(),
            description: None,
        };
        cache.record(7, std::slice::from_ref(&key));
        cache.record(8, &[]);
        assert_eq!(
            cache.owner_of(&SecretId::from_wire("AKIDone")),
            Some((7, key))
        );
        assert_eq!(cache.owner_of(&SecretId::from_wire("AKIDtwo")), None);
        assert_eq!(cache.len(), 2);
        cache.forget(7);
        assert_eq!(cache.owner_of(&SecretId::from_wire("AKIDone")), None);
        cache.clear();
        assert!(cache.is_empty());
    }
}
