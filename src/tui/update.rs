//! The pure heart of the console: `update(&mut State, Action) -> Vec<Effect>`. It never does I/O;
//! calls, copies and clears come out as [`Effect`]s and their results come back as actions.
//!
//! This file only routes: an action to the part of the console it concerns, a key's command to
//! whatever has the focus ([`State::context`]). Each part is a module of its own, sharing the
//! few helpers of `core` (issuing calls and mutations, the flash line, the one-change rule).

use super::action::{Action, Command, Effect, Request};
use super::state::{CommandLine, Context, State, Status};
use crate::cam::model::SecretId;

mod bulk;
mod call_log;
mod clipboard;
mod confirm;
mod connection;
mod core;
mod details;
mod drawer;
mod help;
mod keys;
mod line;
mod mouse;
mod pager;
mod replies;
mod report;
mod rotation;
mod search;
mod secret;
mod tabs;
mod users;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Start => vec![core::call(state, Request::Account), users::load(state)],
        Action::Command(command) => on_command(state, command),
        Action::Input(c) => {
            on_input(state, c);
            Vec::new()
        }
        Action::Paste(text) => on_paste(state, &text),
        Action::Mouse(event) => mouse::on_mouse(state, event),
        Action::Resize(columns, rows) => {
            state.size = (columns, rows);
            core::scroll_users(state);
            Vec::new()
        }
        Action::Tick => {
            core::tick(state);
            let mut effects = clipboard::on_tick(state);
            effects.extend(rotation::on_tick(state));
            effects
        }
        Action::Done {
            ticket,
            request,
            result,
        } => replies::on_done(state, ticket, request, result),
        Action::Copied { what, result } => {
            clipboard::on_copied(state, &what, result);
            Vec::new()
        }
        Action::ClipboardCleared { result } => {
            clipboard::on_cleared(state, result);
            Vec::new()
        }
        Action::TargetReady(label) => {
            connection::on_ready(state, label);
            Vec::new()
        }
        Action::TargetFailed(reason) => {
            connection::on_failed(state, reason);
            Vec::new()
        }
        Action::TargetSwitched(info) => connection::on_switched(state, info),
        Action::CallLogged(record) => {
            call_log::on_logged(state, record);
            Vec::new()
        }
        Action::SearchProgress { ticket, progress } => {
            search::on_progress(state, ticket, progress);
            Vec::new()
        }
        Action::ReportRows {
            ticket,
            staleness,
            update,
        } => {
            report::on_rows(state, ticket, staleness, update);
            Vec::new()
        }
        Action::KeyDisabled {
            ticket,
            key,
            result,
        } => {
            bulk::on_result(state, ticket, key, result);
            Vec::new()
        }
    }
}

/// A key's command goes to whatever has the focus; a mutating one never gets past read-only.
fn on_command(state: &mut State, command: Command) -> Vec<Effect> {
    if command.mutates() && state.header.read_only {
        core::refuse_read_only(state);
        return Vec::new();
    }
    match state.context() {
        Context::Help => help::on_key(state, command),
        Context::Secret => secret::on_key(state, command),
        Context::Filter => users::on_filter(state, command),
        Context::Command => line::on_line(state, command),
        Context::Search => search::on_search(state, command),
        Context::CallLog => call_log::on_key(state, command),
        Context::LogFilter => call_log::on_filter(state, command),
        Context::ReportFilter => report::on_filter(state, command),
        Context::Pager => pager::on_key(state, command),
        Context::Rotation => rotation::on_key(state, command),
        Context::Bulk => bulk::on_key(state, command),
        Context::Confirm | Context::ConfirmTyped | Context::Describe => {
            let effects = confirm::on_key(state, command);
            // A confirmed bulk change shows its results as they land.
            bulk::track(state, &effects);
            effects
        }
        context @ (Context::Users
        | Context::Details
        | Context::Keys
        | Context::Records
        | Context::Report) => on_view(state, context, command),
    }
}

/// A view has the focus: the keys every view shares, then the view's own.
fn on_view(state: &mut State, context: Context, command: Command) -> Vec<Effect> {
    match command {
        Command::GoTab(tab) => tabs::go(state, tab),
        Command::NextTab => tabs::go(state, state.tab.next()),
        Command::PreviousTab => tabs::go(state, state.tab.previous()),
        Command::Quit => {
            state.quit = true;
            Vec::new()
        }
        Command::Help => {
            help::open(state, context);
            Vec::new()
        }
        Command::CommandLine => {
            state.command_line = Some(CommandLine::default());
            Vec::new()
        }
        Command::ShowLog => {
            call_log::open(state);
            Vec::new()
        }
        _ => {
            let mut effects = match context {
                Context::Users => users::on_key(state, command),
                Context::Details => details::on_key(state, command),
                Context::Records => drawer::on_key(state, command),
                Context::Report => report::on_key(state, command),
                _ if command == Command::Rotate => rotation::open(state),
                _ => keys::on_key(state, command),
            };
            // `r` also retries the account, so a header that could not say who we are recovers.
            if command == Command::Refresh
                && matches!(state.header.account.status, Status::Failed(_))
            {
                state.header.account.start();
                effects.push(core::call(state, Request::Account));
            }
            effects
        }
    }
}

/// A character typed into the text field that has the focus.
fn on_input(state: &mut State, c: char) {
    let mut buffer = [0; 4];
    on_text(state, c.encode_utf8(&mut buffer));
}

/// Text typed or pasted into the text field that has the focus.
fn on_text(state: &mut State, text: &str) {
    match state.context() {
        Context::ConfirmTyped | Context::Describe => confirm::type_text(state, text),
        Context::Command => line::type_text(state, text),
        Context::Filter => users::type_filter(state, text),
        Context::LogFilter => call_log::type_filter(state, text),
        Context::ReportFilter => report::type_filter(state, text),
        _ => {}
    }
}

/// Pasted text goes where typing would; a pasted SecretId is a complete one, so the owner
/// search starts at once (typed ones wait for Enter: every prefix of one looks like one too).
fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    // One line, no control characters: a paste is never a key press.
    let text: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let context = state.context();
    if let Some(secret_id) = SecretId::parse(text.trim())
        && matches!(
            context,
            Context::Filter | Context::Users | Context::Details | Context::Keys
        )
    {
        return search::start(state, secret_id);
    }
    match context {
        Context::Users | Context::Filter => {
            users::type_filter(state, &text);
            Vec::new()
        }
        Context::Report | Context::ReportFilter => {
            report::type_filter(state, &text);
            Vec::new()
        }
        Context::Command | Context::ConfirmTyped | Context::Describe | Context::LogFilter => {
            on_text(state, &text);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
pub(crate) mod operator_tests;

#[cfg(test)]
pub(crate) mod hygiene_tests;

#[cfg(test)]
mod drawer_tests;

#[cfg(test)]
mod message_tests;

#[cfg(test)]
mod everywhere_tests;

#[cfg(test)]
mod details_tests;
