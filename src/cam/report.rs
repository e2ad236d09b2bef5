//! The account-wide key report (product.md §2.4: the console's Key Report and `camtui report`):
//! every key of every user with its last use, and the flags that make a key worth a look.
//!
//! One walk lists each user's keys (`ListAccessKeys`, paced as [`super::walk`] paces it) and, as
//! they land, asks their last use ten at a time (`GetSecurityLastUsed`). Each action keeps to its
//! own documented rate, so the walk takes about the time the slower of the two allows. A user's
//! rows go out together once the last use of all their keys is known (one of the flags needs
//! both keys), so whoever shows them can show them as they come.
//!
//! And the report's one change: disabling many keys, one paced call at a time.

use std::collections::HashMap;

use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use tokio_util::sync::CancellationToken;

use super::client::{ActionError, Client};
use super::de::EventTime;
use super::error::CallError;
use super::model::{
    AccessKey, Action as _, GetSecurityLastUsed, KeyStatus, LAST_USED_BATCH, LastUse,
    ListAccessKeys, SecretId, SecretIdLastUsed, UpdateAccessKey,
};
use super::owner::KeyOwnerCache;
use super::pace::Pace;
use super::walk::{
    Progress, SkippedUser, Tally, UserRef, WalkOptions, is_about_the_user, listings,
};

/// Keys unused or older than this many days are flagged, unless told otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 90;
const DAY: i64 = 24 * 3600;

/// Why a key is worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// No use was ever recorded.
    NeverUsed,
    /// Used, but not within the stale days.
    Unused,
    /// Created more than the stale days ago.
    Old,
    /// Disabled: a candidate for deletion.
    Disabled,
    /// Its user has two enabled keys: no free slot for a rotation.
    TwoEnabled,
}

impl Flag {
    pub const ALL: [Flag; 5] = [
        Flag::NeverUsed,
        Flag::Unused,
        Flag::Old,
        Flag::Disabled,
        Flag::TwoEnabled,
    ];

