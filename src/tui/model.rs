//! The console's plain data: the tabs; what the worker brings back (the listed users with their
//! filter text, a user's details, keys' last use, access records); keys named with their owner;
//! the tickets that pair answers with questions; and failed calls as the user sees them. Nothing here knows about key presses,
//! screens or the loop.

use crate::cam::CallError;
use crate::cam::de::beijing;
use crate::cam::model::{LastUse, SecretId, User, UserKind};
use crate::i18n::{Language, Text};

/// Identifies one call, so its answer can be matched with the question and dropped when stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(pub u64);

/// The four tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Users,
    Details,
    Keys,
    Report,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Users, Tab::Details, Tab::Keys, Tab::Report];

    pub fn title(self) -> Text<'static> {
        match self {
            Self::Users => Text::TabUsers,
            Self::Details => Text::TabDetails,
            Self::Keys => Text::TabKeys,
            Self::Report => Text::TabReport,
        }
    }

    pub fn number(self) -> usize {
        self.index() + 1
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    #[must_use]
    pub fn previous(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The users of the User List, each with the text its filter looks in (name, remark and UIN in
/// lower case). The worker builds it, so the loop never lowercases 50,000 rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListedUsers {
    users: Vec<User>,
    haystacks: Vec<String>,
}

impl ListedUsers {
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// The users, and their filter texts in the same order.
    pub fn into_parts(self) -> (Vec<User>, Vec<String>) {
        (self.users, self.haystacks)
    }
}

impl From<Vec<User>> for ListedUsers {
    fn from(users: Vec<User>) -> Self {
        let haystacks = users
            .iter()
            .map(|user| format!("{}\t{}\t{}", user.name, user.remark, user.uin).to_lowercase())
            .collect();
        Self { users, haystacks }
    }
}

/// A key named with its owner: one of many changed at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRef {
    pub uin: u64,
    pub owner: String,
    pub secret_id: SecretId,
}

/// Every field the User Details tab shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetails {
    pub uin: u64,
    pub uid: u64,
    pub name: String,
    pub kind: UserKind,
    pub remark: String,
    pub console_login: bool,
    pub phone: String,
    pub country_code: String,
    pub email: String,
    pub last_login_ip: String,
    pub last_login_time: String,
    pub created: String,
}

impl UserDetails {
    /// What the User List's row already says; the last login is not in a list.
    pub fn from_row(user: &User) -> Self {
        Self {
            uin: user.uin,
            uid: user.uid,
            name: user.name.clone(),
            kind: user.kind,
            remark: user.remark.clone(),
            console_login: user.console_login,
            phone: user.phone.clone(),
            country_code: user.country_code.clone(),
            email: user.email.clone(),
            last_login_ip: String::new(),
            last_login_time: String::new(),
            created: user.created.clone(),
        }
    }
}

/// When a key was last used (`GetSecurityLastUsed`); `None` when never.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastUsed {
    pub secret_id: SecretId,
    pub when: Option<LastUse>,
}

/// One access record of a key (a CloudAudit event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRecord {
    /// Unix seconds.
    pub time: i64,
    pub action: String,
    pub source_ip: String,
    pub region: String,
    /// `None` for a successful call, else the API error code (or the numeric one).
    pub error: Option<String>,
    /// The error's message, when the event has it.
    pub message: String,
    pub request_id: String,
    /// What the call was about: `cam`, or `cam · alice`.
    pub resource: String,
    /// The event document (`CloudAuditEvent`), pretty-printed.
    pub document: String,
}

impl AccessRecord {
    /// `2024-05-01 16:00:00 UTC+8`.
    pub fn time_with_zone(&self) -> String {
        format!("{} {TIME_ZONE}", unix_time(self.time))
    }
}

/// The zone every time on screen is in: CAM writes Beijing time.
pub const TIME_ZONE: &str = "UTC+8";

/// Unix seconds as CAM shows times: Beijing time, `YYYY-MM-DD HH:MM:SS`.
pub fn unix_time(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(
        || secs.to_string(),
        |t| {
            t.with_timezone(&beijing())
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

/// What a new target brings to the header (`:profile NAME` or `:sandbox` switched to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInfo {
    pub label: String,
    pub sandbox: bool,
    pub read_only: bool,
    pub accent: Option<ratatui::style::Color>,
    /// The profile in use, if any (`:profile` marks it).
    pub profile: Option<String>,
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
    /// `error` of `call`, worded in `language` (an API error keeps the API's own message).
    pub fn from_call(call: &'static str, error: &CallError, language: Language) -> Self {
        let message = match error {
            CallError::Api(api) => match language.api_advice(api) {
                Some(advice) => language
                    .text(Text::MessageAdvice {
                        message: &api.message,
                        advice: &advice,
                    })
                    .into_owned(),
                None => api.message.clone(),
            },
            // "http://…: connection refused; is the server running?", not "could not reach …".
            CallError::Network { url, cause } => {
                let words = &language.network_cause(cause);
                match language.network_advice(cause) {
                    Some(check) => language.text(Text::UnreachableCheck {
                        url,
                        cause: words,
                        check: &check,
                    }),
                    None => language.text(Text::Unreachable { url, cause: words }),
                }
                .into_owned()
            }
            _ => language.call_error(error),
        };
        Self {
            call,
            code: error.code().to_owned(),
            message,
            request_id: error.api().map(|api| api.request_id.clone()),
        }
    }

    /// Whether the server never answered (so trying again may work).
    pub fn unanswered(&self) -> bool {
        self.request_id.is_none()
    }

    /// Everything but the RequestId: `ListUsers failed: Code — Message`.
    pub fn summary(&self, language: Language) -> String {
        language
            .text(Text::CallFailed {
                call: self.call,
                code: &self.code,
                message: &self.message,
            })
            .into_owned()
    }

    /// The summary and the RequestId, or that there is none.
    pub fn describe(&self, language: Language) -> String {
        let request_id = match &self.request_id {
            Some(request_id) => language.text(Text::RequestIdSuffix { request_id }),
            None => language.text(Text::NoRequestId),
        };
        self.summary(language) + &request_id
    }
}
