//! The Key Report tab's table (product.md §2.4): every row the walk brought, the order and the
//! filters they are shown in (typed text, and a quick filter per flag), the keys marked for a
//! bulk disable, and how far the loading is. Rows come in batches while the walk runs and the
//! cursor stays on its key; a user's rows are replaced whenever their keys are listed again.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::cam::model::{AccessKey, KeyStatus, LastUse, SecretId};
use crate::cam::report::{Flag, Flags, ReportRow, Staleness, rows_of};
use crate::cam::walk::{Progress, UserRef};

use super::model::{Failure, KeyRef, LastUsed, Ticket};
use super::text_field::FilterEdit;

/// A column the report can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportColumn {
    Owner,
    Status,
    Created,
    LastUsed,
}

impl ReportColumn {
    pub const ALL: [ReportColumn; 4] = [
        ReportColumn::Owner,
        ReportColumn::Status,
        ReportColumn::Created,
        ReportColumn::LastUsed,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::Status => "Status",
            Self::Created => "Created",
            Self::LastUsed => "Last used",
        }
    }

    /// The next column `s` sorts by; `None` after the last (back to the order rows came in).
    pub fn next(self) -> Option<Self> {
        let at = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL.get(at + 1).copied()
    }

    /// A total order: ties go by SecretId. Each row comes with its filter text, where owners'
    /// names are in lower case (`name\tuin\tsecret id`): names sort ignoring case, as the User
    /// List's do, and nothing is allocated per comparison.
    fn compare(self, (a, a_text): (&ReportRow, &str), (b, b_text): (&ReportRow, &str)) -> Ordering {
        let by_column = match self {
            Self::Owner => {
                (owner_name(a_text), a.owner.uin).cmp(&(owner_name(b_text), b.owner.uin))
            }
            Self::Status => a.key.status.as_str().cmp(b.key.status.as_str()),
            Self::Created => a.key.create_time.cmp(&b.key.create_time),
            Self::LastUsed => a
                .last_used
                .map(LastUse::latest)
                .cmp(&b.last_used.map(LastUse::latest)),
        };
        by_column.then_with(|| a.key.access_key_id.cmp(&b.key.access_key_id))
    }
}

/// How far the report's walk is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Loading {
    /// Never asked for.
    #[default]
    Idle,
    Running {
        ticket: Ticket,
        progress: Progress,
    },
    /// Every user was walked; `skipped` could not be listed.
    Done {
        skipped: usize,
    },
    /// Stopped by the user: what came in stays.
    Stopped {
        progress: Progress,
    },
    Failed(Failure),
}

/// The Key Report's rows and how they are shown.
#[derive(Debug, Clone, Default)]
pub struct KeyReport {
    pub loading: Loading,
    /// What counts as stale, and when the walk started (ages and idle days count from then).
    pub staleness: Option<Staleness>,
    rows: Vec<ReportRow>,
    /// What the text filter looks in, row by row: owner, UIN and SecretId in lower case.
    haystacks: Vec<String>,
    /// Indices into `rows` in sort order.
    sorted: Vec<usize>,
    /// Indices into `rows` that pass the filters, in sort order: what is on screen.
    visible: Vec<usize>,
    pub filter: String,
    /// `/` was pressed and typing goes into the filter.
    pub editing: Option<FilterEdit>,
    /// Only rows with all of these flags are shown.
    pub quick: Flags,
    pub sort: Option<(ReportColumn, bool)>,
    /// Position in `visible`.
    pub cursor: usize,
    /// First visible row drawn (scrolling).
    pub offset: usize,
    marked: HashSet<SecretId>,
    /// How many rows have each flag, in [`Flag::ALL`]'s order.
    counts: [usize; Flag::ALL.len()],
}

impl KeyReport {
    /// A walk starts: the rows of any earlier one go.
    pub fn start(&mut self, ticket: Ticket, users: usize) {
        let keep = (std::mem::take(&mut self.filter), self.quick, self.sort);
        *self = Self {
            loading: Loading::Running {
                ticket,
                progress: Progress::start(users),
            },
            ..Self::default()
        };
        (self.filter, self.quick, self.sort) = keep;
    }

