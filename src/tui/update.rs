//! The pure heart of the console: `update(&mut State, Action) -> Vec<Effect>`. It never does I/O;
//! calls, copies and clears come out as [`Effect`]s and their results come back as actions.

use crate::cam::Secret;
use crate::cam::model::{AccessKey, GetUserAppIdResponse, KEYS_PER_USER, KeyStatus};

use super::action::{Action, Command, Copied, Effect, Reply, Request};
use super::clipboard::Backend;
use super::geometry;
use super::model::{Failure, Tab, Ticket};
use super::state::{
    AccessPanel, Button, ClipboardCountdown, Column, ConfirmDelete, ConfirmStatus, Context, Flash,
    Level, Modal, OpenUser, Remote, SECRET_CLIPBOARD_SECONDS, SecretModal, State, TICKS_PER_SECOND,
};

mod line;
mod mouse;
mod search;

/// How long flashes stay, in ticks.
const INFO_TICKS: u64 = 6 * TICKS_PER_SECOND;
const WARNING_TICKS: u64 = 10 * TICKS_PER_SECOND;
const ERROR_TICKS: u64 = 30 * TICKS_PER_SECOND;

const NO_USER: &str = "No user open: pick one in the User List (1) and press Enter";

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Start => vec![call(state, Request::Account), load_users(state)],
        Action::Command(command) => on_command(state, command),
        Action::Input(c) => on_input(state, c),
        Action::Paste(text) => on_paste(state, &text),
        Action::Mouse(event) => mouse::on_mouse(state, event),
        Action::Resize(columns, rows) => {
            state.size = (columns, rows);
            scroll_users(state);
            Vec::new()
        }
        Action::Tick => on_tick(state),
        Action::Done {
            ticket,
            request,
            result,
        } => on_done(state, ticket, request, result),
        Action::Copied { what, result } => {
            on_copied(state, &what, result);
            Vec::new()
        }
        Action::ClipboardCleared { result } => {
            match result {
                Ok(true) => flash(
                    state,
                    Level::Info,
                    "The copied SecretKey was cleared from the clipboard",
                ),
                Ok(false) => flash(
                    state,
                    Level::Info,
                    "The clipboard no longer held the SecretKey; left it alone",
                ),
                Err(e) => flash(
                    state,
                    Level::Error,
                    format!("Could not clear the clipboard: {e}"),
                ),
            }
            Vec::new()
        }
        Action::TargetReady(label) => {
            state.header.target = label;
            Vec::new()
        }
        Action::TargetFailed(reason) => {
            flash(state, Level::Error, reason);
            Vec::new()
        }
        Action::TargetSwitched(info) => line::on_switched(state, info),
        Action::CallLogged(record) => {
            on_call_logged(state, record);
            Vec::new()
        }
        Action::SearchProgress { ticket, progress } => {
            if let Some(search) = state.search.as_mut().filter(|s| s.ticket == ticket) {
                search.progress = Some(progress);
            }
            Vec::new()
        }
    }
}

