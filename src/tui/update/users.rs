//! The User List: loading it, moving, sorting, the filter typed after `/`, and opening the
//! selected user.

use crate::cam::model::SecretId;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::{Failure, Tab};
use crate::tui::report_table::Loading;
use crate::tui::state::{Column, Level, State};
use crate::tui::text_field::{FilterEdit, TextField};
use crate::tui::update::core::{call, fail_read, flash, is_move, moved, scroll_users, show_tab};
use crate::tui::update::{clipboard, search, tabs};

pub fn load(state: &mut State) -> Effect {
    state.users.load.start();
    call(state, Request::Users)
}

/// Moves the cursor; `page` is how far a page key goes.
pub fn move_cursor(state: &mut State, command: Command, page: usize) {
    state.users.cursor = moved(state.users.cursor, state.users.shown(), page, command);
    scroll_users(state);
}

/// The keys of the User List.
pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        move_cursor(state, command, geometry::user_list_rows(state.size));
        return Vec::new();
    }
    match command {
        Command::Open => return open_selected(state),
        Command::Back if !state.users.filter.is_empty() => {
            state.users.set_filter(String::new());
            scroll_users(state);
        }
        Command::Filter => start_filter(state),
        Command::SortNext => {
            let next = match state.users.sort {
                None => Some((Column::Username, false)),
                Some((Column::Created, _)) => None,
                Some((column, _)) => Some((column.next(), false)),
            };
            state.users.set_sort(next);
            scroll_users(state);
        }
        Command::SortReverse => {
            let reversed = match state.users.sort {
                None => (Column::Username, true),
                Some((column, descending)) => (column, !descending),
            };
            state.users.set_sort(Some(reversed));
            scroll_users(state);
        }
        Command::Refresh => return vec![load(state)],
        Command::Copy => {
            if let Some(uin) = state.users.selected().map(|u| u.uin) {
                return clipboard::copy_plain(state, Copied::Uin(uin));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Enter (or a second click): the selected user in User Details.
pub fn open_selected(state: &mut State) -> Vec<Effect> {
    if state.users.selected().is_none() {
        flash(state, Level::Warning, "No user to open");
        return Vec::new();
    }
    show_tab(state, Tab::Details);
    tabs::open_user(state)
}

/// `/`: a new filter; the one it replaces comes back with Esc.
fn start_filter(state: &mut State) {
    state.users.editing = Some(FilterEdit {
        field: TextField::default(),
        previous: state.users.filter.clone(),
    });
    // Every user shows again, the cursor staying on the same one.
    state.users.set_filter(String::new());
    scroll_users(state);
}

/// The keys while typing into the filter.
pub fn on_filter(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Edit(edit) => {
            if let Some(editing) = state.users.editing.as_mut()
                && editing.field.edit(edit)
            {
                let text = editing.field.text().to_owned();
                state.users.set_filter(text);
            }
        }
        Command::FilterDone => {
            state.users.editing = None;
            if let Some(secret_id) = SecretId::parse(state.users.filter.trim()) {
                return search::start(state, secret_id);
            }
        }
        Command::FilterCancel => {
            if let Some(editing) = state.users.editing.take() {
                state.users.set_filter(editing.previous);
            }
        }
        Command::Up | Command::Down => {
            state.users.cursor = moved(state.users.cursor, state.users.shown(), 1, command);
        }
        Command::Quit => state.quit = true,
        _ => {}
    }
    scroll_users(state);
    Vec::new()
}

/// Text typed or pasted into the filter (a paste into the list starts a new one).
pub fn type_filter(state: &mut State, text: &str) {
    if state.users.editing.is_none() {
        start_filter(state);
    }
    if let Some(editing) = state.users.editing.as_mut() {
        editing.field.insert(text);
        let text = editing.field.text().to_owned();
        state.users.set_filter(text);
    }
    scroll_users(state);
}

/// The users arrived, or could not be listed.
pub fn on_listed(state: &mut State, result: Result<Reply, Failure>) -> Vec<Effect> {
    match result {
        Ok(Reply::Users(rows)) => {
            state.users.set_rows(rows);
            state.users.load.finish(Ok(()));
            scroll_users(state);
            // The report was asked for before the users were in.
            if state.tab == Tab::Report && state.report.loading == Loading::Idle {
                return tabs::load_report(state);
            }
        }
        Err(failure) => {
            fail_read(state, &failure);
            state.users.load.finish(Err(failure));
        }
        Ok(_) => {}
    }
    Vec::new()
}
