//! Which tab is shown, and what it shows: going to User Details or API Keys opens the user
//! selected in the User List, loading what is not loaded yet (shown at once from the Key Report
//! when it has them); going to the Key Report loads it the first time.

use std::sync::Arc;

use crate::cam::model::SecretId;
use crate::cam::report::DEFAULT_STALE_DAYS;
use crate::cam::walk::UserRef;
use crate::tui::action::{Effect, Request};
use crate::tui::model::Tab;
use crate::tui::report_table::Loading;
use crate::tui::state::{Level, Modal, OpenUser, State};
use crate::tui::update::core::{call, flash, navigated, scroll_users, show_tab};
use crate::tui::update::{details, drawer, keys};

pub fn go(state: &mut State, tab: Tab) -> Vec<Effect> {
    show_tab(state, tab);
    match tab {
        Tab::Details | Tab::Keys => open_user(state),
        Tab::Report if state.report.loading == Loading::Idle => load_report(state),
        Tab::Users | Tab::Report => Vec::new(),
    }
}

/// Starts the report's walk over every user in the User List; what an earlier one brought
/// goes. Waits for the users if they are still loading.
pub fn load_report(state: &mut State) -> Vec<Effect> {
    if state.users.load.data.is_none() {
        flash(
            state,
            Level::Info,
            "The report starts once the User List is in",
        );
        return Vec::new();
    }
    let users: Arc<[UserRef]> = state.users.all().map(UserRef::from).collect();
    let count = users.len();
    let effect = call(
        state,
        Request::Report {
            users,
            stale_days: DEFAULT_STALE_DAYS,
        },
    );
    if let Effect::Call { ticket, .. } = &effect {
        state.report.start(*ticket, count);
    }
    vec![effect]
}

/// Opens the selected user, unless they are open already: their details and keys load.
pub fn open_user(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.users.selected().cloned() else {
        return Vec::new();
    };
    if state.is_open(row.uin) {
        return Vec::new();
    }
    navigated(state);
    let mut open = OpenUser::new(row);
    // What the report knows shows at once; the calls below bring it up to date.
    if let Some((keys, uses)) = state.report.keys_of(open.user.uin) {
        open.keys.data = Some(keys);
        open.last_used.data = Some(uses);
    }
    state.open = Some(open);
    let mut effects = details::load(state);
    effects.extend(keys::load(state));
    effects
}

/// Opens `uin`'s API Keys with `secret_id` selected (an owner search found it, or the report
/// shows it). False if the User List has no such user.
pub fn open_key(state: &mut State, uin: u64, secret_id: &SecretId) -> Option<Vec<Effect>> {
    if !state.users.select(uin) {
        return None;
    }
    scroll_users(state);
    show_tab(state, Tab::Keys);
    if matches!(state.modal, Some(Modal::Help(_))) {
        state.modal = None;
    }
    let mut effects = open_user(state);
    if let Some(open) = state.open.as_mut() {
        match open
            .key_list()
            .iter()
            .position(|k| k.access_key_id == *secret_id)
        {
            Some(at) => open.key_cursor = at,
            None => open.select_key = Some(secret_id.clone()),
        }
    }
    effects.extend(drawer::follow(state));
    Some(effects)
}
