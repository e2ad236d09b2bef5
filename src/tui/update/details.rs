//! The User Details tab: its keys, and the details of the open user when they arrive.

use crate::cam::model::User;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{Level, State};
use crate::tui::update::core::{NO_USER, call, fail_read, flash, show_tab, unexpected};
use crate::tui::update::{clipboard, keys};

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Back => show_tab(state, Tab::Users),
        Command::Open if state.open.is_some() => show_tab(state, Tab::Keys),
        Command::Refresh if state.open.is_some() => return reload(state),
        Command::Copy => {
            if let Some(uin) = state.open.as_ref().map(|o| o.user.uin) {
                return clipboard::copy_plain(state, Copied::Uin(uin));
            }
            flash(state, Level::Warning, NO_USER);
        }
        Command::Open | Command::Refresh => flash(state, Level::Warning, NO_USER),
        _ => {}
    }
    Vec::new()
}

/// The open user's details and keys again.
fn reload(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    open.details.start();
    let user = open.user.clone();
    let mut effects = vec![call(state, Request::Details { user })];
    effects.extend(keys::load(state));
    effects
}

/// `GetUser` (or `DescribeSubAccounts`) answered about `user`; kept if they are still open.
pub fn on_details(state: &mut State, user: &User, result: Result<Reply, Failure>) -> Vec<Effect> {
    if !state.is_open(user.uin) {
        return Vec::new();
    }
    let result = result.and_then(|reply| match reply {
        Reply::Details(details) => Ok(details),
        other => Err(unexpected("GetUser", &other)),
    });
    if let Err(failure) = &result {
        fail_read(state, failure);
    }
    if let Some(open) = state.open.as_mut() {
        open.details.finish(result);
    }
    Vec::new()
}