fn flash(state: &mut State, level: Level, text: impl Into<String>) {
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

fn fail(state: &mut State, failure: &Failure) {
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

/// Issues a call: a fresh ticket, marked as the newest of its kind and as in flight.
fn call(state: &mut State, request: Request) -> Effect {
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
fn mutate(state: &mut State, request: Request) -> Vec<Effect> {
    debug_assert!(request.mutates());
    if state.header.read_only {
        refuse_read_only(state);
        return Vec::new();
    }
    vec![call(state, request)]
}

fn refuse_read_only(state: &mut State) {
    flash(
        state,
        Level::Warning,
        "Read-only: create, enable, disable and delete are never sent to this target",
    );
}

fn load_users(state: &mut State) -> Effect {
    state.users.load.start();
    call(state, Request::Users)
}

fn load_keys(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    open.keys.start();
    let uin = open.user.uin;
    vec![call(state, Request::Keys { uin })]
}

fn load_records(state: &mut State) -> Vec<Effect> {
    let Some(panel) = state.open.as_mut().and_then(|o| o.panel.as_mut()) else {
        return Vec::new();
    };
    panel.records.start();
    let secret_id = panel.secret_id.clone();
    vec![call(state, Request::Records { secret_id })]
}

/// Opens `uin` in User Details and API Keys, loading what is not loaded yet.
fn open_user(state: &mut State, reload: bool) -> Vec<Effect> {
    let Some(row) = state.users.selected().cloned() else {
        return Vec::new();
    };
    let same = state.open.as_ref().is_some_and(|o| o.user.uin == row.uin);
    if same && !reload {
        return Vec::new();
    }
    state.open = Some(OpenUser::new(row.clone()));
    let mut effects = vec![call(state, Request::Details { user: row })];
    effects.extend(load_keys(state));
    effects
}

fn go_tab(state: &mut State, tab: Tab) -> Vec<Effect> {
    state.tab = tab;
    if tab == Tab::Users {
        Vec::new()
    } else {
        open_user(state, false)
    }
}

fn on_command(state: &mut State, command: Command) -> Vec<Effect> {
    let context = state.context();
    if command.mutates() && state.header.read_only {
        refuse_read_only(state);
        return Vec::new();
    }
    match context {
        Context::Help => {
            match command {
                Command::CloseHelp => state.modal = None,
                Command::Quit => state.quit = true,
                _ if is_move(command) => {
                    if let Some(Modal::Help(context)) = state.modal {
                        let max =
                            geometry::help_scroll_max(context, state.header.read_only, state.size);
                        let page = usize::from(state.size.1.saturating_sub(2));
                        state.help_scroll = moved(state.help_scroll, max + 1, page, command);
                    }
                }
                _ => {}
            }
            Vec::new()
        }
        Context::ConfirmStatus => on_confirm_status(state, command),
        Context::ConfirmDelete => on_confirm_delete(state, command),
        Context::Secret => {
            on_secret(state, command);
            match command {
                Command::CopySecretId | Command::CopySecretKey => copy_from_modal(state, command),
                _ => Vec::new(),
            }
        }
        Context::Filter => on_filter(state, command),
        Context::Command => line::on_line(state, command),
        Context::Search => search::on_search(state, command),
        Context::CallLog => {
            on_log(state, command);
            Vec::new()
        }
        Context::Users | Context::Details | Context::Keys => match command {
            Command::Quit => {
                state.quit = true;
                Vec::new()
            }
            Command::Help => {
                open_help(state, context);
                Vec::new()
            }
            Command::CommandLine => {
                state.command_line = Some(super::state::CommandLine::default());
                Vec::new()
            }
            Command::ShowLog => {
                open_log(state);
                Vec::new()
            }
            Command::GoTab(tab) => go_tab(state, tab),
            Command::NextTab => go_tab(state, state.tab.next()),
            Command::PreviousTab => go_tab(state, state.tab.previous()),
            _ => match context {
                Context::Users => on_users(state, command),
                Context::Details => on_details(state, command),
                _ => on_keys(state, command),
            },
        },
    }
}

fn on_input(state: &mut State, c: char) -> Vec<Effect> {
    match &mut state.modal {
        Some(Modal::ConfirmDelete(dialog)) => {
            // Room for a mistake to be seen, not an essay.
            if dialog.typed.chars().count() < 8 {
                dialog.typed.push(c);
            }
            dialog.mismatch = false;
        }
        None if state.command_line.is_some() => line::type_char(state, c),
        None if state.users.filter_editing => {
            let mut filter = state.users.filter.clone();
            filter.push(c);
            state.users.set_filter(filter);
            scroll_users(state);
        }
        _ => {}
    }
    Vec::new()
}

/// Pasted text goes where typing would; a pasted SecretId is a complete one, so the owner
/// search starts at once (typed ones wait for Enter: every prefix of one looks like one too).
fn on_paste(state: &mut State, text: &str) -> Vec<Effect> {
    // One line, no control characters: a paste is never a key press.
    let text: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let trimmed = text.trim();
    match state.context() {
        Context::Filter | Context::Users | Context::Details | Context::Keys
            if search::looks_like_secret_id(trimmed) =>
        {
            search::start(state, trimmed.to_owned())
        }
        Context::Users | Context::Filter => {
            state.users.filter_editing = true;
            let mut filter = state.users.filter.clone();
            filter.push_str(&text);
            state.users.set_filter(filter);
            scroll_users(state);
            Vec::new()
        }
        Context::Command | Context::ConfirmDelete => {
            for c in text.chars() {
                on_input(state, c);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn open_help(state: &mut State, context: Context) {
    state.help_scroll = 0;
    state.modal = Some(Modal::Help(context));
}

fn open_log(state: &mut State) {
    let last = state.calls.len().saturating_sub(1);
    let mut view = super::call_log::LogView {
        cursor: last,
        offset: 0,
        follow: true,
    };
    scroll_log(state.size, state.calls.len(), &mut view);
    state.modal = Some(Modal::CallLog(view));
}

/// Keeps the log's cursor inside the drawn window.
fn scroll_log(size: (u16, u16), len: usize, view: &mut super::call_log::LogView) {
    let rows = geometry::call_log_rows(size).max(1);
    if view.cursor < view.offset {
        view.offset = view.cursor;
    } else if view.cursor >= view.offset + rows {
        view.offset = view.cursor + 1 - rows;
    }
    view.offset = view.offset.min(len.saturating_sub(rows));
}

fn on_log(state: &mut State, command: Command) {
    let len = state.calls.len();
    let size = state.size;
    let Some(Modal::CallLog(view)) = &mut state.modal else {
        return;
    };
    if is_move(command) {
        let page = geometry::call_log_rows(size);
        view.cursor = moved(view.cursor, len, page, command);
        view.follow = view.cursor + 1 >= len;
        scroll_log(size, len, view);
        return;
    }
    match command {
        Command::CloseLog => state.modal = None,
        Command::Quit => state.quit = true,
        _ => {}
    }
}

fn on_call_logged(state: &mut State, record: crate::cam::transport::CallRecord) {
    let full = state.calls.len() == state.calls.capacity();
    state.calls.push(record);
    let len = state.calls.len();
    let size = state.size;
    if let Some(Modal::CallLog(view)) = &mut state.modal {
        if view.follow {
            view.cursor = len - 1;
        } else if full {
            // The oldest entry went: stay on the same call.
            view.cursor = view.cursor.saturating_sub(1);
        }
        scroll_log(size, len, view);
    }
}

/// Moves a cursor over `len` rows; `page` is how many rows one screen shows.
fn moved(cursor: usize, len: usize, page: usize, command: Command) -> usize {
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

fn is_move(command: Command) -> bool {
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

/// Keeps the User List cursor inside the drawn window.
fn scroll_users(state: &mut State) {
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

fn on_users(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        let page = geometry::user_list_rows(state.size);
        state.users.cursor = moved(state.users.cursor, state.users.shown(), page, command);
        scroll_users(state);
        return Vec::new();
    }
    match command {
        Command::Open => {
            if state.users.selected().is_none() {
                flash(state, Level::Warning, "No user to open");
                return Vec::new();
            }
            state.tab = Tab::Details;
            open_user(state, false)
        }
        Command::Back => {
            if !state.users.filter.is_empty() {
                state.users.set_filter(String::new());
                scroll_users(state);
            }
            Vec::new()
        }
        Command::Filter => {
            state.users.filter_editing = true;
            Vec::new()
        }
        Command::SortNext => {
            let next = match state.users.sort {
                None => Some((Column::Username, false)),
                Some((Column::Created, _)) => None,
                Some((column, _)) => Some((column.next(), false)),
            };
            state.users.set_sort(next);
            scroll_users(state);
            Vec::new()
        }
        Command::SortReverse => {
            let reversed = match state.users.sort {
                None => (Column::Username, true),
                Some((column, descending)) => (column, !descending),
            };
            state.users.set_sort(Some(reversed));
            scroll_users(state);
            Vec::new()
        }
        Command::Refresh => vec![load_users(state)],
        _ => Vec::new(),
    }
}

fn on_filter(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Erase => {
            let mut filter = state.users.filter.clone();
            filter.pop();
            state.users.set_filter(filter);
        }
        Command::FilterDone => {
            state.users.filter_editing = false;
            let query = state.users.filter.trim().to_owned();
            if search::looks_like_secret_id(&query) {
                return search::start(state, query);
            }
        }
        Command::FilterClear => {
            state.users.filter_editing = false;
            state.users.set_filter(String::new());
        }
        Command::Up | Command::Down => {
            state.users.cursor = moved(state.users.cursor, state.users.shown(), 1, command);
        }
        Command::Quit => state.quit = true,
        _ => {}
    }
    scroll_users(state);
    Vec::new()
}

fn on_details(state: &mut State, command: Command) -> Vec<Effect> {
    match command {
        Command::Back => state.tab = Tab::Users,
        Command::Open if state.open.is_some() => state.tab = Tab::Keys,
        Command::Refresh if state.open.is_some() => {
            let Some(user) = state.open.as_ref().map(|o| o.user.clone()) else {
                return Vec::new();
            };
            if let Some(open) = state.open.as_mut() {
                open.details.start();
            }
            let mut effects = vec![call(state, Request::Details { user })];
            effects.extend(load_keys(state));
            return effects;
        }
        Command::Open | Command::Refresh => flash(state, Level::Warning, NO_USER),
        _ => {}
    }
    Vec::new()
}

/// The open user and their selected key, or a flash saying what is missing.
fn selected_key(state: &mut State) -> Option<(u64, String, AccessKey)> {
    let Some(open) = state.open.as_ref() else {
        flash(state, Level::Warning, NO_USER);
        return None;
    };
    if let Some(key) = open.selected_key() {
        return Some((open.user.uin, open.user.name.clone(), key.clone()));
    }
    let message = if open.keys.is_loading() {
        "The keys are still loading".to_owned()
    } else {
        format!("{} has no API keys (c creates one)", open.user.name)
    };
    flash(state, Level::Warning, message);
    None
}

fn busy(state: &mut State) -> bool {
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

fn on_keys(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        let Some(open) = state.open.as_mut() else {
            return Vec::new();
        };
        let before = open.key_cursor;
        open.key_cursor = moved(before, open.key_list().len(), 1, command);
        if open.key_cursor != before {
            return follow_panel(state);
        }
        return Vec::new();
    }
    match command {
        Command::Back => {
            match state.open.as_mut() {
                Some(open) if open.panel.is_some() => open.panel = None,
                _ => state.tab = Tab::Details,
            }
            Vec::new()
        }
        Command::Refresh => {
            if state.open.is_none() {
                flash(state, Level::Warning, NO_USER);
                return Vec::new();
            }
            let mut effects = load_keys(state);
            effects.extend(load_records(state));
            effects
        }
        Command::CreateKey => create_key(state),
        Command::CopySecretId => {
            let Some((_, _, key)) = selected_key(state) else {
                return Vec::new();
            };
            copy(
                state,
                Copied::SecretId(key.access_key_id.clone()),
                Secret::new(key.access_key_id),
            )
        }
        Command::DisableKey | Command::EnableKey => {
            let status = if command == Command::DisableKey {
                KeyStatus::Inactive
            } else {
                KeyStatus::Active
            };
            let Some((uin, user_name, key)) = selected_key(state) else {
                return Vec::new();
            };
            if key.status == status {
                flash(
                    state,
                    Level::Info,
                    format!(
                        "{} is already {}",
                        key.access_key_id,
                        status.label().to_lowercase()
                    ),
                );
            } else if !busy(state) {
                state.modal = Some(Modal::ConfirmStatus(ConfirmStatus {
                    uin,
                    user_name,
                    secret_id: key.access_key_id,
                    status,
                    focus: Button::Cancel,
                }));
            }
            Vec::new()
        }
        Command::DeleteKey => {
            let Some((uin, user_name, key)) = selected_key(state) else {
                return Vec::new();
            };
            if key.status == KeyStatus::Active {
                flash(
                    state,
                    Level::Warning,
                    format!(
                        "{} is enabled: disable it first (d), then delete it",
                        key.access_key_id
                    ),
                );
            } else if !busy(state) {
                state.modal = Some(Modal::ConfirmDelete(ConfirmDelete {
                    uin,
                    user_name,
                    secret_id: key.access_key_id,
                    typed: String::new(),
                    mismatch: false,
                }));
            }
            Vec::new()
        }
        Command::AccessPanel => {
            if let Some(open) = state.open.as_mut()
                && open.panel.take().is_some()
            {
                return Vec::new();
            }
            let Some((_, _, key)) = selected_key(state) else {
                return Vec::new();
            };
            if let Some(open) = state.open.as_mut() {
                open.panel = Some(AccessPanel {
                    secret_id: key.access_key_id,
                    records: Remote::default(),
                });
            }
            load_records(state)
        }
        _ => Vec::new(),
    }
}

/// The access panel follows the selected key.
fn follow_panel(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let selected = open.selected_key().map(|k| k.access_key_id.clone());
    match (open.panel.as_mut(), selected) {
        (Some(panel), Some(secret_id)) if panel.secret_id != secret_id => {
            *panel = AccessPanel {
                secret_id,
                records: Remote::default(),
            };
            load_records(state)
        }
        (Some(_), None) => {
            open.panel = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn create_key(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        flash(state, Level::Warning, NO_USER);
        return Vec::new();
    };
    let (uin, user_name) = (open.user.uin, open.user.name.clone());
    let Some(count) = open.keys.data.as_ref().map(Vec::len) else {
        flash(
            state,
            Level::Warning,
            "The keys are not loaded yet: wait, or press r to reload",
        );
        return Vec::new();
    };
    if count >= KEYS_PER_USER {
        flash(
            state,
            Level::Warning,
            format!(
                "{user_name} already has {count} API keys, the most CAM allows: delete one first"
            ),
        );
        return Vec::new();
    }
    if busy(state) {
        return Vec::new();
    }
    mutate(state, Request::CreateKey { uin, user_name })
}

fn copy(state: &mut State, what: Copied, text: Secret) -> Vec<Effect> {
    if state.header.clipboard == Backend::Off {
        flash(
            state,
            Level::Warning,
            "The clipboard is off (--clipboard off): nothing copied",
        );
        return Vec::new();
    }
    if let Copied::SecretKey(secret_id) = &what {
        state.countdown = Some(ClipboardCountdown {
            secret_id: secret_id.clone(),
            secret: text.clone(),
            until: state.ticks + SECRET_CLIPBOARD_SECONDS * TICKS_PER_SECOND,
        });
    }
    vec![Effect::Copy { what, text }]
}

fn copy_from_modal(state: &mut State, command: Command) -> Vec<Effect> {
    let Some(Modal::Secret(modal)) = &state.modal else {
        return Vec::new();
    };
    let secret_id = modal.key.access_key_id.clone();
    if command == Command::CopySecretKey {
        let secret = modal.key.secret_access_key.clone();
        copy(state, Copied::SecretKey(secret_id), secret)
    } else {
        copy(
            state,
            Copied::SecretId(secret_id.clone()),
            Secret::new(secret_id),
        )
    }
}

fn on_secret(state: &mut State, command: Command) {
    let Some(Modal::Secret(modal)) = &mut state.modal else {
        return;
    };
    match command {
        Command::Reveal => modal.revealed = !modal.revealed,
        Command::Acknowledge => modal.acknowledged = !modal.acknowledged,
        Command::CloseSecret if modal.acknowledged => {
            // Dropping the modal drops the only SecretKey camtui held (zeroized on drop).
            state.modal = None;
            flash(
                state,
                Level::Info,
                "The SecretKey is gone from camtui and cannot be shown again",
            );
        }
        Command::CloseSecret | Command::Quit => flash(
            state,
            Level::Warning,
            "The SecretKey cannot be shown again: save it, tick \"I have saved the SecretKey\" (Space), then close (Enter)",
        ),
        _ => {}
    }
}

fn on_confirm_status(state: &mut State, command: Command) -> Vec<Effect> {
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

fn on_confirm_delete(state: &mut State, command: Command) -> Vec<Effect> {
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

fn on_tick(state: &mut State) -> Vec<Effect> {
    state.ticks += 1;
    if state.flash.as_ref().is_some_and(|f| state.ticks >= f.until) {
        state.flash = None;
    }
    match state.countdown.take() {
        Some(countdown) if state.ticks >= countdown.until => vec![Effect::ClearClipboard {
            secret: countdown.secret,
        }],
        other => {
            state.countdown = other;
            Vec::new()
        }
    }
}

fn on_copied(
    state: &mut State,
    what: &Copied,
    result: Result<super::clipboard::Destination, super::clipboard::ClipboardError>,
) {
    match (result, what) {
        (Ok(destination), Copied::SecretId(secret_id)) => flash(
            state,
            Level::Info,
            format!("Copied SecretId {secret_id} to {}", destination.describe()),
        ),
        (Ok(destination), Copied::SecretKey(secret_id)) => flash(
            state,
            Level::Info,
            format!(
                "Copied the SecretKey of {secret_id} to {}; cleared in {SECRET_CLIPBOARD_SECONDS} s",
                destination.describe()
            ),
        ),
        (Err(e), _) => {
            if matches!(what, Copied::SecretKey(_)) {
                state.countdown = None;
            }
            flash(state, Level::Error, format!("Nothing copied: {e}"));
        }
    }
}

fn account_label(reply: &GetUserAppIdResponse) -> String {
    if reply.uin == reply.owner_uin {
        format!("{} (root)", reply.owner_uin)
    } else {
        format!("{} (sub-user {})", reply.owner_uin, reply.uin)
    }
}

fn on_done(
    state: &mut State,
    ticket: Ticket,
    request: Request,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    state.pending.remove(&ticket);
    if state.mutating == Some(ticket) {
        state.mutating = None;
    }
    if ticket < state.epoch {
        tracing::debug!(
            ?ticket,
            call = request.call_name(),
            "dropped an answer from the previous target"
        );
        return Vec::new();
    }
    if let Request::FindOwner { secret_id, .. } = &request {
        return search::on_done(state, ticket, secret_id, result);
    }
    if let Some(slot) = state.latest.slot(&request)
        && *slot != Some(ticket)
    {
        tracing::debug!(
            ?ticket,
            call = request.call_name(),
            "dropped a stale answer"
        );
        return Vec::new();
    }
    let open_uin = state.open.as_ref().map(|o| o.user.uin);
    if request.mutates()
        && let Err(failure) = &result
    {
        // The server may have changed anyway (a timeout after the commit): show what it has.
        fail(state, failure);
        return load_keys(state);
    }
    match (request, result) {
        (Request::Account, result) => {
            let result = result.and_then(|reply| match reply {
                Reply::Account(account) => Ok(account_label(&account)),
                other => Err(unexpected("GetUserAppId", &other)),
            });
            if let Err(failure) = &result {
                fail(state, failure);
            }
            state.header.account.finish(result);
            Vec::new()
        }
        (Request::Users, Ok(Reply::Users(rows))) => {
            state.users.set_rows(rows);
            state.users.load.finish(Ok(()));
            scroll_users(state);
            Vec::new()
        }
        (Request::Details { user }, result) if open_uin == Some(user.uin) => {
            let result = result.and_then(|reply| match reply {
                Reply::Details(details) => Ok(details),
                other => Err(unexpected("GetUser", &other)),
            });
            if let Err(failure) = &result {
                fail(state, failure);
            }
            if let Some(open) = state.open.as_mut() {
                open.details.finish(result);
            }
            Vec::new()
        }
        (Request::Keys { uin }, Ok(Reply::Keys(keys))) if open_uin == Some(uin) => {
            let Some(open) = state.open.as_mut() else {
                return Vec::new();
            };
            let selected = open
                .select_key
                .take()
                .or_else(|| open.selected_key().map(|k| k.access_key_id.clone()));
            open.key_cursor = selected
                .and_then(|id| keys.iter().position(|k| k.access_key_id == id))
                .unwrap_or(0)
                .min(keys.len().saturating_sub(1));
            let secret_ids: Vec<String> = keys.iter().map(|k| k.access_key_id.clone()).collect();
            open.keys.finish(Ok(keys));
            let mut effects = Vec::new();
            if secret_ids.is_empty() {
                open.last_used.finish(Ok(Vec::new()));
            } else {
                open.last_used.start();
                effects.push(call(state, Request::LastUsed { uin, secret_ids }));
            }
            effects.extend(follow_panel(state));
            effects
        }
        (Request::LastUsed { uin, .. }, result) if open_uin == Some(uin) => {
            let result = result.and_then(|reply| match reply {
                Reply::LastUsed(rows) => Ok(rows),
                other => Err(unexpected("GetSecurityLastUsed", &other)),
            });
            if let Err(failure) = &result {
                fail(state, failure);
            }
            if let Some(open) = state.open.as_mut() {
                open.last_used.finish(result);
            }
            Vec::new()
        }
        (Request::Records { secret_id }, result) => {
            let result = result.and_then(|reply| match reply {
                Reply::Records(records) => Ok(records),
                other => Err(unexpected("DescribeEvents", &other)),
            });
            if let Some(panel) = state
                .open
                .as_mut()
                .and_then(|o| o.panel.as_mut())
                .filter(|p| p.secret_id == secret_id)
            {
                panel.records.finish(result);
            }
            Vec::new()
        }
        (Request::CreateKey { uin, user_name }, Ok(Reply::Created(key))) => {
            flash(
                state,
                Level::Info,
                format!("Created {} for {user_name}", key.access_key_id),
            );
            // Whatever else was open, the one-time SecretKey wins: it can never be shown again.
            state.modal = Some(Modal::Secret(SecretModal {
                user_name,
                key,
                revealed: false,
                acknowledged: false,
            }));
            if open_uin == Some(uin) {
                load_keys(state)
            } else {
                Vec::new()
            }
        }
        (
            Request::SetKeyStatus {
                uin,
                secret_id,
                status,
            },
            Ok(_),
        ) => {
            let message = match status {
                KeyStatus::Inactive => {
                    format!("Disabled {secret_id}: requests signed with it are now refused")
                }
                KeyStatus::Active => format!("Enabled {secret_id}"),
            };
            flash(state, Level::Info, message);
            if open_uin == Some(uin) {
                load_keys(state)
            } else {
                Vec::new()
            }
        }
        (Request::DeleteKey { uin, secret_id }, Ok(_)) => {
            flash(
                state,
                Level::Info,
                format!("Deleted {secret_id}: it can never be used again"),
            );
            if open_uin == Some(uin) {
                load_keys(state)
            } else {
                Vec::new()
            }
        }
        (Request::Users, Err(failure)) => {
            fail(state, &failure);
            state.users.load.finish(Err(failure));
            Vec::new()
        }
        (Request::Keys { uin }, Err(failure)) if open_uin == Some(uin) => {
            fail(state, &failure);
            if let Some(open) = state.open.as_mut() {
                open.keys.finish(Err(failure));
            }
            Vec::new()
        }
        // Answers about a user who is no longer open.
        _ => Vec::new(),
    }
}

fn unexpected(call: &'static str, reply: &Reply) -> Failure {
    Failure {
        call,
        code: "InternalError".into(),
        message: format!("camtui got an unexpected reply: {reply:?}"),
        request_id: None,
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod operator_tests;
