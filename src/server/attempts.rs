//! How many unauthenticated attempts the audit trail records. Anyone who knows a SecretId can
//! send requests naming it without signing anything; each is recorded, but at a bounded rate,
//! so that they cannot fill the disk: per SecretId and peer address a burst and then one every
//! few seconds, and a few a second in all ([`AttemptLimits`]). The next attempt recorded for a
//! pair says how many were not.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many unauthenticated attempts are recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttemptLimits {
    /// Attempts recorded at once for one SecretId and peer address …
    pub pair_burst: f64,
    /// … then one every this long.
    pub pair_every: Duration,
    /// Attempts recorded a second, all SecretIds and peers together (and at once: ten times
    /// that).
    pub total_per_sec: f64,
}

impl Default for AttemptLimits {
    fn default() -> Self {
        Self {
            pair_burst: 10.0,
            pair_every: Duration::from_secs(10),
            total_per_sec: 5.0,
        }
    }
}

/// Pairs remembered; beyond that, pairs whose budget is whole again are forgotten, and a new
/// pair finds none left if none can be.
const MAX_PAIRS: usize = 10_000;

/// A token bucket: `tokens` refill at `rate` a second up to `burst`.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(burst: f64, at: Instant) -> Self {
        Self { tokens: burst, at }
    }

    fn refill(&mut self, now: Instant, rate: f64, burst: f64) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
    }
}

#[derive(Debug)]
struct Pair {
    bucket: Bucket,
    /// Attempts not recorded since the last one that was.
    unrecorded: u64,
}

#[derive(Debug)]
struct Budget {
    pairs: HashMap<(String, String), Pair>,
    total: Bucket,
}

/// Decides which unauthenticated attempts are recorded.
#[derive(Debug)]
pub struct AttemptBudget {
    limits: AttemptLimits,
    budget: Mutex<Budget>,
}

/// Whether to record an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Record it; this many attempts of the same pair before it were not.
    Record {
        unrecorded: u64,
    },
    Skip,
}

impl AttemptBudget {
    pub fn new(limits: AttemptLimits, now: Instant) -> Self {
        Self {
            limits,
            budget: Mutex::new(Budget {
                pairs: HashMap::new(),
                total: Bucket::full(10.0 * limits.total_per_sec, now),
            }),
        }
    }

    /// Whether the attempt naming `secret_id` from `peer` at `now` is recorded.
    pub fn admit(&self, secret_id: &str, peer: &str, now: Instant) -> Verdict {
        let mut budget = self
            .budget
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Budget { pairs, total } = &mut *budget;
        let AttemptLimits {
            pair_burst,
            pair_every,
            total_per_sec,
        } = self.limits;
        let pair_rate = 1.0 / pair_every.as_secs_f64();
        let key = (secret_id.to_owned(), peer.to_owned());
        if !pairs.contains_key(&key) && pairs.len() >= MAX_PAIRS {
            pairs.retain(|_, pair| {
                pair.bucket.refill(now, pair_rate, pair_burst);
                pair.bucket.tokens < pair_burst || pair.unrecorded > 0
            });
            if pairs.len() >= MAX_PAIRS {
                return Verdict::Skip;
            }
        }
        let pair = pairs.entry(key).or_insert_with(|| Pair {
            bucket: Bucket::full(pair_burst, now),
            unrecorded: 0,
        });
        pair.bucket.refill(now, pair_rate, pair_burst);
        total.refill(now, total_per_sec, 10.0 * total_per_sec);
        if pair.bucket.tokens >= 1.0 && total.tokens >= 1.0 {
            pair.bucket.tokens -= 1.0;
            total.tokens -= 1.0;
            Verdict::Record {
                unrecorded: std::mem::take(&mut pair.unrecorded),
            }
        } else {
            pair.unrecorded += 1;
            Verdict::Skip
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(budget: &AttemptBudget, id: &str, peer: &str, at: Instant) -> Option<u64> {
        match budget.admit(id, peer, at) {
            Verdict::Record { unrecorded } => Some(unrecorded),
            Verdict::Skip => None,
        }
    }

    #[test]
    fn a_burst_then_one_every_ten_seconds_per_pair_and_the_count_of_the_rest() {
        let start = Instant::now();
        let limits = AttemptLimits::default();
        let budget = AttemptBudget::new(limits, start);
        let kept = (0..1_000)
            .filter(|_| recorded(&budget, "AKID1", "10.0.0.1", start).is_some())
            .count();
        assert_eq!(kept, limits.pair_burst as usize);
        // Another pair has its own burst; the first pair waits.
        assert_eq!(recorded(&budget, "AKID1", "10.0.0.2", start), Some(0));
        let every = limits.pair_every;
        assert_eq!(
            recorded(&budget, "AKID1", "10.0.0.1", start + every / 2),
            None
        );
        assert_eq!(
            recorded(&budget, "AKID1", "10.0.0.1", start + every),
            Some(1_000 - limits.pair_burst as u64 + 1)
        );
    }

    #[test]
    fn all_pairs_together_are_bounded() {
        let start = Instant::now();
        let limits = AttemptLimits::default();
        let budget = AttemptBudget::new(limits, start);
        let mut kept = 0;
        for second in 0..60_u32 {
            let at = start + Duration::from_secs(u64::from(second));
            for peer in 0..1_000 {
                kept += usize::from(recorded(&budget, "AKID1", &format!("p{peer}"), at).is_some());
            }
        }
        // The initial burst, then `total_per_sec` a second.
        let rate = limits.total_per_sec;
        let bound = (10.0 * rate + 60.0 * rate) as usize;
        assert!(kept <= bound, "{kept} > {bound}");
        assert!(kept >= bound - rate as usize, "{kept}");
    }
}
