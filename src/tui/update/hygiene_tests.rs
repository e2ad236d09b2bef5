//! Key hygiene through the real keymap: the Key Report (loading as rows come, stopping, quick
//! filters and the text filter, sorting, Enter to the key, following what API Keys lists), its
//! bulk disable (marks, the typed count, each result as it lands, failures with their RequestId,
//! read-only refusal), and every step of the rotation wizard, read off the keys.

use crossterm::event::KeyCode;

use super::tests::{
    KEY_A, KEY_B, api_failure, calls, ctrl, flash_text, key, press, typed, with_keys, with_users,
};
use super::update;
use crate::cam::model::{AccessKey, GetUserAppIdResponse, KeyStatus, LastUse, SecretId};
use crate::cam::report::{ReportOutcome, ReportUpdate, Staleness, rows_of};
use crate::cam::rotation::Position;
use crate::cam::walk::{Progress, UserRef};
use crate::tui::action::{Action, Effect, Reply, Request};
use crate::tui::model::{AccessRecord, KeyRef, LastUsed, Tab, Ticket};
use crate::tui::report_table::{Loading, ReportColumn};
use crate::tui::state::{Answer, Context, Modal, State};
use crate::tui::update::rotation::REFRESH_TICKS;

/// 2024-05-01 16:00 Beijing time: what the test report counts ages and idle days from.
pub const NOW: i64 = 1_714_550_400;
const DAY: i64 = 24 * 3600;
pub const BOB_KEY: &str = "IKIDbobbbbbbbbbbbbbbbbbbbbbbbbbbbBOB1";
pub const ZHANG_KEYS: [&str; 2] = [
    "IKIDzhangsanaaaaaaaaaaaaaaaaaaaaZS01",
    "IKIDzhangsanbbbbbbbbbbbbbbbbbbbbZS02",
];

fn staleness() -> Staleness {
    Staleness { now: NOW, days: 90 }
}

/// A key created `days_ago`.
pub fn aged(id: &str, status: KeyStatus, days_ago: i64) -> AccessKey {
    let created = chrono::DateTime::from_timestamp(NOW - days_ago * DAY, 0)
        .unwrap()
        .with_timezone(&crate::cam::de::beijing());
    AccessKey {
        create_time: created.format("%Y-%m-%d %H:%M:%S").to_string(),
        ..key(id, status)
    }
}

/// A key and how many days ago it was last used, if ever.
type UsedKey = (AccessKey, Option<i64>);

/// The sample account's keys, user by user, with when each was last used (days ago): alice has
/// a fresh key and an old disabled one never used, bob one unused for months, 张三 two enabled,
/// carol none.
fn account() -> Vec<(usize, Vec<UsedKey>)> {
    vec![
        (
            0,
            vec![
                (aged(KEY_A, KeyStatus::Active, 30), Some(0)),
                (aged(KEY_B, KeyStatus::Inactive, 400), None),
            ],
        ),
        (1, vec![(aged(BOB_KEY, KeyStatus::Active, 300), Some(120))]),
        (
            2,
            vec![
                (aged(ZHANG_KEYS[0], KeyStatus::Active, 200), Some(2)),
                (aged(ZHANG_KEYS[1], KeyStatus::Active, 10), Some(1)),
            ],
        ),
    ]
}

/// What the walk sends for the `index`-th user of the sample list.
fn rows_for(state: &State, index: usize) -> ReportUpdate {
    let (_, keys) = account()
        .into_iter()
        .find(|(i, _)| *i == index)
        .unwrap_or((index, Vec::new()));
    let owner = UserRef::from(state.users.all().nth(index).expect("a sample user"));
    let just_keys: Vec<AccessKey> = keys.iter().map(|(k, _)| k.clone()).collect();
    let rows = rows_of(
        &owner,
        &just_keys,
        |id| {
            keys.iter()
                .find(|(k, _)| k.access_key_id == *id)
                .and_then(|(_, days)| days.map(|d| LastUse::At(NOW - d * DAY)))
        },
        staleness(),
    );
    ReportUpdate {
        rows,
        progress: Progress {
            done: index + 1,
            total: 4,
            requests: 2 * (index + 1),
            elapsed: std::time::Duration::from_secs(index as u64 + 1),
            eta: Some(std::time::Duration::from_secs(3 - index as u64)),
        },
    }
}

