//! The one-time SecretKey of a new key: revealing it, copying it or its SecretId, checking that
//! it signs, and closing only once "I have saved the SecretKey" is ticked.

use crate::cam::model::SecretId;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::model::Failure;
use crate::tui::state::{Level, Modal, State};
use crate::tui::update::clipboard;
use crate::tui::update::core::{call, flash, unexpected};

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(Modal::Secret(modal)) = &mut state.modal else {
        return Vec::new();
    };
    match command {
        Command::Reveal => modal.revealed = !modal.revealed,
        Command::VerifyKey if !modal.verified.is_loading() => {
            modal.verified.start();
            let request = Request::VerifyKey {
                secret_id: modal.key.access_key_id.clone(),
                secret: modal.key.secret_access_key.clone(),
            };
            return vec![call(state, request)];
        }
        Command::Acknowledge => modal.acknowledged = !modal.acknowledged,
        Command::Copy => {
            let secret_id = modal.key.access_key_id.clone();
            return clipboard::copy_plain(state, Copied::SecretId(secret_id));
        }
        Command::CopySecretKey => {
            let (secret_id, secret) = (
                modal.key.access_key_id.clone(),
                modal.key.secret_access_key.clone(),
            );
            return clipboard::copy(state, Copied::SecretKey(secret_id), secret);
        }
        Command::CloseSecret if modal.acknowledged => {
            // Dropping the modal drops the only SecretKey camtui held (zeroized on drop).
            state.modal = None;
            flash(
                state,
                Level::Info,
                "The SecretKey is gone from camtui and cannot be shown again",
            );
        }
        Command::CloseSecret | Command::Quit => flash(
            state,
            Level::Warning,
            "The SecretKey cannot be shown again: save it, tick \"I have saved the SecretKey\" (Space), then close (Enter)",
        ),
        _ => {}
    }
    Vec::new()
}

/// The new key signed `GetUserAppId`, or could not: the window says so, if it is still open.
pub fn on_verified(state: &mut State, secret_id: &SecretId, result: Result<Reply, Failure>) {
    let Some(Modal::Secret(modal)) = &mut state.modal else {
        return;
    };
    if modal.key.access_key_id != *secret_id {
        return;
    }
    modal.verified.finish(result.and_then(|reply| match reply {
        Reply::Verified(who) => Ok(format!(
            "It signs: GetUserAppId answered for UIN {}",
            who.uin
        )),
        other => Err(unexpected("GetUserAppId", &other)),
    }));
}
