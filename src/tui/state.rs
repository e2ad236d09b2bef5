//! Everything the console shows, as plain data: no I/O, no clocks, no channels. Only
//! [`crate::tui::update`] changes it; [`crate::tui::ui`] only reads it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::cam::Secret;
use crate::cam::model::{
    AccessKey, AccessKeyDetail, GroupInfo, KEYS_PER_USER, KeyStatus, SecretId, User,
};
use crate::cam::permissions::{PolicyGrant, Security};
use crate::cam::rotation::{self, Position};
use crate::cam::walk::Progress;
use crate::i18n::{Language, Text};

use super::action::{Copied, Request};
use super::call_log::{CallLog, LogView};
use super::clipboard::Backend;
use super::model::{
    AccessRecord, Failure, KeyRef, LastUsed, ListedUsers, Tab, Ticket, UserDetails,
};
use super::report_table::KeyReport;
use super::text_field::{FilterEdit, TextField};

/// A quarter second: the tick the app sends for the spinner and timers.
pub const TICKS_PER_SECOND: u64 = 4;
/// How long a copied SecretKey stays on the clipboard (product.md §3).
pub const SECRET_CLIPBOARD_SECONDS: u64 = 45;
/// How many access records the panel shows (product.md §2.3).
pub const ACCESS_RECORDS: usize = 20;

/// Where the keyboard focus is: a view, or a dialog on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Users,
    /// Typing into the User List filter.
    Filter,
    Details,
    Keys,
    /// A change waiting for `y`.
    Confirm,
    /// A change waiting for the end of its SecretId to be typed.
    ConfirmTyped,
    /// A change waiting for an optional description (a new key).
    Describe,
    Secret,
    Help,
    /// Typing into the `:` command line.
    Command,
    /// An owner search is running.
    Search,
    /// The API-call log is open.
    CallLog,
    /// Typing a filter into the API-call log.
    LogFilter,
    /// The access-records drawer has the focus.
    Records,
    /// A record or a policy read in full.
    Pager,
    Report,
    /// Typing into the Key Report filter.
    ReportFilter,
    /// The rotation wizard is open.
    Rotation,
    /// A bulk disable runs, or its results are shown.
    Bulk,
}

impl Context {
    pub const ALL: [Context; 19] = [
        Context::Users,
        Context::Filter,
        Context::Details,
        Context::Keys,
        Context::Confirm,
        Context::ConfirmTyped,
        Context::Describe,
        Context::Secret,
        Context::Help,
        Context::Command,
        Context::Search,
        Context::CallLog,
        Context::LogFilter,
        Context::Records,
        Context::Pager,
        Context::Report,
        Context::ReportFilter,
        Context::Rotation,
        Context::Bulk,
    ];

    pub fn title(self) -> Text<'static> {
        match self {
            Self::Users => Text::TabUsers,
            Self::Filter => Text::ContextFilter,
            Self::Details => Text::TabDetails,
            Self::Keys => Text::TabKeys,
            Self::Confirm => Text::ContextConfirm,
            Self::ConfirmTyped => Text::ContextConfirmTyped,
            Self::Describe => Text::ContextDescribe,
            Self::Secret => Text::ContextSecret,
            Self::Help => Text::ContextHelp,
            Self::Command => Text::ContextCommand,
            Self::Search => Text::ContextSearch,
            Self::CallLog => Text::ContextCallLog,
            Self::LogFilter => Text::ContextLogFilter,
            Self::Records => Text::RecordsTitle,
            Self::Pager => Text::ContextPager,
            Self::Report => Text::TabReport,
            Self::ReportFilter => Text::ContextReportFilter,
            Self::Rotation => Text::ContextRotation,
            Self::Bulk => Text::ContextBulk,
        }
    }

    /// Whether printable characters that are not bound go into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Self::Filter
                | Self::ConfirmTyped
                | Self::Describe
                | Self::Command
                | Self::LogFilter
                | Self::ReportFilter
        )
    }

    /// Whether the tab keys, `?` and `q` work here: a view has the focus.
    pub fn has_global_keys(self) -> bool {
        matches!(
            self,
            Self::Users | Self::Details | Self::Keys | Self::Records | Self::Report
        )
    }
}