/// The report's walk, started by going to the tab: its ticket.
pub fn start_report(state: &mut State) -> Ticket {
    let effects = press(state, '4');
    match &effects[..] {
        [
            Effect::Call {
                ticket,
                request: Request::Report { users, stale_days },
            },
        ] => {
            assert_eq!((users.len(), *stale_days), (4, 90));
            *ticket
        }
        other => panic!("expected the report's walk, got {other:?}"),
    }
}

/// The first `users` of the sample list walked.
pub fn feed(state: &mut State, ticket: Ticket, users: usize) {
    for index in 0..users {
        let update = rows_for(state, index);
        super::update(
            state,
            Action::ReportRows {
                ticket,
                staleness: staleness(),
                update,
            },
        );
    }
}

/// The Key Report of the sample account, fully loaded.
pub fn with_report() -> State {
    let mut state = with_users();
    let ticket = start_report(&mut state);
    feed(&mut state, ticket, 4);
    finish(&mut state, ticket);
    state
}

fn finish(state: &mut State, ticket: Ticket) {
    update(
        state,
        Action::Done {
            ticket,
            request: Request::Report {
                users: std::sync::Arc::from(Vec::new()),
                stale_days: 90,
            },
            result: Ok(Reply::Report(ReportOutcome::Complete {
                skipped: Vec::new(),
            })),
        },
    );
}

fn shown_ids(state: &State) -> Vec<String> {
    state
        .report
        .window(0, usize::MAX)
        .map(|(row, _)| row.key.access_key_id.to_string())
        .collect()
}

fn flags(state: &State, id: &str) -> Vec<String> {
    state
        .report
        .window(0, usize::MAX)
        .find(|(row, _)| row.key.access_key_id == id)
        .map(|(row, _)| row.flags.names(90))
        .unwrap_or_default()
}

// ───────────────────────────── the report ─────────────────────────────

#[test]
fn the_report_loads_when_first_shown_and_fills_as_rows_come() {
    let mut state = with_users();
    let ticket = start_report(&mut state);
    assert_eq!(state.context(), Context::Report);
    assert!(matches!(state.report.loading, Loading::Running { .. }));
    feed(&mut state, ticket, 2);
    assert_eq!(shown_ids(&state), [KEY_A, KEY_B, BOB_KEY]);
    let Loading::Running { progress, .. } = state.report.loading else {
        panic!("still loading")
    };
    assert_eq!((progress.done, progress.total), (2, 4));
    // The table is usable while it loads: the cursor moves and stays on its key as rows come.
    press(&mut state, 'j');
    feed(&mut state, ticket, 4);
    assert_eq!(state.report.selected().unwrap().key.access_key_id, KEY_B);
    finish(&mut state, ticket);
    assert_eq!(state.report.loading, Loading::Done { skipped: 0 });
    assert_eq!(state.report.total(), 5);
    assert!(state.pending.is_empty());

    // Coming back does not walk again; r does.
    press(&mut state, '1');
    assert!(press(&mut state, '4').is_empty());
    assert!(matches!(
        calls(&press(&mut state, 'r'))[..],
        [Request::Report { .. }]
    ));
    assert_eq!(state.report.total(), 0, "a new walk starts from nothing");
}

