//! Changes that wait for the user's word: a status change confirmed with `y` (Enter never
//! confirms), a deletion confirmed by typing the end of the SecretId.

use crate::tui::action::{Command, Effect, Request};
use crate::tui::state::{Button, Level, Modal, State};
use crate::tui::update::core::{flash, mutate};

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match state.modal {
        Some(Modal::ConfirmStatus(_)) => on_press(state, command),
        Some(Modal::ConfirmDelete(_)) => on_typed(state, command),
        _ => Vec::new(),
    }
}

/// A character typed into a deletion's confirmation.
pub fn type_char(state: &mut State, c: char) {
    if let Some(Modal::ConfirmDelete(dialog)) = &mut state.modal {
        // Room for a mistake to be seen, not an essay.
        if dialog.typed.chars().count() < 8 {
            dialog.typed.push(c);
        }
        dialog.mismatch = false;
    }
}

fn on_press(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(Modal::ConfirmStatus(dialog)) = &mut state.modal else {
        return Vec::new();
    };
    match command {
        Command::Confirm => {
            let dialog = dialog.clone();
            state.modal = None;
            mutate(
                state,
                Request::SetKeyStatus {
                    uin: dialog.uin,
                    secret_id: dialog.secret_id,
                    status: dialog.status,
                },
            )
        }
        Command::SwitchFocus => {
            dialog.focus = match dialog.focus {
                Button::Cancel => Button::Confirm,
                Button::Confirm => Button::Cancel,
            };
            Vec::new()
        }
        Command::Press if dialog.focus == Button::Confirm => {
            flash(
                state,
                Level::Warning,
                "Press y to confirm: Enter never confirms",
            );
            Vec::new()
        }
        Command::Press | Command::Cancel => {
            state.modal = None;
            flash(state, Level::Info, "Cancelled: nothing changed");
            Vec::new()
        }
        Command::Quit => {
            state.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn on_typed(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(Modal::ConfirmDelete(dialog)) = &mut state.modal else {
        return Vec::new();
    };
    match command {
        Command::Erase => {
            dialog.typed.pop();
            dialog.mismatch = false;
            Vec::new()
        }
        Command::Submit if dialog.typed == dialog.expected() => {
            let dialog = dialog.clone();
            state.modal = None;
            mutate(
                state,
                Request::DeleteKey {
                    uin: dialog.uin,
                    secret_id: dialog.secret_id,
                },
            )
        }
        Command::Submit => {
            dialog.mismatch = true;
            let expected = dialog.expected().to_owned();
            flash(
                state,
                Level::Warning,
                format!(
                    "Not deleted: type the last 4 characters of the SecretId ({expected}) exactly"
                ),
            );
            Vec::new()
        }
        Command::Cancel => {
            state.modal = None;
            flash(state, Level::Info, "Cancelled: nothing deleted");
            Vec::new()
        }
        Command::Quit => {
            state.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
