//! Everything that can happen to the console and everything it asks for: [`Action`]s are
//! intents (from keys, as [`Command`]s) and results (from the worker and the clipboard), the only
//! input of [`crate::tui::update::update`]; [`Effect`]s are its only output, [`Request`]s the calls
//! they make and [`Reply`]s what comes back.

use std::borrow::Cow;
use std::sync::Arc;

use crate::cam::Secret;
use crate::cam::model::{
    AccessKey, AccessKeyDetail, GetUserAppIdResponse, GroupInfo, KeyStatus, SecretId, User,
};
use crate::cam::owner::SearchOutcome;
use crate::cam::permissions::{Policy, PolicyGrant, Security};
use crate::cam::report::{Flag, ReportOutcome, ReportUpdate, Staleness};
use crate::cam::transport::CallRecord;
use crate::cam::walk::{Progress, UserRef};

use super::clipboard::{ClipboardError, Destination};
use super::model::{
    AccessRecord, Failure, KeyRef, LastUsed, ListedUsers, Tab, TargetInfo, Ticket, UserDetails,
};
use super::text_field::Edit;
use crate::i18n::{Language, Text};

/// One thing the worker is asked to fetch or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `GetUserAppId`: who we are.
    Account,
    /// `ListUsers` and every page of `ListCollaborators`.
    Users,
    /// `GetUser` for a sub-user, `DescribeSubAccounts` for a collaborator.
    Details {
        user: User,
    },
    /// `ListAccessKeys` of one user.
    Keys {
        uin: u64,
    },
    /// `GetSecurityLastUsed` for a user's keys.
    LastUsed {
        uin: u64,
        secret_ids: Vec<SecretId>,
    },
    /// CloudAudit `DescribeEvents`: the latest access records of a key.
    Records {
        secret_id: SecretId,
    },
    /// `ListAttachedUserAllPolicies`, directly and through groups: the policies that apply.
    Policies {
        uin: u64,
    },
    /// `ListGroupsForUser`.
    Groups {
        uin: u64,
    },
    /// `DescribeSafeAuthFlagColl`: login and operation protection.
    Security {
        uin: u64,
    },
    /// `GetPolicy`: a policy's document.
    Policy {
        policy_id: u64,
    },
    CreateKey {
        uin: u64,
        user_name: String,
        description: Option<String>,
    },
    SetKeyStatus {
        uin: u64,
        secret_id: SecretId,
        status: KeyStatus,
    },
    DeleteKey {
        uin: u64,
        secret_id: SecretId,
    },
    /// The audit trail, then `ListAccessKeys` over `users`, until one owns `secret_id`
    /// (cancellable).
    FindOwner {
        secret_id: SecretId,
        users: Arc<[UserRef]>,
    },
    /// The key report: `ListAccessKeys` and `GetSecurityLastUsed` of every user, rows reported
    /// as they come (cancellable).
    Report {
        users: Arc<[UserRef]>,
        stale_days: u32,
    },
    /// `UpdateAccessKey` to disable each key, one at a time, each result reported as it lands
    /// (cancellable between calls).
    DisableKeys {
        keys: Vec<KeyRef>,
    },
    /// `GetUserAppId` signed with a new key: does it work?
    VerifyKey {
        secret_id: SecretId,
        secret: Secret,
    },
}

