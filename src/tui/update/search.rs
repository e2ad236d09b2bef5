//! Finding the owner of a SecretId: started from the `/` filter (Enter, or a paste) or
//! `:secretid X`; the worker walks `ListAccessKeys` and reports progress; `Esc` cancels; a found
//! key opens its user's API Keys tab with the key selected.

use std::sync::Arc;

use crate::cam::model::SecretId;
use crate::cam::owner::{FoundBy, SearchOutcome};
use crate::cam::walk::{Progress, UserRef};
use crate::i18n::Text;
use crate::i18n::words;
use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::model::{Failure, Ticket};
use crate::tui::state::{Context, Level, OwnerSearch, State};
use crate::tui::update::core::{call, fail, flash, say_text, scroll_users, unexpected};
use crate::tui::update::{call_log, help, tabs};

/// Starts a search for `secret_id` over every user in the list.
pub fn start(state: &mut State, secret_id: SecretId) -> Vec<Effect> {
    if state.search.is_some() {
        say_text(state, Level::Warning, Text::SearchRunning);
        return Vec::new();
    }
    if state.users.load.data.is_none() {
        say_text(state, Level::Warning, Text::SearchUsersLoading);
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
        let secret_id = secret_id.as_str();
        say_text(state, Level::Warning, Text::SearchNoUsers { secret_id });
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
            let cancelled = Text::SearchCancelled {
                secret_id: search.secret_id.as_str(),
                done: search.progress.map_or(0, |p| p.done),
                total: search.users,
            };
            say_text(state, Level::Info, cancelled);
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
            let secret_id = secret_id.as_str();
            let Some(effects) = tabs::open_key(state, uin, &key.access_key_id) else {
                let gone = Text::OwnerNotListed {
                    secret_id,
                    name: &name,
                    uin,
                };
                say_text(state, Level::Warning, gone);
                return Vec::new();
            };
            let language = state.language;
            let mut text = language
                .text(Text::OwnerFound {
                    secret_id,
                    name: &name,
                    uin,
                    status: &words::key_status(language, key.status),
                })
                .into_owned();
            match by {
                FoundBy::Cache => text.push_str(&language.text(Text::OwnerFromCache)),
                FoundBy::AuditTrail => text.push_str(&language.text(Text::OwnerFromAuditTrail)),
                FoundBy::Scan => {}
            }
            flash(state, Level::Info, text);
            effects
        }
        Ok(Reply::Owner(SearchOutcome::NotFound { searched, skipped })) => {
            let language = state.language;
            let secret_id = secret_id.as_str();
            let mut text = language
                .text(Text::OwnerNotFound {
                    secret_id,
                    searched,
                })
                .into_owned();
            if !skipped.is_empty() {
                let users = skipped
                    .iter()
                    .map(|s| format!("{} ({})", s.user.name, s.error.code()))
                    .collect::<Vec<_>>()
                    .join(", ");
                let count = skipped.len();
                text.push_str(&language.text(Text::OwnerSkipped {
                    count,
                    users: &users,
                }));
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
