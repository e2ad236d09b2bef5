//! Signatures bound to the request they were first seen with. TC3 signs neither `X-TC-Action`,
//! `X-TC-Version` and `X-TC-Region` (the SDKs sign `content-type;host`) nor, with
//! `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`, the body, and it has no nonce: a captured
//! `ListAccessKeys` could be resent as `CreateAccessKey` or `DeleteUser` while its timestamp is
//! within ±300 s. So a verified signature is bound, for its window, to the first (SecretId,
//! action, version, region, body) it came with ([`Binding`]): the same signature with any of
//! them changed is refused, and so is every later use once it is spent — by a mutation (a
//! mutation's signature is accepted once: a replayed `CreateAccessKey` would hand the replayer a
//! new SecretKey) or by an attempt to rebind it. Byte-identical reads may repeat (SDKs send
//! identical reads within one second).
//!
//! Memory is bounded: [`SignatureLedger::new`] takes the most entries of 16 bytes it may hold.
//! A signature's entry lives in one of its table's buckets of 8, free again once its signature
//! expired. The table starts at 65,536 entries (1 MiB) and doubles when a signature finds its
//! bucket full, up to the bound — a table of that size from the start would be paid for in page
//! faults by the first requests of every run. At the bound, a full bucket evicts its oldest entry
//! and remembers that timestamp: a signature of the bucket that is not in it is then accepted
//! only if it is newer. Nothing evicted can be replayed; at worst, under more distinct
//! signatures than the ledger holds for a whole window, a request signed long ago (but within
//! ±300 s) is refused as expired and must be signed again.

use std::sync::Mutex;

use sha2::{Digest as _, Sha256};

use super::auth::MAX_SKEW_SECS;

/// Entries of one bucket (two cache lines).
const WAYS: usize = 8;

/// What a signature is bound to: what the request said outside the signature.
#[derive(Debug, Clone, Copy)]
pub struct Binding<'a> {
    pub secret_id: &'a str,
    pub action: &'a [u8],
    pub version: &'a [u8],
    pub region: &'a [u8],
    pub body: &'a [u8],
}

/// Why a verified signature is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// First seen with another action, version, region or body.
    Rebound,
    /// Already used by a mutation, or by an attempt to rebind it.
    Spent,
    /// Older than what the ledger can still tell apart (it was full).
    Forgotten,
}

/// One entry: the signature's first 8 bytes (0: free) and its timestamp, binding digest and
/// whether it is spent, packed as `timestamp << 32 | digest << 1 | spent`.
type Entry = [u64; 2];

/// Entries the table starts with.
const FIRST_ENTRIES: usize = 1 << 16;

struct Table {
    entries: Vec<Entry>,
    /// Per bucket: the newest timestamp evicted from it (0: none).
    floors: Vec<u32>,
}

impl Table {
    fn new(buckets: usize) -> Self {
        Self {
            entries: vec![[0, 0]; buckets * WAYS],
            floors: vec![0; buckets],
        }
    }

    fn buckets(&self) -> usize {
        self.floors.len()
    }

    /// The bucket of a key: a signature is an HMAC, so its bytes are uniformly distributed.
    fn bucket(&self, key: u64) -> usize {
        (key as usize) & (self.buckets() - 1)
    }

    fn slots(&mut self, bucket: usize) -> &mut [Entry] {
        &mut self.entries[bucket * WAYS..(bucket + 1) * WAYS]
    }