#[test]
fn each_key_carries_its_flags() {
    let state = with_report();
    assert_eq!(flags(&state, KEY_A), Vec::<String>::new());
    assert_eq!(
        flags(&state, KEY_B),
        ["never-used", "older-than-90d", "disabled"]
    );
    assert_eq!(flags(&state, BOB_KEY), ["unused-90d", "older-than-90d"]);
    assert_eq!(
        flags(&state, ZHANG_KEYS[0]),
        ["older-than-90d", "two-enabled"]
    );
    assert_eq!(flags(&state, ZHANG_KEYS[1]), ["two-enabled"]);
}

#[test]
fn stopping_keeps_what_came_in() {
    let mut state = with_users();
    let ticket = start_report(&mut state);
    feed(&mut state, ticket, 1);
    let effects = press(&mut state, 'X');
    assert!(matches!(effects[..], [Effect::Cancel { ticket: t }] if t == ticket));
    assert!(matches!(state.report.loading, Loading::Stopped { .. }));
    assert_eq!(state.report.total(), 2);
    assert!(flash_text(&state).contains("Stopped after 1 users"));
    // A late batch of the stopped walk is dropped.
    feed(&mut state, ticket, 3);
    assert_eq!(state.report.total(), 2);
    press(&mut state, 'X');
    assert!(flash_text(&state).contains("not loading"));
}

#[test]
fn quick_filters_narrow_and_combine_and_esc_clears_them() {
    let mut state = with_report();
    press(&mut state, 'o');
    assert_eq!(shown_ids(&state), [KEY_B, BOB_KEY, ZHANG_KEYS[0]]);
    press(&mut state, 'i');
    assert_eq!(shown_ids(&state), [KEY_B]);
    press(&mut state, 'o');
    assert_eq!(shown_ids(&state), [KEY_B]);
    press(&mut state, 'i');
    press(&mut state, 't');
    assert_eq!(shown_ids(&state), ZHANG_KEYS);
    press(&mut state, 'u');
    assert!(shown_ids(&state).is_empty());
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.report.shown(), 5);
    press(&mut state, 'n');
    assert_eq!(shown_ids(&state), [KEY_B]);
}

#[test]
fn the_filter_finds_owners_uins_and_secret_ids() {
    let mut state = with_report();
    press(&mut state, '/');
    assert_eq!(state.context(), Context::ReportFilter);
    typed(&mut state, "bob");
    assert_eq!(shown_ids(&state), [BOB_KEY]);
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Report);
    // `/` starts a new filter, edited as a shell line; Esc brings back the one before, and Esc
    // on the table clears it.
    press(&mut state, '/');
    assert_eq!(state.report.shown(), 5);
    typed(&mut state, "zs02 x");
    press(&mut state, ctrl('w'));
    assert_eq!(shown_ids(&state), [ZHANG_KEYS[1]]);
    press(&mut state, KeyCode::Esc);
    assert_eq!(shown_ids(&state), [BOB_KEY]);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.report.shown(), 5);
    // A pasted SecretId filters the report (it does not start an owner search here).
    update(&mut state, Action::Paste(BOB_KEY.into()));
    assert_eq!(shown_ids(&state), [BOB_KEY]);
    assert!(state.search.is_none());
}

#[test]
fn sorting_by_each_column_keeps_the_cursor_on_its_key() {
    let mut state = with_report();
    press(&mut state, 'j');
    press(&mut state, 's');
    assert_eq!(state.report.sort, Some((ReportColumn::Owner, false)));
    assert_eq!(state.report.selected().unwrap().key.access_key_id, KEY_B);
    press(&mut state, 's');
    press(&mut state, 's');
    assert_eq!(state.report.sort, Some((ReportColumn::Created, false)));
    assert_eq!(shown_ids(&state)[0], KEY_B, "the oldest key first");
    press(&mut state, 'S');
    assert_eq!(shown_ids(&state)[0], ZHANG_KEYS[1], "newest first");
    press(&mut state, 's');
    assert_eq!(state.report.sort, Some((ReportColumn::LastUsed, false)));
    assert_eq!(shown_ids(&state)[0], KEY_B, "never used first");
    press(&mut state, 's');
    assert_eq!(state.report.sort, None);
}

