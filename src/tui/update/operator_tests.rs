//! The operator features through the real keymap: the owner search (found, not found,
//! cancelled, pasted), the `:` line (parse, completion, history), profile switches, read-only
//! refusals on every mutating path, the API-call log and the mouse.

use std::time::Duration;

use crossterm::event::KeyCode;
use ratatui::style::Color;

use super::tests::{
    KEY_A, KEY_B, answer_all, api_failure, calls, create_key, ctrl, flash_text, key, press,
    records, selected_name, typed, with_keys, with_users, with_users_in,
};
use super::update;
use crate::cam::ApiError;
use crate::cam::model::Service;
use crate::cam::model::UserKind;
use crate::cam::model::{GetUserAppIdResponse, KeyStatus, SecretId};
use crate::cam::owner::{FoundBy, SearchOutcome};
use crate::cam::transport::CallRecord;
use crate::cam::walk::{Progress, SkippedUser, UserRef};
use crate::i18n::Language;
use crate::tui::action::{Action, Effect, Reply, Request, Switch};
use crate::tui::action::{Mouse, MouseKind};
use crate::tui::call_log::CallLog;
use crate::tui::model::TargetInfo;
use crate::tui::model::{Failure, Tab, Ticket};
use crate::tui::state::{Context, Level, Modal, State};

fn search_ticket(effects: &[Effect]) -> (Ticket, SecretId, usize) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Call {
                ticket,
                request: Request::FindOwner { secret_id, users },
            } => Some((*ticket, secret_id.clone(), users.len())),
            _ => None,
        })
        .expect("an owner search")
}

/// The worker's answer when `name` owns `id`.
#[allow(clippy::unnecessary_wraps)] // shaped like every answer `Action::Done` carries
fn found(uin: u64, name: &str, id: &str, by: FoundBy) -> Result<Reply, Failure> {
    let outcome = SearchOutcome::Found {
        user: UserRef {
            uin,
            name: name.into(),
            kind: UserKind::SubUser,
        },
        key: key(id, KeyStatus::Active),
        by,
    };
    Ok(Reply::Owner(outcome))
}

fn done(
    state: &mut State,
    ticket: Ticket,
    request: Request,
    result: Result<Reply, Failure>,
) -> Vec<Effect> {
    update(
        state,
        Action::Done {
            ticket,
            request,
            result,
        },
    )
}

fn find_request(secret_id: &str) -> Request {
    Request::FindOwner {
        secret_id: SecretId::from_wire(secret_id),
        users: std::sync::Arc::from(Vec::new()),
    }
}

// ───────────────────────────── owner search ─────────────────────────────

#[test]
fn a_typed_secret_id_searches_on_enter_and_opens_the_owners_key() {
    let mut state = with_users();
    press(&mut state, '/');
    // Every prefix of a SecretId looks like one too: typing never starts a search by itself.
    typed(&mut state, KEY_B);
    assert!(state.search.is_none());
    let effects = press(&mut state, KeyCode::Enter);
    let (ticket, secret_id, users) = search_ticket(&effects);
    assert_eq!((secret_id.as_str(), users), (KEY_B, 4));
    assert_eq!(state.context(), Context::Search);
    assert!(
        state.users.filter.is_empty(),
        "the SecretId is not left as a filter"
    );
    assert!(state.users.editing.is_none());

    let progress = Progress {
        done: 2,
        total: 4,
        requests: 2,
        elapsed: Duration::from_millis(100),
        eta: Some(Duration::from_millis(100)),
    };
    update(&mut state, Action::SearchProgress { ticket, progress });
    assert_eq!(state.search.as_ref().unwrap().progress, Some(progress));
    // Keys that are not the search's do nothing while it runs.
    assert!(press(&mut state, 'd').is_empty());
    assert!(press(&mut state, '3').is_empty());
    assert_eq!(state.tab, Tab::Users);

    let effects = done(
        &mut state,
        ticket,
        find_request(KEY_B),
        found(100_000_000_012, "bob", KEY_B, FoundBy::Scan),
    );
    assert!(state.search.is_none());
    assert_eq!(state.tab, Tab::Keys);
    assert_eq!(selected_name(&state), "bob");
    assert_eq!(state.open.as_ref().unwrap().user.name, "bob");
    assert!(flash_text(&state).contains(&format!("{KEY_B} belongs to bob (UIN 100000000012)")));
    // bob's keys load; the cursor lands on the key that was searched for.
    let keys_call = effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Call {
                ticket,
                request: request @ Request::Keys { .. },
            } => Some((ticket, request)),
            _ => None,
        })
        .expect("bob's keys are loaded");
    done(
        &mut state,
        keys_call.0,
        keys_call.1,
        Ok(Reply::Keys(vec![
            key(KEY_A, KeyStatus::Active),
            key(KEY_B, KeyStatus::Active),
        ])),
    );
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 1);
}