impl Request {
    /// The API action(s) this request makes ([`Request::label`] adds what for, where it differs).
    pub fn call_name(&self) -> &'static str {
        match self {
            Self::Account | Self::VerifyKey { .. } => "GetUserAppId",
            Self::Users => "ListUsers + ListCollaborators",
            Self::Details { user } if user.kind.is_collaborator() => "DescribeSubAccounts",
            Self::Details { .. } => "GetUser",
            Self::Keys { .. } => "ListAccessKeys",
            Self::LastUsed { .. } => "GetSecurityLastUsed",
            Self::Records { .. } => "DescribeEvents",
            Self::Policies { .. } => "ListAttachedUserAllPolicies",
            Self::Groups { .. } => "ListGroupsForUser",
            Self::Security { .. } => "DescribeSafeAuthFlagColl",
            Self::Policy { .. } => "GetPolicy",
            Self::CreateKey { .. } => "CreateAccessKey",
            Self::SetKeyStatus { .. } | Self::DisableKeys { .. } => "UpdateAccessKey",
            Self::DeleteKey { .. } => "DeleteAccessKey",
            Self::FindOwner { .. } => "DescribeEvents + ListAccessKeys",
            Self::Report { .. } => "ListAccessKeys + GetSecurityLastUsed",
        }
    }

    /// The call as a person reads it: its action(s), and what for where they do not say it
    /// (`UpdateAccessKey (disabling keys)`).
    pub fn label(&self, language: Language) -> Cow<'static, str> {
        let purpose = match self {
            Self::FindOwner { .. } => Text::PurposeOwnerSearch,
            Self::Report { .. } => Text::PurposeKeyReport,
            Self::DisableKeys { .. } => Text::PurposeDisablingKeys,
            Self::VerifyKey { .. } => Text::PurposeSignedWithNewKey,
            _ => return self.call_name().into(),
        };
        language.text(Text::CallPurpose {
            call: self.call_name(),
            purpose: &language.text(purpose),
        })
    }

    /// Whether the request is a walk of many calls: it reports as it goes and can be stopped.
    pub fn is_walk(&self) -> bool {
        matches!(
            self,
            Self::FindOwner { .. } | Self::Report { .. } | Self::DisableKeys { .. }
        )
    }

    /// The key the request is about, if it is about one.
    pub fn secret_id(&self) -> Option<&SecretId> {
        match self {
            Self::Records { secret_id }
            | Self::SetKeyStatus { secret_id, .. }
            | Self::DeleteKey { secret_id, .. }
            | Self::FindOwner { secret_id, .. }
            | Self::VerifyKey { secret_id, .. } => Some(secret_id),
            _ => None,
        }
    }

    /// Whether the request changes something on the server (never sent in read-only mode).
    pub fn mutates(&self) -> bool {
        matches!(
            self,
            Self::CreateKey { .. }
                | Self::SetKeyStatus { .. }
                | Self::DeleteKey { .. }
                | Self::DisableKeys { .. }
        )
    }
}

/// What a successful call brought back.
#[derive(Debug)]
pub enum Reply {
    Account(GetUserAppIdResponse),
    Users(ListedUsers),
    Details(UserDetails),
    Keys(Vec<AccessKey>),
    LastUsed(Vec<LastUsed>),
    Records(Vec<AccessRecord>),
    Policies(Vec<PolicyGrant>),
    Groups(Vec<GroupInfo>),
    Security(Security),
    Policy(Policy),
    /// The new key, with the SecretKey: the only time it is ever seen.
    Created(AccessKeyDetail),
    Done,
    Owner(SearchOutcome),
    /// How the report's walk ended (its rows came as `ReportRows`).
    Report(ReportOutcome),
    /// Who the new key signed as.
    Verified(GetUserAppIdResponse),
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    CloseHelp,
    GoTab(Tab),
    NextTab,
    PreviousTab,
    /// Drill down: User List → User Details → API Keys; a record or a policy in full.
    Open,
    /// Go back up (or close what is open on top).
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Filter,
    FilterDone,
    /// Esc while typing a filter: the one before `/` comes back.
    FilterCancel,
    /// An edit of the text being typed.
    Edit(Edit),
    SortNext,
    SortReverse,
    Refresh,
    CreateKey,
    /// `y`: copies what is focused (a SecretId, a UIN, a RequestId).
    Copy,
    DisableKey,
    EnableKey,
    DeleteKey,
    AccessPanel,
    /// Into the access-records drawer (opening it).
    FocusDrawer,
    /// The drawer shows failed calls only, or every call again.
    FailuresOnly,
    Confirm,
    Cancel,
    SwitchFocus,
    /// Enter in a confirmation: presses the focused button (Cancel, unless moved).
    Press,
    Submit,
    Reveal,
    CopySecretKey,
    Acknowledge,
    CloseSecret,
    /// Open the `:` command line.
    CommandLine,
    /// Tab in the command line: the next completion.
    Complete,
    /// Shift-Tab in the command line: the previous completion.
    CompleteBack,
    RunLine,
    CancelLine,
    CancelSearch,
    /// Open the API-call log.
    ShowLog,
    CloseLog,
    /// Show only the report's keys with this flag (again: all of them).
    QuickFilter(Flag),
    /// Mark or unmark the report's key under the cursor.
    Mark,
    /// Mark every key the report shows (again: unmark them).
    MarkShown,
    /// Stop the report's loading, keeping what is in.
    StopLoading,
    /// Open the rotation wizard for the selected key.
    Rotate,
    /// Do the wizard's step.
    Step,
    /// Sign one harmless call with the new key, to check it works.
    VerifyKey,
}

