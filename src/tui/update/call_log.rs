//! The API-call log overlay (`@`, `:log`): it follows new calls while its cursor is on the
//! newest, and stays put once scrolled back; `/` filters it, `y` copies a call's RequestId.

use crate::cam::transport::CallRecord;
use crate::tui::action::{Command, Copied, Effect};
use crate::tui::call_log::LogView;
use crate::tui::geometry;
use crate::tui::state::{Modal, State};
use crate::tui::text_field::{FilterEdit, TextField};
use crate::tui::update::clipboard;
use crate::tui::update::core::{is_move, keep_in_view, moved};

pub fn open(state: &mut State) {
    let mut view = LogView {
        cursor: state.calls.len().saturating_sub(1),
        follow: true,
        ..LogView::default()
    };
    scroll(state.size, state.calls.len(), &mut view);
    state.modal = Some(Modal::CallLog(view));
}

/// Keeps the cursor inside the drawn window.
fn scroll(size: (u16, u16), len: usize, view: &mut LogView) {
    view.offset = keep_in_view(view.cursor, view.offset, geometry::call_log_rows(size), len);
}

/// The open log, and how many calls its filter lets through.
fn view(state: &mut State) -> Option<(&mut LogView, usize)> {
    match &mut state.modal {
        Some(Modal::CallLog(view)) => {
            let len = state.calls.matching(&view.filter).count();
            Some((view, len))
        }
        _ => None,
    }
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    let size = state.size;
    match command {
        _ if is_move(command) => move_cursor(state, command, geometry::call_log_rows(size)),
        Command::Filter => {
            if let Some((view, _)) = view(state) {
                view.editing = Some(FilterEdit {
                    field: TextField::default(),
                    previous: std::mem::take(&mut view.filter),
                });
                refilter(state);
            }
        }
        Command::Copy => {
            let selected = match &state.modal {
                Some(Modal::CallLog(view)) => state
                    .calls
                    .matching(&view.filter)
                    .nth(view.cursor)
                    .and_then(|r| r.request_id.clone()),
                _ => None,
            };
            if let Some(request_id) = selected {
                return clipboard::copy_plain(state, Copied::RequestId(request_id));
            }
        }
        // Esc clears a filter first; the log closes on the next.
        Command::CloseLog => match view(state) {
            Some((view, _)) if !view.filter.is_empty() => {
                view.filter.clear();
                refilter(state);
            }
            _ => state.modal = None,
        },
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}

/// The keys while a filter is typed.
pub fn on_filter(state: &mut State, command: Command) -> Vec<Effect> {
    let Some((view, _)) = view(state) else {
        return Vec::new();
    };
    match command {
        Command::Edit(edit) => {
            if let Some(editing) = view.editing.as_mut()
                && editing.field.edit(edit)
            {
                view.filter = editing.field.text().to_owned();
                refilter(state);
            }
        }
        Command::FilterDone => view.editing = None,
        Command::FilterCancel => {
            if let Some(editing) = view.editing.take() {
                view.filter = editing.previous;
                refilter(state);
            }
        }
        Command::Up | Command::Down => move_cursor(state, command, 1),
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Text typed or pasted into the filter.
pub fn type_filter(state: &mut State, text: &str) {
    if let Some((view, _)) = view(state)
        && let Some(editing) = view.editing.as_mut()
    {
        editing.field.insert(text);
        view.filter = editing.field.text().to_owned();
        refilter(state);
    }
}

/// The filter changed: the cursor goes to the newest call it lets through, and follows again.
fn refilter(state: &mut State) {
    let size = state.size;
    if let Some((view, len)) = view(state) {
        view.cursor = len.saturating_sub(1);
        view.follow = true;
        scroll(size, len, view);
    }
}

/// Moves the cursor; `page` is how far a page key goes. On the newest call, it follows again.
pub fn move_cursor(state: &mut State, command: Command, page: usize) {
    let size = state.size;
    if let Some((view, len)) = view(state) {
        view.cursor = moved(view.cursor, len, page, command);
        view.follow = view.cursor + 1 >= len;
        scroll(size, len, view);
    }
}

/// Puts the cursor on the call shown on screen row `row` of the log, if there is one.
pub fn select_row(state: &mut State, row: usize) {
    let size = state.size;
    if let Some((view, len)) = view(state)
        && row < geometry::call_log_rows(size)
        && view.offset + row < len
    {
        view.cursor = view.offset + row;
        view.follow = view.cursor + 1 >= len;
    }
}

/// The transport made a call.
pub fn on_logged(state: &mut State, record: CallRecord) {
    let full = state.calls.len() == state.calls.capacity();
    let oldest_shown = match &state.modal {
        Some(Modal::CallLog(view)) => full && state.calls.oldest_matches(&view.filter),
        _ => false,
    };
    state.calls.push(record);
    let size = state.size;
    if let Some((view, len)) = view(state) {
        if view.follow {
            view.cursor = len.saturating_sub(1);
        } else if oldest_shown {
            // The oldest entry it showed went: stay on the same call.
            view.cursor = view.cursor.saturating_sub(1);
        }
        scroll(size, len, view);
    }
}