/// The state of something fetched from the server. The last good data stays on screen while a
/// refresh is in flight, so a reload does not flicker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote<T> {
    pub data: Option<T>,
    pub status: Status,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Self {
            data: None,
            status: Status::Idle,
        }
    }
}

impl<T> Remote<T> {
    pub fn loading() -> Self {
        Self {
            data: None,
            status: Status::Loading,
        }
    }

    pub fn start(&mut self) {
        self.status = Status::Loading;
    }

    pub fn finish(&mut self, result: Result<T, Failure>) {
        match result {
            Ok(data) => {
                self.data = Some(data);
                self.status = Status::Ready;
            }
            Err(failure) => self.status = Status::Failed(failure),
        }
    }

    pub fn is_loading(&self) -> bool {
        self.status == Status::Loading
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Idle,
    Loading,
    Ready,
    Failed(Failure),
}

/// A column of the User List, which is also what it can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Username,
    Uin,
    Type,
    Remark,
    ConsoleLogin,
    Created,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Username,
        Column::Uin,
        Column::Type,
        Column::Remark,
        Column::ConsoleLogin,
        Column::Created,
    ];

    pub fn title(self) -> Text<'static> {
        match self {
            Self::Username => Text::LabelUsername,
            Self::Uin => Text::LabelUin,
            Self::Type => Text::LabelType,
            Self::Remark => Text::LabelRemark,
            Self::ConsoleLogin => Text::LabelConsoleLogin,
            Self::Created => Text::LabelCreated,
        }
    }

    #[must_use]
    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// What `row` sorts by; names and remarks ignore case, read from the row's filter text
    /// (`name\tremark\tuin` in lower case), so sorting allocates nothing per row.
    fn key<'a>(self, row: &'a User, haystack: &'a str) -> SortKey<'a> {
        let mut lower = haystack.split('\t');
        match self {
            Self::Username => SortKey::Text(lower.next().unwrap_or_default()),
            Self::Uin => SortKey::Number(row.uin),
            Self::Type => SortKey::Number(u64::from(row.kind.is_collaborator())),
            Self::Remark => SortKey::Text(lower.nth(1).unwrap_or_default()),
            Self::ConsoleLogin => SortKey::Number(u64::from(row.console_login)),
            Self::Created => SortKey::Text(&row.created),
        }
    }
}

/// What a row sorts by; kept beside the row index so sorting 50,000 rows touches one array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey<'a> {
    Number(u64),
    Text(&'a str),
}

/// The User List: all rows, the order they are shown in, the filter and the cursor.
#[derive(Debug, Clone, Default)]
pub struct UserList {
    pub load: Remote<()>,
    rows: Vec<User>,
    /// What the filter looks in, row by row.
    haystacks: Vec<String>,
    /// Indices into `rows` in sort order.
    sorted: Vec<usize>,
    /// Indices into `rows` that pass the filter, in sort order: what is on screen.
    visible: Vec<usize>,
    pub filter: String,
    /// `/` was pressed and typing goes into the filter.
    pub editing: Option<FilterEdit>,
    pub sort: Option<(Column, bool)>,
    /// Position in `visible`.
    pub cursor: usize,
    /// First visible row drawn (scrolling).
    pub offset: usize,
}

impl UserList {
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    /// The rows on screen from `start`, at most `count` of them.
    pub fn window(&self, start: usize, count: usize) -> impl Iterator<Item = &User> {
        self.visible
            .iter()
            .skip(start)
            .take(count)
            .map(|i| &self.rows[*i])
    }

    pub fn selected(&self) -> Option<&User> {
        self.visible.get(self.cursor).map(|i| &self.rows[*i])
    }

    pub fn find(&self, uin: u64) -> Option<&User> {
        self.rows.iter().find(|r| r.uin == uin)
    }