#[test]
fn enter_opens_the_key_on_its_owners_api_keys_at_once() {
    let mut state = with_report();
    press(&mut state, 'G');
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Keys);
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.user.name, "张三");
    // The report's keys show at once, the cursor on the key; the calls bring them up to date.
    assert_eq!(open.selected_key().unwrap().access_key_id, ZHANG_KEYS[1]);
    assert!(
        open.last_used_of(&SecretId::from_wire(ZHANG_KEYS[1]))
            .is_some()
    );
    assert!(calls(&effects).contains(&&Request::Keys {
        uin: 100_000_000_013
    }));
}

#[test]
fn the_report_follows_what_api_keys_lists() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let ticket = start_report(&mut state);
    feed(&mut state, ticket, 4);
    finish(&mut state, ticket);
    assert_eq!(state.report.total(), 5);
    // alice's keys are listed again on API Keys: one key now, used yesterday.
    press(&mut state, '3');
    let effects = press(&mut state, 'r');
    super::tests::answer_all(&mut state, effects, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![aged(KEY_A, KeyStatus::Inactive, 30)])),
        Request::LastUsed { secret_ids, .. } => Ok(Reply::LastUsed(
            secret_ids
                .iter()
                .map(|id| LastUsed {
                    secret_id: id.clone(),
                    when: Some(LastUse::At(NOW - DAY)),
                })
                .collect(),
        )),
        Request::Records { .. } => Ok(Reply::Records(Vec::new())),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(state.report.total(), 4);
    assert_eq!(flags(&state, KEY_A), ["disabled"]);
}

// ───────────────────────────── bulk disable ─────────────────────────────

/// The report with bob's and 张三's first key marked and `d` pressed: the typed count asked.
pub fn asking_to_disable() -> State {
    let mut state = with_report();
    press(&mut state, 'o');
    // KEY_B (disabled already), bob's, 张三's first.
    press(&mut state, 'A');
    press(&mut state, 'o');
    assert_eq!(state.report.marked_count(), 3);
    press(&mut state, 'd');
    state
}

