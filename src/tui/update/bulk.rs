//! Disabling many keys (the Key Report's `d`, once confirmed): each result as it lands — a key
//! disabled is so in the report at once, a failure is listed with its Code, Message and
//! RequestId — `Esc` to stop after the call in flight, and a summary when it is done.

use std::fmt::Write as _;

use crate::tui::action::{Command, Effect, Reply, Request};
use crate::tui::model::{Failure, KeyRef, Ticket};
use crate::tui::state::{BulkDisable, Context, Level, State};
use crate::tui::update::core::{fail_change, flash, flash_change};
use crate::tui::update::{call_log, help, keys};

/// A confirmed change went out: if it is a bulk disable, its progress shows.
pub fn track(state: &mut State, effects: &[Effect]) {
    if let [
        Effect::Call {
            ticket,
            request: Request::DisableKeys { keys },
        },
    ] = effects
    {
        state.bulk = Some(BulkDisable {
            ticket: *ticket,
            total: keys.len(),
            disabled: 0,
            failures: Vec::new(),
            stopping: false,
            finished: false,
        });
    }
}

/// One key's answer.
pub fn on_result(state: &mut State, ticket: Ticket, key: KeyRef, result: Result<String, Failure>) {
    let Some(bulk) = state.bulk.as_mut().filter(|b| b.ticket == ticket) else {
        return;
    };
    match result {
        Ok(_) => {
            bulk.disabled += 1;
            state.report.set_disabled(key.uin, &key.secret_id);
            state.report.unmark(&key.secret_id);
        }
        Err(failure) => bulk.failures.push((key, failure)),
    }
}

/// No call is in flight any more: the summary, and the open user's keys again if any of theirs
/// changed.
pub fn on_done(
    state: &mut State,
    ticket: Ticket,
    request: &Request,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    let Some(bulk) = state.bulk.as_mut().filter(|b| b.ticket == ticket) else {
        return Vec::new();
    };
    bulk.finished = true;
    let (disabled, failed, left) = (
        bulk.disabled,
        bulk.failures.len(),
        bulk.total - bulk.answered(),
    );
    if let Err(failure) = result {
        // Refused before any call (read-only), or the worker went away.
        fail_change(state, &failure);
    } else {
        let mut text = format!("Disabled {disabled} keys");
        if failed > 0 {
            let _ = write!(text, "; {failed} failed (listed)");
        }
        if left > 0 {
            let _ = write!(text, "; stopped before {left}");
        }
        let level = if failed > 0 {
            Level::Warning
        } else {
            Level::Info
        };
        flash_change(state, level, text);
    }
    let touched = matches!(request, Request::DisableKeys { keys }
        if keys.iter().any(|k| state.is_open(k.uin)));
    if touched {
        keys::load(state)
    } else {
        Vec::new()
    }
}

/// Keys while it runs or its results are shown.
pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Back => {
            let Some(bulk) = state.bulk.as_mut() else {
                return Vec::new();
            };
            if bulk.finished {
                state.bulk = None;
            } else if !bulk.stopping {
                bulk.stopping = true;
                let ticket = bulk.ticket;
                flash(
                    state,
                    Level::Info,
                    "Stopping after the call in flight: what was disabled stays disabled",
                );
                return vec![Effect::Cancel { ticket }];
            }
        }
        Command::ShowLog => call_log::open(state),
        Command::Help => help::open(state, Context::Bulk),
        Command::Quit => state.quit = true,
        _ => {}
    }
    Vec::new()
}
