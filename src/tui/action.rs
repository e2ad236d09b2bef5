//! Everything that can happen to the console: intents (from keys) and results (from the worker
//! and the clipboard). [`crate::tui::update::update`] is the only consumer.

use std::fmt;
use std::sync::Arc;

use crate::cam::CallError;
use crate::cam::model::{AccessKey, AccessKeyDetail, GetUserAppIdResponse, KeyStatus, User};
use crate::cam::transport::CallRecord;

use super::clipboard::{ClipboardError, Destination};
use super::keymap::Command;
use super::state::{AccessRecord, LastUsed, TargetInfo, UserDetails};
use crate::cam::owner::{Progress, SearchOutcome, UserRef};

/// Identifies one call, so its answer can be matched with the question and dropped when stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(pub u64);

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
        secret_ids: Vec<String>,
    },
    /// CloudAudit `DescribeEvents`: the latest access records of a key.
    Records {
        secret_id: String,
    },
    CreateKey {
        uin: u64,
        user_name: String,
    },
    SetKeyStatus {
        uin: u64,
        secret_id: String,
        status: KeyStatus,
    },
    DeleteKey {
        uin: u64,
        secret_id: String,
    },
    /// `ListAccessKeys` over `users` until one owns `secret_id` (cancellable).
    FindOwner {
        secret_id: String,
        users: Arc<[UserRef]>,
    },
}

impl Request {
    /// The API action(s) this request makes, as the spinner names them.
    pub fn call_name(&self) -> &'static str {
        match self {
            Self::Account => "GetUserAppId",
            Self::Users => "ListUsers + ListCollaborators",
            Self::Details { user } if user.kind.is_collaborator() => "DescribeSubAccounts",
            Self::Details { .. } => "GetUser",
            Self::Keys { .. } => "ListAccessKeys",
            Self::LastUsed { .. } => "GetSecurityLastUsed",
            Self::Records { .. } => "DescribeEvents",
            Self::CreateKey { .. } => "CreateAccessKey",
            Self::SetKeyStatus { .. } => "UpdateAccessKey",
            Self::DeleteKey { .. } => "DeleteAccessKey",
            Self::FindOwner { .. } => "ListAccessKeys (owner search)",
        }
    }

    /// Whether the request changes something on the server (never sent in read-only mode).
    pub fn mutates(&self) -> bool {
        matches!(
            self,
            Self::CreateKey { .. } | Self::SetKeyStatus { .. } | Self::DeleteKey { .. }
        )
    }
}

/// What a successful call brought back.
#[derive(Debug)]
pub enum Reply {
    Account(GetUserAppIdResponse),
    Users(Vec<User>),
    Details(UserDetails),
    Keys(Vec<AccessKey>),
    LastUsed(Vec<LastUsed>),
    Records(Vec<AccessRecord>),
    /// The new key, with the SecretKey: the only time it is ever seen.
    Created(AccessKeyDetail),
    Done,
    Owner(SearchOutcome),
}

/// A failed call as the user sees it: which call, the Code, the Message and the RequestId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub call: &'static str,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
}

impl Failure {
    pub fn from_call(call: &'static str, error: &CallError) -> Self {
        match error.api() {
            Some(api) => Self {
                call,
                code: api.code.clone(),
                message: match api.hint() {
                    Some(hint) => format!("{} — {hint}", api.message),
                    None => api.message.clone(),
                },
                request_id: Some(api.request_id.clone()),
            },
            None => Self {
                call,
                code: error.code().to_owned(),
                message: error.to_string(),
                request_id: None,
            },
        }
    }
}

impl Failure {
    /// Everything but the RequestId: `ListUsers failed: Code — Message`.
    pub fn summary(&self) -> String {
        format!("{} failed: {} — {}", self.call, self.code, self.message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {} — {}", self.call, self.code, self.message)?;
        match &self.request_id {
            Some(id) => write!(f, " (RequestId {id})"),
            None => write!(f, " (no RequestId: the request got no API answer)"),
        }
    }
}

/// What was put on the clipboard, for the flash line and the countdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    SecretId(String),
    /// The SecretKey of this SecretId (never the SecretKey itself).
    SecretKey(String),
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
