//! Finding the owner of a SecretId. CAM has no "who owns this key" action, but CloudAudit knows
//! who signed with a key in the past 90 days: the search asks `DescribeEvents` for the key's
//! newest record, and confirms the principal it names with one `ListAccessKeys` of that user.
//! Only when the trail has nothing or disagrees does it walk `ListAccessKeys` over every user
//! (see [`super::walk`]), stopping at the first match or when cancelled. Every user's keys it
//! lists go into a [`KeyOwnerCache`] the caller keeps for the run.
//!
//! Used by `camtui whois` and by the console's `/AKID…` and `:secretid`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use futures::StreamExt as _;
use tokio_util::sync::CancellationToken;

use super::client::{Client, record_windows};
use super::error::CallError;
use super::model::{
    AccessKey, DescribeEvents, DescribeSubAccounts, Event, LookupAttribute, SecretId, UserKind,
};
use super::pace::Pace;
use super::walk::{
    Progress, SkippedUser, Tally, UserRef, WalkOptions, is_about_the_user, listings,
};

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

/// Who a search may name as the owner.
#[derive(Debug, Clone, Copy)]
pub enum Users<'a> {
    /// The users already listed (the console has them).
    Listed(&'a [UserRef]),
    /// None yet: a principal the audit trail names is described with one
    /// `DescribeSubAccounts`, and only a scan lists every user first (`camtui whois`).
    Unlisted,
}

/// How the owner was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    /// From the keys listed earlier this run, without a call.
    Cache,
    /// The audit trail named the principal, and their keys confirmed it.
    AuditTrail,
    /// Walking every user's keys.
    Scan,
}

