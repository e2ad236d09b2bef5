//! The rotation wizard (`R` on API Keys): each step's action through the same confirmations
//! and create path as the keys themselves, the old key's last use and records asked again every
//! few seconds while workloads move and after it is disabled, `e` to enable it again if
//! something still needs it. Where the rotation stands is never stored: it is read off the keys.

use crate::cam::model::KeyStatus;
use crate::cam::rotation::Position;
use crate::tui::action::{Command, Effect};
use crate::tui::state::{Context, Level, Rotation, State, TICKS_PER_SECOND};
use crate::tui::update::core::flash;
use crate::tui::update::{call_log, drawer, help, keys};

/// How often the keys, their last use and the old key's records are asked again while the
/// workloads move and after the old key is disabled.
pub const REFRESH_TICKS: u64 = 15 * TICKS_PER_SECOND;

/// `R`: the wizard for the selected key, starting from fresh keys and records.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some((uin, user_name, key)) = keys::selected_key(state) else {
        return Vec::new();
    };
    state.rotation = Some(Rotation {
        uin,
        user_name,
        old: key.access_key_id,
        refresh_at: 0,
    });
    refresh(state)
}

/// The keys (so where the rotation stands), their last use, and the old key's records.
fn refresh(state: &mut State) -> Vec<Effect> {
    let next = state.ticks + REFRESH_TICKS;
    if let Some(rotation) = state.rotation.as_mut() {
        rotation.refresh_at = next;
    }
    let mut effects = keys::load(state);
    effects.extend(drawer::reload(state));
    effects
}

/// A quarter second passed: while the workloads move or the old key is disabled, its use is
/// asked again every [`REFRESH_TICKS`].
pub fn on_tick(state: &mut State) -> Vec<Effect> {
    let Some(rotation) = &state.rotation else {
        return Vec::new();
    };
    let watching = matches!(
        state.open.as_ref().and_then(|open| rotation.position(open)),
        Some(Position::Switch { .. } | Position::Disabled { .. })
    );
    if watching && state.ticks >= rotation.refresh_at {
        refresh(state)
    } else {
        Vec::new()
    }
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Step => return step(state),
        Command::EnableKey => enable_again(state),
        Command::Refresh => return refresh(state),
        Command::Back => {
            state.rotation = None;
            flash(
                state,
                Level::Info,
                "Closed: R on the key resumes the rotation where it stands",
            );
        }
        Command::ShowLog => call_log::open(state),
        Command::Help => help::open(state, Context::Rotation),
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Enter: this step's change, asked for the way the keys ask for it.
fn step(state: &mut State) -> Vec<Effect> {
    let Some((rotation, position)) = where_it_stands(state) else {
        return Vec::new();
    };
    let Rotation {
        uin,
        user_name,
        old,
        ..
    } = rotation;
    let old_key = state
        .open
        .as_ref()
        .and_then(|open| open.key_list().iter().find(|k| k.access_key_id == old))
        .cloned();
    match (position, old_key) {
        (Position::FreeSlot { retire }, _) if retire.status == KeyStatus::Inactive => {
            keys::ask_delete(state, uin, user_name, &retire);
        }
        (Position::FreeSlot { retire }, _) => {
            keys::ask_status(state, uin, user_name, &retire, KeyStatus::Inactive);
        }
        (Position::Create, _) => return keys::create(state),
        (Position::Switch { .. }, Some(old_key)) => {
            keys::ask_status(state, uin, user_name, &old_key, KeyStatus::Inactive);
        }
        (Position::Disabled { .. }, Some(old_key)) => {
            keys::ask_delete(state, uin, user_name, &old_key);
        }
        (Position::Gone | Position::Switch { .. } | Position::Disabled { .. }, _) => {
            state.rotation = None;
            flash(
                state,
                Level::Info,
                format!("The rotation of {old} is finished"),
            );
        }
    }
    Vec::new()
}

/// `e`: something still needs the old key — enable it again (confirmed as always).
fn enable_again(state: &mut State) {
    let Some((rotation, position)) = where_it_stands(state) else {
        return;
    };
    let old_key = state
        .open
        .as_ref()
        .and_then(|open| {
            open.key_list()
                .iter()
                .find(|k| k.access_key_id == rotation.old)
        })
        .cloned();
    match (position, old_key) {
        (Position::Disabled { .. }, Some(old_key)) => keys::ask_status(
            state,
            rotation.uin,
            rotation.user_name,
            &old_key,
            KeyStatus::Active,
        ),
        _ => flash(
            state,
            Level::Info,
            "e enables the old key again once it is disabled (step 4)",
        ),
    }
}

/// The wizard and where its rotation stands, or a flash saying the keys are not in yet.
fn where_it_stands(state: &mut State) -> Option<(Rotation, Position)> {
    let rotation = state.rotation.clone()?;
    let position = state.open.as_ref().and_then(|open| rotation.position(open));
    if position.is_none() {
        flash(state, Level::Info, "The keys are still loading");
    }
    Some((rotation, position?))
}
