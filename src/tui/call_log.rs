//! The API-call log of this run (`@`): every call the transport made, as it reported it through
//! its `CallObserver` — which the app turns into actions, so only `update` writes the log and the
//! screen only reads it. Bounded: the oldest entries go first, and the count says how many.
//! A [`CallRecord`] never holds a secret (no SecretKey, no token, no signature). The overlay
//! filters it with `/`.

use std::collections::VecDeque;

use crate::cam::transport::CallRecord;

use super::text_field::FilterEdit;

/// How many calls the log keeps: an owner search over 50,000 users makes that many, and the
/// newest are the ones worth reading.
pub const CAPACITY: usize = 10_000;

#[derive(Debug, Clone)]
pub struct CallLog {
    /// Each call with what a filter looks in (action, target, result and RequestId in lower
    /// case), made once when it arrives.
    records: VecDeque<(CallRecord, String)>,
    capacity: usize,
    /// Calls logged this run, including the ones no longer kept.
    total: usize,
}

impl Default for CallLog {
    fn default() -> Self {
        Self::with_capacity(CAPACITY)
    }
}

impl CallLog {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            records: VecDeque::new(),
            capacity: capacity.max(1),
            total: 0,
        }
    }

    pub fn push(&mut self, record: CallRecord) {
        if self.records.len() == self.capacity {
            self.records.pop_front();
        }
        let haystack = format!(
            "{}\t{}\t{}\t{}",
            record.action,
            record.target,
            record.result,
            record.request_id.as_deref().unwrap_or_default()
        )
        .to_lowercase();
        self.records.push_back((record, haystack));
        self.total += 1;
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Entries kept, oldest first.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every call of the run, including those dropped for room.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether the oldest entry kept passes `filter` (so its going moves the ones shown).
    pub fn oldest_matches(&self, filter: &str) -> bool {
        self.records
            .front()
            .is_some_and(|(_, haystack)| haystack.contains(&filter.trim().to_lowercase()))
    }

    /// The entries `filter` matches (all, when it is empty), oldest first.
    pub fn matching<'a>(&'a self, filter: &str) -> impl Iterator<Item = &'a CallRecord> + 'a {
        let needle = filter.trim().to_lowercase();
        self.records
            .iter()
            .filter(move |(_, haystack)| haystack.contains(&needle))
            .map(|(record, _)| record)
    }
}

/// The open log overlay: which entry is selected; it follows new calls while on the last one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogView {
    pub cursor: usize,
    pub offset: usize,
    /// The cursor stays on the newest call as calls arrive.
    pub follow: bool,
    /// Only calls whose action, target, result or RequestId hold this (case-insensitive).
    pub filter: String,
    /// `/` was pressed: what is typed goes into the filter.
    pub editing: Option<FilterEdit>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::Service;

    pub fn record(action: &str) -> CallRecord {
        CallRecord {
            at: chrono::DateTime::from_timestamp(1_714_550_400, 0).unwrap(),
            service: Service::Cam,
            action: action.into(),
            url: "http://127.0.0.1:1/".into(),
            target: String::new(),
            latency: std::time::Duration::from_millis(3),
            attempts: 1,
            http_status: Some(200),
            request_id: Some("req".into()),
            result: "OK".into(),
        }
    }

    #[test]
    fn keeps_the_newest_and_counts_all() {
        let mut log = CallLog::with_capacity(2);
        for action in ["A", "B", "C"] {
            log.push(record(action));
        }
        assert_eq!(log.len(), 2);
        assert_eq!(log.total(), 3);
        let kept: Vec<_> = log.matching("").map(|r| r.action.as_str()).collect();
        assert_eq!(kept, ["B", "C"]);
        assert_eq!(log.matching(" c ").count(), 1);
        assert_eq!(log.matching("req").count(), 2);
    }
}
