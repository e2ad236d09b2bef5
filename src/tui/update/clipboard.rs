//! Copies: a SecretId, or a SecretKey that is cleared from the clipboard when its countdown
//! ends; and what the clipboard answered.

use std::fmt::Write as _;

use crate::cam::Secret;
use crate::tui::action::{Copied, Effect};
use crate::tui::clipboard::{Backend, ClipboardError, Destination};
use crate::tui::state::{
    ClipboardCountdown, Level, SECRET_CLIPBOARD_SECONDS, State, TICKS_PER_SECOND,
};
use crate::tui::update::core::flash;

/// Puts `text` on the clipboard; a SecretKey starts the countdown that clears it.
pub fn copy(state: &mut State, what: Copied, text: Secret) -> Vec<Effect> {
    if state.header.clipboard == Backend::Off {
        flash(
            state,
            Level::Warning,
            "The clipboard is off (--clipboard off): nothing copied",
        );
        return Vec::new();
    }
    if let Copied::SecretKey(secret_id) = &what {
        state.countdown = Some(ClipboardCountdown {
            secret_id: secret_id.clone(),
            secret: text.clone(),
            until: state.ticks + SECRET_CLIPBOARD_SECONDS * TICKS_PER_SECOND,
        });
    }
    vec![Effect::Copy { what, text }]
}

/// Copies what is focused: a SecretId, a UIN, a RequestId (never a SecretKey: see [`copy`]).
pub fn copy_plain(state: &mut State, what: Copied) -> Vec<Effect> {
    match what.plain_text() {
        Some(text) => copy(state, what, Secret::new(text)),
        None => Vec::new(),
    }
}

/// The countdown ended: the SecretKey is cleared.
pub fn on_tick(state: &mut State) -> Vec<Effect> {
    match state.countdown.take() {
        Some(countdown) if state.ticks >= countdown.until => vec![Effect::ClearClipboard {
            secret: countdown.secret,
        }],
        other => {
            state.countdown = other;
            Vec::new()
        }
    }
}

pub fn on_copied(state: &mut State, what: &Copied, result: Result<Destination, ClipboardError>) {
    match result {
        Ok(destination) => {
            let mut text = destination.sent(&what.label(state.language), state.language);
            if matches!(what, Copied::SecretKey(_)) {
                let _ = write!(text, "; cleared in {SECRET_CLIPBOARD_SECONDS} s");
            }
            flash(state, Level::Info, text);
        }
        Err(e) => {
            if matches!(what, Copied::SecretKey(_)) {
                state.countdown = None;
            }
            let why = e.message(state.language);
            flash(state, Level::Error, format!("Nothing copied: {why}"));
        }
    }
}

pub fn on_cleared(state: &mut State, result: Result<bool, ClipboardError>) {
    match result {
        Ok(true) => flash(
            state,
            Level::Info,
            "The copied SecretKey was cleared from the clipboard",
        ),
        Ok(false) => flash(
            state,
            Level::Info,
            "The clipboard no longer held the SecretKey; left it alone",
        ),
        Err(e) => flash(
            state,
            Level::Error,
            format!(
                "Could not clear the clipboard: {}",
                e.message(state.language)
            ),
        ),
    }
}