    /// Every row, filtered or not, in sort order.
    pub fn all(&self) -> impl Iterator<Item = &User> {
        self.sorted.iter().map(|i| &self.rows[*i])
    }

    /// Puts the cursor on `uin`, clearing the filter if it hides that user. False if there is
    /// no such user.
    pub fn select(&mut self, uin: u64) -> bool {
        if self.find(uin).is_none() {
            return false;
        }
        let rows = &self.rows;
        if let Some(at) = self.visible.iter().position(|i| rows[*i].uin == uin) {
            self.cursor = at;
        } else {
            self.filter.clear();
            self.refilter(Some(uin));
        }
        true
    }

    /// Replaces the rows, keeping the cursor on the same user when it is still there.
    pub fn set_rows(&mut self, listed: ListedUsers) {
        let keep = self.selected().map(|r| r.uin);
        (self.rows, self.haystacks) = listed.into_parts();
        self.resort();
        self.refilter(keep);
    }

    pub fn set_sort(&mut self, sort: Option<(Column, bool)>) {
        let keep = self.selected().map(|r| r.uin);
        let flipped = matches!((self.sort, sort), (Some((a, x)), Some((b, y))) if a == b && x != y);
        self.sort = sort;
        if flipped {
            // The order is total (ties go by UIN), so the reverse order is the reversed list.
            self.sorted.reverse();
        } else {
            self.resort();
        }
        self.refilter(keep);
    }

    pub fn set_filter(&mut self, filter: String) {
        let keep = self.selected().map(|r| r.uin);
        self.filter = filter;
        self.refilter(keep);
    }

    fn resort(&mut self) {
        self.sorted = match self.sort {
            None => (0..self.rows.len()).collect(),
            Some((column, descending)) => {
                // Ties go by UIN, so the order is total and reversing it is the descending sort.
                let mut keyed: Vec<(SortKey<'_>, u64, usize)> = self
                    .rows
                    .iter()
                    .zip(&self.haystacks)
                    .enumerate()
                    .map(|(i, (row, haystack))| (column.key(row, haystack), row.uin, i))
                    .collect();
                keyed.sort_unstable();
                if descending {
                    keyed.reverse();
                }
                keyed.into_iter().map(|(_, _, i)| i).collect()
            }
        };
    }

    fn refilter(&mut self, keep: Option<u64>) {
        let needle = self.filter.trim().to_lowercase();
        let (rows, haystacks) = (&self.rows, &self.haystacks);
        self.visible = if needle.is_empty() {
            self.sorted.clone()
        } else {
            self.sorted
                .iter()
                .copied()
                .filter(|i| haystacks[*i].contains(&needle))
                .collect()
        };
        self.cursor = keep
            .and_then(|uin| self.visible.iter().position(|i| rows[*i].uin == uin))
            .unwrap_or(0);
        self.offset = self.offset.min(self.cursor);
    }
}

/// The user opened in User Details and API Keys, and what has been fetched about them.
#[derive(Debug, Clone)]
pub struct OpenUser {
    pub user: User,
    pub details: Remote<UserDetails>,
    /// User Details' sections, each loaded or failed on its own.
    pub policies: Remote<Vec<PolicyGrant>>,
    pub groups: Remote<Vec<GroupInfo>>,
    pub security: Remote<Security>,
    /// The line of User Details under the cursor, and the first one drawn.
    pub details_cursor: usize,
    pub details_offset: usize,
    pub keys: Remote<Vec<AccessKey>>,
    pub last_used: Remote<Vec<LastUsed>>,
    /// Position in `keys`.
    pub key_cursor: usize,
    pub panel: Option<AccessPanel>,
    /// The key to put the cursor on once the keys arrive (the one an owner search found).
    pub select_key: Option<SecretId>,
}

impl OpenUser {
    pub fn new(user: User) -> Self {
        Self {
            user,
            details: Remote::loading(),
            policies: Remote::loading(),
            groups: Remote::loading(),
            security: Remote::loading(),
            details_cursor: 0,
            details_offset: 0,
            keys: Remote::loading(),
            last_used: Remote::default(),
            key_cursor: 0,
            panel: None,
            select_key: None,
        }
    }

