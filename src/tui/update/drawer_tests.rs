//! The access-records drawer and the record read in full, driven through the real keymap.

use crossterm::event::KeyCode;

use super::tests::{KEY_A, KEY_B, answer_all, calls, flash_text, key, press, records, with_keys};
use super::update;
use crate::cam::model::{KeyStatus, SecretId};
use crate::tui::action::{Action, Copied, Effect, Reply, Request};
use crate::tui::geometry;
use crate::tui::state::{AccessPanel, Context, Modal, State};

/// alice's two keys at `size`, the drawer of the first focused with `l` and 25 records in.
fn focused(size: (u16, u16)) -> State {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    update(&mut state, Action::Resize(size.0, size.1));
    let effects = press(&mut state, 'l');
    assert_eq!(
        calls(&effects),
        [&Request::Records {
            secret_id: SecretId::from_wire(KEY_A)
        }]
    );
    answer_all(&mut state, effects, |_| Ok(Reply::Records(records(25))));
    assert_eq!(state.context(), Context::Records);
    state
}

fn drawer(state: &State) -> &AccessPanel {
    state.open.as_ref().unwrap().panel.as_ref().unwrap()
}

#[test]
fn the_drawer_sits_right_of_the_keys_from_120_columns() {
    assert!(!geometry::drawer_beside((119, 40)));
    assert!(geometry::drawer_beside((120, 40)));
    assert_eq!(
        geometry::key_table_width((120, 40), true),
        geometry::KEYS_BESIDE_DRAWER_WIDTH
    );
    assert_eq!(geometry::key_table_width((120, 40), false), 120);
    assert_eq!(geometry::key_table_width((80, 24), true), 80);
    // Below the keys at 80×24: 19 body rows, 7 for the keys, 4 for the drawer's frame.
    assert_eq!(geometry::drawer_rows((80, 24)), 8);
    assert_eq!(geometry::drawer_rows((120, 40)), 31);
}

#[test]
fn l_focuses_the_drawer_and_h_esc_and_left_give_the_focus_back() {
    let mut state = focused((120, 40));
    for back in [KeyCode::Char('h'), KeyCode::Left, KeyCode::Esc] {
        press(&mut state, back);
        assert_eq!(state.context(), Context::Keys, "{back:?}");
        assert!(drawer(&state).records.data.is_some(), "still open");
        // Open already: the focus goes back in without a reload.
        assert!(press(&mut state, KeyCode::Right).is_empty());
        assert_eq!(state.context(), Context::Records);
    }
    // The keys' Enter goes in too; `a` hides the drawer from either side.
    press(&mut state, 'h');
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert_eq!(state.context(), Context::Records);
    press(&mut state, 'a');
    assert_eq!(state.context(), Context::Keys);
    assert!(state.open.as_ref().unwrap().panel.is_none());
    // The tabs and the help still work from inside the drawer.
    let mut state = focused((120, 40));
    press(&mut state, '?');
    assert!(state.modal.is_some());
    press(&mut state, KeyCode::Esc);
    press(&mut state, '2');
    assert_eq!(state.context(), Context::Details);
}

#[test]
fn the_drawer_moves_pages_and_keeps_the_cursor_in_view() {
    let mut state = focused((80, 24));
    press(&mut state, 'j');
    press(&mut state, KeyCode::Down);
    assert_eq!(drawer(&state).cursor, 2);
    press(&mut state, KeyCode::PageDown);
    // Eight rows show at 80×24: a page is eight records.
    assert_eq!(drawer(&state).cursor, 10);
    assert_eq!(drawer(&state).offset, 3);
    press(&mut state, 'G');
    assert_eq!((drawer(&state).cursor, drawer(&state).offset), (24, 17));
    press(&mut state, KeyCode::PageUp);
    assert_eq!(drawer(&state).cursor, 16);
    press(&mut state, 'g');
    assert_eq!((drawer(&state).cursor, drawer(&state).offset), (0, 0));
    press(&mut state, 'k');
    assert_eq!(drawer(&state).cursor, 0);
    // The key table's cursor did not move meanwhile.
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 0);
}