#[test]
fn a_found_key_of_the_open_user_is_selected_at_once() {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    press(&mut state, ':');
    typed(&mut state, &format!("secretid {KEY_B}"));
    let effects = press(&mut state, KeyCode::Enter);
    let (ticket, ..) = search_ticket(&effects);
    let effects = done(
        &mut state,
        ticket,
        find_request(KEY_B),
        found(100_000_000_011, "alice", KEY_B, FoundBy::Cache),
    );
    assert!(calls(&effects).is_empty(), "alice is already open");
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 1);
    assert!(flash_text(&state).contains("known from earlier this run"));
}

#[test]
fn a_pasted_secret_id_searches_at_once() {
    let mut state = with_users();
    let effects = update(&mut state, Action::Paste(format!("  {KEY_A}\n")));
    let (_, secret_id, _) = search_ticket(&effects);
    assert_eq!(secret_id, KEY_A);
    // Any other paste on the User List goes into the filter.
    let mut state = with_users();
    assert!(update(&mut state, Action::Paste("bo".into())).is_empty());
    assert!(state.users.editing.is_some());
    assert_eq!(state.users.filter, "bo");
    assert_eq!(selected_name(&state), "bob");
}

#[test]
fn nobody_owns_it() {
    let mut state = with_users();
    let effects = update(&mut state, Action::Paste(KEY_A.into()));
    let (ticket, ..) = search_ticket(&effects);
    done(
        &mut state,
        ticket,
        find_request(KEY_A),
        Ok(Reply::Owner(SearchOutcome::NotFound {
            searched: 3,
            skipped: vec![SkippedUser {
                user: UserRef {
                    uin: 100_000_000_014,
                    name: "carol".into(),
                    kind: UserKind::Collaborator,
                },
                error: ApiError {
                    code: "AuthFailure.UnauthorizedOperation".into(),
                    message: "not allowed".into(),
                    request_id: "req-9".into(),
                }
                .into(),
            }],
        })),
    );
    assert!(state.search.is_none());
    assert_eq!(state.tab, Tab::Users);
    let text = flash_text(&state);
    assert!(
        text.contains(&format!("No sub-user or collaborator owns {KEY_A}")),
        "{text}"
    );
    assert!(text.contains("keys of 3 users"), "{text}");
    assert!(
        text.contains("carol (AuthFailure.UnauthorizedOperation)"),
        "{text}"
    );
    assert_eq!(state.flash.as_ref().unwrap().level, Level::Warning);
}

#[test]
fn a_failed_search_shows_code_and_request_id() {
    let mut state = with_users();
    let effects = update(&mut state, Action::Paste(KEY_A.into()));
    let (ticket, ..) = search_ticket(&effects);
    done(
        &mut state,
        ticket,
        find_request(KEY_A),
        Err(api_failure("ListAccessKeys", "RequestLimitExceeded")),
    );
    assert!(state.search.is_none());
    assert!(flash_text(&state).contains("RequestLimitExceeded"));
    assert_eq!(
        state.flash.as_ref().unwrap().request_id.as_deref(),
        Some("req-123")
    );
}