    /// Its name in the report: `never-used`, `unused-90d`, `older-than-90d`, `disabled`,
    /// `two-enabled` (the two with a threshold name the stale days).
    pub fn name(self, stale_days: u32) -> String {
        match self {
            Self::NeverUsed => "never-used".to_owned(),
            Self::Unused => format!("unused-{stale_days}d"),
            Self::Old => format!("older-than-{stale_days}d"),
            Self::Disabled => "disabled".to_owned(),
            Self::TwoEnabled => "two-enabled".to_owned(),
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Flag`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u8);

impl Flags {
    pub fn contains(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }

    /// Whether every flag of `other` is in `self`.
    pub fn contains_all(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, flag: Flag) {
        self.0 |= flag.bit();
    }

    pub fn toggle(&mut self, flag: Flag) {
        self.0 ^= flag.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    pub fn names(self, stale_days: u32) -> Vec<String> {
        self.iter().map(|f| f.name(stale_days)).collect()
    }
}

/// When the report is made and what counts as stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staleness {
    /// Unix seconds.
    pub now: i64,
    pub days: u32,
}

impl Staleness {
    pub fn now(days: u32) -> Self {
        Self {
            now: chrono::Utc::now().timestamp(),
            days,
        }
    }

    fn is_past(self, time: i64) -> bool {
        self.now - time > i64::from(self.days) * DAY
    }
}

/// One key of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub owner: UserRef,
    pub key: AccessKey,
    pub last_used: Option<LastUse>,
    /// Unix seconds, when `key.create_time` could be read.
    pub created: Option<i64>,
    pub flags: Flags,
}

impl ReportRow {
    /// Whole days since the key was created.
    pub fn age_days(&self, now: i64) -> Option<i64> {
        self.created.map(|t| ((now - t) / DAY).max(0))
    }

    /// Whole days since the key was last used (counted from the end of the day when only the
    /// day is known).
    pub fn idle_days(&self, now: i64) -> Option<i64> {
        self.last_used.map(|l| ((now - l.latest()) / DAY).max(0))
    }
}

/// The rows of one user's keys; `last_use` says when each was last used.
pub fn rows_of(
    owner: &UserRef,
    keys: &[AccessKey],
    last_use: impl Fn(&SecretId) -> Option<LastUse>,
    staleness: Staleness,
) -> Vec<ReportRow> {
    let enabled = keys
        .iter()
        .filter(|k| k.status == KeyStatus::Active)
        .count();
    keys.iter()
        .map(|key| {
            let last_used = last_use(&key.access_key_id);
            let created = EventTime::parse(&key.create_time).map(|t| t.0);
            let mut flags = Flags::default();
            match last_used {
                None => flags.insert(Flag::NeverUsed),
                Some(used) if staleness.is_past(used.latest()) => flags.insert(Flag::Unused),
                Some(_) => {}
            }
            if created.is_some_and(|t| staleness.is_past(t)) {
                flags.insert(Flag::Old);
            }
            match key.status {
                KeyStatus::Inactive => flags.insert(Flag::Disabled),
                KeyStatus::Active if enabled >= 2 => flags.insert(Flag::TwoEnabled),
                KeyStatus::Active => {}
            }
            ReportRow {
                owner: owner.clone(),
                key: key.clone(),
                last_used,
                created,
                flags,
            }
        })
        .collect()
}

/// How hard the walk may push and what counts as stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// For each of the two actions.
    pub walk: WalkOptions,
    pub staleness: Staleness,
}

/// What came in: the rows of the users now complete (maybe none), and where the walk is.
#[derive(Debug)]
pub struct ReportUpdate {
    pub rows: Vec<ReportRow>,
    pub progress: Progress,
}

/// How a walk ended (its rows went out as [`ReportUpdate`]s).
#[derive(Debug)]
pub enum ReportOutcome {
    Complete { skipped: Vec<SkippedUser> },
    Cancelled { done: usize, total: usize },
}

/// A user whose keys are listed, waiting for their last use.
struct Waiting {
    owner: UserRef,
    keys: Vec<AccessKey>,
    last_use: HashMap<SecretId, LastUse>,
    missing: usize,
}

/// Walks every user in `users` for the report, sending the rows to `on_update` as each user's
/// are complete (and the progress after every answer).
///
/// Every user's keys are listed afresh, and go into `cache` for the owner search. Calls of each
/// action start at most `options.walk.requests_per_second` a second, at most
/// `options.walk.concurrency` in flight. A user deleted meanwhile (or who may not be looked at)
/// is skipped and reported; any other error ends the walk (naming the action that failed), the
/// rows sent so far standing. When
/// `cancel` fires, calls in flight are dropped and the walk ends with
/// [`ReportOutcome::Cancelled`].
pub async fn key_report(
    client: &Client,
    users: Vec<UserRef>,
    cache: &KeyOwnerCache,
    options: ReportOptions,
    cancel: &CancellationToken,
    mut on_update: impl FnMut(ReportUpdate),
) -> Result<ReportOutcome, ActionError> {
    let failed = |action| move |source| ActionError { action, source };
    let total = users.len();
    let mut tally = Tally::new(total, 0);
    on_update(ReportUpdate {
        rows: Vec::new(),
        progress: tally.progress(),
    });
    let walk = options.walk;
    let (list_pace, lookup_pace) = (
        Pace::new(walk.requests_per_second),
        Pace::new(walk.requests_per_second),
    );
    let lookup = |ids: Vec<SecretId>| {
        let pace = &lookup_pace;
        async move {
            let request = GetSecurityLastUsed {
                secret_id_list: ids.clone(),
            };
            let answer = client.send_paced(&request, pace).await;
            (ids, answer.map(|(rows, _)| rows))
        }
    };
    let mut listed = listings(client, users, &list_pace, walk.concurrency);
    let mut lookups = FuturesUnordered::new();
    let mut listing_done = false;
    // Keys listed whose last use is not asked yet, and whose user each key is.
    let mut unasked: Vec<SecretId> = Vec::new();
    let mut owner_of: HashMap<SecretId, u64> = HashMap::new();
    let mut waiting: HashMap<u64, Waiting> = HashMap::new();
    let mut skipped = Vec::new();

    loop {
        while lookups.len() < walk.concurrency.max(1)
            && (unasked.len() >= LAST_USED_BATCH || (listing_done && !unasked.is_empty()))
        {
            let batch = unasked
                .drain(..unasked.len().min(LAST_USED_BATCH))
                .collect();
            lookups.push(lookup(batch));
        }
        if listing_done && lookups.is_empty() {
            break;
        }
        let mut rows = Vec::new();
        tokio::select! {
            biased;
            () = cancel.cancelled() => {
                return Ok(ReportOutcome::Cancelled { done: tally.done, total });
            }
            answer = lookups.next(), if !lookups.is_empty() => {
                let Some((ids, result)) = answer else { continue };
                tally.requests += 1;
                let answered: Vec<SecretIdLastUsed> = result
                    .map_err(failed(GetSecurityLastUsed::NAME))?
                    .secret_id_last_used_rows;
                for id in ids {
                    let used = answered
                        .iter()
                        .find(|row| row.secret_id == id)
                        .and_then(SecretIdLastUsed::last_use);
                    let Some(uin) = owner_of.remove(&id) else { continue };
                    let Some(user) = waiting.get_mut(&uin) else { continue };
                    if let Some(used) = used {
                        user.last_use.insert(id, used);
                    }
                    user.missing -= 1;
                    if user.missing == 0
                        && let Some(user) = waiting.remove(&uin)
                    {
                        tally.done += 1;
                        rows.extend(rows_of(
                            &user.owner,
                            &user.keys,
                            |id| user.last_use.get(id).copied(),
                            options.staleness,
                        ));
                    }
                }
            }
            answer = listed.next(), if !listing_done => {
                let Some((user, result)) = answer else {
                    listing_done = true;
                    continue;
                };
                tally.requests += 1;
                match result {
                    Ok(keys) => {
                        cache.record(user.uin, &keys);
                        if keys.is_empty() {
                            tally.done += 1;
                        } else {
                            for key in &keys {
                                unasked.push(key.access_key_id.clone());
                                owner_of.insert(key.access_key_id.clone(), user.uin);
                            }
                            waiting.insert(user.uin, Waiting {
                                missing: keys.len(),
                                owner: user,
                                keys,
                                last_use: HashMap::new(),
                            });
                        }
                    }
                    Err(error) if is_about_the_user(&error) => {
                        tally.done += 1;
                        skipped.push(SkippedUser { user, error });
                    }
                    Err(error) => return Err(failed(ListAccessKeys::NAME)(error)),
                }
            }
        }
        on_update(ReportUpdate {
            rows,
            progress: tally.progress(),
        });
    }
    Ok(ReportOutcome::Complete { skipped })
}

/// Disables each of `keys` (`(UIN, SecretId)`) in turn: one call at a time, at most
/// `UpdateAccessKey`'s documented rate, never retried (it is a write). Each answer goes to
/// `on_result` as it lands, with the key's index: the RequestId, or the error — a failure does
/// not stop the others. When `cancel` fires, no further call starts; returns whether it did.
pub async fn disable_keys(
    client: &Client,
    keys: &[(u64, SecretId)],
    cancel: &CancellationToken,
    mut on_result: impl FnMut(usize, Result<String, CallError>),
) -> bool {
    let pace = Pace::of::<UpdateAccessKey>();
    for (index, (uin, secret_id)) in keys.iter().enumerate() {
        // A write is sent once, never retried: waiting for the pace before it is all the pacing
        // it needs, and the wait is where a stop takes effect.
        tokio::select! {
            biased;
            () = cancel.cancelled() => return true,
            () = pace.ready() => {}
        }
        let request = UpdateAccessKey {
            access_key_id: secret_id.clone(),
            status: KeyStatus::Inactive,
            target_uin: Some(*uin),
        };
        // A write in flight is seen through: stopping mid-call would leave its outcome unknown.
        let result = client.send_with_request_id(&request).await;
        on_result(index, result.map(|(_, request_id)| request_id));
    }
    cancel.is_cancelled()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::UserKind;

    const NOW: i64 = 1_750_000_000;

    fn key(id: &str, status: KeyStatus, days_ago: i64) -> AccessKey {
        let created = chrono::DateTime::from_timestamp(NOW - days_ago * DAY, 0)
            .unwrap()
            .with_timezone(&crate::cam::de::beijing());
        AccessKey {
            access_key_id: SecretId::from_wire(id),
            status,
            create_time: created.format("%Y-%m-%d %H:%M:%S").to_string(),
            description: None,
        }
    }

    fn flags_of(keys: &[AccessKey], used_days_ago: &[Option<i64>]) -> Vec<Vec<String>> {
        let owner = UserRef {
            uin: 7,
            name: "alice".into(),
            kind: UserKind::SubUser,
        };
        let uses: HashMap<SecretId, LastUse> = keys
            .iter()
            .zip(used_days_ago)
            .filter_map(|(k, d)| Some((k.access_key_id.clone(), LastUse::At(NOW - (*d)? * DAY))))
            .collect();
        rows_of(
            &owner,
            keys,
            |id| uses.get(id).copied(),
            Staleness { now: NOW, days: 90 },
        )
        .into_iter()
        .map(|row| row.flags.names(90))
        .collect()
    }

    #[test]
    fn each_flag_and_its_threshold() {
        assert_eq!(
            flags_of(
                &[
                    key("AKIDa", KeyStatus::Active, 200),
                    key("AKIDb", KeyStatus::Inactive, 10)
                ],
                &[Some(91), None]
            ),
            [
                vec!["unused-90d", "older-than-90d"],
                vec!["never-used", "disabled"]
            ]
        );
        assert_eq!(
            flags_of(
                &[
                    key("AKIDa", KeyStatus::Active, 90),
                    key("AKIDb", KeyStatus::Active, 1)
                ],
                &[Some(89), Some(0)]
            ),
            [vec!["two-enabled"], vec!["two-enabled"]]
        );
        assert_eq!(Flag::Unused.name(30), "unused-30d");
    }

    #[test]
    fn a_day_only_last_use_counts_to_the_end_of_the_day() {
        let row = ReportRow {
            owner: UserRef {
                uin: 1,
                name: "a".into(),
                kind: UserKind::SubUser,
            },
            key: key("AKIDa", KeyStatus::Active, 3),
            last_used: Some(LastUse::Day(NOW - 2 * DAY)),
            created: Some(NOW - 3 * DAY),
            flags: Flags::default(),
        };
        assert_eq!(row.idle_days(NOW), Some(1));
        assert_eq!(row.age_days(NOW), Some(3));
    }

    #[test]
    fn flag_sets() {
        let mut flags = Flags::default();
        flags.insert(Flag::Disabled);
        flags.toggle(Flag::Old);
        assert!(flags.contains(Flag::Old) && flags.contains(Flag::Disabled));
        let mut wanted = Flags::default();
        wanted.insert(Flag::Old);
        assert!(flags.contains_all(wanted));
        flags.toggle(Flag::Old);
        assert!(!flags.contains_all(wanted));
        assert_eq!(flags.iter().collect::<Vec<_>>(), [Flag::Disabled]);
    }
}
