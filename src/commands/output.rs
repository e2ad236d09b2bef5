//! What every subcommand shares: where it writes and how it may ask ([`Console`]), how it fails
//! ([`CommandError`] and the exit statuses scripts rely on), and printing one value as an aligned
//! table or stable JSON.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::cam::model::{KEYS_PER_USER, SecretId};
use crate::cam::walk::{Progress, SkippedUser};
use crate::cam::{ActionError, CallError};
use crate::cli::OutputFormat;
use crate::i18n::{Language, Text};
use crate::target::{ConnectError, TargetError};

/// Exit statuses (sysexits' `EX_USAGE` for usage errors).
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_API_ERROR: u8 = 2;
pub const EXIT_USAGE: u8 = 64;
pub const EXIT_INTERRUPTED: u8 = 130;

/// The exit status when the target cannot be resolved — the same for the console and every
/// subcommand: a profile or endpoint that does not exist is a usage error, missing or broken
/// credentials a failure.
pub fn target_error_status(e: &TargetError) -> u8 {
    match e {
        TargetError::UnknownProfile { .. } | TargetError::Endpoint(_) => EXIT_USAGE,
        _ => EXIT_FAILURE,
    }
}

/// How a subcommand fails. [`CommandError::message`] says it in the run's language; `Display`
/// says it in English.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Language::EnUs))]
pub enum CommandError {
    /// `keys delete` without `--yes` cannot ask: stdin is not a terminal.
    DeleteNeedsYes,
    /// `serve`, `completions` and `man` are not requests to a target.
    RunsLocally,
    /// `call --json` is not JSON.
    InvalidJson {
        error: String,
        json: String,
    },
    /// `call --json` is JSON but not an object.
    JsonNotObject,
    /// `whois` was given something that is not a SecretId.
    NotASecretId(String),
    Call(#[from] CallError),
    /// A change asked of a read-only target; `profile` is where it is set, if not by the flag.
    ReadOnly {
        target: String,
        profile: Option<String>,
    },
    /// The target could not be connected (the words come from [`ConnectError`]).
    Connect(#[from] ConnectError),
    NoSuchUser(String),
    /// `CreateAccessKey` answered without the key.
    NoKeyInReply {
        request_id: String,
    },
    NoSuchKey {
        user: UserId,
        secret_id: SecretId,
    },
    /// Only a disabled key is deleted; `user` as it was typed.
    KeyEnabled {
        secret_id: SecretId,
        user: String,
    },
    NotConfirmed,
    /// `keys rotate` needs a free slot; `retire` is the key to free it.
    NoFreeSlot {
        user: UserId,
        retire: SecretId,
        retire_enabled: bool,
    },
    /// `keys rotate` without `--finish`, when `new` (created then) already succeeds `old`.
    RotationUnderWay {
        old: SecretId,
        new: SecretId,
        created: String,
    },
    /// `keys rotate --finish` before the successor exists.
    NoSuccessor(SecretId),
    /// The successor's creation time does not parse.
    UnknownCreateTime {
        secret_id: SecretId,
        created: String,
    },
    /// `old` was used after `new` was created; `evidence` is a line per use.
    StillUsed {
        old: SecretId,
        new: SecretId,
        created: String,
        evidence: String,
    },
    /// `whois` walked every user; `unread` is how many could not be read, with the first.
    NoOwner {
        secret_id: SecretId,
        searched: usize,
        unread: Vec<SkippedUser>,
    },
    Interrupted,
    Output(#[from] io::Error),
}

/// A failed walk is reported as its failed call: Code, Message and RequestId.
impl From<ActionError> for CommandError {
    fn from(e: ActionError) -> Self {
        Self::Call(e.source)
    }
}

impl CommandError {
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::DeleteNeedsYes
            | Self::RunsLocally
            | Self::InvalidJson { .. }
            | Self::JsonNotObject
            | Self::NotASecretId(_) => EXIT_USAGE,
            Self::Call(CallError::Api(_)) => EXIT_API_ERROR,
            Self::Interrupted => EXIT_INTERRUPTED,
            Self::Call(_)
            | Self::ReadOnly { .. }
            | Self::Connect(_)
            | Self::NoSuchUser(_)
            | Self::NoKeyInReply { .. }
            | Self::NoSuchKey { .. }
            | Self::KeyEnabled { .. }
            | Self::NotConfirmed
            | Self::NoFreeSlot { .. }
            | Self::RotationUnderWay { .. }
            | Self::NoSuccessor(_)
            | Self::UnknownCreateTime { .. }
            | Self::StillUsed { .. }
            | Self::NoOwner { .. }
            | Self::Output(_) => EXIT_FAILURE,
        }
    }

    /// What went wrong, in `language`. An API error is `Code: Message (RequestId …)`, its
    /// Message in the language the API was asked to answer in.
    pub fn message(&self, language: Language) -> String {
        let text = |text: Text<'_>| language.text(text).into_owned();
        match self {
            Self::DeleteNeedsYes => text(Text::ErrorDeleteNeedsYes),
            Self::RunsLocally => text(Text::ErrorRunsLocally),
            Self::InvalidJson { error, json } => text(Text::ErrorInvalidJson { error, json }),
            Self::JsonNotObject => text(Text::ErrorJsonNotObject),
            Self::NotASecretId(given) => text(Text::ErrorNotASecretId { text: given }),
            Self::Call(e) => language.call_error(e),
            Self::ReadOnly { target, profile } => {
                let why = match profile {
                    Some(profile) => text(Text::ReadOnlyInProfile { profile }),
                    None => "--read-only".to_owned(),
                };
                text(Text::ErrorReadOnly { target, why: &why })
            }
            Self::Connect(e) => e.to_string(),
            Self::NoSuchUser(name) => text(Text::ErrorNoSuchUser { name }),
            Self::NoKeyInReply { request_id } => text(Text::ErrorNoKeyInReply { request_id }),
            Self::NoSuchKey { user, secret_id } => text(Text::ErrorNoSuchKey {
                user: &user.describe(language),
                secret_id: secret_id.as_str(),
            }),
            Self::KeyEnabled { secret_id, user } => text(Text::ErrorKeyEnabled {
                secret_id: secret_id.as_str(),
                user,
            }),
            Self::NotConfirmed => text(Text::ErrorNotConfirmed),
            Self::NoFreeSlot {
                user,
                retire,
                retire_enabled,
            } => text(Text::ErrorNoFreeSlot {
                user: &user.describe(language),
                limit: KEYS_PER_USER,
                retire: retire.as_str(),
                how: &text(if *retire_enabled {
                    Text::RetireEnabled
                } else {
                    Text::RetireDisabled
                }),
            }),
            Self::RotationUnderWay { old, new, created } => text(Text::ErrorRotationUnderWay {
                old: old.as_str(),
                new: new.as_str(),
                created,
            }),
            Self::NoSuccessor(old) => text(Text::ErrorNoSuccessor { old: old.as_str() }),
            Self::UnknownCreateTime { secret_id, created } => text(Text::ErrorUnknownCreateTime {
                secret_id: secret_id.as_str(),
                created,
            }),
            Self::StillUsed {
                old,
                new,
                created,
                evidence,
            } => text(Text::ErrorStillUsed {
                used: &used_after_successor(language, old, new, created, evidence),
                old: old.as_str(),
                new: new.as_str(),
            }),
            Self::NoOwner {
                secret_id,
                searched,
                unread,
            } => {
                let (secret_id, searched) = (secret_id.as_str(), *searched);
                match unread.first() {
                    None => text(Text::ErrorNoOwner {
                        secret_id,
                        searched,
                    }),
                    Some(first) => text(Text::ErrorNoOwnerSomeUnread {
                        secret_id,
                        searched,
                        unread: unread.len(),
                        name: &first.user.name,
                        error: &language.call_error(&first.error),
                    }),
                }
            }
            Self::Interrupted => text(Text::ErrorInterrupted),
            Self::Output(e) => text(Text::ErrorOutput {
                error: &e.to_string(),
            }),
        }
    }

    /// What a person can do about it, if there is more to say than the error itself.
    pub fn advice(&self, language: Language) -> Option<Cow<'static, str>> {
        match self {
            Self::Call(e) => language.advice(e),
            _ => None,
        }
    }
}