#[test]
fn esc_cancels_the_search_and_its_late_answer_is_dropped() {
    let mut state = with_users();
    let effects = update(&mut state, Action::Paste(KEY_A.into()));
    let (ticket, ..) = search_ticket(&effects);
    update(
        &mut state,
        Action::SearchProgress {
            ticket,
            progress: Progress {
                done: 2,
                total: 4,
                requests: 2,
                elapsed: Duration::from_millis(80),
                eta: Some(Duration::from_millis(80)),
            },
        },
    );
    let effects = press(&mut state, KeyCode::Esc);
    assert!(matches!(effects.as_slice(), [Effect::Cancel { ticket: t }] if *t == ticket));
    assert!(state.search.is_none());
    assert!(state.pending.is_empty(), "the spinner stops");
    assert!(flash_text(&state).contains("cancelled after 2 of 4 users"));
    // Whatever the worker still sends about it changes nothing.
    update(
        &mut state,
        Action::SearchProgress {
            ticket,
            progress: Progress {
                done: 3,
                total: 4,
                requests: 3,
                elapsed: Duration::from_millis(90),
                eta: None,
            },
        },
    );
    done(
        &mut state,
        ticket,
        find_request(KEY_A),
        found(100_000_000_012, "bob", KEY_A, FoundBy::AuditTrail),
    );
    assert_eq!(state.tab, Tab::Users);
    assert!(state.open.is_none());
    assert!(state.search.is_none());
}

#[test]
fn a_search_waits_for_the_users() {
    let mut state = State::new(super::tests::header());
    update(&mut state, Action::Start);
    assert!(update(&mut state, Action::Paste(KEY_A.into())).is_empty());
    assert!(flash_text(&state).contains("still loading"));
}

// ───────────────────────────── command line ─────────────────────────────

#[test]
fn colon_opens_the_line_and_enter_runs_it() {
    let mut state = with_users();
    press(&mut state, ':');
    assert_eq!(state.context(), Context::Command);
    // Keys bound elsewhere are text here.
    typed(&mut state, "q");
    assert!(!state.quit);
    assert_eq!(state.command_line.as_ref().unwrap().field.text(), "q");
    press(&mut state, KeyCode::Enter);
    assert!(state.quit);
}

#[test]
fn unknown_commands_and_bad_arguments_say_so() {
    let mut state = with_users();
    for (line, expected) in [
        (
            "frobnicate",
            "Unknown command :frobnicate — commands: :users, :keys [USER]",
        ),
        ("secretid", ":secretid needs a SecretId"),
        ("secretid hello", "\"hello\" is not a SecretId"),
        ("keys nobody", "No user named \"nobody\""),
        ("profile prod", "Unknown profile \"prod\" — there are none"),
    ] {
        press(&mut state, ':');
        typed(&mut state, line);
        assert!(press(&mut state, KeyCode::Enter).is_empty(), "{line}");
        assert!(
            flash_text(&state).contains(expected),
            "{line}: {}",
            flash_text(&state)
        );
        assert!(state.command_line.is_none());
        assert_eq!(state.tab, Tab::Users);
    }
}

#[test]
fn the_line_answers_in_the_users_language() {
    let mut state = with_users_in(Language::ZhCn);
    state.profiles = vec!["prod".into(), "staging".into()];
    state.header.profile = Some("prod".into());
    for (line, expected) in [
        (
            "profile nosuch",
            "未知配置“nosuch”。已有配置：prod（使用中）, staging",
        ),
        ("keys nobody", "没有名为“nobody”的用户（Tab 可补全用户名）"),
        (
            "secretid hello",
            "“hello”不是 SecretId：SecretId 以 AKID 或 IKID 开头，后接字母和数字",
        ),
    ] {
        press(&mut state, ':');
        typed(&mut state, line);
        assert!(press(&mut state, KeyCode::Enter).is_empty(), "{line}");
        assert_eq!(flash_text(&state), expected, "{line}");
    }
}