impl Command {
    /// Whether the command changes something on the server (refused in read-only mode).
    pub fn mutates(self) -> bool {
        matches!(
            self,
            Self::CreateKey | Self::DisableKey | Self::EnableKey | Self::DeleteKey | Self::Rotate
        )
    }
}

/// Something for the outside world to do.
#[derive(Debug)]
pub enum Effect {
    /// An API call, run by the worker.
    Call { ticket: Ticket, request: Request },
    /// Stop a walk in flight (an owner search, the report, a bulk disable).
    Cancel { ticket: Ticket },
    /// Resolve a profile (or the sandbox) and connect to it; success comes back as
    /// `TargetSwitched`.
    SwitchTarget(Switch),
    /// Put text on the clipboard (a SecretId, or a SecretKey).
    Copy { what: Copied, text: Secret },
    /// Remove a copied SecretKey from the clipboard.
    ClearClipboard { secret: Secret },
}

/// Where `:profile NAME` and `:sandbox` go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Switch {
    Profile(String),
    Sandbox,
}

/// What was put on the clipboard, for the flash line and the countdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    SecretId(SecretId),
    /// The SecretKey of this SecretId (never the SecretKey itself).
    SecretKey(SecretId),
    Uin(u64),
    /// The RequestId of a call or an access record.
    RequestId(String),
}

impl Copied {
    /// The text it puts on the clipboard; `None` for a SecretKey, which only its modal holds.
    pub fn plain_text(&self) -> Option<String> {
        match self {
            Self::SecretId(id) => Some(id.to_string()),
            Self::SecretKey(_) => None,
            Self::Uin(uin) => Some(uin.to_string()),
            Self::RequestId(id) => Some(id.clone()),
        }
    }

    /// "SecretId AKID…", "the SecretKey of AKID…": what the flash says was copied.
    pub fn label(&self, language: Language) -> String {
        language
            .text(match self {
                Self::SecretId(id) => Text::CopiedSecretId {
                    secret_id: id.as_str(),
                },
                Self::SecretKey(id) => Text::CopiedSecretKey {
                    secret_id: id.as_str(),
                },
                Self::Uin(uin) => Text::CopiedUin { uin: *uin },
                Self::RequestId(id) => Text::CopiedRequestId { request_id: id },
            })
            .into_owned()
    }
}

/// An intent or a result.
// A handful of actions per keystroke: boxing the big results would buy nothing measurable.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Action {
    /// The app has started: load the account and the users.
    Start,
    /// A key bound in the keymap.
    Command(Command),
    /// A character typed into a text field (the filter, the delete confirmation, the `:` line).
    Input(char),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// A click or a wheel turn (`--mouse`).
    Mouse(Mouse),
    /// The terminal's size (columns, rows).
    Resize(u16, u16),
    /// A quarter of a second passed: spinner, flash expiry, clipboard countdown.
    Tick,
    /// A call finished.
    Done {
        ticket: Ticket,
        request: Request,
        result: Result<Reply, Failure>,
    },
    /// A copy finished.
    Copied {
        what: Copied,
        result: Result<Destination, ClipboardError>,
    },
    /// The copied SecretKey was cleared from the clipboard (or was no longer there).
    ClipboardCleared {
        result: Result<bool, ClipboardError>,
    },
    /// The target could not be reached at all (e.g. the sandbox failed to start).
    TargetFailed(String),
    /// The target is ready: what the header shows.
    TargetReady(String),
    /// `:profile NAME` resolved: everything reloads against the new target.
    TargetSwitched(TargetInfo),
    /// The transport made a call (for the API-call log).
    CallLogged(CallRecord),
    /// An owner search looked at more users.
    SearchProgress { ticket: Ticket, progress: Progress },
    /// The report's walk has more rows, or got further; `staleness` is what flagged them.
    ReportRows {
        ticket: Ticket,
        staleness: Staleness,
        update: ReportUpdate,
    },
    /// One key of a bulk disable: disabled (the answer's RequestId), or not.
    KeyDisabled {
        ticket: Ticket,
        key: KeyRef,
        result: Result<String, Failure>,
    },
}

/// A mouse event, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}
