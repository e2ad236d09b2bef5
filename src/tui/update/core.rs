//! What every part of `update` shares: issuing calls, the one gate every mutation passes, the
//! flash line and what ends a message (a change's outcome outlives the reload after it; a read's
//! failure goes when it succeeds; moving to another view clears what was said of the old one),
//! the one-change-at-a-time rule, showing a tab, and moving a cursor and keeping it in view.

use crate::i18n::Text;
use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{About, Flash, Level, State, TICKS_PER_SECOND};

/// How long flashes stay, in ticks.
const INFO_TICKS: u64 = 6 * TICKS_PER_SECOND;
const WARNING_TICKS: u64 = 10 * TICKS_PER_SECOND;
const ERROR_TICKS: u64 = 30 * TICKS_PER_SECOND;

/// A message about the view on screen.
pub fn flash(state: &mut State, level: Level, text: impl Into<String>) {
    say(state, level, text.into(), About::View);
}

/// The outcome of a change: the reload after it does not hide it.
pub fn flash_change(state: &mut State, level: Level, text: impl Into<String>) {
    say(state, level, text.into(), About::Change);
}

fn say(state: &mut State, level: Level, text: String, about: About) {
    let lasts = match level {
        Level::Info => INFO_TICKS,
        Level::Warning => WARNING_TICKS,
        Level::Error => ERROR_TICKS,
    };
    state.flash = Some(Flash {
        level,
        text,
        request_id: None,
        until: state.ticks + lasts,
        about,
    });
}

/// A failed call the user asked for (an owner search): its summary, with the RequestId when
/// the API answered.
pub fn fail(state: &mut State, failure: &Failure) {
    report(state, failure, About::View);
}

/// A change failed.
pub fn fail_change(state: &mut State, failure: &Failure) {
    report(state, failure, About::Change);
}

/// A read failed: it says that `r` retries it when the server never answered, and never hides
/// a change's outcome (the view it was loading shows the failure too).
pub fn fail_read(state: &mut State, failure: &Failure) {
    report(state, failure, About::Read(failure.call));
}

fn report(state: &mut State, failure: &Failure, about: About) {
    if let About::Read(_) = about
        && state
            .flash
            .as_ref()
            .is_some_and(|f| f.about == About::Change)
    {
        return;
    }
    let mut text = failure.summary(state.language);
    if matches!(about, About::Read(_)) && failure.unanswered() {
        text.push_str(&state.language.text(Text::RetryHint));
    }
    say(state, Level::Error, text, about);
    if let Some(flash) = state.flash.as_mut() {
        flash.request_id.clone_from(&failure.request_id);
    }
}

/// A call succeeded: a message about its earlier failure goes.
pub fn answered(state: &mut State, call: &'static str) {
    if state
        .flash
        .as_ref()
        .is_some_and(|f| f.about == About::Read(call))
    {
        state.flash = None;
    }
}

/// Shows `tab`; moving to another tab is navigating away.
pub fn show_tab(state: &mut State, tab: Tab) {
    if state.tab != tab {
        state.tab = tab;
        navigated(state);
    }
}

/// The user moved to another view: what was said about the old one goes; a change's outcome
/// stays until it expires.
pub fn navigated(state: &mut State) {
    if state
        .flash
        .as_ref()
        .is_some_and(|f| f.about != About::Change)
    {
        state.flash = None;
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
    state.pending.insert(ticket, request.label(state.language));
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
    say_text(state, Level::Warning, Text::ReadOnlyRefused);
}

/// A message about the view on screen, in the run's language.
pub fn say_text(state: &mut State, level: Level, text: Text<'_>) {
    let text = state.language.text(text).into_owned();
    flash(state, level, text);
}

/// Says that no user is open, so the keys of a user's tab do nothing.
pub fn no_user(state: &mut State) {
    say_text(state, Level::Warning, Text::NoUserOpen);
}

/// Whether a change is in flight (only one at a time); says so if it is.
pub fn busy(state: &mut State) -> bool {
    if let Some(ticket) = state.mutating {
        let call = match state.pending.get(&ticket) {
            Some(call) => call.clone(),
            None => state.language.text(Text::AChange),
        };
        say_text(state, Level::Warning, Text::StillInFlight { call: &call });
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
    let rows = geometry::user_list_rows(state.size);
    let users = &mut state.users;
    users.offset = keep_in_view(users.cursor, users.offset, rows, users.shown());
}

/// Keeps the Key Report's cursor inside the drawn window.
pub fn scroll_report(state: &mut State) {
    let report = &mut state.report;
    report.offset = keep_in_view(
        report.cursor,
        report.offset,
        geometry::report_rows(state.size),
        report.shown(),
    );
}

/// The first row to draw of a list of `len` rows, `rows` at a time, so that `cursor` is in
/// view, moving as little as it can from `offset` — and leaving no empty space below the last
/// row (after a resize or a shorter list).
pub fn keep_in_view(cursor: usize, offset: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let offset = if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    };
    offset.min(len.saturating_sub(rows))
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