#[test]
fn tab_completes_commands_then_user_names() {
    let mut state = with_users();
    press(&mut state, ':');
    typed(&mut state, "ke");
    press(&mut state, KeyCode::Tab);
    assert_eq!(state.command_line.as_ref().unwrap().field.text(), "keys ");
    typed(&mut state, "c");
    press(&mut state, KeyCode::Tab);
    // One candidate: filled in.
    assert_eq!(
        state.command_line.as_ref().unwrap().field.text(),
        "keys carol"
    );
    // Back to every user: Tab cycles, Shift-Tab goes back.
    for _ in 0..5 {
        press(&mut state, KeyCode::Backspace);
    }
    press(&mut state, KeyCode::Tab);
    let line = state.command_line.as_ref().unwrap();
    assert_eq!(line.completions.len(), 4);
    assert_eq!(line.field.text(), "keys alice");
    press(&mut state, KeyCode::Tab);
    assert_eq!(
        state.command_line.as_ref().unwrap().field.text(),
        "keys bob"
    );
    press(&mut state, KeyCode::BackTab);
    assert_eq!(
        state.command_line.as_ref().unwrap().field.text(),
        "keys alice"
    );
    press(&mut state, KeyCode::Tab);
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Keys);
    assert_eq!(state.open.as_ref().unwrap().user.name, "bob");
    assert!(calls(&effects).contains(&&Request::Keys {
        uin: 100_000_000_012
    }));
}

#[test]
fn keys_by_name_uin_or_case_and_users() {
    let mut state = with_users();
    press(&mut state, ':');
    typed(&mut state, "keys 张三");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.open.as_ref().unwrap().user.name, "张三");
    assert_eq!(state.tab, Tab::Keys);
    press(&mut state, ':');
    typed(&mut state, "keys CAROL");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.open.as_ref().unwrap().user.name, "carol");
    press(&mut state, ':');
    typed(&mut state, "keys 100000000012");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.open.as_ref().unwrap().user.name, "bob");
    press(&mut state, ':');
    typed(&mut state, "users");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Users);
    assert_eq!(selected_name(&state), "bob");
}

#[test]
fn history_esc_and_backspace() {
    let mut state = with_users();
    for line in ["users", "keys alice"] {
        press(&mut state, ':');
        typed(&mut state, line);
        press(&mut state, KeyCode::Enter);
    }
    press(&mut state, ':');
    press(&mut state, KeyCode::Up);
    assert_eq!(
        state.command_line.as_ref().unwrap().field.text(),
        "keys alice"
    );
    press(&mut state, KeyCode::Up);
    assert_eq!(state.command_line.as_ref().unwrap().field.text(), "users");
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Down);
    assert_eq!(state.command_line.as_ref().unwrap().field.text(), "");
    press(&mut state, KeyCode::Esc);
    assert!(state.command_line.is_none());
    assert_eq!(state.tab, Tab::Keys, "Esc closed the line, not the tab");
    press(&mut state, ':');
    press(&mut state, KeyCode::Backspace);
    assert!(state.command_line.is_none());
}

// ───────────────────────────── profiles ─────────────────────────────

fn prod_read_only() -> TargetInfo {
    TargetInfo {
        label: "profile prod".into(),
        sandbox: false,
        read_only: true,
        accent: Some(Color::Red),
        profile: Some("prod".into()),
    }
}

