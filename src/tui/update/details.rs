//! The User Details tab: its keys, and the details of the open user when they arrive.

use crate::cam::model::User;
use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{Level, State};
use crate::tui::update::core::{NO_USER, call, fail, flash, unexpected};
use crate::tui::update::keys;

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Back => state.tab = Tab::Users,
        Command::Open if state.open.is_some() => state.tab = Tab::Keys,
        Command::Refresh if state.open.is_some() => return reload(state),
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
        fail(state, failure);
    }
    if let Some(open) = state.open.as_mut() {
        open.details.finish(result);
    }
    Vec::new()
}