    pub fn key_list(&self) -> &[AccessKey] {
        self.keys.data.as_deref().unwrap_or_default()
    }

    pub fn selected_key(&self) -> Option<&AccessKey> {
        self.key_list().get(self.key_cursor)
    }

    pub fn last_used_of(&self, secret_id: &SecretId) -> Option<&LastUsed> {
        self.last_used
            .data
            .as_ref()?
            .iter()
            .find(|row| row.secret_id == *secret_id)
    }

    /// "1 of 2 API keys, 1 enabled", once the keys are known.
    pub fn key_summary(&self, language: Language) -> Option<String> {
        let keys = self.keys.data.as_ref()?;
        let enabled = keys
            .iter()
            .filter(|k| k.status == KeyStatus::Active)
            .count();
        let summary = Text::KeySummary {
            count: keys.len(),
            max: KEYS_PER_USER,
            enabled,
        };
        Some(language.text(summary).into_owned())
    }
}

/// A line of User Details, top to bottom: the profile, then the sections as the CAM console
/// shows them. The cursor moves over the lines that say something about the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsLine {
    Field(Field),
    Gap,
    Heading(Section),
    /// The Permissions section's column titles.
    Columns,
    /// A section still loading, failed or empty.
    Note(Section),
    /// A policy that applies, by its place in [`OpenUser::policies`].
    Policy(usize),
    Group(usize),
    Security(Protection),
}

impl DetailsLine {
    /// Whether the cursor stops on it.
    pub fn selectable(self) -> bool {
        !matches!(self, Self::Gap | Self::Heading(_) | Self::Columns)
    }
}

/// A field of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Username,
    Uin,
    Uid,
    Type,
    Remark,
    ConsoleLogin,
    Phone,
    CountryCode,
    Email,
    LastLoginIp,
    LastLoginTime,
    Created,
    /// "1 of 2 API keys, 1 enabled".
    ApiKeys,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Username,
        Field::Uin,
        Field::Uid,
        Field::Type,
        Field::Remark,
        Field::ConsoleLogin,
        Field::Phone,
        Field::CountryCode,
        Field::Email,
        Field::LastLoginIp,
        Field::LastLoginTime,
        Field::Created,
        Field::ApiKeys,
    ];

    pub fn label(self) -> Text<'static> {
        match self {
            Self::Username => Text::LabelUsername,
            Self::Uin => Text::LabelUin,
            Self::Uid => Text::LabelUid,
            Self::Type => Text::LabelType,
            Self::Remark => Text::LabelRemark,
            Self::ConsoleLogin => Text::LabelConsoleLogin,
            Self::Phone => Text::LabelPhone,
            Self::CountryCode => Text::LabelCountryCode,
            Self::Email => Text::LabelEmail,
            Self::LastLoginIp => Text::LabelLastLoginIp,
            Self::LastLoginTime => Text::LabelLastLoginTime,
            Self::Created => Text::LabelCreated,
            Self::ApiKeys => Text::LabelApiKeys,
        }
    }
}

/// A section of User Details below the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Permissions,
    Groups,
    Security,
}

impl Section {
    pub fn title(self) -> Text<'static> {
        match self {
            Self::Permissions => Text::SectionPermissions,
            Self::Groups => Text::SectionGroups,
            Self::Security => Text::SectionSecurity,
        }
    }
}

/// A line of the Security section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    Login,
    Operation,
    UnusualLogin,
}

impl Protection {
    pub const ALL: [Protection; 3] = [
        Protection::Login,
        Protection::Operation,
        Protection::UnusualLogin,
    ];

    pub fn label(self) -> Text<'static> {
        match self {
            Self::Login => Text::ProtectionLogin,
            Self::Operation => Text::ProtectionOperation,
            Self::UnusualLogin => Text::ProtectionUnusualLogin,
        }
    }
}