#[test]
fn f_shows_failures_only_and_y_copies_the_selected_records_request_id() {
    let mut state = focused((120, 40));
    press(&mut state, 'j');
    press(&mut state, 'f');
    let panel = drawer(&state);
    assert!(panel.failures_only);
    assert_eq!(panel.shown_count(), 5);
    assert!(panel.shown().all(|r| r.error.is_some()));
    assert_eq!(panel.cursor, 0, "the cursor starts over");
    press(&mut state, 'j');
    let expected = drawer(&state).selected().unwrap().request_id.clone();
    let effects = press(&mut state, 'y');
    let [Effect::Copy { what, text }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(*what, Copied::RequestId(expected.clone()));
    assert_eq!(text.expose(), expected);
    press(&mut state, 'f');
    assert_eq!(drawer(&state).shown_count(), 25);
    // A record the server wrote without a RequestId: nothing to copy, nothing copied.
    if let Some(records) = state
        .open
        .as_mut()
        .and_then(|o| o.panel.as_mut()?.records.data.as_mut())
    {
        records[0].request_id.clear();
    }
    press(&mut state, 'g');
    assert!(press(&mut state, 'y').is_empty());
}

#[test]
fn enter_opens_a_record_in_full_and_the_pager_scrolls_copies_and_closes() {
    let mut state = focused((80, 24));
    press(&mut state, 'j');
    press(&mut state, 'j');
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Pager);
    let Some(Modal::Pager(pager)) = &state.modal else {
        panic!()
    };
    let field = |label: &str| {
        pager
            .fields
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(field("Time"), "2024-05-01 14:00:00 UTC+8");
    assert_eq!(
        field("Result"),
        "✗ AuthFailure.SecretIdNotFound — The SecretId is not found, please ensure that your SecretId is correct."
    );
    assert_eq!(field("RequestId"), "5b4d1725-5a30-4bd8-b36d-cfa0d1d47002");
    assert_eq!(field("Source IP"), "203.0.113.12");
    assert_eq!(field("Region"), "ap-guangzhou");
    assert!(
        pager
            .document
            .data
            .as_deref()
            .unwrap()
            .contains("eventName")
    );
    // The document fits at 80×24: nothing to scroll.
    press(&mut state, 'G');
    let Some(Modal::Pager(pager)) = &state.modal else {
        panic!()
    };
    assert_eq!(pager.scroll, 0);
    let effects = press(&mut state, 'y');
    assert!(matches!(
        &effects[..],
        [Effect::Copy { what: Copied::RequestId(id), .. }] if id.ends_with("47002")
    ));
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.context(), Context::Records);
    // Keys of the view beneath do nothing while it is open.
    press(&mut state, KeyCode::Enter);
    assert!(press(&mut state, 'f').is_empty());
    assert!(!drawer(&state).failures_only);
    press(&mut state, 'q');
    assert!(state.modal.is_none());
    assert!(!state.quit);
}

#[test]
fn a_long_document_scrolls_to_its_end_and_no_further() {
    let mut state = focused((80, 24));
    if let Some(panel) = state.open.as_mut().and_then(|o| o.panel.as_mut())
        && let Some(records) = panel.records.data.as_mut()
    {
        records[0].document = (0..60)
            .map(|i| format!("  line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    press(&mut state, KeyCode::Enter);
    let scroll = |state: &State| match &state.modal {
        Some(Modal::Pager(pager)) => pager.scroll,
        other => panic!("{other:?}"),
    };
    press(&mut state, 'j');
    assert_eq!(scroll(&state), 1);
    press(&mut state, 'G');
    let Some(Modal::Pager(pager)) = &state.modal else {
        panic!()
    };
    let end = geometry::pager_scroll_max(pager, (80, 24));
    assert!(end > 40, "{end}");
    assert_eq!(scroll(&state), end);
    press(&mut state, 'j');
    assert_eq!(scroll(&state), end);
    press(&mut state, KeyCode::PageUp);
    assert!(scroll(&state) < end);
}

#[test]
fn the_drawer_follows_the_key_and_keeps_its_focus() {
    let mut state = focused((120, 40));
    press(&mut state, 'h');
    let effects = press(&mut state, 'j');
    assert_eq!(
        calls(&effects),
        [&Request::Records {
            secret_id: SecretId::from_wire(KEY_B)
        }]
    );
    assert_eq!(drawer(&state).secret_id, KEY_B);
    assert_eq!(drawer(&state).cursor, 0);
    press(&mut state, 'l');
    answer_all(&mut state, effects, |_| Ok(Reply::Records(records(3))));
    assert_eq!(drawer(&state).shown_count(), 3);
    // r in the drawer reloads the records only.
    let effects = press(&mut state, 'r');
    assert!(matches!(calls(&effects)[..], [Request::Records { .. }]));
}

#[test]
fn without_a_key_there_is_no_drawer() {
    let mut state = with_keys(&[]);
    assert!(press(&mut state, 'l').is_empty());
    assert_eq!(state.context(), Context::Keys);
    assert!(flash_text(&state).contains("no API keys"));
}