    /// The walk in flight, if any.
    pub fn running(&self) -> Option<Ticket> {
        match self.loading {
            Loading::Running { ticket, .. } => Some(ticket),
            _ => None,
        }
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    /// How many rows have `flag`.
    pub fn count(&self, flag: Flag) -> usize {
        Flag::ALL
            .iter()
            .position(|f| *f == flag)
            .map_or(0, |at| self.counts[at])
    }

    /// The rows on screen from `start`, at most `count` of them, each with whether it is marked.
    pub fn window(&self, start: usize, count: usize) -> impl Iterator<Item = (&ReportRow, bool)> {
        self.visible
            .iter()
            .skip(start)
            .take(count)
            .map(|i| &self.rows[*i])
            .map(|row| (row, self.marked.contains(&row.key.access_key_id)))
    }

    pub fn selected(&self) -> Option<&ReportRow> {
        self.visible.get(self.cursor).map(|i| &self.rows[*i])
    }

    /// The marked keys that are still in the report.
    pub fn marked(&self) -> impl Iterator<Item = &ReportRow> {
        self.rows
            .iter()
            .filter(|row| self.marked.contains(&row.key.access_key_id))
    }

    pub fn marked_count(&self) -> usize {
        self.marked().count()
    }

    /// Marks the key under the cursor, or unmarks it.
    pub fn toggle_mark(&mut self) {
        if let Some(id) = self.selected().map(|r| r.key.access_key_id.clone())
            && !self.marked.remove(&id)
        {
            self.marked.insert(id);
        }
    }

    /// Marks every key shown; if they all are, unmarks them. Returns how many are marked now.
    pub fn toggle_shown(&mut self) -> usize {
        let shown: Vec<SecretId> = self
            .visible
            .iter()
            .map(|i| self.rows[*i].key.access_key_id.clone())
            .collect();
        if shown.iter().all(|id| self.marked.contains(id)) {
            for id in &shown {
                self.marked.remove(id);
            }
        } else {
            self.marked.extend(shown);
        }
        self.marked_count()
    }

    pub fn unmark(&mut self, secret_id: &SecretId) {
        self.marked.remove(secret_id);
    }

    /// A user's keys and the last use of each, as the report has them.
    pub fn keys_of(&self, uin: u64) -> Option<(Vec<AccessKey>, Vec<LastUsed>)> {
        let rows: Vec<&ReportRow> = self.rows.iter().filter(|r| r.owner.uin == uin).collect();
        if rows.is_empty() {
            return None;
        }
        let keys = rows.iter().map(|r| r.key.clone()).collect();
        let uses = rows
            .iter()
            .map(|r| LastUsed {
                secret_id: r.key.access_key_id.clone(),
                when: r.last_used,
            })
            .collect();
        Some((keys, uses))
    }

    /// Adds the rows of users the walk finished (flagged as `staleness` says), replacing any
    /// rows those users had.
    pub fn add(&mut self, rows: Vec<ReportRow>, staleness: Staleness) {
        self.staleness = Some(staleness);
        if rows.is_empty() {
            return;
        }
        let owners: HashSet<u64> = rows.iter().map(|r| r.owner.uin).collect();
        let keep = self.selected_id();
        if self.rows.iter().any(|r| owners.contains(&r.owner.uin)) {
            self.rows.retain(|r| !owners.contains(&r.owner.uin));
            self.rows.extend(rows);
            self.haystacks = self.rows.iter().map(haystack).collect();
            self.resort();
        } else {
            // While the walk runs every batch is new users: place just them.
            for row in rows {
                let at = self.rows.len();
                self.haystacks.push(haystack(&row));
                self.rows.push(row);
                let position = match self.sort {
                    None => self.sorted.len(),
                    Some((column, descending)) => self.sorted.partition_point(|i| {
                        let order = self.compare(column, *i, at);
                        if descending {
                            order.is_gt()
                        } else {
                            order.is_lt()
                        }
                    }),
                };
                self.sorted.insert(position, at);
            }
        }
        self.recount();
        self.refilter(keep);
    }

    /// `owner`'s keys were listed again (or changed): their rows are made anew, the last use of
    /// each key taken from `last_use`. Nothing happens before the report was ever loaded.
    pub fn replace_user(
        &mut self,
        owner: &UserRef,
        keys: &[AccessKey],
        last_use: impl Fn(&SecretId) -> Option<LastUse>,
    ) {
        let Some(staleness) = self.staleness else {
            return;
        };
        let keep = self.selected_id();
        self.rows.retain(|r| r.owner.uin != owner.uin);
        self.rows.extend(rows_of(owner, keys, last_use, staleness));
        self.haystacks = self.rows.iter().map(haystack).collect();
        self.resort();
        self.recount();
        self.refilter(keep);
    }

    /// A key was disabled: its row (and its owner's flags) say so.
    pub fn set_disabled(&mut self, uin: u64, secret_id: &SecretId) {
        let Some((mut keys, uses)) = self.keys_of(uin) else {
            return;
        };
        let Some(owner) = self
            .rows
            .iter()
            .find(|r| r.owner.uin == uin)
            .map(|r| r.owner.clone())
        else {
            return;
        };
        for key in keys.iter_mut().filter(|k| k.access_key_id == *secret_id) {
            key.status = KeyStatus::Inactive;
        }
        let uses: HashMap<SecretId, Option<LastUse>> =
            uses.into_iter().map(|u| (u.secret_id, u.when)).collect();
        self.replace_user(&owner, &keys, |id| uses.get(id).copied().flatten());
    }

    pub fn set_filter(&mut self, filter: String) {
        let keep = self.selected_id();
        self.filter = filter;
        self.refilter(keep);
    }

    /// Shows only the rows with `flag` too, or no longer asks for it.
    pub fn toggle_quick(&mut self, flag: Flag) {
        let keep = self.selected_id();
        self.quick.toggle(flag);
        self.refilter(keep);
    }

    /// Clears the text filter and the quick filters.
    pub fn clear_filters(&mut self) {
        let keep = self.selected_id();
        self.filter.clear();
        self.quick = Flags::default();
        self.refilter(keep);
    }

    pub fn set_sort(&mut self, sort: Option<(ReportColumn, bool)>) {
        let keep = self.selected_id();
        self.sort = sort;
        self.resort();
        self.refilter(keep);
    }

    /// Puts the cursor on `secret_id` if it is shown.
    pub fn select(&mut self, secret_id: &SecretId) -> bool {
        let rows = &self.rows;
        match self
            .visible
            .iter()
            .position(|i| rows[*i].key.access_key_id == *secret_id)
        {
            Some(at) => {
                self.cursor = at;
                true
            }
            None => false,
        }
    }

    /// The marked keys (or, with none marked, the one under the cursor) that are enabled: what
    /// `d` disables.
    pub fn to_disable(&self) -> Vec<KeyRef> {
        let key_ref = |row: &ReportRow| KeyRef {
            uin: row.owner.uin,
            owner: row.owner.name.clone(),
            secret_id: row.key.access_key_id.clone(),
        };
        let enabled = |row: &&ReportRow| row.key.status == KeyStatus::Active;
        if self.marked.is_empty() {
            self.selected()
                .filter(enabled)
                .map(key_ref)
                .into_iter()
                .collect()
        } else {
            self.marked().filter(enabled).map(key_ref).collect()
        }
    }

    fn selected_id(&self) -> Option<SecretId> {
        self.selected().map(|r| r.key.access_key_id.clone())
    }

    fn recount(&mut self) {
        self.counts =
            Flag::ALL.map(|flag| self.rows.iter().filter(|r| r.flags.contains(flag)).count());
    }

    /// How the rows at `a` and `b` compare by `column`.
    fn compare(&self, column: ReportColumn, a: usize, b: usize) -> Ordering {
        column.compare(
            (&self.rows[a], &self.haystacks[a]),
            (&self.rows[b], &self.haystacks[b]),
        )
    }

    fn resort(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        if let Some((column, descending)) = self.sort {
            order.sort_unstable_by(|a, b| {
                let by = self.compare(column, *a, *b);
                if descending { by.reverse() } else { by }
            });
        }
        self.sorted = order;
    }

    fn refilter(&mut self, keep: Option<SecretId>) {
        let needle = self.filter.trim().to_lowercase();
        let (rows, haystacks, quick) = (&self.rows, &self.haystacks, self.quick);
        self.visible = self
            .sorted
            .iter()
            .copied()
            .filter(|i| rows[*i].flags.contains_all(quick))
            .filter(|i| needle.is_empty() || haystacks[*i].contains(&needle))
            .collect();
        self.cursor = keep
            .and_then(|id| {
                self.visible
                    .iter()
                    .position(|i| rows[*i].key.access_key_id == id)
            })
            .unwrap_or(self.cursor)
            .min(self.visible.len().saturating_sub(1));
        self.offset = self.offset.min(self.cursor);
    }
}

/// The owner's name in a row's filter text.
fn owner_name(haystack: &str) -> &str {
    haystack.split('\t').next().unwrap_or_default()
}

fn haystack(row: &ReportRow) -> String {
    format!(
        "{}\t{}\t{}",
        row.owner.name, row.owner.uin, row.key.access_key_id
    )
    .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::UserKind;

    #[test]
    fn owners_sort_ignoring_case() {
        let staleness = Staleness {
            now: 1_750_000_000,
            days: 90,
        };
        let rows = ["carol", "Bob", "alice"]
            .into_iter()
            .zip(1..)
            .flat_map(|(name, uin)| {
                let owner = UserRef {
                    uin,
                    name: name.into(),
                    kind: UserKind::SubUser,
                };
                let key = AccessKey {
                    access_key_id: SecretId::from_wire(format!("AKID{name}")),
                    status: KeyStatus::Active,
                    create_time: "2024-05-01 10:00:00".into(),
                    description: None,
                };
                rows_of(&owner, &[key], |_| None, staleness)
            })
            .collect();
        let mut report = KeyReport::default();
        report.add(rows, staleness);
        report.set_sort(Some((ReportColumn::Owner, false)));
        let names: Vec<&str> = report
            .visible
            .iter()
            .map(|i| report.rows[*i].owner.name.as_str())
            .collect();
        assert_eq!(names, ["alice", "Bob", "carol"]);
    }
}