#[test]
fn profile_switch_reloads_everything_and_drops_old_answers() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Inactive)]);
    state.profiles = vec!["prod".into(), "staging".into()];
    // A read of the old target still in flight.
    let old = press(&mut state, 'r');
    let old_keys = old
        .into_iter()
        .find_map(|e| match e {
            Effect::Call { ticket, request } => Some((ticket, request)),
            _ => None,
        })
        .unwrap();

    press(&mut state, ':');
    typed(&mut state, "profile pro");
    press(&mut state, KeyCode::Tab);
    assert_eq!(
        state.command_line.as_ref().unwrap().field.text(),
        "profile prod"
    );
    let effects = press(&mut state, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::SwitchTarget(Switch::Profile(name))] if name == "prod")
    );
    // Nothing changes until the app has resolved and connected the profile.
    assert_eq!(state.tab, Tab::Keys);

    let effects = update(&mut state, Action::TargetSwitched(prod_read_only()));
    assert_eq!(calls(&effects), [&Request::Account, &Request::Users]);
    assert_eq!(state.header.target, "profile prod");
    assert!(state.header.read_only);
    assert_eq!(state.header.accent, Some(Color::Red));
    assert!(state.header.account.is_loading());
    assert_eq!(state.tab, Tab::Users);
    assert!(state.open.is_none());
    assert_eq!(state.users.total(), 0);
    assert!(flash_text(&state).contains("Switched to profile prod (read-only)"));
    assert_eq!(state.pending.len(), 2, "only the new target's calls spin");

    // The old target's answer arrives late: dropped.
    done(
        &mut state,
        old_keys.0,
        old_keys.1,
        Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Inactive)])),
    );
    assert!(state.open.is_none());
    // The new target's answers land.
    super::tests::answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(super::tests::sample_users().into())),
        Request::Account => Ok(Reply::Account(GetUserAppIdResponse {
            uin: "200000000001".into(),
            owner_uin: "200000000001".into(),
            app_id: 1,
        })),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(state.users.total(), 4);
    assert_eq!(
        state.header.account.data.as_deref(),
        Some("200000000001 (root)")
    );
}

#[test]
fn profile_list_and_no_switch_while_a_change_is_in_flight() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    state.profiles = vec!["prod".into(), "staging".into()];
    state.header.profile = Some("staging".into());
    press(&mut state, ':');
    typed(&mut state, "profile");
    press(&mut state, KeyCode::Enter);
    assert!(
        flash_text(&state).starts_with("Profiles: prod, staging (in use)"),
        "{}",
        flash_text(&state)
    );

    let create = create_key(&mut state);
    assert_eq!(calls(&create).len(), 1);
    press(&mut state, ':');
    typed(&mut state, "profile prod");
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert!(flash_text(&state).contains("CreateAccessKey is still in flight"));
}

#[test]
fn colon_sandbox_goes_back_to_the_sandbox() {
    let mut state = with_users();
    press(&mut state, ':');
    typed(&mut state, "sandbox");
    press(&mut state, KeyCode::Enter);
    assert!(state.modal.is_none());
    assert_eq!(flash_text(&state), "Already on the sandbox");
    update(&mut state, Action::TargetSwitched(prod_read_only()));
    assert_eq!(state.header.profile.as_deref(), Some("prod"));
    press(&mut state, ':');
    typed(&mut state, "sandbox");
    let effects = press(&mut state, KeyCode::Enter);
    assert!(matches!(
        effects.as_slice(),
        [Effect::SwitchTarget(Switch::Sandbox)]
    ));
    update(
        &mut state,
        Action::TargetSwitched(TargetInfo {
            label: "starting…".into(),
            sandbox: true,
            read_only: false,
            accent: None,
            profile: None,
        }),
    );
    assert!(state.header.sandbox && !state.header.read_only);
    assert_eq!(state.header.profile, None);
    assert_eq!(flash_text(&state), "Switched to the sandbox");
}

// ───────────────────────────── read-only ─────────────────────────────

#[test]
fn read_only_refuses_confirmations_opened_before_it() {
    // Dialogs cannot be open across a profile switch, but the last gate holds regardless.
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    press(&mut state, 'd');
    state.header.read_only = true;
    assert!(press(&mut state, 'y').is_empty());
    assert!(flash_text(&state).contains("Read-only"));

    state.header.read_only = false;
    press(&mut state, 'j');
    press(&mut state, 'D');
    typed(&mut state, &KEY_B[KEY_B.len() - 4..]);
    state.header.read_only = true;
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert!(state.mutating.is_none());
    assert!(flash_text(&state).contains("Read-only"));
}

