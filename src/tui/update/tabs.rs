//! Which tab is shown, and which user User Details and API Keys show: going to either opens the
//! user selected in the User List, loading what is not loaded yet.

use crate::tui::action::Effect;
use crate::tui::model::Tab;
use crate::tui::state::{OpenUser, State};
use crate::tui::update::core::{navigated, show_tab};
use crate::tui::update::{details, keys};

pub fn go(state: &mut State, tab: Tab) -> Vec<Effect> {
    show_tab(state, tab);
    if tab == Tab::Users {
        Vec::new()
    } else {
        open_user(state)
    }
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
    state.open = Some(OpenUser::new(row));
    let mut effects = details::load(state);
    effects.extend(keys::load(state));
    effects
}