/// `old` was used after its successor `new` was `created`, and how (`evidence`), in `language`.
pub fn used_after_successor(
    language: Language,
    old: &SecretId,
    new: &SecretId,
    created: &str,
    evidence: &str,
) -> String {
    language
        .text(Text::UsedAfterSuccessor {
            old: old.as_str(),
            new: new.as_str(),
            created,
            evidence,
        })
        .into_owned()
}

/// Where a subcommand writes, and how it may talk to the person running it.
pub struct Console<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Reads one answer line from the person at the terminal; `None` when stdin is not a terminal.
    pub ask: Option<&'a mut dyn FnMut() -> io::Result<String>>,
    /// Whether stderr is a terminal (progress is drawn only there).
    pub err_is_terminal: bool,
    /// The words of tables and messages (JSON never changes with it).
    pub language: Language,
}

/// A walk's progress on one line of stderr, drawn only when stderr is a terminal: scripts see
/// nothing of it.
pub struct ProgressLine<'a> {
    err: Option<&'a mut dyn Write>,
    /// What the walk does, in the run's language.
    what: String,
    language: Language,
}

impl<'a> ProgressLine<'a> {
    pub fn new(console: &'a mut Console<'_>, what: Text<'_>) -> Self {
        let language = console.language;
        Self {
            err: console.err_is_terminal.then_some(&mut *console.err),
            what: language.text(what).into_owned(),
            language,
        }
    }