impl OpenUser {
    /// Every line of User Details, in order.
    pub fn details_lines(&self) -> Vec<DetailsLine> {
        let mut lines: Vec<DetailsLine> = Field::ALL.map(DetailsLine::Field).to_vec();
        let mut section =
            |section: Section, rows: Option<usize>, line: fn(usize) -> DetailsLine| {
                lines.push(DetailsLine::Gap);
                lines.push(DetailsLine::Heading(section));
                match rows {
                    Some(count) if count > 0 => {
                        if section == Section::Permissions {
                            lines.push(DetailsLine::Columns);
                        }
                        lines.extend((0..count).map(line));
                    }
                    _ => lines.push(DetailsLine::Note(section)),
                }
            };
        section(
            Section::Permissions,
            self.policies.data.as_ref().map(Vec::len),
            DetailsLine::Policy,
        );
        section(
            Section::Groups,
            self.groups.data.as_ref().map(Vec::len),
            DetailsLine::Group,
        );
        lines.push(DetailsLine::Gap);
        lines.push(DetailsLine::Heading(Section::Security));
        if self.security.data.is_some() {
            lines.extend(Protection::ALL.map(DetailsLine::Security));
        } else {
            lines.push(DetailsLine::Note(Section::Security));
        }
        lines
    }

    /// The policy under the User Details cursor, if that is what it is on.
    pub fn selected_policy(&self) -> Option<&PolicyGrant> {
        match self.details_lines().get(self.details_cursor) {
            Some(DetailsLine::Policy(index)) => self.policies.data.as_ref()?.get(*index),
            _ => None,
        }
    }
}

/// The access-records drawer of one key: its records, the cursor among those shown, and
/// whether it has the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPanel {
    pub secret_id: SecretId,
    pub records: Remote<Vec<AccessRecord>>,
    /// Position among the records shown.
    pub cursor: usize,
    /// The first record drawn.
    pub offset: usize,
    /// `f`: failed calls only.
    pub failures_only: bool,
    /// `l` moved the focus here from the key table.
    pub focused: bool,
}

impl AccessPanel {
    pub fn new(secret_id: SecretId) -> Self {
        Self {
            secret_id,
            records: Remote::default(),
            cursor: 0,
            offset: 0,
            failures_only: false,
            focused: false,
        }
    }

    /// The records shown: all of them, or the failed calls only.
    pub fn shown(&self) -> impl Iterator<Item = &AccessRecord> {
        self.records
            .data
            .iter()
            .flatten()
            .filter(|r| !self.failures_only || r.error.is_some())
    }

    pub fn shown_count(&self) -> usize {
        self.shown().count()
    }

    pub fn selected(&self) -> Option<&AccessRecord> {
        self.shown().nth(self.cursor)
    }
}

/// Something read in full in a box over the screen (an access record, a policy): labelled
/// fields, then a document, scrolled with `j`/`k`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    pub title: String,
    /// `("Time", "2024-05-01 16:00:00 UTC+8")`, in order, in the run's language.
    pub fields: Vec<(Cow<'static, str>, String)>,
    /// What the document is ("Policy document").
    pub document_title: Cow<'static, str>,
    pub document: Remote<String>,
    /// The call whose answer completes it (a policy's `GetPolicy`): answers to any other are
    /// not for this pager.
    pub waiting: Option<Ticket>,
    /// Lines scrolled past.
    pub scroll: usize,
    /// What `y` copies.
    pub copy: Option<Copied>,
}

/// A change waiting for the user's word: the request it sends once confirmed, as gitui's
/// `ConfirmAction` → popup → `ConfirmedAction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub request: Request,
    /// Whose key it is, as the dialog names them.
    pub user_name: String,
    pub answer: Answer,
}

/// How a change is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `y`, or Enter on the focused button, which starts on Cancel (so a lone Enter cancels).
    Press { focus: Button },
    /// The last characters of the SecretId, typed; Enter checks them.
    Type {
        typed: String,
        /// Set when Enter was pressed with the wrong text.
        mismatch: bool,
    },
    /// An optional description for the request (a new key's); Enter sends it.
    Describe {
        field: TextField,
        /// Set when a character the description may not hold was typed (and dropped).
        refused: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Confirm,
}

