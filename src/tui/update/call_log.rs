//! The API-call log overlay (`@`, `:log`): it follows new calls while its cursor is on the
//! newest, and stays put once scrolled back.

use crate::cam::transport::CallRecord;
use crate::tui::action::{Command, Effect};
use crate::tui::call_log::LogView;
use crate::tui::geometry;
use crate::tui::state::{Modal, State};
use crate::tui::update::core::{is_move, moved};

pub fn open(state: &mut State) {
    let mut view = LogView {
        cursor: state.calls.len().saturating_sub(1),
        offset: 0,
        follow: true,
    };
    scroll(state.size, state.calls.len(), &mut view);
    state.modal = Some(Modal::CallLog(view));
}

/// Keeps the cursor inside the drawn window.
fn scroll(size: (u16, u16), len: usize, view: &mut LogView) {
    let rows = geometry::call_log_rows(size).max(1);
    if view.cursor < view.offset {
        view.offset = view.cursor;
    } else if view.cursor >= view.offset + rows {
        view.offset = view.cursor + 1 - rows;
    }
    view.offset = view.offset.min(len.saturating_sub(rows));
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        _ if is_move(command) => move_cursor(state, command, geometry::call_log_rows(state.size)),
        Command::CloseLog => state.modal = None,
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Moves the cursor; `page` is how far a page key goes. On the newest call, it follows again.
pub fn move_cursor(state: &mut State, command: Command, page: usize) {
    let (len, size) = (state.calls.len(), state.size);
    if let Some(Modal::CallLog(view)) = &mut state.modal {
        view.cursor = moved(view.cursor, len, page, command);
        view.follow = view.cursor + 1 >= len;
        scroll(size, len, view);
    }
}

/// Puts the cursor on the call shown on screen row `row` of the log, if there is one.
pub fn select_row(state: &mut State, row: usize) {
    let len = state.calls.len();
    if let Some(Modal::CallLog(view)) = &mut state.modal
        && row < geometry::call_log_rows(state.size)
        && view.offset + row < len
    {
        view.cursor = view.offset + row;
        view.follow = view.cursor + 1 >= len;
    }
}

/// The transport made a call.
pub fn on_logged(state: &mut State, record: CallRecord) {
    let full = state.calls.len() == state.calls.capacity();
    state.calls.push(record);
    let (len, size) = (state.calls.len(), state.size);
    if let Some(Modal::CallLog(view)) = &mut state.modal {
        if view.follow {
            view.cursor = len - 1;
        } else if full {
            // The oldest entry went: stay on the same call.
            view.cursor = view.cursor.saturating_sub(1);
        }
        scroll(size, len, view);
    }
}
