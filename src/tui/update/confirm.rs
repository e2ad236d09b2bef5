//! The confirm round trip: a change opens a dialog holding the request it will send; once the
//! user confirms — `y` or Enter on the confirm button (focus starts on Cancel), the end of the
//! SecretId typed for a deletion, the number of keys for a bulk disable, Enter after the optional
//! description of a new key — that request goes through the one mutation gate, and cancelling
//! sends nothing.

use crate::cam::model::{DESCRIPTION_MAX_CHARS, is_description_char};
use crate::tui::action::{Command, Effect, Request};
use crate::tui::state::{Answer, Button, Confirm, Level, Modal, State};
use crate::tui::text_field::Edit;
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
    let expected = confirm.expected();
    let bulk = matches!(confirm.request, Request::DisableKeys { .. });
    match (&mut confirm.answer, command) {
        (_, Command::Quit) => state.quit = true,
        (
            Answer::Press {
                focus: Button::Confirm,
            },
            Command::Press,
        )
        | (Answer::Press { .. }, Command::Confirm) => return confirmed(state),
        (Answer::Press { focus }, Command::SwitchFocus) => {
            *focus = match focus {
                Button::Cancel => Button::Confirm,
                Button::Confirm => Button::Cancel,
            };
        }
        (Answer::Type { typed, mismatch }, Command::Edit(Edit::Erase)) => {
            typed.pop();
            *mismatch = false;
        }
        (Answer::Type { typed, .. }, Command::Submit) if *typed == expected => {
            return confirmed(state);
        }
        (Answer::Type { mismatch, .. }, Command::Submit) => {
            *mismatch = true;
            let text = if bulk {
                format!("Nothing disabled: type the number of keys ({expected}) exactly")
            } else {
                format!(
                    "Not deleted: type the last 4 characters of the SecretId ({expected}) exactly"
                )
            };
            flash(state, Level::Warning, text);
        }
        (Answer::Describe { field, refused }, Command::Edit(edit)) => {
            field.edit(edit);
            *refused = false;
        }
        (Answer::Describe { field, .. }, Command::Submit) => {
            let text = field.text().to_owned();
            if let Request::CreateKey { description, .. } = &mut confirm.request {
                *description = Some(text).filter(|t| !t.is_empty());
            }
            return confirmed(state);
        }
        (Answer::Type { .. }, Command::Cancel) => {
            state.modal = None;
            let what = if bulk { "disabled" } else { "deleted" };
            flash(state, Level::Info, format!("Cancelled: nothing {what}"));
        }
        (_, Command::Press | Command::Cancel) => {
            state.modal = None;
            flash(state, Level::Info, "Cancelled: nothing changed");
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

/// Text typed or pasted into the dialog's field: the typed confirmation takes a few
/// characters; a description takes what CAM accepts, and says when it dropped something.
pub fn type_text(state: &mut State, text: &str) {
    let Some(Modal::Confirm(confirm)) = &mut state.modal else {
        return;
    };
    match &mut confirm.answer {
        Answer::Type { typed, mismatch } => {
            // Room for a mistake to be seen, not an essay.
            typed.extend(
                text.chars()
                    .take(8usize.saturating_sub(typed.chars().count())),
            );
            *mismatch = false;
        }
        Answer::Describe { field, refused } => {
            let room = DESCRIPTION_MAX_CHARS.saturating_sub(field.text().chars().count());
            let fits: String = text
                .chars()
                .filter(|c| is_description_char(*c))
                .take(room)
                .collect();
            field.insert(&fits);
            *refused |= fits.len() < text.len();
        }
        Answer::Press { .. } => {}
    }
}