/// How many characters of the SecretId a typed confirmation asks for.
pub const TYPED_CHARACTERS: usize = 4;

impl Confirm {
    /// Confirmed with `y`, or Enter on the confirm button.
    pub fn press(request: Request, user_name: String) -> Self {
        Self::new(
            request,
            user_name,
            Answer::Press {
                focus: Button::Cancel,
            },
        )
    }

    /// Confirmed by typing the end of the SecretId the request changes.
    pub fn typed(request: Request, user_name: String) -> Self {
        Self::new(
            request,
            user_name,
            Answer::Type {
                typed: String::new(),
                mismatch: false,
            },
        )
    }

    /// Sent with Enter, with the description typed (if any).
    pub fn described(request: Request, user_name: String) -> Self {
        Self::new(
            request,
            user_name,
            Answer::Describe {
                field: TextField::default(),
                refused: false,
            },
        )
    }

    fn new(request: Request, user_name: String, answer: Answer) -> Self {
        Self {
            request,
            user_name,
            answer,
        }
    }

    /// What must be typed: how many keys a bulk change changes, else the last characters of
    /// the request's SecretId.
    pub fn expected(&self) -> String {
        match &self.request {
            Request::DisableKeys { keys } => keys.len().to_string(),
            request => request
                .secret_id()
                .map_or("", |id| id.tail(TYPED_CHARACTERS))
                .to_owned(),
        }
    }
}

/// The one-time display of a new key. Dropping it drops (and zeroizes) the SecretKey.
#[derive(Debug)]
pub struct SecretModal {
    pub user_name: String,
    pub key: AccessKeyDetail,
    pub revealed: bool,
    /// "I have saved the SecretKey" is ticked.
    pub acknowledged: bool,
    /// Whether the new key signs: who `GetUserAppId` signed with it answered as.
    pub verified: Remote<String>,
}

#[derive(Debug)]
pub enum Modal {
    /// The key list of the view the help was opened from.
    Help(Context),
    Confirm(Confirm),
    Secret(SecretModal),
    /// The API-call log (`@`).
    CallLog(LogView),
    Pager(Pager),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The message under the key hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub level: Level,
    pub text: String,
    /// The RequestId of a failed call: always drawn, however long the text.
    pub request_id: Option<String>,
    /// The tick after which it disappears.
    pub until: u64,
    pub about: About,
}

/// What a message is about, which decides what ends it before it expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// The view on screen: it goes when you navigate away.
    View,
    /// A read that failed, by its call's name: it goes when that call next succeeds, or when
    /// you navigate away.
    Read(&'static str),
    /// The outcome of a change: the reads after it (the reload) never hide it.
    Change,
}

/// The header: which target, which account, which clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The endpoint (`http://127.0.0.1:41231` for the sandbox) or "profile ops"; the header adds SANDBOX.
    pub target: String,
    pub sandbox: bool,
    pub account: Remote<String>,
    pub clipboard: Backend,
    /// `--read-only` or the profile's `read_only = true`: no mutation is ever sent.
    pub read_only: bool,
    /// The profile's accent colour for the header, so production looks different.
    pub accent: Option<ratatui::style::Color>,
    /// The profile in use, if any.
    pub profile: Option<String>,
}

/// The `:` line being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    pub field: TextField,
    /// What Tab offers for the text as it was when Tab was first pressed.
    pub completions: Vec<String>,
    /// The completion now in `text`, while cycling with Tab.
    pub selected: Option<usize>,
    /// Position while walking back through the history with ↑/↓.
    pub history_at: Option<usize>,
}

/// A search for the owner of a SecretId, while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerSearch {
    pub ticket: Ticket,
    pub secret_id: SecretId,
    /// Users to look at when it started.
    pub users: usize,
    pub progress: Option<Progress>,
}