/// How a search ended.
#[derive(Debug)]
pub enum SearchOutcome {
    Found {
        user: UserRef,
        key: AccessKey,
        by: FoundBy,
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

/// Finds which sub-user or collaborator owns `secret_id`: the cache, then the audit trail, then
/// a scan of every user.
///
/// The scan costs no call for users whose keys are in `cache`; calls start at most
/// `options.requests_per_second` a second, at most `options.concurrency` in flight. `progress`
/// is called as the scan starts and after every answer. When `cancel` fires, calls in flight are
/// dropped and the search ends with [`SearchOutcome::Cancelled`]; dropping the future cancels it
/// too.
///
/// A user the endpoint says does not exist (deleted meanwhile) or may not be looked at is skipped
/// and reported; any other error ends the search, since it would fail for every user — as does a
/// search where every user was skipped. The audit trail only ever saves calls: if it cannot be
/// read, the scan answers.
pub async fn find_owner(
    client: &Client,
    secret_id: &SecretId,
    users: Users<'_>,
    cache: &KeyOwnerCache,
    options: WalkOptions,
    cancel: &CancellationToken,
    progress: impl FnMut(Progress),
) -> Result<SearchOutcome, CallError> {
    if let Users::Listed(listed) = users
        && let Some((uin, key)) = cache.owner_of(secret_id)
        && let Some(user) = listed.iter().find(|u| u.uin == uin)
    {
        return Ok(SearchOutcome::Found {
            user: user.clone(),
            key,
            by: FoundBy::Cache,
        });
    }
    let cancelled = || {
        let total = match users {
            Users::Listed(listed) => listed.len(),
            Users::Unlisted => 0,
        };
        Ok(SearchOutcome::Cancelled { done: 0, total })
    };
    let from_trail = tokio::select! {
        biased;
        () = cancel.cancelled() => return cancelled(),
        found = owner_in_audit_trail(client, secret_id, users, cache) => found,
    };
    if let Some((user, key)) = from_trail {
        return Ok(SearchOutcome::Found {
            user,
            key,
            by: FoundBy::AuditTrail,
        });
    }
    let everyone: Vec<UserRef>;
    let listed = match users {
        Users::Listed(listed) => listed,
        Users::Unlisted => {
            everyone = tokio::select! {
                biased;
                () = cancel.cancelled() => return cancelled(),
                users = client.all_users() => users.map_err(|e| e.source)?,
            }
            .iter()
            .map(UserRef::from)
            .collect();
            &everyone
        }
    };
    scan(client, secret_id, listed, cache, options, cancel, progress).await
}

/// The owner the audit trail names, confirmed by their keys; `None` when the trail has nothing,
/// names someone who is not a listed sub-user or collaborator (the root account), or disagrees
/// with the keys — or cannot be read at all.
async fn owner_in_audit_trail(
    client: &Client,
    secret_id: &SecretId,
    users: Users<'_>,
    cache: &KeyOwnerCache,
) -> Option<(UserRef, AccessKey)> {
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default();
    let uin = match principal_in_audit_trail(client, secret_id, now).await {
        Ok(uin) => uin?,
        Err(error) => {
            tracing::info!(%error, "the audit trail cannot be read: scanning instead");
            return None;
        }
    };
    let (user, keys) = match users {
        Users::Listed(listed) => {
            let user = listed.iter().find(|u| u.uin == uin)?.clone();
            (user, client.access_keys(Some(uin)).await)
        }
        Users::Unlisted => {
            let (described, keys) =
                tokio::join!(describe(client, uin), client.access_keys(Some(uin)));
            (described.ok().flatten()?, keys)
        }
    };
    let keys = keys.ok()?;
    cache.record(uin, &keys);
    let key = keys.into_iter().find(|k| k.access_key_id == *secret_id);
    if key.is_none() {
        tracing::info!(
            uin,
            "the audit trail names a user who does not own the key: scanning"
        );
    }
    Some((user, key?))
}

/// The principal of the newest access record of `secret_id` in the past 90 days: one
/// `DescribeEvents` a 30-day window, newest first, until a record names one.
async fn principal_in_audit_trail(
    client: &Client,
    secret_id: &SecretId,
    now: u64,
) -> Result<Option<u64>, CallError> {
    for (start_time, end_time) in record_windows(now) {
        let page = client
            .send(&DescribeEvents {
                start_time,
                end_time,
                next_token: None,
                max_results: Some(10),
                lookup_attributes: vec![LookupAttribute::access_key_id(secret_id)],
                is_return_location: None,
            })
            .await?;
        if let Some(uin) = page.events.iter().find_map(Event::principal_uin) {
            return Ok(Some(uin));
        }
    }
    Ok(None)
}

/// A sub-user or collaborator by UIN; `None` for anyone else (the root account).
async fn describe(client: &Client, uin: u64) -> Result<Option<UserRef>, CallError> {
    let reply = client
        .send(&DescribeSubAccounts {
            filter_sub_account_uin: vec![uin],
        })
        .await?;
    Ok(reply
        .sub_accounts
        .into_iter()
        .find(|account| account.uin == uin)
        .map(|account| UserRef {
            uin,
            name: account.name,
            kind: UserKind::from_user_type(account.user_type),
        }))
}

/// Walks `ListAccessKeys` over the users the cache does not know until one owns `secret_id`.
async fn scan(
    client: &Client,
    secret_id: &SecretId,
    users: &[UserRef],
    cache: &KeyOwnerCache,
    options: WalkOptions,
    cancel: &CancellationToken,
    mut progress: impl FnMut(Progress),
) -> Result<SearchOutcome, CallError> {
    let total = users.len();
    let pending: Vec<UserRef> = users
        .iter()
        .filter(|u| cache.keys_of(u.uin).is_none())
        .cloned()
        .collect();
    let mut tally = Tally::new(total, total - pending.len());
    let mut skipped = Vec::new();
    progress(tally.progress());

    let pace = Pace::new(options.requests_per_second);
    let mut answers = listings(client, pending, &pace, options.concurrency);
    loop {
        let answer = tokio::select! {
            biased;
            () = cancel.cancelled() => {
                return Ok(SearchOutcome::Cancelled { done: tally.done, total });
            }
            answer = answers.next() => answer,
        };
        let Some((user, result)) = answer else { break };
        tally.requests += 1;
        tally.done += 1;
        match result {
            Ok(keys) => {
                cache.record(user.uin, &keys);
                progress(tally.progress());
                if let Some(key) = keys.into_iter().find(|k| k.access_key_id == *secret_id) {
                    return Ok(SearchOutcome::Found {
                        user,
                        key,
                        by: FoundBy::Scan,
                    });
                }
            }
            Err(error) if is_about_the_user(&error) => {
                progress(tally.progress());
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