#[test]
fn read_only_after_a_switch_refuses_every_mutating_key() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Inactive)]);
    state.profiles = vec!["prod".into()];
    let effects = update(&mut state, Action::TargetSwitched(prod_read_only()));
    super::tests::answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(super::tests::sample_users().into())),
        Request::Account => Err(api_failure("GetUserAppId", "AuthFailure.SignatureFailure")),
        other => panic!("unexpected {other:?}"),
    });
    let effects = press(&mut state, '3');
    super::tests::answer_all(&mut state, effects, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Inactive)])),
        Request::Details { .. } => Err(api_failure("GetUser", "InternalError")),
        Request::LastUsed { .. } => Ok(Reply::LastUsed(Vec::new())),
        Request::Policies { .. } | Request::Groups { .. } | Request::Security { .. } => Err(
            api_failure("ListGroupsForUser", "AuthFailure.UnauthorizedOperation"),
        ),
        other => panic!("unexpected {other:?}"),
    });
    for c in ['c', 'd', 'e', 'D'] {
        assert!(press(&mut state, c).is_empty(), "{c}");
        assert!(state.modal.is_none(), "{c}");
        assert!(flash_text(&state).contains("Read-only"), "{c}");
    }
    assert!(press(&mut state, KeyCode::Delete).is_empty());
    assert!(state.modal.is_none());
}

// ───────────────────────────── API-call log ─────────────────────────────

pub fn record(action: &str, result: &str) -> CallRecord {
    CallRecord {
        at: chrono::DateTime::from_timestamp(1_714_550_400, 0).unwrap(),
        service: Service::Cam,
        action: action.into(),
        url: "http://127.0.0.1:41231/".into(),
        target: "uin 100000000011".into(),
        latency: Duration::from_millis(4),
        attempts: 1,
        http_status: Some(200),
        request_id: Some(format!("req-{action}")),
        result: result.into(),
    }
}

#[test]
fn the_call_log_follows_new_calls_until_scrolled_back() {
    let mut state = with_users();
    for action in ["GetUserAppId", "ListUsers", "ListCollaborators"] {
        update(&mut state, Action::CallLogged(record(action, "OK")));
    }
    press(&mut state, '@');
    assert_eq!(state.context(), Context::CallLog);
    let view = |state: &State| match &state.modal {
        Some(Modal::CallLog(view)) => view.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!((view(&state).cursor, view(&state).follow), (2, true));
    update(&mut state, Action::CallLogged(record("GetUser", "OK")));
    assert_eq!(view(&state).cursor, 3);
    press(&mut state, 'k');
    assert_eq!((view(&state).cursor, view(&state).follow), (2, false));
    update(
        &mut state,
        Action::CallLogged(record("ListAccessKeys", "OK")),
    );
    assert_eq!(view(&state).cursor, 2, "scrolled back: stays put");
    press(&mut state, 'G');
    assert_eq!((view(&state).cursor, view(&state).follow), (4, true));
    press(&mut state, 'g');
    assert_eq!(view(&state).cursor, 0);
    press(&mut state, KeyCode::Esc);
    assert!(state.modal.is_none());
    // `:log` opens it too, and so does `@` during a search.
    press(&mut state, ':');
    typed(&mut state, "log");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::CallLog);
    press(&mut state, '@');
    assert!(state.modal.is_none());
    update(&mut state, Action::Paste(KEY_A.into()));
    press(&mut state, '@');
    assert_eq!(state.context(), Context::CallLog);
    press(&mut state, 'q');
    assert_eq!(state.context(), Context::Search);
    press(&mut state, ctrl('c'));
    assert!(state.quit);
}