fn bulk_keys(state: &State) -> Vec<KeyRef> {
    match &state.modal {
        Some(Modal::Confirm(confirm)) => match &confirm.request {
            Request::DisableKeys { keys } => keys.clone(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// The bulk disable confirmed and both answers in: bob's disabled, 张三's refused.
pub fn bulk_disable_done() -> State {
    let mut state = asking_to_disable();
    typed(&mut state, "2");
    let effects = press(&mut state, KeyCode::Enter);
    let [Effect::Call { ticket, request }] = &effects[..] else {
        panic!("{effects:?}")
    };
    let keys = bulk_keys_of(request);
    update(
        &mut state,
        Action::KeyDisabled {
            ticket: *ticket,
            key: keys[0].clone(),
            result: Ok("req-1".into()),
        },
    );
    update(
        &mut state,
        Action::KeyDisabled {
            ticket: *ticket,
            key: keys[1].clone(),
            result: Err(api_failure(
                "UpdateAccessKey",
                "AuthFailure.UnauthorizedOperation",
            )),
        },
    );
    update(
        &mut state,
        Action::Done {
            ticket: *ticket,
            request: request.clone(),
            result: Ok(Reply::Done),
        },
    );
    state
}

fn bulk_keys_of(request: &Request) -> Vec<KeyRef> {
    match request {
        Request::DisableKeys { keys } => keys.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bulk_disable_asks_for_the_count_of_enabled_keys_and_shows_each_result() {
    let mut state = asking_to_disable();
    let keys = bulk_keys(&state);
    let ids: Vec<&str> = keys.iter().map(|k| k.secret_id.as_str()).collect();
    assert_eq!(ids, [BOB_KEY, ZHANG_KEYS[0]], "only the enabled ones");
    assert_eq!(state.context(), Context::ConfirmTyped);
    // Enter with the wrong count changes nothing.
    typed(&mut state, "3");
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert!(flash_text(&state).contains("type the number of keys (2)"));
    press(&mut state, KeyCode::Backspace);
    typed(&mut state, "2");
    let effects = press(&mut state, KeyCode::Enter);
    assert!(matches!(calls(&effects)[..], [Request::DisableKeys { .. }]));
    let bulk = state.bulk.as_ref().unwrap();
    assert_eq!((bulk.total, bulk.answered()), (2, 0));
    assert_eq!(state.context(), Context::Bulk);

    let state = bulk_disable_done();
    let bulk = state.bulk.as_ref().unwrap();
    assert!(bulk.finished);
    assert_eq!(bulk.disabled, 1);
    let (failed, why) = &bulk.failures[0];
    assert_eq!(failed.secret_id, ZHANG_KEYS[0]);
    assert_eq!(why.request_id.as_deref(), Some("req-123"));
    assert!(flash_text(&state).contains("Disabled 1 keys; 1 failed"));
    // The report shows the change at once; what was disabled is no longer marked.
    assert!(flags(&state, BOB_KEY).contains(&"disabled".to_owned()));
    assert_eq!(state.report.marked_count(), 2);
}

#[test]
fn esc_stops_a_bulk_disable_after_the_call_in_flight_then_closes_it() {
    let mut state = asking_to_disable();
    typed(&mut state, "2");
    let effects = press(&mut state, KeyCode::Enter);
    let [Effect::Call { ticket, .. }] = &effects[..] else {
        panic!()
    };
    let stop = press(&mut state, KeyCode::Esc);
    assert!(matches!(stop[..], [Effect::Cancel { ticket: t }] if t == *ticket));
    assert!(state.bulk.as_ref().unwrap().stopping);
    // A change is in flight: no other may start.
    assert!(state.mutating.is_some());
    let state = &mut bulk_disable_done();
    press(state, KeyCode::Esc);
    assert!(state.bulk.is_none());
    assert_eq!(state.context(), Context::Report);
}

#[test]
fn bulk_disable_is_refused_read_only_and_says_when_nothing_is_enabled() {
    let mut state = with_report();
    state.header.read_only = true;
    press(&mut state, ' ');
    assert!(press(&mut state, 'd').is_empty());
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("Read-only"));

    let mut state = with_report();
    press(&mut state, 'j');
    press(&mut state, 'd');
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("disabled already"));
}

// ───────────────────────────── the rotation wizard ─────────────────────────────

const NEW_KEY: &str = "IKIDnewnewnewnewnewnewnewnewnewnNEW1";

/// alice on API Keys with `keys`, the wizard open on the first, its keys and records answered.
pub fn wizard(keys: &[AccessKey], records: &[AccessRecord]) -> State {
    let mut state = with_keys(keys);
    let effects = press(&mut state, 'R');
    assert_eq!(state.context(), Context::Rotation);
    answer(&mut state, effects, keys, records);
    state
}

/// Answers the wizard's calls: the keys as given, their last use, the old key's records.
fn answer(state: &mut State, effects: Vec<Effect>, keys: &[AccessKey], records: &[AccessRecord]) {
    let keys = keys.to_vec();
    super::tests::answer_all(state, effects, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(keys.clone())),
        Request::LastUsed { secret_ids, .. } => Ok(Reply::LastUsed(
            secret_ids
                .iter()
                .map(|id| LastUsed {
                    secret_id: id.clone(),
                    when: Some(LastUse::At(NOW - 3600)),
                })
                .collect(),
        )),
        Request::Records { .. } => Ok(Reply::Records(records.to_vec())),
        other => panic!("unexpected {other:?}"),
    });
}

fn position(state: &State) -> Position {
    let rotation = state.rotation.as_ref().unwrap();
    rotation.position(state.open.as_ref().unwrap()).unwrap()
}

/// Records of the old key: the newest `failed` failed (it is disabled), then one that worked.
pub fn records_of_old(failed: usize) -> Vec<AccessRecord> {
    (0..=failed)
        .map(|i| AccessRecord {
            time: NOW - 600 * i as i64,
            action: "DescribeInstances".into(),
            source_ip: "203.0.113.7".into(),
            region: "ap-guangzhou".into(),
            error: (i < failed).then(|| "AuthFailure.SecretIdNotFound".to_owned()),
            message: String::new(),
            request_id: format!("5b4d1725-5a30-4bd8-b36d-cfa0d1d4{i:04}"),
            resource: "cam".into(),
            document: String::new(),
        })
        .collect()
}

pub fn old_and_new(old: KeyStatus) -> [AccessKey; 2] {
    [aged(KEY_A, old, 200), aged(NEW_KEY, KeyStatus::Active, 1)]
}

#[test]
fn step_one_frees_a_slot_without_deleting_on_its_own() {
    // The other key is older and disabled: Enter asks to delete it, typed.
    let older_disabled = aged(KEY_B, KeyStatus::Inactive, 400);
    let mut state = wizard(
        &[aged(KEY_A, KeyStatus::Active, 30), older_disabled.clone()],
        &[],
    );
    assert_eq!(
        position(&state),
        Position::FreeSlot {
            retire: older_disabled
        }
    );
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    let Some(Modal::Confirm(confirm)) = &state.modal else {
        panic!("a confirmation")
    };
    assert!(matches!(confirm.answer, Answer::Type { .. }));
    assert_eq!(confirm.request.secret_id().unwrap(), KEY_B);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.context(), Context::Rotation);

    // The other key is enabled: Enter asks to disable it first.
    let mut state = wizard(
        &[
            aged(KEY_A, KeyStatus::Active, 30),
            aged(KEY_B, KeyStatus::Active, 400),
        ],
        &[],
    );
    press(&mut state, KeyCode::Enter);
    let Some(Modal::Confirm(confirm)) = &state.modal else {
        panic!("a confirmation")
    };
    assert!(matches!(
        confirm.request,
        Request::SetKeyStatus {
            status: KeyStatus::Inactive,
            ..
        }
    ));
}

#[test]
fn step_two_creates_through_the_create_path_and_the_new_key_can_be_checked() {
    let mut state = wizard(&[aged(KEY_A, KeyStatus::Active, 200)], &[]);
    assert_eq!(position(&state), Position::Create);
    // The create dialog, as `c` opens it: an optional description, then Enter.
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Describe);
    let effects = press(&mut state, KeyCode::Enter);
    let [Effect::Call { ticket, request }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(matches!(request, Request::CreateKey { .. }));
    let (ticket, request) = (*ticket, request.clone());
    let effects = update(
        &mut state,
        Action::Done {
            ticket,
            request,
            result: Ok(Reply::Created(crate::cam::model::AccessKeyDetail {
                access_key_id: SecretId::from_wire(NEW_KEY),
                secret_access_key: crate::cam::Secret::new("s3cr3tKEYs3cr3tKEYs3cr3tKEY12345"),
                status: KeyStatus::Active,
                create_time: aged(NEW_KEY, KeyStatus::Active, 0).create_time,
                description: None,
            })),
        },
    );
    assert_eq!(state.context(), Context::Secret);
    answer(&mut state, effects, &old_and_new(KeyStatus::Active), &[]);
    // t signs GetUserAppId with the new key, once.
    let effects = press(&mut state, 't');
    let [Effect::Call { ticket, request }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(matches!(request, Request::VerifyKey { secret_id, .. } if *secret_id == NEW_KEY));
    assert!(press(&mut state, 't').is_empty(), "one check at a time");
    let (ticket, request) = (*ticket, request.clone());
    update(
        &mut state,
        Action::Done {
            ticket,
            request,
            result: Ok(Reply::Verified(GetUserAppIdResponse {
                uin: "100000000011".into(),
                owner_uin: "100000000001".into(),
                app_id: 1,
            })),
        },
    );
    let Some(Modal::Secret(modal)) = &state.modal else {
        panic!()
    };
    assert!(modal.verified.data.as_deref().unwrap().contains("It signs"));
    // Once the SecretKey window closes, the wizard is at step 3.
    press(&mut state, ' ');
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Rotation);
    assert!(matches!(position(&state), Position::Switch { .. }));
}

#[test]
fn step_three_watches_the_old_key_and_asks_before_disabling_it() {
    let mut state = wizard(&old_and_new(KeyStatus::Active), &records_of_old(0));
    assert!(matches!(position(&state), Position::Switch { new } if new.access_key_id == NEW_KEY));
    // Its use is asked again every few seconds.
    for _ in 1..REFRESH_TICKS {
        assert!(update(&mut state, Action::Tick).is_empty());
    }
    let effects = update(&mut state, Action::Tick);
    let asked: Vec<&str> = calls(&effects).iter().map(|r| r.call_name()).collect();
    assert_eq!(asked, ["ListAccessKeys", "DescribeEvents"]);
    answer(
        &mut state,
        effects,
        &old_and_new(KeyStatus::Active),
        &records_of_old(0),
    );
    press(&mut state, KeyCode::Enter);
    let Some(Modal::Confirm(confirm)) = &state.modal else {
        panic!("a confirmation")
    };
    assert_eq!(
        confirm.request,
        Request::SetKeyStatus {
            uin: 100_000_000_011,
            secret_id: SecretId::from_wire(KEY_A),
            status: KeyStatus::Inactive
        }
    );
}

#[test]
fn step_four_offers_to_enable_again_and_step_five_deletes_typed() {
    let mut state = wizard(&old_and_new(KeyStatus::Inactive), &records_of_old(2));
    assert!(matches!(position(&state), Position::Disabled { .. }));
    press(&mut state, 'e');
    let Some(Modal::Confirm(confirm)) = &state.modal else {
        panic!("a confirmation")
    };
    assert!(matches!(
        confirm.request,
        Request::SetKeyStatus {
            status: KeyStatus::Active,
            ..
        }
    ));
    press(&mut state, 'n');
    press(&mut state, KeyCode::Enter);
    let Some(Modal::Confirm(confirm)) = &state.modal else {
        panic!("a confirmation")
    };
    assert_eq!(
        confirm.request,
        Request::DeleteKey {
            uin: 100_000_000_011,
            secret_id: SecretId::from_wire(KEY_A)
        }
    );
    assert!(matches!(confirm.answer, Answer::Type { .. }));
}

#[test]
fn the_wizard_resumes_from_the_keys_and_closes_once_the_old_key_is_gone() {
    // Closed and opened again: it stands where the keys say.
    let mut state = wizard(&old_and_new(KeyStatus::Inactive), &[]);
    press(&mut state, KeyCode::Esc);
    assert!(state.rotation.is_none());
    assert!(flash_text(&state).contains("R on the key resumes"));
    let effects = press(&mut state, 'R');
    answer(&mut state, effects, &old_and_new(KeyStatus::Inactive), &[]);
    assert!(matches!(position(&state), Position::Disabled { .. }));

    let mut state = wizard(&old_and_new(KeyStatus::Active), &[]);
    let effects = press(&mut state, 'r');
    answer(
        &mut state,
        effects,
        &[aged(NEW_KEY, KeyStatus::Active, 1)],
        &[],
    );
    assert_eq!(position(&state), Position::Gone);
    press(&mut state, KeyCode::Enter);
    assert!(state.rotation.is_none());
}

#[test]
fn rotating_is_refused_read_only() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    state.header.read_only = true;
    assert!(press(&mut state, 'R').is_empty());
    assert!(state.rotation.is_none());
    assert!(flash_text(&state).contains("Read-only"));
}
