//! The API Keys tab: the open user's keys and their last use — loading them, moving, copying a
//! SecretId, opening the access-records drawer, and asking for a new key, a status change or a
//! deletion — and what the answers change.

use crate::cam::model::{AccessKey, AccessKeyDetail, KEYS_PER_USER, KeyStatus, SecretId};
use crate::cam::walk::UserRef;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{Confirm, Level, Modal, Remote, SecretModal, State};
use crate::tui::update::core::{
    NO_USER, call, fail_read, flash, flash_change, is_move, moved, show_tab, unexpected,
};
use crate::tui::update::{clipboard, confirm, drawer};

/// The open user's keys again.
pub fn load(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    open.keys.start();
    let uin = open.user.uin;
    vec![call(state, Request::Keys { uin })]
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        return move_cursor(state, command);
    }
    match command {
        Command::Back => {
            match state.open.as_mut() {
                Some(open) if open.panel.is_some() => open.panel = None,
                _ => show_tab(state, Tab::Details),
            }
            Vec::new()
        }
        Command::Refresh => {
            if state.open.is_none() {
                flash(state, Level::Warning, NO_USER);
                return Vec::new();
            }
            let mut effects = load(state);
            effects.extend(drawer::load(state));
            effects
        }
        Command::CreateKey => create(state),
        Command::Copy => {
            let Some((_, _, key)) = selected_key(state) else {
                return Vec::new();
            };
            clipboard::copy_plain(state, Copied::SecretId(key.access_key_id))
        }
        Command::DisableKey => set_status(state, KeyStatus::Inactive),
        Command::EnableKey => set_status(state, KeyStatus::Active),
        Command::DeleteKey => delete(state),
        Command::AccessPanel => drawer::toggle(state).unwrap_or_else(|| no_key(state)),
        Command::FocusDrawer => drawer::focus(state).unwrap_or_else(|| no_key(state)),
        _ => Vec::new(),
    }
}

/// Moves the cursor one key (there are at most two).
pub fn move_cursor(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return Vec::new();
    };
    let index = moved(open.key_cursor, open.key_list().len(), 1, command);
    select(state, index)
}

/// Puts the cursor on the key at `index`; the drawer follows it.
pub fn select(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if index == open.key_cursor {
        return Vec::new();
    }
    open.key_cursor = index;
    drawer::follow(state)
}

/// Says why there is no selected key (none open, still loading, or none at all).
fn no_key(state: &mut State) -> Vec<Effect> {
    selected_key(state);
    Vec::new()
}

/// The open user and their selected key, or a flash saying what is missing.
pub fn selected_key(state: &mut State) -> Option<(u64, String, AccessKey)> {
    let Some(open) = state.open.as_ref() else {
        flash(state, Level::Warning, NO_USER);
        return None;
    };
    if let Some(key) = open.selected_key() {
        return Some((open.user.uin, open.user.name.clone(), key.clone()));
    }
    let message = if open.keys.is_loading() {
        "The keys are still loading".to_owned()
    } else {
        format!("{} has no API keys (c creates one)", open.user.name)
    };
    flash(state, Level::Warning, message);
    None
}

/// `c`: a new key for the open user, unless they have the most CAM allows.
pub fn create(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        flash(state, Level::Warning, NO_USER);
        return Vec::new();
    };
    let (uin, user_name) = (open.user.uin, open.user.name.clone());
    let Some(count) = open.keys.data.as_ref().map(Vec::len) else {
        flash(
            state,
            Level::Warning,
            "The keys are not loaded yet: wait, or press r to reload",
        );
        return Vec::new();
    };
    if count >= KEYS_PER_USER {
        flash(
            state,
            Level::Warning,
            format!(
                "{user_name} already has {count} API keys, the most CAM allows: delete one first"
            ),
        );
        return Vec::new();
    }
    let request = Request::CreateKey {
        uin,
        user_name: user_name.clone(),
        description: None,
    };
    confirm::ask(state, Confirm::described(request, user_name));
    Vec::new()
}

/// `d` / `e`: asks before disabling or enabling the selected key.
fn set_status(state: &mut State, status: KeyStatus) -> Vec<Effect> {
    if let Some((uin, user_name, key)) = selected_key(state) {
        ask_status(state, uin, user_name, &key, status);
    }
    Vec::new()
}

/// Asks before disabling or enabling `key` of `uin`.
pub fn ask_status(
    state: &mut State,
    uin: u64,
    user_name: String,
    key: &AccessKey,
    status: KeyStatus,
) {
    if key.status == status {
        flash(
            state,
            Level::Info,
            format!(
                "{} is already {}",
                key.access_key_id,
                status.label().to_lowercase()
            ),
        );
    } else {
        let request = Request::SetKeyStatus {
            uin,
            secret_id: key.access_key_id.clone(),
            status,
        };
        confirm::ask(state, Confirm::press(request, user_name));
    }
}