    /// `what: 12/40 users, about 3 s left (Ctrl-C cancels)` in place of the last line.
    pub fn show(&mut self, p: &Progress) {
        let Some(err) = self.err.as_mut() else { return };
        let (what, done, total) = (self.what.as_str(), p.done, p.total);
        let line = self.language.text(match p.eta {
            Some(eta) => Text::WalkProgressLeft {
                what,
                done,
                total,
                seconds: eta.as_secs() + 1,
            },
            None => Text::WalkProgress { what, done, total },
        });
        // Progress is decoration: a failed write must not stop the walk.
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Erases the line.
    pub fn clear(self) -> io::Result<()> {
        match self.err {
            Some(err) => err.write_all(b"\r\x1b[2K"),
            None => Ok(()),
        }
    }
}

/// A token that Ctrl-C cancels; cancel it when the walk is over, which ends the watch.
pub fn cancel_on_interrupt() -> CancellationToken {
    let cancel = CancellationToken::new();
    let watched = cancel.clone();
    tokio::spawn(async move {
        tokio::select! {
            () = watched.cancelled() => {}
            signal = tokio::signal::ctrl_c() => {
                if signal.is_ok() {
                    watched.cancel();
                }
            }
        }
    });
    cancel
}

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), CommandError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Table or JSON, from one value.
pub fn print<T: serde::Serialize>(
    console: &mut Console<'_>,
    format: OutputFormat,
    value: &T,
    table: impl FnOnce(&T, &mut dyn Write) -> io::Result<()>,
) -> Result<(), CommandError> {
    match format {
        OutputFormat::Json => write_json(console.out, value),
        OutputFormat::Table => Ok(table(value, console.out)?),
    }
}

/// A USER argument made concrete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserId {
    /// `None` when the user was given by UIN (no call is made to look the name up).
    pub name: Option<String>,
    pub uin: u64,
}

impl UserId {
    /// How messages name the user.
    pub fn describe(&self, language: Language) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.uin),
            None => language
                .text(Text::UserByUin { uin: self.uin })
                .into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_speak_the_run_s_language_and_keep_their_exit_status() {
        let missing = CommandError::NoSuchUser("nobody".into());
        assert_eq!(
            missing.message(Language::ZhCn),
            "没有名为 \"nobody\" 的子用户或协作者"
        );
        assert_eq!(
            missing.to_string(),
            "no sub-user or collaborator is named \"nobody\""
        );
        let refused = CommandError::ReadOnly {
            target: "profile prod".into(),
            profile: Some("prod".into()),
        };
        assert_eq!(
            refused.message(Language::ZhCn),
            "已拒绝：profile prod 为只读（--read-only 或配置 prod 中的 read_only = true），\
             未发送任何请求"
        );
        assert_eq!(CommandError::DeleteNeedsYes.exit_code(), EXIT_USAGE);
        assert_eq!(CommandError::NotConfirmed.exit_code(), EXIT_FAILURE);
        assert_eq!(CommandError::Interrupted.message(Language::ZhCn), "已中断");
    }
}
