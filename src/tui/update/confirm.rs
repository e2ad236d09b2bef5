//! The confirm round trip: a change opens a dialog holding the request it will send; once the
//! user confirms — `y` (Enter never confirms), or for a deletion the end of the SecretId typed —
//! that request goes through the one mutation gate, and cancelling sends nothing.

use crate::tui::action::{Command, Effect};
use crate::tui::state::{Answer, Button, Confirm, Level, Modal, State};
use crate::tui::update::core::{busy, flash, mutate};

/// Opens the dialog, unless a change is still in flight.
pub fn ask(state: &mut State, confirm: Confirm) {
    if !busy(state) {
        state.modal = Some(Modal::Confirm(confirm));
    }
}

pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(Modal::Confirm(confirm)) = &mut state.modal else {
        return Vec::new();
    };
    let expected = confirm.expected().to_owned();
    match (&mut confirm.answer, command) {
        (_, Command::Quit) => state.quit = true,
        (Answer::Press { .. }, Command::Confirm) => return confirmed(state),
        (Answer::Press { focus }, Command::SwitchFocus) => {
            *focus = match focus {
                Button::Cancel => Button::Confirm,
                Button::Confirm => Button::Cancel,
            };
        }
        (
            Answer::Press {
                focus: Button::Confirm,
            },
            Command::Press,
        ) => flash(
            state,
            Level::Warning,
            "Press y to confirm: Enter never confirms",
        ),
        (Answer::Press { .. }, Command::Press | Command::Cancel) => {
            state.modal = None;
            flash(state, Level::Info, "Cancelled: nothing changed");
        }
        (Answer::Type { typed, mismatch }, Command::Erase) => {
            typed.pop();
            *mismatch = false;
        }
        (Answer::Type { typed, .. }, Command::Submit) if *typed == expected => {
            return confirmed(state);
        }
        (Answer::Type { mismatch, .. }, Command::Submit) => {
            *mismatch = true;
            flash(
                state,
                Level::Warning,
                format!(
                    "Not deleted: type the last 4 characters of the SecretId ({expected}) exactly"
                ),
            );
        }
        (Answer::Type { .. }, Command::Cancel) => {
            state.modal = None;
            flash(state, Level::Info, "Cancelled: nothing deleted");
        }
        _ => {}
    }
    Vec::new()
}

/// The dialog closes and its request is sent.
fn confirmed(state: &mut State) -> Vec<Effect> {
    match state.modal.take() {
        Some(Modal::Confirm(confirm)) => mutate(state, confirm.request),
        other => {
            state.modal = other;
            Vec::new()
        }
    }
}

/// A character typed into a typed confirmation.
pub fn type_char(state: &mut State, c: char) {
    if let Some(Modal::Confirm(Confirm {
        answer: Answer::Type { typed, mismatch },
        ..
    })) = &mut state.modal
    {
        // Room for a mistake to be seen, not an essay.
        if typed.chars().count() < 8 {
            typed.push(c);
        }
        *mismatch = false;
    }
}
