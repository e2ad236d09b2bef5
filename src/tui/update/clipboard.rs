//! Copies: a SecretId, or a SecretKey that is cleared from the clipboard when its countdown
//! ends; and what the clipboard answered.

use crate::cam::Secret;
use crate::i18n::Text;
use crate::tui::action::{Copied, Effect};
use crate::tui::clipboard::{Backend, ClipboardError, Destination};
use crate::tui::state::{
    ClipboardCountdown, Level, SECRET_CLIPBOARD_SECONDS, State, TICKS_PER_SECOND,
};
use crate::tui::update::core::flash;

/// Puts `text` on the clipboard; a SecretKey starts the countdown that clears it.
pub fn copy(state: &mut State, what: Copied, text: Secret) -> Vec<Effect> {
    if state.header.clipboard == Backend::Off {
        let text = state.language.text(Text::ClipboardOffNothingCopied);
        flash(state, Level::Warning, text);
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
            let language = state.language;
            let mut text = destination.sent(&what.label(language), language);
            if matches!(what, Copied::SecretKey(_)) {
                text += &language.text(Text::ClearedInSeconds {
                    seconds: SECRET_CLIPBOARD_SECONDS,
                });
            }
            flash(state, Level::Info, text);
        }
        Err(e) => {
            if matches!(what, Copied::SecretKey(_)) {
                state.countdown = None;
            }
            let text = state.language.text(Text::NothingCopied {
                why: &e.message(state.language),
            });
            flash(state, Level::Error, text);
        }
    }
}

pub fn on_cleared(state: &mut State, result: Result<bool, ClipboardError>) {
    let language = state.language;
    let (level, text) = match result {
        Ok(true) => (Level::Info, language.text(Text::SecretKeyCleared)),
        Ok(false) => (Level::Info, language.text(Text::SecretKeyNoLongerHeld)),
        Err(e) => (
            Level::Error,
            language.text(Text::ClipboardNotCleared {
                error: &e.message(language),
            }),
        ),
    };
    flash(state, level, text);
}
