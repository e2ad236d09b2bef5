//! The Key Report tab: its walk's rows as they come and how it ended, `r` to load it again and
//! `X` to stop it keeping what is in; moving, sorting, the filter typed after `/` and the quick
//! filters; marking keys and asking to disable them; Enter opens a key on its owner's API Keys.

use std::collections::HashSet;

use crate::cam::report::{ReportOutcome, ReportUpdate, Staleness};
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::{Failure, Ticket};
use crate::tui::report_table::{Loading, ReportColumn};
use crate::tui::state::{Confirm, Level, State};
use crate::tui::text_field::{FilterEdit, TextField};
use crate::tui::update::core::{fail_read, flash, is_move, moved, scroll_report, unexpected};
use crate::tui::update::{clipboard, confirm, tabs};

/// The keys of the Key Report.
pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        move_cursor(state, command);
        return Vec::new();
    }
    match command {
        Command::Open => return open_selected(state),
        Command::Filter => start_filter(state),
        Command::QuickFilter(flag) => state.report.toggle_quick(flag),
        Command::Mark => {
            state.report.toggle_mark();
            move_cursor(state, Command::Down);
        }
        Command::MarkShown => {
            let marked = state.report.toggle_shown();
            flash(state, Level::Info, format!("{marked} keys marked"));
        }
        Command::DisableKey => ask_disable(state),
        Command::Copy => {
            let Some(id) = state.report.selected().map(|r| r.key.access_key_id.clone()) else {
                return Vec::new();
            };
            return clipboard::copy_plain(state, Copied::SecretId(id));
        }
        Command::SortNext => {
            let next = match state.report.sort {
                None => Some(ReportColumn::ALL[0]),
                Some((column, _)) => column.next(),
            };
            state.report.set_sort(next.map(|column| (column, false)));
        }
        Command::SortReverse => {
            let reversed = match state.report.sort {
                None => (ReportColumn::ALL[0], true),
                Some((column, descending)) => (column, !descending),
            };
            state.report.set_sort(Some(reversed));
        }
        Command::Refresh => {
            let mut effects = stop(state);
            effects.extend(tabs::load_report(state));
            return effects;
        }
        Command::StopLoading if state.report.running().is_none() => {
            flash(state, Level::Info, "The report is not loading");
        }
        Command::StopLoading => {
            let effects = stop(state);
            let done = match &state.report.loading {
                Loading::Stopped { progress } => progress.done,
                _ => 0,
            };
            flash(
                state,
                Level::Info,
                format!("Stopped after {done} users: what came in stays (r loads it all again)"),
            );
            return effects;
        }
        Command::Back => state.report.clear_filters(),
        _ => {}
    }
    scroll_report(state);
    Vec::new()
}

fn move_cursor(state: &mut State, command: Command) {
    let page = geometry::report_rows(state.size);
    state.report.cursor = moved(state.report.cursor, state.report.shown(), page, command);
    scroll_report(state);
}

/// `/`: a new filter; the one it replaces comes back with Esc.
fn start_filter(state: &mut State) {
    state.report.editing = Some(FilterEdit {
        field: TextField::default(),
        previous: state.report.filter.clone(),
    });
    state.report.set_filter(String::new());
}

/// The keys while typing into the filter.
pub fn on_filter(state: &mut State, command: Command) -> Vec<Effect> {
    let report = &mut state.report;
    match command {
        Command::Edit(edit) => {
            if let Some(editing) = report.editing.as_mut()
                && editing.field.edit(edit)
            {
                let text = editing.field.text().to_owned();
                report.set_filter(text);
            }
        }
        Command::FilterDone => report.editing = None,
        Command::FilterCancel => {
            if let Some(editing) = report.editing.take() {
                report.set_filter(editing.previous);
            }
        }
        Command::Up | Command::Down => move_cursor(state, command),
        Command::Quit => state.quit = true,
        _ => {}
    }
    scroll_report(state);
    Vec::new()
}

/// Text typed or pasted into the filter (a paste into the table starts a new one).
pub fn type_filter(state: &mut State, text: &str) {
    if state.report.editing.is_none() {
        start_filter(state);
    }
    if let Some(editing) = state.report.editing.as_mut() {
        editing.field.insert(text);
        let text = editing.field.text().to_owned();
        state.report.set_filter(text);
    }
    scroll_report(state);
}

/// Enter: the key under the cursor, selected on its owner's API Keys tab.
fn open_selected(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.report.selected() else {
        flash(state, Level::Warning, "No key to open");
        return Vec::new();
    };
    let (uin, name, secret_id) = (
        row.owner.uin,
        row.owner.name.clone(),
        row.key.access_key_id.clone(),
    );
    tabs::open_key(state, uin, &secret_id).unwrap_or_else(|| {
        flash(
            state,
            Level::Warning,
            format!("{name} (UIN {uin}) is no longer in the User List: press r there"),
        );
        Vec::new()
    })
}

/// `d`: the marked keys that are enabled (or the one under the cursor), after their count is
/// typed.
fn ask_disable(state: &mut State) {
    let keys = state.report.to_disable();
    if keys.is_empty() {
        let why = if state.report.marked_count() == 0 {
            "The key under the cursor is disabled already (Space marks keys, A all shown)"
        } else {
            "Every marked key is disabled already"
        };
        flash(state, Level::Info, why);
        return;
    }
    let owners: HashSet<u64> = keys.iter().map(|k| k.uin).collect();
    let subject = match owners.len() {
        1 => keys[0].owner.clone(),
        n => format!("{n} users"),
    };
    confirm::ask(
        state,
        Confirm::typed(Request::DisableKeys { keys }, subject),
    );
}

/// Stops the walk in flight, keeping what came in.
fn stop(state: &mut State) -> Vec<Effect> {
    let Loading::Running { ticket, progress } = state.report.loading.clone() else {
        return Vec::new();
    };
    state.pending.remove(&ticket);
    state.report.loading = Loading::Stopped { progress };
    vec![Effect::Cancel { ticket }]
}

/// The walk has more rows, or got further.
pub fn on_rows(state: &mut State, ticket: Ticket, staleness: Staleness, update: ReportUpdate) {
    if state.report.running() != Some(ticket) {
        return;
    }
    state.report.add(update.rows, staleness);
    state.report.loading = Loading::Running {
        ticket,
        progress: update.progress,
    };
    scroll_report(state);
}

/// The walk ended; an answer to one stopped or replaced is dropped.
pub fn on_done(state: &mut State, ticket: Ticket, result: Result<Reply, Failure>) {
    if state.report.running() != Some(ticket) {
        return;
    }
    let progress = match &state.report.loading {
        Loading::Running { progress, .. } => *progress,
        _ => return,
    };
    state.report.loading = match result {
        Ok(Reply::Report(ReportOutcome::Complete { skipped })) => {
            if !skipped.is_empty() {
                let names: Vec<String> = skipped
                    .iter()
                    .map(|s| format!("{} ({})", s.user.name, s.error.code()))
                    .collect();
                flash(
                    state,
                    Level::Warning,
                    format!(
                        "The keys of {} users could not be listed: {}",
                        skipped.len(),
                        names.join(", ")
                    ),
                );
            }
            Loading::Done {
                skipped: skipped.len(),
            }
        }
        Ok(Reply::Report(ReportOutcome::Cancelled { .. })) => Loading::Stopped { progress },
        Ok(other) => {
            let failure = unexpected("ListAccessKeys (key report)", &other);
            fail_read(state, &failure);
            Loading::Failed(failure)
        }
        Err(failure) => {
            fail_read(state, &failure);
            Loading::Failed(failure)
        }
    };
}