/// The rotation wizard of one key of the open user. Its step is never stored: it is read off
/// the user's keys each time (`cam::rotation::position`), so it resumes after a restart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    pub uin: u64,
    pub user_name: String,
    pub old: SecretId,
    /// The tick at which the keys, their last use and the old key's records are asked again.
    pub refresh_at: u64,
}

impl Rotation {
    /// Where the rotation stands, once `open` (the same user) has their keys in.
    pub fn position(&self, open: &OpenUser) -> Option<Position> {
        (open.user.uin == self.uin)
            .then_some(open.keys.data.as_deref())
            .flatten()
            .map(|keys| rotation::position(keys, &self.old))
    }
}

/// Disabling many keys, one call at a time, and what each call answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkDisable {
    pub ticket: Ticket,
    pub total: usize,
    pub disabled: usize,
    /// The keys not disabled, with why: Code, Message and RequestId.
    pub failures: Vec<(KeyRef, Failure)>,
    /// Asked to stop: no call starts after the one in flight.
    pub stopping: bool,
    /// No call is in flight any more.
    pub finished: bool,
}

impl BulkDisable {
    pub fn answered(&self) -> usize {
        self.disabled + self.failures.len()
    }
}

/// A SecretKey on the clipboard, to be cleared when the countdown ends.
#[derive(Debug)]
pub struct ClipboardCountdown {
    pub secret_id: SecretId,
    pub secret: Secret,
    pub until: u64,
}

/// Calls in flight, by ticket; the newest names the spinner.
pub type Pending = BTreeMap<Ticket, Cow<'static, str>>;

/// The newest ticket of each kind of read, so older answers can be recognised as stale.
#[derive(Debug, Clone, Default)]
pub struct Latest {
    pub account: Option<Ticket>,
    pub users: Option<Ticket>,
    pub details: Option<Ticket>,
    pub keys: Option<Ticket>,
    pub last_used: Option<Ticket>,
    pub records: Option<Ticket>,
    pub policies: Option<Ticket>,
    pub groups: Option<Ticket>,
    pub security: Option<Ticket>,
}

impl Latest {
    pub fn slot(&mut self, request: &Request) -> Option<&mut Option<Ticket>> {
        Some(match request {
            Request::Account => &mut self.account,
            Request::Users => &mut self.users,
            Request::Details { .. } => &mut self.details,
            Request::Keys { .. } => &mut self.keys,
            Request::LastUsed { .. } => &mut self.last_used,
            Request::Records { .. } => &mut self.records,
            Request::Policies { .. } => &mut self.policies,
            Request::Groups { .. } => &mut self.groups,
            Request::Security { .. } => &mut self.security,
            // Mutations are never stale; walks are matched by the state they fill, as are the
            // check of a new key by its SecretKey window and a policy by the pager waiting for it.
            Request::CreateKey { .. }
            | Request::SetKeyStatus { .. }
            | Request::DeleteKey { .. }
            | Request::FindOwner { .. }
            | Request::Report { .. }
            | Request::DisableKeys { .. }
            | Request::VerifyKey { .. }
            | Request::Policy { .. } => return None,
        })
    }
}

/// The whole console.
#[derive(Debug)]
pub struct State {
    pub header: Header,
    pub tab: Tab,
    pub users: UserList,
    pub open: Option<OpenUser>,
    pub modal: Option<Modal>,
    pub flash: Option<Flash>,
    pub pending: Pending,
    pub latest: Latest,
    next_ticket: u64,
    /// The mutation in flight, if any: only one at a time.
    pub mutating: Option<Ticket>,
    pub countdown: Option<ClipboardCountdown>,
    /// Ticks since start.
    pub ticks: u64,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub quit: bool,
    /// The `:` line, while it is open.
    pub command_line: Option<CommandLine>,
    /// Lines run from the `:` line, oldest first.
    pub history: Vec<String>,
    /// Names `:profile` accepts, for completion and messages.
    pub profiles: Vec<String>,
    /// The owner search in progress.
    pub search: Option<OwnerSearch>,
    /// The Key Report tab.
    pub report: KeyReport,
    /// The rotation wizard, while it is open.
    pub rotation: Option<Rotation>,
    /// The bulk disable running, or whose results are shown.
    pub bulk: Option<BulkDisable>,
    /// Every API call of the run.
    pub calls: CallLog,
    /// The first ticket of the current target: answers to older tickets belong to a target
    /// that was switched away from and are dropped.
    pub epoch: Ticket,
    /// Clicks and the wheel are understood (`--mouse`).
    pub mouse: bool,
    /// Lines of the help scrolled past (a short terminal).
    pub help_scroll: usize,
    /// The words of every screen (the run's one language setting, `i18n::resolve`).
    pub language: Language,
}

