//! Rotating a key (product.md §2.3 `R`, `camtui keys rotate`): where a rotation stands, read off
//! the user's keys alone — so quitting and coming back resumes it — and whether the old key was
//! used after its successor was created.
//!
//! A key's successor is the user's other key when that one is enabled and was created after it.
//! The steps: free a slot (a disabled key is retired first, else the other key — never without
//! the person's word), create the successor, switch the workloads to it, disable the old key
//! (watching for calls that fail with it), delete it.

use super::model::{AccessKey, KEYS_PER_USER, KeyStatus, LastUse, SecretId};

/// Where the rotation of one key stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// The old key is not among the user's keys: deleted, the rotation is over.
    Gone,
    /// No free slot: `retire` goes first — a disabled key if there is one (the other key before
    /// the old one), else the other key.
    FreeSlot { retire: AccessKey },
    /// A slot is free: create the successor.
    Create,
    /// The successor exists and the old key is enabled: switch the workloads, then disable it.
    Switch { new: AccessKey },
    /// The old key is disabled: watch for failures with it, then delete it.
    Disabled { new: AccessKey },
}

impl Position {
    /// The step's number, 1 to 5 (the five steps of the wizard); 6 once the old key is gone.
    pub fn step(&self) -> u8 {
        match self {
            Self::FreeSlot { .. } => 1,
            Self::Create => 2,
            Self::Switch { .. } => 3,
            Self::Disabled { .. } => 4,
            Self::Gone => 6,
        }
    }

    /// The successor, once it exists.
    pub fn successor(&self) -> Option<&AccessKey> {
        match self {
            Self::Switch { new } | Self::Disabled { new } => Some(new),
            _ => None,
        }
    }
}

/// Where the rotation of `old` stands, given all the user's keys.
pub fn position(keys: &[AccessKey], old: &SecretId) -> Position {
    let Some(at) = keys.iter().position(|k| k.access_key_id == *old) else {
        return Position::Gone;
    };
    let current = &keys[at];
    // CAM writes every CreateTime as `YYYY-MM-DD HH:MM:SS`, so the text sorts as the time does;
    // two keys of the same second sort as they are listed, oldest first.
    let successor = keys.iter().enumerate().find(|(i, k)| {
        k.status == KeyStatus::Active && (&k.create_time, *i) > (&current.create_time, at)
    });
    match (successor, current.status) {
        (Some((_, new)), KeyStatus::Active) => Position::Switch { new: new.clone() },
        (Some((_, new)), KeyStatus::Inactive) => Position::Disabled { new: new.clone() },
        (None, _) if keys.len() >= KEYS_PER_USER => {
            let other = keys.iter().find(|k| k.access_key_id != *old);
            let retire = other
                .filter(|k| k.status == KeyStatus::Inactive)
                .or_else(|| (current.status == KeyStatus::Inactive).then_some(current))
                .or(other)
                .unwrap_or(current);
            Position::FreeSlot {
                retire: retire.clone(),
            }
        }
        (None, _) => Position::Create,
    }
}

/// Whether the old key was used at or after `since` (its successor's creation, Unix seconds):
/// its last use says so, or one of its access records — successful or failed, for a failure
/// still means something signs with it.
pub fn used_since(
    last_use: Option<LastUse>,
    record_times: impl IntoIterator<Item = i64>,
    since: i64,
) -> bool {
    last_use.is_some_and(|used| used.latest() >= since)
        || record_times.into_iter().any(|time| time >= since)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, status: KeyStatus, created: &str) -> AccessKey {
        AccessKey {
            access_key_id: SecretId::from_wire(id),
            status,
            create_time: created.into(),
            description: None,
        }
    }

    #[test]
    fn the_position_is_read_off_the_keys() {
        let old = SecretId::from_wire("AKIDold");
        let old_on = key("AKIDold", KeyStatus::Active, "2024-05-01 10:00:00");
        let old_off = key("AKIDold", KeyStatus::Inactive, "2024-05-01 10:00:00");
        let older = key("AKIDolder", KeyStatus::Inactive, "2023-01-01 00:00:00");
        let new = key("AKIDnew", KeyStatus::Active, "2024-06-01 10:00:00");

        assert_eq!(position(&[], &old), Position::Gone);
        assert_eq!(position(std::slice::from_ref(&new), &old), Position::Gone);
        assert_eq!(
            position(std::slice::from_ref(&old_on), &old),
            Position::Create
        );
        assert_eq!(
            position(&[older.clone(), old_on.clone()], &old),
            Position::FreeSlot { retire: older }
        );
        assert_eq!(
            position(&[old_on.clone(), new.clone()], &old),
            Position::Switch { new: new.clone() }
        );
        assert_eq!(
            position(&[new.clone(), old_off.clone()], &old),
            Position::Disabled { new: new.clone() }
        );
        // Created in the same second: the one listed later is the newer.
        let twin = key("AKIDnew", KeyStatus::Active, "2024-05-01 10:00:00");
        assert_eq!(
            position(&[old_on.clone(), twin.clone()], &old),
            Position::Switch { new: twin }
        );
        // A newer key that is disabled is no successor: it goes first.
        let newer_off = key("AKIDnew", KeyStatus::Inactive, "2024-06-01 10:00:00");
        assert_eq!(
            position(&[old_on.clone(), newer_off.clone()], &old),
            Position::FreeSlot { retire: newer_off }
        );
        // The old key itself is the disabled one: retiring it frees the slot.
        let older_on = key("AKIDolder", KeyStatus::Active, "2023-01-01 00:00:00");
        assert_eq!(
            position(&[older_on, old_off.clone()], &old),
            Position::FreeSlot { retire: old_off }
        );
        // Rotating the newer of two keys: the older one is the one to retire.
        assert_eq!(
            position(&[old_on.clone(), new.clone()], &new.access_key_id),
            Position::FreeSlot { retire: old_on }
        );
    }

    #[test]
    fn use_after_the_successor_was_created() {
        let since = 1_000_000;
        assert!(!used_since(None, [], since));
        assert!(!used_since(
            Some(LastUse::At(since - 1)),
            [since - 5],
            since
        ));
        assert!(used_since(Some(LastUse::At(since)), [], since));
        assert!(used_since(None, [since - 5, since + 5], since));
        // Only the day is known: the same day may be after.
        assert!(used_since(Some(LastUse::Day(since - 3600)), [], since));
        assert!(!used_since(
            Some(LastUse::Day(since - 2 * 86_400)),
            [],
            since
        ));
    }
}
