//! The access-records drawer of the selected key: showing and hiding it, following the key
//! table's cursor, the focus moving into it (`l`) and back (`h`), moving through its records,
//! failures only (`f`), copying a record's RequestId and opening a record in full.

use crate::cam::model::SecretId;
use crate::tui::action::{Command, Copied, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::model::{AccessRecord, Failure};
use crate::tui::state::{AccessPanel, Modal, Pager, Remote, State, Status};
use crate::tui::update::clipboard;
use crate::tui::update::core::{call, is_move, keep_in_view, moved, unexpected};

/// The drawer of the open user's selected key, if it is open.
fn drawer(state: &mut State) -> Option<&mut AccessPanel> {
    state.open.as_mut()?.panel.as_mut()
}

/// The drawer's records, again.
pub fn load(state: &mut State) -> Vec<Effect> {
    let Some(panel) = drawer(state) else {
        return Vec::new();
    };
    panel.records.start();
    let secret_id = panel.secret_id.clone();
    vec![call(state, Request::Records { secret_id })]
}

/// The drawer follows the key table's cursor (and closes when there is no key).
pub fn follow(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let selected = open.selected_key().map(|k| k.access_key_id.clone());
    match (open.panel.as_mut(), selected) {
        (Some(panel), Some(secret_id)) if panel.secret_id != secret_id => {
            let focused = panel.focused;
            *panel = AccessPanel {
                focused,
                ..AccessPanel::new(secret_id)
            };
            load(state)
        }
        (Some(_), None) => {
            open.panel = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Opens the drawer on the selected key (`focus`: with the focus in it); `None` when there is
/// no key to show the records of.
fn show(state: &mut State, focus: bool) -> Option<Vec<Effect>> {
    let open = state.open.as_mut()?;
    if let Some(panel) = open.panel.as_mut() {
        panel.focused |= focus;
        return Some(Vec::new());
    }
    let secret_id = open.selected_key()?.access_key_id.clone();
    open.panel = Some(AccessPanel {
        focused: focus,
        ..AccessPanel::new(secret_id)
    });
    Some(load(state))
}

/// The selected key's records again, opening the drawer if it is closed (the rotation wizard
/// watches the old key's).
pub fn reload(state: &mut State) -> Vec<Effect> {
    match drawer(state) {
        Some(_) => load(state),
        None => show(state, false).unwrap_or_default(),
    }
}

/// `a`: shows the drawer, or hides it; `None` as [`show`].
pub fn toggle(state: &mut State) -> Option<Vec<Effect>> {
    let open = state.open.as_mut()?;
    if open.panel.take().is_some() {
        return Some(Vec::new());
    }
    show(state, false)
}

/// `l`: the focus moves into the drawer, opening it.
pub fn focus(state: &mut State) -> Option<Vec<Effect>> {
    show(state, true)
}

/// The keys of the drawer, once it has the focus.
pub fn on_key(state: &mut State, command: Command) -> Vec<Effect> {
    if is_move(command) {
        move_cursor(state, command, geometry::drawer_rows(state.size));
        return Vec::new();
    }
    let Some(panel) = drawer(state) else {
        return Vec::new();
    };
    match command {
        Command::Back => panel.focused = false,
        Command::AccessPanel => {
            if let Some(open) = state.open.as_mut() {
                open.panel = None;
            }
        }
        Command::FailuresOnly => {
            panel.failures_only = !panel.failures_only;
            panel.cursor = 0;
            panel.offset = 0;
        }
        Command::Refresh => return load(state),
        Command::Copy => {
            if let Some(request_id) = panel
                .selected()
                .map(|r| r.request_id.clone())
                .filter(|id| !id.is_empty())
            {
                return clipboard::copy_plain(state, Copied::RequestId(request_id));
            }
        }
        Command::Open => {
            if let Some(pager) = panel.selected().map(|r| record_pager(&panel.secret_id, r)) {
                state.modal = Some(Modal::Pager(pager));
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Keeps the cursor inside the drawn window.
fn scroll(panel: &mut AccessPanel, size: (u16, u16)) {
    panel.offset = keep_in_view(
        panel.cursor,
        panel.offset,
        geometry::drawer_rows(size),
        panel.shown_count(),
    );
}

/// Moves the cursor; `page` is how far a page key goes.
pub fn move_cursor(state: &mut State, command: Command, page: usize) {
    let size = state.size;
    if let Some(panel) = drawer(state) {
        panel.cursor = moved(panel.cursor, panel.shown_count(), page, command);
        scroll(panel, size);
    }
}

/// A record in full: the time with its zone, the result code and message whole, where it came
/// from, the RequestId, the resource and the event document.
fn record_pager(secret_id: &SecretId, record: &AccessRecord) -> Pager {
    let result = match &record.error {
        None => "✓ OK".to_owned(),
        Some(code) if record.message.is_empty() => format!("✗ {code}"),
        Some(code) => format!("✗ {code} — {}", record.message),
    };
    Pager {
        title: format!("Access record of {secret_id}"),
        fields: vec![
            ("Time", record.time_with_zone()),
            ("Action", record.action.clone()),
            ("Result", result),
            ("Source IP", record.source_ip.clone()),
            ("Region", or_dash(&record.region)),
            ("RequestId", or_dash(&record.request_id)),
            ("Resource", or_dash(&record.resource)),
        ],
        document_title: "Event (CloudAuditEvent)",
        document: Remote {
            data: Some(record.document.clone()),
            status: Status::Ready,
        },
        scroll: 0,
        copy: (!record.request_id.is_empty()).then(|| Copied::RequestId(record.request_id.clone())),
        waiting: None,
    }
}

fn or_dash(text: &str) -> String {
    if text.is_empty() { "–" } else { text }.to_owned()
}

/// `DescribeEvents` answered: kept if the drawer still shows that key (a failure shows in the
/// drawer, not the flash).
pub fn on_records(
    state: &mut State,
    secret_id: &SecretId,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    let size = state.size;
    let result = result.and_then(|reply| match reply {
        Reply::Records(records) => Ok(records),
        other => Err(unexpected("DescribeEvents", &other)),
    });
    if let Some(panel) = drawer(state).filter(|p| p.secret_id == *secret_id) {
        panel.records.finish(result);
        panel.cursor = panel.cursor.min(panel.shown_count().saturating_sub(1));
        scroll(panel, size);
    }
    Vec::new()
}