    /// Puts `entry` in its bucket: in a free slot, else — `evict` — over the oldest, whose
    /// timestamp the bucket remembers. False if the bucket is full and `evict` is not.
    fn place(&mut self, entry: Entry, live: impl Fn(&Entry) -> bool, evict: bool) -> bool {
        let bucket = self.bucket(entry[0]);
        let slots = self.slots(bucket);
        let slot = match slots.iter().position(|e| !live(e)) {
            Some(free) => free,
            None if !evict => return false,
            None => {
                let (oldest, evicted) = slots
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (i, stamp_of(e)))
                    .min_by_key(|(_, stamp)| *stamp)
                    .unwrap_or((0, 0));
                self.floors[bucket] = self.floors[bucket].max(evicted);
                oldest
            }
        };
        self.slots(bucket)[slot] = entry;
        true
    }

    /// Twice the buckets, with the live entries moved over; a bucket's floor goes to both
    /// halves it splits into.
    fn grow(&mut self, live: impl Fn(&Entry) -> bool + Copy) {
        let mut bigger = Self::new(2 * self.buckets());
        for (bucket, floor) in self.floors.iter().enumerate() {
            bigger.floors[bucket] = *floor;
            bigger.floors[bucket + self.buckets()] = *floor;
        }
        for entry in self.entries.iter().filter(|e| live(e)) {
            bigger.place(*entry, live, true);
        }
        *self = bigger;
    }
}

fn stamp_of(entry: &Entry) -> u32 {
    (entry[1] >> 32) as u32
}

/// The signatures of the last ±300 s and what each is bound to.
pub struct SignatureLedger {
    table: Mutex<Table>,
    /// The most buckets the table may grow to.
    max_buckets: usize,
    /// Keys the binding digest, so that nobody can search offline for a request whose digest
    /// collides with a captured one.
    salt: [u8; 32],
}

impl std::fmt::Debug for SignatureLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureLedger")
            .field("max_entries", &(self.max_buckets * WAYS))
            .finish_non_exhaustive()
    }
}

impl SignatureLedger {
    /// A ledger of at most `capacity` entries (rounded to a power of two of buckets of 8), 16
    /// bytes each.
    pub fn new(capacity: usize) -> Self {
        let max_buckets = (capacity / WAYS).max(1).next_power_of_two();
        let mut salt = [0u8; 32];
        rand::fill(&mut salt);
        Self {
            table: Mutex::new(Table::new(max_buckets.min(FIRST_ENTRIES / WAYS))),
            max_buckets,
            salt,
        }
    }

