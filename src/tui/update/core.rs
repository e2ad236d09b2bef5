//! What every part of `update` shares: issuing calls, the one gate every mutation passes, the
//! flash line, the one-change-at-a-time rule, and moving a cursor (the User List's is kept in
//! view from wherever it moves).

use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::Failure;
use crate::tui::state::{Flash, Level, State, TICKS_PER_SECOND};

/// How long flashes stay, in ticks.
const INFO_TICKS: u64 = 6 * TICKS_PER_SECOND;
const WARNING_TICKS: u64 = 10 * TICKS_PER_SECOND;
const ERROR_TICKS: u64 = 30 * TICKS_PER_SECOND;

pub const NO_USER: &str = "No user open: pick one in the User List (1) and press Enter";

pub fn flash(state: &mut State, level: Level, text: impl Into<String>) {
    let lasts = match level {
        Level::Info => INFO_TICKS,
        Level::Warning => WARNING_TICKS,
        Level::Error => ERROR_TICKS,
    };
    state.flash = Some(Flash {
        level,
        text: text.into(),
        request_id: None,
        until: state.ticks + lasts,
    });
}

/// A failed call: its summary, with the RequestId always shown.
pub fn fail(state: &mut State, failure: &Failure) {
    flash(state, Level::Error, failure.summary());
    if let Some(flash) = state.flash.as_mut() {
        flash.request_id = Some(
            failure
                .request_id
                .clone()
                .unwrap_or_else(|| "none: no API answer".to_owned()),
        );
    }
}

/// A quarter second passed: an expired flash goes.
pub fn tick(state: &mut State) {
    state.ticks += 1;
    if state.flash.as_ref().is_some_and(|f| state.ticks >= f.until) {
        state.flash = None;
    }
}

/// Issues a call: a fresh ticket, marked as the newest of its kind and as in flight.
pub fn call(state: &mut State, request: Request) -> Effect {
    let ticket = state.issue_ticket();
    if let Some(slot) = state.latest.slot(&request) {
        *slot = Some(ticket);
    }
    if request.mutates() {
        state.mutating = Some(ticket);
    }
    state.pending.insert(ticket, request.call_name());
    Effect::Call { ticket, request }
}

/// Issues a mutation — unless the target is read-only, where nothing may leave the process:
/// every mutating path (keys, dialogs) ends here, so this is the last word.
pub fn mutate(state: &mut State, request: Request) -> Vec<Effect> {
    debug_assert!(request.mutates());
    if state.header.read_only {
        refuse_read_only(state);
        return Vec::new();
    }
    vec![call(state, request)]
}

pub fn refuse_read_only(state: &mut State) {
    flash(
        state,
        Level::Warning,
        "Read-only: create, enable, disable and delete are never sent to this target",
    );
}

/// Whether a change is in flight (only one at a time); says so if it is.
pub fn busy(state: &mut State) -> bool {
    if let Some(ticket) = state.mutating {
        let name = state.pending.get(&ticket).copied().unwrap_or("a change");
        flash(
            state,
            Level::Warning,
            format!("{name} is still in flight: wait for its answer"),
        );
        true
    } else {
        false
    }
}

/// A reply that does not belong to its request: a bug, shown as a failed call.
pub fn unexpected(call: &'static str, reply: &Reply) -> Failure {
    Failure {
        call,
        code: "InternalError".into(),
        message: format!("camtui got an unexpected reply: {reply:?}"),
        request_id: None,
    }
}

/// Keeps the User List's cursor inside the drawn window.
pub fn scroll_users(state: &mut State) {
    let rows = geometry::user_list_rows(state.size).max(1);
    let users = &mut state.users;
    if users.cursor < users.offset {
        users.offset = users.cursor;
    } else if users.cursor >= users.offset + rows {
        users.offset = users.cursor + 1 - rows;
    }
    // After a resize or a shorter list, do not leave empty space below the last row.
    users.offset = users.offset.min(users.shown().saturating_sub(rows));
}

/// Moves a cursor over `len` rows; `page` is how many rows one screen shows.
pub fn moved(cursor: usize, len: usize, page: usize, command: Command) -> usize {
    let last = len.saturating_sub(1);
    match command {
        Command::Up => cursor.saturating_sub(1),
        Command::Down => (cursor + 1).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageUp => cursor.saturating_sub(page.max(1)),
        Command::PageDown => (cursor + page.max(1)).min(last),
        _ => cursor,
    }
}

pub fn is_move(command: Command) -> bool {
    matches!(
        command,
        Command::Up
            | Command::Down
            | Command::Top
            | Command::Bottom
            | Command::PageUp
            | Command::PageDown
    )
}
