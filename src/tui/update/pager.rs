//! A record read in full (`Enter` in the access-records drawer): scrolled with the moving keys,
//! `y` copies what it offers (the RequestId), Esc closes it.

use crate::tui::action::{Command, Effect};
use crate::tui::geometry;
use crate::tui::state::{Modal, State};
use crate::tui::update::clipboard;
use crate::tui::update::core::{is_move, moved};

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    let size = state.size;
    let Some(Modal::Pager(pager)) = &mut state.modal else {
        return Vec::new();
    };
    match command {
        _ if is_move(command) => {
            let max = geometry::pager_scroll_max(pager, size);
            let page = geometry::PagerText::new(pager, size).visible;
            pager.scroll = moved(pager.scroll, max + 1, page, command);
        }
        Command::Copy => {
            if let Some(what) = pager.copy.clone() {
                return clipboard::copy_plain(state, what);
            }
        }
        Command::Back => state.modal = None,
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}