    /// The digest a signature is bound to (31 bits).
    pub fn digest(&self, binding: &Binding<'_>) -> u32 {
        let mut hash = Sha256::new();
        hash.update(self.salt);
        for part in [
            binding.secret_id.as_bytes(),
            binding.action,
            binding.version,
            binding.region,
        ] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.update(binding.body);
        let bytes = hash.finalize();
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) >> 1
    }

    /// Admits a verified `signature` stamped `timestamp` for the request of `digest`, at `now`
    /// (Unix seconds); `mutates` spends it.
    pub fn admit(
        &self,
        signature: &[u8; 32],
        timestamp: i64,
        digest: u32,
        mutates: bool,
        now: i64,
    ) -> Result<(), Refusal> {
        let mut first = [0u8; 8];
        first.copy_from_slice(&signature[..8]);
        let key = u64::from_le_bytes(first).max(1);
        let stamp = u32::try_from(timestamp).unwrap_or(0);
        let live_since = now - MAX_SKEW_SECS;
        let live = move |entry: &Entry| entry[0] != 0 && i64::from(stamp_of(entry)) >= live_since;

        let mut table = self
            .table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let bucket = table.bucket(key);
        if let Some(entry) = table
            .slots(bucket)
            .iter_mut()
            .find(|e| e[0] == key && live(e))
        {
            let spent = entry[1] & 1 == 1;
            let same = (entry[1] >> 1) as u32 & 0x7fff_ffff == digest;
            entry[1] |= 1;
            return match (spent, same) {
                (false, true) if !mutates => {
                    entry[1] &= !1;
                    Ok(())
                }
                (false, false) => Err(Refusal::Rebound),
                _ => Err(Refusal::Spent),
            };
        }
        if stamp <= table.floors[bucket] {
            return Err(Refusal::Forgotten);
        }
        let entry = [
            key,
            u64::from(stamp) << 32 | u64::from(digest) << 1 | u64::from(mutates),
        ];
        loop {
            let at_bound = table.buckets() >= self.max_buckets;
            if table.place(entry, live, at_bound) {
                return Ok(());
            }
            table.grow(live);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(n: u64) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&Sha256::digest(n.to_le_bytes()));
        bytes
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn reads_repeat_mutations_are_spent_and_a_rebinding_burns_the_signature() {
        let ledger = SignatureLedger::new(1024);
        let request = |action: &'static [u8], body: &'static [u8]| {
            ledger.digest(&Binding {
                secret_id: "AKID1",
                action,
                version: b"2019-01-16",
                region: b"",
                body,
            })
        };
        let list = request(b"ListAccessKeys", b"{}");
        let create = request(b"CreateAccessKey", b"{}");
        assert_ne!(list, create);
        let read = signature(1);
        assert_eq!(ledger.admit(&read, NOW, list, false, NOW), Ok(()));
        assert_eq!(ledger.admit(&read, NOW, list, false, NOW + 1), Ok(()));
        // Replayed as a mutation: refused, and the signature is burnt for good.
        assert_eq!(
            ledger.admit(&read, NOW, create, true, NOW + 2),
            Err(Refusal::Rebound)
        );
        assert_eq!(
            ledger.admit(&read, NOW, list, false, NOW + 3),
            Err(Refusal::Spent)
        );

        let change = signature(2);
        assert_eq!(ledger.admit(&change, NOW, create, true, NOW), Ok(()));
        assert_eq!(
            ledger.admit(&change, NOW, create, true, NOW),
            Err(Refusal::Spent)
        );
        // Another body is another request.
        let other = request(b"ListAccessKeys", br#"{"TargetUin": 1}"#);
        assert_ne!(other, list);
    }

    #[test]
    fn entries_expire_with_their_window() {
        let ledger = SignatureLedger::new(8);
        let digest = 7;
        let change = signature(3);
        assert_eq!(ledger.admit(&change, NOW, digest, true, NOW), Ok(()));
        assert_eq!(
            ledger.admit(&change, NOW, digest, true, NOW + MAX_SKEW_SECS),
            Err(Refusal::Spent)
        );
        // Past its window the router refuses it as expired before the ledger is asked; the
        // slot is free for others.
        for n in 10..18 {
            let at = NOW + MAX_SKEW_SECS + 1;
            assert_eq!(ledger.admit(&signature(n), at, digest, false, at), Ok(()));
        }
    }

    #[test]
    fn a_full_bucket_forgets_its_oldest_and_refuses_what_it_cannot_tell() {
        // One bucket of 8: the ninth live signature evicts the oldest.
        let ledger = SignatureLedger::new(8);
        for n in 0..8 {
            assert_eq!(
                ledger.admit(&signature(n), NOW - 100 + n as i64, 1, true, NOW),
                Ok(())
            );
        }
        assert_eq!(ledger.admit(&signature(8), NOW, 1, true, NOW), Ok(()));
        // The evicted one (stamped NOW - 100) cannot come back: anything that old is refused.
        assert_eq!(
            ledger.admit(&signature(0), NOW - 100, 1, true, NOW),
            Err(Refusal::Forgotten)
        );
        assert_eq!(
            ledger.admit(&signature(99), NOW - 100, 1, false, NOW),
            Err(Refusal::Forgotten)
        );
        // Newer signatures still go in (evicting the next oldest).
        assert_eq!(ledger.admit(&signature(9), NOW, 1, false, NOW), Ok(()));
        assert_eq!(
            ledger.admit(&signature(1), NOW - 99, 1, true, NOW),
            Err(Refusal::Forgotten)
        );
    }

    #[test]
    fn the_table_grows_to_its_bound_keeping_every_live_signature() {
        let ledger = SignatureLedger::new(1 << 20);
        // 10 % of the bound: more than the first table holds, few enough that no bucket fills.
        let count = 100_000;
        for n in 0..count {
            assert_eq!(
                ledger.admit(&signature(n), NOW, 1, true, NOW),
                Ok(()),
                "{n}"
            );
        }
        let buckets = ledger.table.lock().unwrap().buckets();
        assert!(buckets > FIRST_ENTRIES / WAYS && buckets <= ledger.max_buckets);
        for n in 0..count {
            assert_eq!(
                ledger.admit(&signature(n), NOW, 1, true, NOW),
                Err(Refusal::Spent)
            );
        }
    }
}
