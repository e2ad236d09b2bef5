//! The help overlay (`?`, `:help`): the keys of the view it was opened from, scrolled with
//! `j`/`k` when the terminal is too short for it.

use crate::tui::action::{Command, Effect};
use crate::tui::geometry;
use crate::tui::state::{Context, Modal, State};
use crate::tui::update::core::{is_move, moved};

pub fn open(state: &mut State, context: Context) {
    state.help_scroll = 0;
    state.modal = Some(Modal::Help(context));
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::CloseHelp => state.modal = None,
        Command::Quit => state.quit = true,
        _ if is_move(command) => {
            if let Some(Modal::Help(context)) = state.modal {
                let max = geometry::help_scroll_max(
                    context,
                    state.header.read_only,
                    state.language,
                    state.size,
                );
                let page = usize::from(state.size.1.saturating_sub(2));
                state.help_scroll = moved(state.help_scroll, max + 1, page, command);
            }
        }
        _ => {}
    }
    Vec::new()
}
