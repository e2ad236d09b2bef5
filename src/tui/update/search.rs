//! Finding the owner of a SecretId: started from the `/` filter (Enter, or a paste) or
//! `:secretid X`; the worker walks `ListAccessKeys` and reports progress; `Esc` cancels; a found
//! key opens its user's API Keys tab with the key selected.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::cam::model::SecretId;
use crate::cam::owner::{FoundBy, SearchOutcome};
use crate::cam::walk::{Progress, UserRef};
use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::model::{Failure, Ticket};
use crate::tui::state::{Context, Level, OwnerSearch, State};
use crate::tui::update::core::{call, fail, flash, scroll_users, unexpected};
use crate::tui::update::{call_log, help, tabs};

/// Starts a search for `secret_id` over every user in the list.
pub fn start(state: &mut State, secret_id: SecretId) -> Vec<Effect> {
    if state.search.is_some() {
        flash(
            state,
            Level::Warning,
            "A search is already running: Esc cancels it",
        );
        return Vec::new();
    }
    if state.users.load.data.is_none() {
        flash(
            state,
            Level::Warning,
            "The users are still loading: search again once the User List is in",
        );
        return Vec::new();
    }
    // The filter held the SecretId: it matches no user, so it goes.
    if state.users.filter.trim() == secret_id.as_str() {
        state.users.set_filter(String::new());
        scroll_users(state);
    }
    state.users.editing = None;
    let users: Arc<[UserRef]> = state.users.all().map(UserRef::from).collect();
    if users.is_empty() {
        flash(
            state,
            Level::Warning,
            format!("No user owns {secret_id}: this account has no sub-users or collaborators"),
        );
        return Vec::new();
    }
    let count = users.len();
    let effect = call(
        state,
        Request::FindOwner {
            secret_id: secret_id.clone(),
            users,
        },
    );
    let Effect::Call { ticket, .. } = &effect else {
        return vec![effect];
    };
    state.search = Some(OwnerSearch {
        ticket: *ticket,
        secret_id,
        users: count,
        progress: None,
    });
    vec![effect]
}

/// The worker looked at more users.
pub fn on_progress(state: &mut State, ticket: Ticket, progress: Progress) {
    if let Some(search) = state.search.as_mut().filter(|s| s.ticket == ticket) {
        search.progress = Some(progress);
    }
}

/// Keys while the search runs.
pub fn on_search(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::CancelSearch => {
            let Some(search) = state.search.take() else {
                return Vec::new();
            };
            state.pending.remove(&search.ticket);
            let done = search.progress.map_or(0, |p| p.done);
            flash(
                state,
                Level::Info,
                format!(
                    "Search for {} cancelled after {done} of {} users; what it learned is kept for this run",
                    search.secret_id, search.users
                ),
            );
            vec![Effect::Cancel {
                ticket: search.ticket,
            }]
        }
        Command::ShowLog => {
            call_log::open(state);
            Vec::new()
        }
        Command::Help => {
            help::open(state, Context::Search);
            Vec::new()
        }
        Command::Quit => {
            state.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The search's answer; an answer to a cancelled search is dropped.
pub fn on_done(
    state: &mut State,
    ticket: Ticket,
    secret_id: &SecretId,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    if state.search.as_ref().is_none_or(|s| s.ticket != ticket) {
        return Vec::new();
    }
    state.search = None;
    match result {
        Ok(Reply::Owner(SearchOutcome::Found {
            user: UserRef { uin, name, .. },
            key,
            by,
        })) => {
            let Some(effects) = tabs::open_key(state, uin, &key.access_key_id) else {
                flash(
                    state,
                    Level::Warning,
                    format!(
                        "{secret_id} belongs to {name} (UIN {uin}), who is no longer listed: press r on the User List"
                    ),
                );
                return Vec::new();
            };
            let known = match by {
                FoundBy::Cache => " (known from earlier this run, no call made)",
                FoundBy::AuditTrail => " (named by the audit trail, confirmed by their keys)",
                FoundBy::Scan => "",
            };
            flash(
                state,
                Level::Info,
                format!(
                    "{secret_id} belongs to {name} (UIN {uin}), {}{known}",
                    key.status.label().to_lowercase()
                ),
            );
            effects
        }
        Ok(Reply::Owner(SearchOutcome::NotFound { searched, skipped })) => {
            let mut text = format!(
                "No sub-user or collaborator owns {secret_id} (looked at the keys of {searched} users)"
            );
            if !skipped.is_empty() {
                let _ = write!(
                    text,
                    "; could not list the keys of {}: {}",
                    skipped.len(),
                    skipped
                        .iter()
                        .map(|s| format!("{} ({})", s.user.name, s.error.code()))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            flash(state, Level::Warning, text);
            Vec::new()
        }
        Ok(Reply::Owner(SearchOutcome::Cancelled { .. })) => Vec::new(),
        Ok(other) => {
            fail(state, &unexpected("ListAccessKeys (owner search)", &other));
            Vec::new()
        }
        Err(failure) => {
            fail(state, &failure);
            Vec::new()
        }
    }
}
