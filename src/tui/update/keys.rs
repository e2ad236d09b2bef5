//! The API Keys tab: the open user's keys, their last use and the access-records panel — loading
//! them, moving, copying a SecretId, and asking for a new key, a status change or a deletion —
//! and what the answers change.

use crate::cam::Secret;
use crate::cam::model::{AccessKey, AccessKeyDetail, KEYS_PER_USER, KeyStatus, SecretId};
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{AccessPanel, Confirm, Level, Modal, Remote, SecretModal, State};
use crate::tui::update::core::{
    NO_USER, busy, call, fail, flash, is_move, moved, mutate, unexpected,
};
use crate::tui::update::{clipboard, confirm};

/// The open user's keys again.
pub fn load(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    open.keys.start();
    let uin = open.user.uin;
    vec![call(state, Request::Keys { uin })]
}

/// The access records of the key the panel shows, again.
fn load_records(state: &mut State) -> Vec<Effect> {
    let Some(panel) = state.open.as_mut().and_then(|o| o.panel.as_mut()) else {
        return Vec::new();
    };
    panel.records.start();
    let secret_id = panel.secret_id.clone();
    vec![call(state, Request::Records { secret_id })]
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        return move_cursor(state, command);
    }
    match command {
        Command::Back => {
            match state.open.as_mut() {
                Some(open) if open.panel.is_some() => open.panel = None,
                _ => state.tab = Tab::Details,
            }
            Vec::new()
        }
        Command::Refresh => {
            if state.open.is_none() {
                flash(state, Level::Warning, NO_USER);
                return Vec::new();
            }
            let mut effects = load(state);
            effects.extend(load_records(state));
            effects
        }
        Command::CreateKey => create(state),
        Command::CopySecretId => {
            let Some((_, _, key)) = selected_key(state) else {
                return Vec::new();
            };
            clipboard::copy(
                state,
                Copied::SecretId(key.access_key_id.clone()),
                Secret::new(key.access_key_id),
            )
        }
        Command::DisableKey => set_status(state, KeyStatus::Inactive),
        Command::EnableKey => set_status(state, KeyStatus::Active),
        Command::DeleteKey => delete(state),
        Command::AccessPanel => toggle_panel(state),
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

/// Puts the cursor on the key at `index`; the access panel follows it.
pub fn select(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if index == open.key_cursor {
        return Vec::new();
    }
    open.key_cursor = index;
    follow_panel(state)
}

/// The access panel follows the selected key.
pub fn follow_panel(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let selected = open.selected_key().map(|k| k.access_key_id.clone());
    match (open.panel.as_mut(), selected) {
        (Some(panel), Some(secret_id)) if panel.secret_id != secret_id => {
            *panel = AccessPanel {
                secret_id,
                records: Remote::default(),
            };
            load_records(state)
        }
        (Some(_), None) => {
            open.panel = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn toggle_panel(state: &mut State) -> Vec<Effect> {
    if let Some(open) = state.open.as_mut()
        && open.panel.take().is_some()
    {
        return Vec::new();
    }
    let Some((_, _, key)) = selected_key(state) else {
        return Vec::new();
    };
    if let Some(open) = state.open.as_mut() {
        open.panel = Some(AccessPanel {
            secret_id: key.access_key_id,
            records: Remote::default(),
        });
    }
    load_records(state)
}

/// The open user and their selected key, or a flash saying what is missing.
fn selected_key(state: &mut State) -> Option<(u64, String, AccessKey)> {
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

fn create(state: &mut State) -> Vec<Effect> {
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
    if busy(state) {
        return Vec::new();
    }
    mutate(state, Request::CreateKey { uin, user_name })
}

/// `d` / `e`: asks before disabling or enabling the selected key.
fn set_status(state: &mut State, status: KeyStatus) -> Vec<Effect> {
    let Some((uin, user_name, key)) = selected_key(state) else {
        return Vec::new();
    };
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
            secret_id: key.access_key_id,
            status,
        };
        confirm::ask(state, Confirm::press(request, user_name));
    }
    Vec::new()
}

/// `D`: asks before deleting the selected key, which must be disabled first.
fn delete(state: &mut State) -> Vec<Effect> {
    let Some((uin, user_name, key)) = selected_key(state) else {
        return Vec::new();
    };
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
            secret_id: key.access_key_id,
        };
        confirm::ask(state, Confirm::typed(request, user_name));
    }
    Vec::new()
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
            fail(state, &failure);
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
    } else {
        open.last_used.start();
        effects.push(call(state, Request::LastUsed { uin, secret_ids }));
    }
    effects.extend(follow_panel(state));
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
        fail(state, failure);
    }
    if let Some(open) = state.open.as_mut() {
        open.last_used.finish(result);
    }
    Vec::new()
}

/// `DescribeEvents` answered: kept if the panel still shows that key (a failure shows in the
/// panel, not the flash).
pub fn on_records(
    state: &mut State,
    secret_id: &SecretId,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    let result = result.and_then(|reply| match reply {
        Reply::Records(records) => Ok(records),
        other => Err(unexpected("DescribeEvents", &other)),
    });
    if let Some(panel) = state
        .open
        .as_mut()
        .and_then(|o| o.panel.as_mut())
        .filter(|p| p.secret_id == *secret_id)
    {
        panel.records.finish(result);
    }
    Vec::new()
}

/// A key was created: its one-time SecretKey opens at once.
pub fn on_created(
    state: &mut State,
    uin: u64,
    user_name: String,
    key: AccessKeyDetail,
) -> Vec<Effect> {
    flash(
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
    flash(state, Level::Info, message);
    reload_if_open(state, uin)
}

/// A key was deleted.
pub fn on_deleted(state: &mut State, uin: u64, secret_id: &SecretId) -> Vec<Effect> {
    flash(
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
