//! What every subcommand shares: where it writes and how it may ask ([`Console`]), how it fails
//! ([`CommandError`] and the exit statuses scripts rely on), and printing one value as an aligned
//! table or stable JSON.

use std::io::{self, Write};

use tokio_util::sync::CancellationToken;

use crate::cam::walk::Progress;
use crate::cam::{ActionError, CallError};
use crate::cli::OutputFormat;
use crate::i18n::Language;
use crate::target::TargetError;

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

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The command line asks for something that cannot be done as asked.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Call(#[from] CallError),
    #[error("refused: {target} is read-only ({why}); nothing was sent")]
    ReadOnly { target: String, why: String },
    #[error("{0}")]
    Failed(String),
    #[error("interrupted")]
    Interrupted,
    #[error("cannot write the output: {0}")]
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
            Self::Usage(_) => EXIT_USAGE,
            Self::Call(CallError::Api(_)) => EXIT_API_ERROR,
            Self::Interrupted => EXIT_INTERRUPTED,
            Self::Call(_) | Self::ReadOnly { .. } | Self::Failed(_) | Self::Output(_) => {
                EXIT_FAILURE
            }
        }
    }

    /// What a person can do about it, if there is more to say than the error itself.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Self::Call(CallError::Api(e)) => e.hint(),
            Self::Call(CallError::Network { cause, .. }) => cause.hint(),
            _ => None,
        }
    }
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
    what: &'static str,
}

impl<'a> ProgressLine<'a> {
    pub fn new(console: &'a mut Console<'_>, what: &'static str) -> Self {
        Self {
            err: console.err_is_terminal.then_some(&mut *console.err),
            what,
        }
    }

    /// `what: 12/40 users, about 3 s left (Ctrl-C cancels)` in place of the last line.
    pub fn show(&mut self, p: &Progress) {
        let Some(err) = self.err.as_mut() else { return };
        let eta = p
            .eta
            .map(|eta| format!(", about {} s left", eta.as_secs() + 1))
            .unwrap_or_default();
        // Progress is decoration: a failed write must not stop the walk.
        let _ = write!(
            err,
            "\r\x1b[2K{}: {}/{} users{eta} (Ctrl-C cancels)",
            self.what, p.done, p.total
        );
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