#[test]
fn the_call_log_is_bounded_and_keeps_the_selection_on_its_call() {
    let mut state = with_users();
    state.calls = CallLog::with_capacity(3);
    for i in 0..3 {
        update(
            &mut state,
            Action::CallLogged(record(&format!("A{i}"), "OK")),
        );
    }
    press(&mut state, '@');
    press(&mut state, 'k');
    let selected = |state: &State| match &state.modal {
        Some(Modal::CallLog(view)) => state
            .calls
            .matching("")
            .nth(view.cursor)
            .unwrap()
            .action
            .clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(selected(&state), "A1");
    update(&mut state, Action::CallLogged(record("A3", "AuthFailure")));
    assert_eq!(selected(&state), "A1");
    assert_eq!((state.calls.len(), state.calls.total()), (3, 4));
}

// ───────────────────────────── mouse ─────────────────────────────

fn click(state: &mut State, column: u16, row: u16) -> Vec<Effect> {
    update(
        state,
        Action::Mouse(Mouse {
            kind: MouseKind::Click,
            column,
            row,
        }),
    )
}

fn wheel(state: &mut State, down: bool) -> Vec<Effect> {
    update(
        state,
        Action::Mouse(Mouse {
            kind: if down {
                MouseKind::ScrollDown
            } else {
                MouseKind::ScrollUp
            },
            column: 10,
            row: 10,
        }),
    )
}

#[test]
fn the_mouse_is_ignored_unless_asked_for() {
    let mut state = with_users();
    assert!(click(&mut state, 20, 1).is_empty());
    assert_eq!(state.tab, Tab::Users);
    wheel(&mut state, true);
    assert_eq!(selected_name(&state), "alice");
}

#[test]
fn clicks_pick_tabs_and_rows_and_the_wheel_scrolls() {
    let mut state = with_users();
    state.mouse = true;
    update(&mut state, Action::Resize(80, 24));
    // Row 4 is the first user, under the border and the column header.
    click(&mut state, 10, 5);
    assert_eq!(selected_name(&state), "bob");
    assert_eq!(state.tab, Tab::Users);
    // A second click on the selected row opens it.
    let effects = click(&mut state, 10, 5);
    assert_eq!(state.tab, Tab::Details);
    assert_eq!(calls(&effects).len(), 5);
    // The tab bar: " [1 User List]  2 User Details   3 API Keys ".
    click(&mut state, 3, 1);
    assert_eq!(state.tab, Tab::Users);
    click(&mut state, 32, 1);
    assert_eq!(state.tab, Tab::Keys);
    click(&mut state, 16, 1);
    assert_eq!(state.tab, Tab::Details);
    click(&mut state, 3, 1);
    // Below the last user: nothing.
    click(&mut state, 10, 12);
    assert_eq!(selected_name(&state), "bob");
    wheel(&mut state, true);
    assert_eq!(selected_name(&state), "carol");
    wheel(&mut state, false);
    assert_eq!(selected_name(&state), "alice");
}

#[test]
fn clicks_pick_keys() {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    state.mouse = true;
    // Row 6 is the first key: border, two notes, column header.
    click(&mut state, 10, 7);
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 1);
    wheel(&mut state, false);
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 0);
    click(&mut state, 10, 9);
    assert_eq!(state.open.as_ref().unwrap().key_cursor, 0);
}

#[test]
fn the_wheel_moves_user_details_and_the_focused_drawer() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    state.mouse = true;
    press(&mut state, '2');
    wheel(&mut state, true);
    assert_eq!(state.open.as_ref().unwrap().details_cursor, 3);
    wheel(&mut state, false);
    assert_eq!(state.open.as_ref().unwrap().details_cursor, 0);
    press(&mut state, '3');
    let effects = press(&mut state, 'l');
    answer_all(&mut state, effects, |_| Ok(Reply::Records(records(25))));
    assert_eq!(state.context(), Context::Records);
    wheel(&mut state, true);
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.panel.as_ref().unwrap().cursor, 3, "the records move");
    assert_eq!(open.key_cursor, 0, "not the keys");
}

#[test]
fn a_help_taller_than_the_screen_scrolls_and_stops_at_its_end() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    update(&mut state, Action::Resize(80, 24));
    press(&mut state, '?');
    assert_eq!(state.help_scroll, 0);
    press(&mut state, 'j');
    assert_eq!(state.help_scroll, 1);
    press(&mut state, 'G');
    let end = state.help_scroll;
    assert!(end > 1);
    press(&mut state, 'j');
    assert_eq!(state.help_scroll, end, "never past the end");
    press(&mut state, 'g');
    assert_eq!(state.help_scroll, 0);
    press(&mut state, KeyCode::Esc);
    // A tall terminal shows it all: nothing to scroll.
    update(&mut state, Action::Resize(120, 60));
    press(&mut state, '?');
    press(&mut state, 'G');
    assert_eq!(state.help_scroll, 0);
}
