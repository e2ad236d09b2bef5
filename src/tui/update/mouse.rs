//! Clicks and the wheel (`--mouse`): a click on a tab goes there, a click on a row selects it
//! (a second click on the selected row opens it, as Enter), the wheel moves through lists. The
//! positions come from [`geometry`], the same place the drawing takes them from.

use super::{follow_panel, go_tab, moved, on_command, scroll_log, scroll_users};
use crate::tui::action::{Command, Effect, Mouse, MouseKind};
use crate::tui::geometry;
use crate::tui::state::{Context, Modal, State};

/// Rows one wheel notch moves in a long list.
const WHEEL_ROWS: usize = 3;

pub(super) fn on_mouse(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    if !state.mouse {
        return Vec::new();
    }
    let context = state.context();
    match mouse.kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let command = if mouse.kind == MouseKind::ScrollUp {
                Command::Up
            } else {
                Command::Down
            };
            wheel(state, context, command)
        }
        MouseKind::Click => click(state, context, mouse.column, mouse.row),
    }
}

fn wheel(state: &mut State, context: Context, command: Command) -> Vec<Effect> {
    match context {
        Context::Users => {
            state.users.cursor = moved(
                state.users.cursor,
                state.users.shown(),
                WHEEL_ROWS,
                page(command),
            );
            scroll_users(state);
            Vec::new()
        }
        Context::CallLog => {
            let len = state.calls.len();
            let size = state.size;
            if let Some(Modal::CallLog(view)) = &mut state.modal {
                view.cursor = moved(view.cursor, len, WHEEL_ROWS, page(command));
                view.follow = view.cursor + 1 >= len;
                scroll_log(size, len, view);
            }
            Vec::new()
        }
        Context::Keys => on_command(state, command),
        _ => Vec::new(),
    }
}

/// Up/Down as a page of `WHEEL_ROWS`.
fn page(command: Command) -> Command {
    if command == Command::Up {
        Command::PageUp
    } else {
        Command::PageDown
    }
}

fn click(state: &mut State, context: Context, column: u16, row: u16) -> Vec<Effect> {
    if matches!(context, Context::Users | Context::Details | Context::Keys)
        && row == geometry::HEADER_ROWS
    {
        return match geometry::tab_columns()
            .into_iter()
            .find(|(_, at, width)| (*at..at + width).contains(&column))
        {
            Some((tab, _, _)) => go_tab(state, tab),
            None => Vec::new(),
        };
    }
    match context {
        Context::Users => {
            let Some(index) = row
                .checked_sub(geometry::USER_LIST_FIRST_ROW)
                .map(usize::from)
                .filter(|on_screen| *on_screen < geometry::user_list_rows(state.size))
                .map(|on_screen| state.users.offset + on_screen)
                .filter(|index| *index < state.users.shown())
            else {
                return Vec::new();
            };
            if index == state.users.cursor {
                return on_command(state, Command::Open);
            }
            state.users.cursor = index;
            scroll_users(state);
            Vec::new()
        }
        Context::Keys => {
            let keys_width = geometry::key_table_width(
                state.size,
                state.open.as_ref().is_some_and(|o| o.panel.is_some()),
            );
            let Some(open) = state.open.as_mut() else {
                return Vec::new();
            };
            let Some(index) = row
                .checked_sub(geometry::KEY_TABLE_FIRST_ROW)
                .map(usize::from)
                .filter(|i| *i < open.key_list().len() && column < keys_width)
            else {
                return Vec::new();
            };
            if index == open.key_cursor {
                return Vec::new();
            }
            open.key_cursor = index;
            follow_panel(state)
        }
        Context::CallLog => {
            let len = state.calls.len();
            let size = state.size;
            if let Some(Modal::CallLog(view)) = &mut state.modal
                && let Some(offset) = row.checked_sub(geometry::CALL_LOG_FIRST_ROW)
                && usize::from(offset) < geometry::call_log_rows(size)
                && view.offset + usize::from(offset) < len
            {
                view.cursor = view.offset + usize::from(offset);
                view.follow = view.cursor + 1 >= len;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