/// `D`: asks before deleting the selected key, which must be disabled first.
fn delete(state: &mut State) -> Vec<Effect> {
    if let Some((uin, user_name, key)) = selected_key(state) {
        ask_delete(state, uin, user_name, &key);
    }
    Vec::new()
}

/// Asks before deleting `key` of `uin` (typed), which must be disabled first.
pub fn ask_delete(state: &mut State, uin: u64, user_name: String, key: &AccessKey) {
    if key.status == KeyStatus::Active {
        flash(
            state,
            Level::Warning,
            format!(
                "{} is enabled: disable it first (d), then delete it",
                key.access_key_id
            ),
        );
    } else {
        let request = Request::DeleteKey {
            uin,
            secret_id: key.access_key_id.clone(),
        };
        confirm::ask(state, Confirm::typed(request, user_name));
    }
}

/// `ListAccessKeys` answered about `uin`: the cursor stays on its key (or goes to the one an
/// owner search found), and their last use loads.
pub fn on_listed(state: &mut State, uin: u64, result: Result<Reply, Failure>) -> Vec<Effect> {
    if !state.is_open(uin) {
        return Vec::new();
    }
    let keys = match result {
        Ok(Reply::Keys(keys)) => keys,
        Err(failure) => {
            fail_read(state, &failure);
            if let Some(open) = state.open.as_mut() {
                open.keys.finish(Err(failure));
            }
            return Vec::new();
        }
        Ok(_) => return Vec::new(),
    };
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let selected = open
        .select_key
        .take()
        .or_else(|| open.selected_key().map(|k| k.access_key_id.clone()));
    open.key_cursor = selected
        .and_then(|id| keys.iter().position(|k| k.access_key_id == id))
        .unwrap_or(0)
        .min(keys.len().saturating_sub(1));
    let secret_ids: Vec<SecretId> = keys.iter().map(|k| k.access_key_id.clone()).collect();
    open.keys.finish(Ok(keys));
    let mut effects = Vec::new();
    if secret_ids.is_empty() {
        open.last_used.finish(Ok(Vec::new()));
        sync_report(state);
    } else {
        open.last_used.start();
        effects.push(call(state, Request::LastUsed { uin, secret_ids }));
    }
    effects.extend(drawer::follow(state));
    effects
}

/// `GetSecurityLastUsed` answered about `uin`'s keys.
pub fn on_last_used(state: &mut State, uin: u64, result: Result<Reply, Failure>) -> Vec<Effect> {
    if !state.is_open(uin) {
        return Vec::new();
    }
    let result = result.and_then(|reply| match reply {
        Reply::LastUsed(rows) => Ok(rows),
        other => Err(unexpected("GetSecurityLastUsed", &other)),
    });
    if let Err(failure) = &result {
        fail_read(state, failure);
    }
    if let Some(open) = state.open.as_mut() {
        open.last_used.finish(result);
    }
    sync_report(state);
    Vec::new()
}

/// The Key Report follows what this tab lists: the open user's rows are made anew from their
/// keys and last use.
fn sync_report(state: &mut State) {
    let (Some(open), report) = (&state.open, &mut state.report) else {
        return;
    };
    let (Some(keys), Some(uses)) = (&open.keys.data, &open.last_used.data) else {
        return;
    };
    report.replace_user(&UserRef::from(&open.user), keys, |id| {
        uses.iter()
            .find(|u| u.secret_id == *id)
            .and_then(|u| u.when)
    });
}

/// A key was created: its one-time SecretKey opens at once.
pub fn on_created(
    state: &mut State,
    uin: u64,
    user_name: String,
    key: AccessKeyDetail,
) -> Vec<Effect> {
    flash_change(
        state,
        Level::Info,
        format!("Created {} for {user_name}", key.access_key_id),
    );
    // Whatever else was open, the one-time SecretKey wins: it can never be shown again.
    state.modal = Some(Modal::Secret(SecretModal {
        user_name,
        key,
        revealed: false,
        acknowledged: false,
        verified: Remote::default(),
    }));
    reload_if_open(state, uin)
}

/// A key was disabled or enabled.
pub fn on_status_set(
    state: &mut State,
    uin: u64,
    secret_id: &SecretId,
    status: KeyStatus,
) -> Vec<Effect> {
    let message = match status {
        KeyStatus::Inactive => {
            format!("Disabled {secret_id}: requests signed with it are now refused")
        }
        KeyStatus::Active => format!("Enabled {secret_id}"),
    };
    flash_change(state, Level::Info, message);
    reload_if_open(state, uin)
}

/// A key was deleted.
pub fn on_deleted(state: &mut State, uin: u64, secret_id: &SecretId) -> Vec<Effect> {
    flash_change(
        state,
        Level::Info,
        format!("Deleted {secret_id}: it can never be used again"),
    );
    reload_if_open(state, uin)
}

fn reload_if_open(state: &mut State, uin: u64) -> Vec<Effect> {
    if state.is_open(uin) {
        load(state)
    } else {
        Vec::new()
    }
}
