//! Clicks and the wheel (`--mouse`): a click on a tab goes there, a click on a row selects it
//! (a second click on the selected user opens them, as Enter), the wheel moves through the list
//! that has the focus.
//! The positions come from [`geometry`], the same place the drawing takes them from; what a
//! click or a notch does is what the keys do, through the same functions.

use crate::tui::action::{Command, Effect, Mouse, MouseKind};
use crate::tui::geometry;
use crate::tui::state::{Context, State};
use crate::tui::update::core::scroll_users;
use crate::tui::update::{call_log, details, drawer, keys, tabs, users};

/// Rows one wheel notch moves in a long list.
const WHEEL_ROWS: usize = 3;

pub fn on_mouse(state: &mut State, mouse: Mouse) -> Vec<Effect> {
    if !state.mouse {
        return Vec::new();
    }
    let context = state.context();
    match mouse.kind {
        MouseKind::ScrollUp => wheel(state, context, Command::PageUp),
        MouseKind::ScrollDown => wheel(state, context, Command::PageDown),
        MouseKind::Click => click(state, context, mouse.column, mouse.row),
    }
}

/// A notch is a page of `WHEEL_ROWS`; the key table (two rows at most) moves one.
fn wheel(state: &mut State, context: Context, page: Command) -> Vec<Effect> {
    match context {
        Context::Users => users::move_cursor(state, page, WHEEL_ROWS),
        Context::CallLog => call_log::move_cursor(state, page, WHEEL_ROWS),
        Context::Details => details::move_cursor(state, page, WHEEL_ROWS),
        Context::Records => drawer::move_cursor(state, page, WHEEL_ROWS),
        Context::Keys => {
            let step = if page == Command::PageUp {
                Command::Up
            } else {
                Command::Down
            };
            return keys::move_cursor(state, step);
        }
        _ => {}
    }
    Vec::new()
}

fn click(state: &mut State, context: Context, column: u16, row: u16) -> Vec<Effect> {
    if context.has_global_keys() && row == geometry::HEADER_ROWS {
        return match geometry::tab_columns(state.language)
            .into_iter()
            .find(|(_, at, width)| (*at..at + width).contains(&column))
        {
            Some((tab, _, _)) => tabs::go(state, tab),
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
                return users::open_selected(state);
            }
            state.users.cursor = index;
            scroll_users(state);
        }
        Context::Keys => {
            let Some(open) = state.open.as_ref() else {
                return Vec::new();
            };
            let table_width = geometry::key_table_width(state.size, open.panel.is_some());
            if let Some(index) = row
                .checked_sub(geometry::KEY_TABLE_FIRST_ROW)
                .map(usize::from)
                .filter(|i| *i < open.key_list().len() && column < table_width)
            {
                return keys::select(state, index);
            }
        }
        Context::CallLog => {
            if let Some(on_screen) = row.checked_sub(geometry::CALL_LOG_FIRST_ROW) {
                call_log::select_row(state, usize::from(on_screen));
            }
        }
        _ => {}
    }
    Vec::new()
}