impl State {
    pub fn new(header: Header) -> Self {
        Self {
            header,
            tab: Tab::Users,
            users: UserList::default(),
            open: None,
            modal: None,
            flash: None,
            pending: Pending::new(),
            latest: Latest::default(),
            next_ticket: 1,
            mutating: None,
            countdown: None,
            ticks: 0,
            size: (80, 24),
            quit: false,
            command_line: None,
            history: Vec::new(),
            profiles: Vec::new(),
            search: None,
            report: KeyReport::default(),
            rotation: None,
            bulk: None,
            calls: CallLog::default(),
            epoch: Ticket(1),
            mouse: false,
            help_scroll: 0,
            language: Language::EnUs,
        }
    }

    /// The ticket the next call will get.
    pub fn next_ticket(&self) -> Ticket {
        Ticket(self.next_ticket)
    }

    pub fn issue_ticket(&mut self) -> Ticket {
        let ticket = Ticket(self.next_ticket);
        self.next_ticket += 1;
        ticket
    }

    /// Whether `uin` is the user open in User Details and API Keys.
    pub fn is_open(&self, uin: u64) -> bool {
        self.open.as_ref().is_some_and(|o| o.user.uin == uin)
    }

    /// What keys mean right now.
    pub fn context(&self) -> Context {
        match &self.modal {
            Some(Modal::Help(_)) => Context::Help,
            Some(Modal::Confirm(confirm)) => match confirm.answer {
                Answer::Press { .. } => Context::Confirm,
                Answer::Type { .. } => Context::ConfirmTyped,
                Answer::Describe { .. } => Context::Describe,
            },
            Some(Modal::Secret(_)) => Context::Secret,
            Some(Modal::CallLog(view)) if view.editing.is_some() => Context::LogFilter,
            Some(Modal::CallLog(_)) => Context::CallLog,
            Some(Modal::Pager(_)) => Context::Pager,
            None if self.command_line.is_some() => Context::Command,
            None if self.search.is_some() => Context::Search,
            None if self.bulk.is_some() => Context::Bulk,
            None if self.rotation.is_some() => Context::Rotation,
            None => match self.tab {
                Tab::Users if self.users.editing.is_some() => Context::Filter,
                Tab::Users => Context::Users,
                Tab::Details => Context::Details,
                Tab::Keys if self.drawer_focused() => Context::Records,
                Tab::Keys => Context::Keys,
                Tab::Report if self.report.editing.is_some() => Context::ReportFilter,
                Tab::Report => Context::Report,
            },
        }
    }

    /// Whether the access-records drawer has the focus.
    pub fn drawer_focused(&self) -> bool {
        self.open
            .as_ref()
            .and_then(|o| o.panel.as_ref())
            .is_some_and(|p| p.focused)
    }

    /// Whether something on screen moves by itself (spinner, countdown, a flash to expire).
    pub fn animating(&self) -> bool {
        !self.pending.is_empty()
            || self.countdown.is_some()
            || self.flash.is_some()
            || self.search.is_some()
            || self.rotation.is_some()
            || self.report.running().is_some()
    }

    /// The call the spinner names: the newest in flight.
    pub fn in_flight(&self) -> Option<&str> {
        self.pending.values().next_back().map(AsRef::as_ref)
    }
}
