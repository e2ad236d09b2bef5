//! Every key in every context, including the refusals, driven through the real keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::cam::model::{
    AccessKey, AccessKeyDetail, GetUserAppIdResponse, GroupInfo, KeyStatus, LastUse, SecretId,
    SubAccountInfo, User, UserKind, Verification,
};
use crate::cam::permissions::{Notice, PolicyGrant, PolicyKind, Security, Via};
use crate::i18n::Language;
use crate::tui::action::{Action, Copied, Effect, Reply, Request};
use crate::tui::clipboard::{Backend, ClipboardError, Destination};
use crate::tui::model::{AccessRecord, Failure, LastUsed, Tab, UserDetails};
use crate::tui::state::{
    Answer, Button, Column, Confirm, Context, Header, Level, Modal, Remote,
    SECRET_CLIPBOARD_SECONDS, State, TICKS_PER_SECOND,
};
use crate::tui::{geometry, keymap};

pub fn header() -> Header {
    Header {
        target: "http://127.0.0.1:41231".into(),
        sandbox: true,
        account: Remote::default(),
        clipboard: Backend::Osc52,
        read_only: false,
        accent: None,
        profile: None,
    }
}

pub fn user(uin: u64, name: &str, remark: &str, kind: UserKind) -> User {
    User::new(
        SubAccountInfo {
            uin,
            uid: uin - 100_000_000_000 + 10_000_000,
            name: name.into(),
            remark: remark.into(),
            console_login: u64::from(uin.is_multiple_of(2)),
            phone_num: "186****0001".into(),
            country_code: "86".into(),
            email: format!("{name}@example.com"),
            create_time: format!("2024-03-{:02} 10:00:00", uin % 28 + 1),
            nick_name: name.into(),
        },
        kind,
    )
}

pub fn sample_users() -> Vec<User> {
    vec![
        user(100_000_000_011, "alice", "platform team", UserKind::SubUser),
        user(100_000_000_012, "bob", "billing robot", UserKind::SubUser),
        user(100_000_000_013, "张三", "财务管理", UserKind::SubUser),
        user(
            100_000_000_014,
            "carol",
            "auditor from Acme",
            UserKind::Collaborator,
        ),
    ]
}

/// Two policies alice has: one attached to her, one through her group.
pub fn sample_policies() -> Vec<PolicyGrant> {
    vec![
        PolicyGrant {
            policy_id: 1,
            policy_name: "AdministratorAccess".into(),
            kind: PolicyKind::Preset,
            description: "Full access to every product and resource".into(),
            via: Via::User,
            attached: "2024-04-02 11:00:00".into(),
        },
        PolicyGrant {
            policy_id: 210_000_001,
            policy_name: "ci-deploy-cos".into(),
            kind: PolicyKind::Custom,
            description: "Upload build artefacts".into(),
            via: Via::Group {
                group_id: 7,
                group_name: "运维组".into(),
            },
            attached: "2024-03-30 09:15:00".into(),
        },
    ]
}

pub fn sample_groups() -> Vec<GroupInfo> {
    vec![GroupInfo {
        group_id: 7,
        group_name: "运维组".into(),
        create_time: "2024-01-01 00:00:00".into(),
        remark: "Operations on call".into(),
    }]
}

pub fn sample_security() -> Security {
    Security {
        login_protection: vec![Verification::Stoken],
        operation_protection: Vec::new(),
        unusual_login_verified: true,
        unusual_login_notices: vec![Notice::Email],
    }
}

pub fn key(id: &str, status: KeyStatus) -> AccessKey {
    AccessKey {
        access_key_id: SecretId::from_wire(id),
        status,
        create_time: "2024-04-01 09:30:00".into(),
        description: Some("ci deploy".into()),
    }
}

pub const KEY_A: &str = "IKIDaaaaaaaaaaaaaaaaaaaaaaaaaaaaWXYZ";
pub const KEY_B: &str = "IKIDbbbbbbbbbbbbbbbbbbbbbbbbbbbbQRST";

/// A state with the users loaded and nothing in flight.
pub fn with_users() -> State {
    with_users_in(Language::EnUs)
}

/// [`with_users`], speaking `language`.
pub fn with_users_in(language: Language) -> State {
    let mut state = State::new(header());
    state.language = language;
    let effects = update(&mut state, Action::Start);
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(sample_users().into())),
        Request::Account => Ok(Reply::Account(GetUserAppIdResponse {
            uin: "100000000001".into(),
            owner_uin: "100000000001".into(),
            app_id: 1_250_000_000,
        })),
        other => panic!("unexpected {other:?}"),
    });
    state
}

/// alice open on the API Keys tab with `keys`, their last use loaded.
pub fn with_keys(keys: &[AccessKey]) -> State {
    with_keys_in(Language::EnUs, keys)
}

/// [`with_keys`], speaking `language`.
pub fn with_keys_in(language: Language, keys: &[AccessKey]) -> State {
    let mut state = with_users_in(language);
    let effects = press(&mut state, '3');
    let keys_for_answer = keys.to_vec();
    answer_all(&mut state, effects, move |request| match request {
        Request::Details { user } => Ok(Reply::Details(details_of(user))),
        Request::Keys { .. } => Ok(Reply::Keys(keys_for_answer.clone())),
        Request::Policies { .. } => Ok(Reply::Policies(sample_policies())),
        Request::Groups { .. } => Ok(Reply::Groups(sample_groups())),
        Request::Security { .. } => Ok(Reply::Security(sample_security())),
        Request::LastUsed { secret_ids, .. } => Ok(Reply::LastUsed(
            secret_ids
                .iter()
                .map(|id| LastUsed {
                    secret_id: id.clone(),
                    when: Some(LastUse::At(1_714_550_400)),
                })
                .collect(),
        )),
        other => panic!("unexpected {other:?}"),
    });
    assert_eq!(state.tab, Tab::Keys);
    assert!(state.pending.is_empty(), "{:?}", state.pending);
    state
}

/// What `GetUser` says of `user`.
pub fn details_of(user: &User) -> UserDetails {
    UserDetails {
        last_login_ip: "203.0.113.7".into(),
        last_login_time: "2024-05-01 08:00:00".into(),
        ..UserDetails::from_row(user)
    }
}

/// Answers calls (and the calls their answers cause) until none is left.
pub fn answer_all(
    state: &mut State,
    mut effects: Vec<Effect>,
    mut reply: impl FnMut(&Request) -> Result<Reply, Failure>,
) {
    while let Some(effect) = effects.pop() {
        if let Effect::Call { ticket, request } = effect {
            let result = reply(&request);
            effects.extend(update(
                state,
                Action::Done {
                    ticket,
                    request,
                    result,
                },
            ));
        }
    }
}

pub fn key_event(key: impl Into<KeyCodeish>) -> KeyEvent {
    match key.into() {
        KeyCodeish(code, modifiers) => KeyEvent::new(code, modifiers),
    }
}

pub struct KeyCodeish(KeyCode, KeyModifiers);

impl From<char> for KeyCodeish {
    fn from(c: char) -> Self {
        Self(KeyCode::Char(c), KeyModifiers::NONE)
    }
}

impl From<KeyCode> for KeyCodeish {
    fn from(code: KeyCode) -> Self {
        Self(code, KeyModifiers::NONE)
    }
}

pub fn ctrl(c: char) -> KeyCodeish {
    KeyCodeish(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses a key as the app does: resolved in the current context, then updated.
pub fn press(state: &mut State, key: impl Into<KeyCodeish>) -> Vec<Effect> {
    match keymap::resolve(state.context(), key_event(key)) {
        Some(action) => update(state, action),
        None => Vec::new(),
    }
}

pub fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        assert!(press(state, c).is_empty());
    }
}

/// `c`, then Enter in the dialog it opens: the create it sends.
pub fn create_key(state: &mut State) -> Vec<Effect> {
    assert!(press(state, 'c').is_empty());
    assert_eq!(state.context(), Context::Describe);
    press(state, KeyCode::Enter)
}

pub fn calls(effects: &[Effect]) -> Vec<&Request> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Call { request, .. } => Some(request),
            _ => None,
        })
        .collect()
}

pub fn flash_text(state: &State) -> &str {
    state.flash.as_ref().map_or("", |f| f.text.as_str())
}

pub fn selected_name(state: &State) -> &str {
    state.users.selected().map_or("", |u| u.name.as_str())
}

fn names(state: &State) -> Vec<String> {
    state
        .users
        .window(0, usize::MAX)
        .map(|u| u.name.clone())
        .collect()
}

pub fn created(id: &str) -> AccessKeyDetail {
    AccessKeyDetail {
        access_key_id: SecretId::from_wire(id),
        secret_access_key: crate::cam::Secret::new("s3cr3tKEYs3cr3tKEYs3cr3tKEY12345"),
        status: KeyStatus::Active,
        create_time: "2024-05-02 10:00:00".into(),
        description: None,
    }
}

/// `count` access records an hour apart, newest first; every fifth from the third failed.
pub fn records(count: i64) -> Vec<AccessRecord> {
    (0..count)
        .map(|i| {
            let failed = i % 5 == 2;
            let (error, message) = if failed {
                (
                    Some("AuthFailure.SecretIdNotFound".to_owned()),
                    "The SecretId is not found, please ensure that your SecretId is correct."
                        .to_owned(),
                )
            } else {
                (None, String::new())
            };
            AccessRecord {
                time: 1_714_550_400 - i * 3_600,
                action: ["ListAccessKeys", "DescribeInstances", "GetUser"][(i % 3) as usize].into(),
                source_ip: format!("203.0.113.{}", 10 + i % 4),
                region: "ap-guangzhou".into(),
                error,
                message,
                request_id: format!("5b4d1725-5a30-4bd8-b36d-cfa0d1d47{i:03}"),
                resource: "cam".into(),
                document: format!("{{\n  \"eventName\": \"ListAccessKeys\",\n  \"requestID\": \"5b4d1725-5a30-4bd8-b36d-cfa0d1d47{i:03}\"\n}}"),
            }
        })
        .collect()
}

pub fn api_failure(call: &'static str, code: &str) -> Failure {
    Failure {
        call,
        code: code.into(),
        message: "refused by the test".into(),
        request_id: Some("req-123".into()),
    }
}

// ───────────────────────────── start-up ─────────────────────────────

#[test]
fn start_loads_account_and_users() {
    let mut state = State::new(header());
    let effects = update(&mut state, Action::Start);
    assert_eq!(calls(&effects), [&Request::Account, &Request::Users]);
    assert_eq!(state.in_flight(), Some("ListUsers + ListCollaborators"));
    let state = with_users();
    assert_eq!(state.users.total(), 4);
    assert_eq!(
        state.header.account.data.as_deref(),
        Some("100000000001 (root)")
    );
    assert!(state.pending.is_empty());
}

#[test]
fn failed_user_list_shows_code_message_and_request_id() {
    let mut state = State::new(header());
    let effects = update(&mut state, Action::Start);
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Err(api_failure("ListUsers", "AuthFailure.SecretIdNotFound")),
        _ => Err(api_failure("GetUserAppId", "AuthFailure.SecretIdNotFound")),
    });
    let flash = state.flash.clone().unwrap();
    assert_eq!(flash.level, Level::Error);
    assert!(
        flash.text.contains("AuthFailure.SecretIdNotFound"),
        "{}",
        flash.text
    );
    assert!(flash.text.contains("refused by the test"));
    assert_eq!(flash.request_id.as_deref(), Some("req-123"));
    assert!(matches!(
        state.users.load.status,
        crate::tui::state::Status::Failed(_)
    ));
}

// ───────────────────────────── User List ─────────────────────────────

#[test]
fn user_list_moves() {
    let mut state = with_users();
    assert_eq!(selected_name(&state), "alice");
    for (key, expected) in [
        (key_event('j'), "bob"),
        (key_event(KeyCode::Down), "张三"),
        (key_event('k'), "bob"),
        (key_event(KeyCode::Up), "alice"),
        (key_event(KeyCode::Up), "alice"),
        (key_event('G'), "carol"),
        (key_event(KeyCode::Down), "carol"),
        (key_event('g'), "alice"),
        (key_event(KeyCode::End), "carol"),
        (key_event(KeyCode::Home), "alice"),
        (key_event(KeyCode::PageDown), "carol"),
        (key_event(KeyCode::PageUp), "alice"),
    ] {
        let action = keymap::resolve(state.context(), key).unwrap();
        assert!(update(&mut state, action).is_empty());
        assert_eq!(selected_name(&state), expected, "after {key:?}");
    }
}

#[test]
fn user_list_scrolls_with_the_cursor_and_pages_by_the_screen() {
    let mut state = State::new(header());
    update(&mut state, Action::Resize(80, 10));
    let rows = geometry::user_list_rows(state.size);
    assert_eq!(rows, 2);
    let many: Vec<User> = (0..10)
        .map(|i| {
            user(
                100_000_000_100 + i,
                &format!("user{i:02}"),
                "",
                UserKind::SubUser,
            )
        })
        .collect();
    let effects = update(&mut state, Action::Start);
    answer_all(&mut state, effects, |r| match r {
        Request::Users => Ok(Reply::Users(many.clone().into())),
        _ => Err(api_failure("GetUserAppId", "x")),
    });
    press(&mut state, KeyCode::PageDown);
    assert_eq!((state.users.cursor, state.users.offset), (2, 1));
    press(&mut state, 'G');
    assert_eq!((state.users.cursor, state.users.offset), (9, 8));
    press(&mut state, KeyCode::PageUp);
    assert_eq!((state.users.cursor, state.users.offset), (7, 7));
    // Growing the terminal shows more rows without leaving a gap at the end.
    update(&mut state, Action::Resize(80, 40));
    assert_eq!(state.users.offset, 0);
}

#[test]
fn enter_opens_the_user_and_loads_details_and_keys() {
    let mut state = with_users();
    press(&mut state, 'j');
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Details);
    let requests = calls(&effects);
    assert!(matches!(requests[0], Request::Details { user } if user.name == "bob"));
    let uin = 100_000_000_012;
    assert_eq!(
        requests[1..],
        [
            &Request::Policies { uin },
            &Request::Groups { uin },
            &Request::Security { uin },
            &Request::Keys { uin }
        ]
    );
    // Opening the same user again does not refetch.
    press(&mut state, KeyCode::Esc);
    assert!(press(&mut state, KeyCode::Enter).is_empty());
}

#[test]
fn collaborators_are_detailed_with_describe_sub_accounts() {
    let mut state = with_users();
    press(&mut state, 'G');
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(state.in_flight(), Some("ListAccessKeys"));
    assert!(
        state
            .pending
            .values()
            .any(|name| *name == "DescribeSubAccounts")
    );
    assert!(
        matches!(calls(&effects)[0], Request::Details { user } if user.kind == UserKind::Collaborator)
    );
}

#[test]
fn enter_on_an_empty_list_says_so() {
    let mut state = State::new(header());
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert_eq!(state.tab, Tab::Users);
    assert_eq!(flash_text(&state), "No user to open");
}

#[test]
fn filter_as_you_type_on_name_remark_and_uin() {
    let mut state = with_users();
    press(&mut state, '/');
    assert_eq!(state.context(), Context::Filter);
    typed(&mut state, "ALI");
    assert_eq!(names(&state), ["alice"]);
    press(&mut state, KeyCode::Backspace);
    press(&mut state, KeyCode::Backspace);
    press(&mut state, KeyCode::Backspace);
    typed(&mut state, "robot");
    assert_eq!(names(&state), ["bob"], "remark matches");
    for _ in 0..5 {
        press(&mut state, KeyCode::Backspace);
    }
    typed(&mut state, "财务");
    assert_eq!(names(&state), ["张三"], "CJK remark matches");
    for _ in 0..2 {
        press(&mut state, KeyCode::Backspace);
    }
    typed(&mut state, "0014");
    assert_eq!(names(&state), ["carol"], "UIN matches");
    // q, j and digits are text while filtering.
    typed(&mut state, "q");
    assert!(!state.quit);
    assert!(names(&state).is_empty());
    press(&mut state, KeyCode::Backspace);
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Users);
    assert_eq!(state.users.filter, "0014");
    assert_eq!(names(&state), ["carol"]);
    // Esc in the list clears a kept filter.
    press(&mut state, KeyCode::Esc);
    assert_eq!(names(&state).len(), 4);
}

#[test]
fn filter_esc_clears_and_arrows_move_while_typing() {
    let mut state = with_users();
    press(&mut state, '/');
    typed(&mut state, "a");
    assert_eq!(names(&state), ["alice", "carol"]);
    press(&mut state, KeyCode::Down);
    assert_eq!(selected_name(&state), "carol");
    press(&mut state, KeyCode::Up);
    assert_eq!(selected_name(&state), "alice");
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.context(), Context::Users);
    assert_eq!(state.users.filter, "");
    assert_eq!(names(&state).len(), 4);
    // The cursor stays on the same user when the filter changes.
    assert_eq!(selected_name(&state), "alice");
    press(&mut state, '/');
    press(&mut state, ctrl('c'));
    assert!(state.quit);
}

#[test]
fn sort_cycles_columns_and_reverses() {
    let mut state = with_users();
    press(&mut state, 's');
    assert_eq!(state.users.sort, Some((Column::Username, false)));
    assert_eq!(names(&state), ["alice", "bob", "carol", "张三"]);
    press(&mut state, 'S');
    assert_eq!(names(&state), ["张三", "carol", "bob", "alice"]);
    press(&mut state, 's');
    assert_eq!(state.users.sort, Some((Column::Uin, false)));
    for _ in 0..4 {
        press(&mut state, 's');
    }
    assert_eq!(state.users.sort, Some((Column::Created, false)));
    press(&mut state, 's');
    assert_eq!(state.users.sort, None, "back to the server's order");
}

#[test]
fn refresh_reloads_users_keeping_the_cursor() {
    let mut state = with_users();
    press(&mut state, 'j');
    let effects = press(&mut state, 'r');
    assert_eq!(calls(&effects), [&Request::Users]);
    assert!(state.users.load.is_loading());
    let mut fewer = sample_users();
    fewer.remove(0);
    answer_all(&mut state, effects, |_| {
        Ok(Reply::Users(fewer.clone().into()))
    });
    assert_eq!(selected_name(&state), "bob");
    assert_eq!(state.users.total(), 3);
}

#[test]
fn tabs_switch_and_open_the_selected_user() {
    let mut state = with_users();
    let effects = press(&mut state, '2');
    assert_eq!(state.tab, Tab::Details);
    assert_eq!(calls(&effects).len(), 5, "details, three sections, keys");
    assert!(press(&mut state, '3').is_empty(), "already open");
    assert_eq!(state.tab, Tab::Keys);
    press(&mut state, '1');
    assert_eq!(state.tab, Tab::Users);
    press(&mut state, KeyCode::Tab);
    assert_eq!(state.tab, Tab::Details);
    press(&mut state, KeyCode::BackTab);
    assert_eq!(state.tab, Tab::Users);
    // Back from the first tab is the last, the Key Report: going there the first time loads it.
    let effects = press(&mut state, KeyCode::BackTab);
    assert_eq!(state.tab, Tab::Report);
    assert!(matches!(calls(&effects)[..], [Request::Report { .. }]));
    press(&mut state, KeyCode::BackTab);
    assert_eq!(state.tab, Tab::Keys);
    // Another user under the cursor replaces the open one.
    press(&mut state, '1');
    press(&mut state, 'j');
    let effects = press(&mut state, '3');
    assert_eq!(
        calls(&effects).last(),
        Some(&&Request::Keys {
            uin: 100_000_000_012
        })
    );
}

#[test]
fn help_lists_the_view_it_was_opened_from_and_closes() {
    for (tab, context) in [
        ('1', Context::Users),
        ('2', Context::Details),
        ('3', Context::Keys),
    ] {
        let mut state = with_users();
        press(&mut state, tab);
        press(&mut state, '?');
        assert!(matches!(state.modal, Some(Modal::Help(c)) if c == context));
        assert_eq!(state.context(), Context::Help);
        // Keys of the view do nothing under the help.
        assert!(press(&mut state, 'r').is_empty());
        press(&mut state, KeyCode::Esc);
        assert!(state.modal.is_none());
        press(&mut state, '?');
        press(&mut state, '?');
        assert!(state.modal.is_none());
        press(&mut state, '?');
        press(&mut state, 'q');
        assert!(
            state.modal.is_none() && !state.quit,
            "q closes the help first"
        );
        press(&mut state, '?');
        press(&mut state, ctrl('c'));
        assert!(state.quit);
    }
}

#[test]
fn q_and_ctrl_c_quit_from_every_view() {
    for tab in ['1', '2', '3'] {
        for quit in [key_event('q'), key_event(ctrl('c'))] {
            let mut state = with_users();
            press(&mut state, tab);
            let action = keymap::resolve(state.context(), quit).unwrap();
            update(&mut state, action);
            assert!(state.quit);
        }
    }
}

#[test]
fn unbound_keys_do_nothing() {
    let mut state = with_users();
    for c in ['x', 'z', 'c', 'D'] {
        assert!(press(&mut state, c).is_empty());
    }
    assert_eq!(state.tab, Tab::Users);
    assert!(state.modal.is_none());
}

// ───────────────────────────── User Details ─────────────────────────────

#[test]
fn details_keys() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    press(&mut state, '2');
    let open = state.open.as_ref().unwrap();
    assert_eq!(
        open.details.data.as_ref().unwrap().last_login_ip,
        "203.0.113.7"
    );
    assert_eq!(
        open.key_summary(Language::EnUs).as_deref(),
        Some("1 of 2 API keys, 1 enabled")
    );
    let effects = press(&mut state, 'r');
    assert!(matches!(
        calls(&effects)[..],
        [
            Request::Details { .. },
            Request::Policies { .. },
            Request::Groups { .. },
            Request::Security { .. },
            Request::Keys { .. }
        ]
    ));
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Keys);
    press(&mut state, '2');
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.tab, Tab::Users);
}

#[test]
fn details_without_users_explain_what_to_do() {
    let mut state = State::new(header());
    press(&mut state, '2');
    assert_eq!(state.tab, Tab::Details);
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Details);
    assert!(flash_text(&state).starts_with("No user open"));
    assert!(press(&mut state, 'r').is_empty());
    press(&mut state, '3');
    for c in ['c', 'y', 'd', 'e', 'D', 'a', 'r', 'j'] {
        assert!(press(&mut state, c).is_empty(), "{c}");
        assert!(state.modal.is_none());
    }
}

// ───────────────────────────── API Keys ─────────────────────────────

#[test]
fn create_sends_and_shows_the_secret_once() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = create_key(&mut state);
    let [Request::CreateKey { uin, .. }] = calls(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(*uin, 100_000_000_011);
    // A second c while the first is in flight is refused.
    assert!(press(&mut state, 'c').is_empty());
    assert!(flash_text(&state).contains("still in flight"));
    let Effect::Call { ticket, request } = effects.into_iter().next().unwrap() else {
        unreachable!()
    };
    let after = update(
        &mut state,
        Action::Done {
            ticket,
            request,
            result: Ok(Reply::Created(created(KEY_B))),
        },
    );
    assert_eq!(
        calls(&after),
        [&Request::Keys {
            uin: 100_000_000_011
        }],
        "reloads"
    );
    assert_eq!(state.context(), Context::Secret);
    assert!(state.mutating.is_none());
}

#[test]
fn create_is_refused_at_two_keys() {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    assert!(press(&mut state, 'c').is_empty());
    let flash = state.flash.clone().unwrap();
    assert_eq!(flash.level, Level::Warning);
    assert!(
        flash.text.contains("already has 2 API keys"),
        "{}",
        flash.text
    );
}

#[test]
fn create_waits_for_the_keys() {
    let mut state = with_users();
    press(&mut state, '3');
    assert!(press(&mut state, 'c').is_empty());
    assert!(flash_text(&state).contains("not loaded yet"));
}

#[test]
fn create_failure_is_reported_and_the_keys_reloaded() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = create_key(&mut state);
    let Effect::Call { ticket, request } = effects.into_iter().next().unwrap() else {
        unreachable!()
    };
    let after = update(
        &mut state,
        Action::Done {
            ticket,
            request,
            result: Err(api_failure(
                "CreateAccessKey",
                "OperationDenied.AccessKeyOverLimit",
            )),
        },
    );
    assert_eq!(calls(&after).len(), 1);
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("OperationDenied.AccessKeyOverLimit"));
    assert_eq!(
        state.flash.as_ref().unwrap().request_id.as_deref(),
        Some("req-123")
    );
}

#[test]
fn the_secret_modal_closes_only_after_acknowledgement() {
    let mut state = with_keys(&[]);
    let effects = create_key(&mut state);
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(created(KEY_B))),
        Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_B, KeyStatus::Active)])),
        _ => Ok(Reply::LastUsed(Vec::new())),
    });
    assert_eq!(state.context(), Context::Secret);
    for refused in [
        key_event(KeyCode::Esc),
        key_event(KeyCode::Enter),
        key_event('q'),
        key_event(ctrl('c')),
    ] {
        let action = keymap::resolve(state.context(), refused).unwrap();
        assert!(update(&mut state, action).is_empty());
        assert_eq!(state.context(), Context::Secret, "{refused:?}");
        assert!(!state.quit);
        assert!(flash_text(&state).contains("cannot be shown again"));
    }
    // Keys of the view underneath do nothing.
    for c in ['d', 'D', 'c', '1'] {
        assert!(press(&mut state, c).is_empty());
        assert_eq!(state.context(), Context::Secret);
    }
    let Some(Modal::Secret(modal)) = &state.modal else {
        unreachable!()
    };
    assert!(!modal.revealed);
    press(&mut state, 'v');
    let Some(Modal::Secret(modal)) = &state.modal else {
        unreachable!()
    };
    assert!(modal.revealed);
    press(&mut state, 'v');

    let effects = press(&mut state, 'y');
    assert!(
        matches!(&effects[..], [Effect::Copy { what: Copied::SecretId(id), text }] if id == KEY_B && text.expose() == KEY_B)
    );
    let effects = press(&mut state, 'Y');
    assert!(
        matches!(&effects[..], [Effect::Copy { what: Copied::SecretKey(id), text }]
        if id == KEY_B && text.expose() == "s3cr3tKEYs3cr3tKEYs3cr3tKEY12345")
    );
    assert!(state.countdown.is_some());

    press(&mut state, ' ');
    press(&mut state, ' ');
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Secret, "unticked again");
    press(&mut state, ' ');
    press(&mut state, KeyCode::Enter);
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("cannot be shown again"));
}

#[test]
fn a_created_key_is_shown_even_if_another_user_is_open_now() {
    let mut state = with_keys(&[]);
    let effects = create_key(&mut state);
    press(&mut state, '1');
    press(&mut state, 'j');
    let opened_bob = press(&mut state, KeyCode::Enter);
    assert_eq!(calls(&opened_bob).len(), 5);
    let Effect::Call { ticket, request } = effects.into_iter().next().unwrap() else {
        unreachable!()
    };
    let after = update(
        &mut state,
        Action::Done {
            ticket,
            request,
            result: Ok(Reply::Created(created(KEY_B))),
        },
    );
    assert!(
        after.is_empty(),
        "alice's keys are not on screen: no reload"
    );
    let Some(Modal::Secret(modal)) = &state.modal else {
        panic!("secret not shown")
    };
    assert_eq!(modal.user_name, "alice");
}

#[test]
fn copy_secret_id_and_clipboard_off() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active), key(KEY_B, KeyStatus::Active)]);
    press(&mut state, 'j');
    let effects = press(&mut state, 'y');
    assert!(
        matches!(&effects[..], [Effect::Copy { what: Copied::SecretId(id), .. }] if id == KEY_B)
    );
    update(
        &mut state,
        Action::Copied {
            what: Copied::SecretId(SecretId::from_wire(KEY_B)),
            result: Ok(Destination::Terminal),
        },
    );
    // OSC 52 only asks the terminal: the flash does not claim the copy happened.
    assert_eq!(
        flash_text(&state),
        format!("Sent SecretId {KEY_B} to the terminal for its clipboard (OSC 52)")
    );
    update(
        &mut state,
        Action::Copied {
            what: Copied::SecretId(SecretId::from_wire(KEY_B)),
            result: Ok(Destination::Native),
        },
    );
    assert_eq!(
        flash_text(&state),
        format!("Copied SecretId {KEY_B} to the clipboard")
    );
    state.header.clipboard = Backend::Off;
    assert!(press(&mut state, 'y').is_empty());
    assert!(flash_text(&state).contains("clipboard is off"));
}

#[test]
fn the_clipboard_speaks_the_users_language() {
    let mut state = with_keys_in(Language::ZhCn, &[key(KEY_A, KeyStatus::Active)]);
    state.header.clipboard = Backend::Off;
    assert!(press(&mut state, 'y').is_empty());
    assert_eq!(
        flash_text(&state),
        "剪贴板已关闭（--clipboard off），未复制任何内容"
    );
    let secret_key = || Copied::SecretKey(SecretId::from_wire(KEY_A));
    update(
        &mut state,
        Action::Copied {
            what: secret_key(),
            result: Ok(Destination::Native),
        },
    );
    assert_eq!(
        flash_text(&state),
        format!("已将 {KEY_A} 的 SecretKey 复制到剪贴板；45 秒后清除")
    );
    update(&mut state, Action::ClipboardCleared { result: Ok(true) });
    assert_eq!(flash_text(&state), "已从剪贴板清除复制的 SecretKey");
}

#[test]
fn disable_goes_through_a_confirmation_that_starts_on_cancel() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    assert!(press(&mut state, 'd').is_empty());
    let Some(Modal::Confirm(Confirm {
        request: Request::SetKeyStatus { status, .. },
        answer: Answer::Press { focus },
        ..
    })) = &state.modal
    else {
        panic!()
    };
    assert_eq!(*focus, Button::Cancel);
    assert_eq!(*status, KeyStatus::Inactive);
    // Enter on Cancel cancels.
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("nothing changed"));
    // Tab moves the focus to the confirm button, and Enter presses it.
    press(&mut state, 'd');
    press(&mut state, KeyCode::Tab);
    let Some(Modal::Confirm(Confirm {
        answer: Answer::Press { focus },
        ..
    })) = &state.modal
    else {
        panic!()
    };
    assert_eq!(*focus, Button::Confirm);
    let effects = press(&mut state, KeyCode::Enter);
    assert!(matches!(
        calls(&effects)[..],
        [Request::SetKeyStatus {
            status: KeyStatus::Inactive,
            ..
        }]
    ));
    assert!(state.modal.is_none());
    answer_all(&mut state, effects, |request| match request {
        Request::SetKeyStatus { .. } => Err(api_failure("UpdateAccessKey", "InternalError")),
        _ => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Active)])),
    });
    // Every way of moving the focus moves it; Enter presses where it ended up.
    press(&mut state, 'd');
    for switch in [
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::BackTab,
        KeyCode::Char('h'),
        KeyCode::Char('l'),
    ] {
        press(&mut state, switch);
    }
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(calls(&effects).len(), 1);
    answer_all(&mut state, effects, |request| match request {
        Request::SetKeyStatus { .. } => Err(api_failure("UpdateAccessKey", "InternalError")),
        _ => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Active)])),
    });
    // Other keys do nothing; n and Esc cancel; y confirms.
    assert!(press(&mut state, 'D').is_empty());
    press(&mut state, 'n');
    assert!(state.modal.is_none());
    press(&mut state, 'd');
    press(&mut state, KeyCode::Esc);
    assert!(state.modal.is_none());
    press(&mut state, 'd');
    let effects = press(&mut state, 'y');
    assert_eq!(
        calls(&effects),
        [&Request::SetKeyStatus {
            uin: 100_000_000_011,
            secret_id: SecretId::from_wire(KEY_A),
            status: KeyStatus::Inactive
        }]
    );
    assert_eq!(state.in_flight(), Some("UpdateAccessKey"));
    let mut reloaded = Vec::new();
    answer_all(&mut state, effects, |request| {
        reloaded.push(request.call_name());
        match request {
            Request::SetKeyStatus { .. } => Ok(Reply::Done),
            Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Inactive)])),
            _ => Ok(Reply::LastUsed(Vec::new())),
        }
    });
    assert_eq!(
        reloaded,
        ["UpdateAccessKey", "ListAccessKeys", "GetSecurityLastUsed"]
    );
    assert_eq!(
        state.open.as_ref().unwrap().key_list()[0].status,
        KeyStatus::Inactive
    );
}

#[test]
fn enable_and_already_in_that_state() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Inactive)]);
    press(&mut state, 'd');
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("already disabled"));
    press(&mut state, 'e');
    let Some(Modal::Confirm(Confirm {
        request: Request::SetKeyStatus { status, .. },
        ..
    })) = &state.modal
    else {
        panic!()
    };
    assert_eq!(*status, KeyStatus::Active);
    let effects = press(&mut state, 'y');
    assert!(matches!(
        calls(&effects)[..],
        [Request::SetKeyStatus {
            status: KeyStatus::Active,
            ..
        }]
    ));

    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    press(&mut state, 'e');
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("already enabled"));
}

#[test]
fn delete_refuses_an_enabled_key() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    for delete in [key_event('D'), key_event(KeyCode::Delete)] {
        let action = keymap::resolve(state.context(), delete).unwrap();
        assert!(update(&mut state, action).is_empty());
        assert!(state.modal.is_none());
        assert!(flash_text(&state).contains("disable it first"));
    }
}

#[test]
fn delete_requires_the_last_four_characters() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Inactive)]);
    press(&mut state, KeyCode::Delete);
    assert_eq!(state.context(), Context::ConfirmTyped);
    // Enter with nothing typed, and with the wrong text, deletes nothing.
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    typed(&mut state, "wxyz");
    assert!(press(&mut state, KeyCode::Enter).is_empty(), "case matters");
    let Some(Modal::Confirm(Confirm {
        answer: Answer::Type { mismatch, .. },
        ..
    })) = &state.modal
    else {
        panic!()
    };
    assert!(*mismatch);
    assert!(flash_text(&state).contains("Not deleted"));
    // y, n, q and d are text here.
    for _ in 0..4 {
        press(&mut state, KeyCode::Backspace);
    }
    typed(&mut state, "yq");
    assert!(!state.quit);
    press(&mut state, KeyCode::Backspace);
    press(&mut state, KeyCode::Backspace);
    typed(&mut state, "WXYZ");
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(
        calls(&effects),
        [&Request::DeleteKey {
            uin: 100_000_000_011,
            secret_id: SecretId::from_wire(KEY_A)
        }]
    );
    assert!(state.modal.is_none());
    answer_all(&mut state, effects, |request| match request {
        Request::DeleteKey { .. } => Ok(Reply::Done),
        _ => Ok(Reply::Keys(Vec::new())),
    });
    assert!(state.open.as_ref().unwrap().key_list().is_empty());
    assert!(flash_text(&state).contains("Deleted"));
}

#[test]
fn delete_dialog_cancels_with_esc() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Inactive)]);
    press(&mut state, 'D');
    typed(&mut state, "WX");
    press(&mut state, KeyCode::Esc);
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("nothing deleted"));
    press(&mut state, 'D');
    press(&mut state, ctrl('c'));
    assert!(state.quit);
}

#[test]
fn read_only_refuses_every_mutation() {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    state.header.read_only = true;
    for (index, c) in [(0, 'c'), (0, 'd'), (1, 'e'), (1, 'D')] {
        state.open.as_mut().unwrap().key_cursor = index;
        assert!(press(&mut state, c).is_empty(), "{c}");
        assert!(state.modal.is_none(), "{c}");
        assert!(flash_text(&state).contains("Read-only"), "{c}");
    }
    // Reading and copying still work.
    assert_eq!(press(&mut state, 'y').len(), 1);
    assert_eq!(press(&mut state, 'r').len(), 1);
}

#[test]
fn access_panel_opens_follows_the_selection_and_refreshes() {
    let mut state = with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ]);
    let effects = press(&mut state, 'a');
    assert_eq!(
        calls(&effects),
        [&Request::Records {
            secret_id: SecretId::from_wire(KEY_A)
        }]
    );
    let first = effects;
    // Moving to the other key reloads the panel for it; the answer for the first is stale.
    let effects = press(&mut state, 'j');
    assert_eq!(
        calls(&effects),
        [&Request::Records {
            secret_id: SecretId::from_wire(KEY_B)
        }]
    );
    answer_all(&mut state, first, |_| Ok(Reply::Records(vec![])));
    let panel = state.open.as_ref().unwrap().panel.as_ref().unwrap();
    assert_eq!(panel.secret_id, KEY_B);
    assert!(panel.records.is_loading(), "the stale answer was dropped");
    answer_all(&mut state, effects, |_| Ok(Reply::Records(records(1))));
    let panel = state.open.as_ref().unwrap().panel.as_ref().unwrap();
    assert_eq!(panel.records.data.as_ref().unwrap().len(), 1);
    // r reloads keys and records.
    let effects = press(&mut state, 'r');
    assert!(matches!(
        calls(&effects)[..],
        [Request::Keys { .. }, Request::Records { .. }]
    ));
    // Esc closes the panel, then goes back; a closes too.
    press(&mut state, KeyCode::Esc);
    assert!(state.open.as_ref().unwrap().panel.is_none());
    press(&mut state, KeyCode::Enter);
    assert!(
        state.open.as_ref().unwrap().panel.is_some(),
        "Enter opens it too"
    );
    press(&mut state, 'a');
    assert!(state.open.as_ref().unwrap().panel.is_none());
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.tab, Tab::Details);
}

#[test]
fn access_panel_errors_and_no_keys() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = press(&mut state, 'a');
    answer_all(&mut state, effects, |_| {
        Err(api_failure("DescribeEvents", "InvalidParameterValue.Time"))
    });
    let panel = state.open.as_ref().unwrap().panel.as_ref().unwrap();
    assert!(
        matches!(&panel.records.status, crate::tui::state::Status::Failed(f) if f.code == "InvalidParameterValue.Time")
    );

    let mut state = with_keys(&[]);
    assert!(press(&mut state, 'a').is_empty());
    assert!(flash_text(&state).contains("has no API keys"));
    for c in ['y', 'd', 'e', 'D'] {
        assert!(press(&mut state, c).is_empty());
    }
}

#[test]
fn key_cursor_moves() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active), key(KEY_B, KeyStatus::Active)]);
    let cursor = |s: &State| s.open.as_ref().unwrap().key_cursor;
    for (k, expected) in [
        (key_event('j'), 1),
        (key_event('j'), 1),
        (key_event('k'), 0),
        (key_event(KeyCode::Down), 1),
        (key_event(KeyCode::Up), 0),
        (key_event('G'), 1),
        (key_event('g'), 0),
        (key_event(KeyCode::PageDown), 1),
        (key_event(KeyCode::PageUp), 0),
        (key_event(KeyCode::End), 1),
        (key_event(KeyCode::Home), 0),
    ] {
        let action = keymap::resolve(state.context(), k).unwrap();
        update(&mut state, action);
        assert_eq!(cursor(&state), expected, "{k:?}");
    }
}

// ───────────────────────────── answers and time ─────────────────────────────

#[test]
fn answers_for_a_user_no_longer_open_are_dropped() {
    let mut state = with_users();
    let alice = press(&mut state, KeyCode::Enter);
    press(&mut state, KeyCode::Esc);
    press(&mut state, 'j');
    let bob = press(&mut state, KeyCode::Enter);
    answer_all(&mut state, alice, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Active)])),
        _ => Err(api_failure("GetUser", "ResourceNotFound.UserNotExist")),
    });
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.user.name, "bob");
    assert!(open.keys.is_loading() && open.keys.data.is_none());
    assert!(state.flash.is_none(), "a stale failure is not shown");
    assert_eq!(state.pending.len(), 5, "only bob's calls are in flight");
    answer_all(&mut state, bob, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_B, KeyStatus::Active)])),
        Request::LastUsed { .. } => Ok(Reply::LastUsed(Vec::new())),
        _ => Err(api_failure("GetUser", "ResourceNotFound.UserNotExist")),
    });
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.key_list()[0].access_key_id, KEY_B);
    assert!(flash_text(&state).contains("ResourceNotFound.UserNotExist"));
}

#[test]
fn an_older_refresh_answer_does_not_overwrite_a_newer_one() {
    let mut state = with_users();
    let older = press(&mut state, 'r');
    let newer = press(&mut state, 'r');
    answer_all(&mut state, newer, |_| {
        Ok(Reply::Users(sample_users().into()))
    });
    answer_all(&mut state, older, |_| Ok(Reply::Users(Vec::new().into())));
    assert_eq!(state.users.total(), 4);
}

#[test]
fn flashes_expire_and_the_copied_secret_is_cleared_after_45_seconds() {
    let mut state = with_keys(&[]);
    let effects = create_key(&mut state);
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(created(KEY_B))),
        _ => Ok(Reply::Keys(Vec::new())),
    });
    press(&mut state, 'Y');
    update(
        &mut state,
        Action::Copied {
            what: Copied::SecretKey(SecretId::from_wire(KEY_B)),
            result: Ok(Destination::Terminal),
        },
    );
    assert!(state.animating());
    for _ in 0..(SECRET_CLIPBOARD_SECONDS * TICKS_PER_SECOND - 1) {
        assert!(update(&mut state, Action::Tick).is_empty());
    }
    assert!(state.flash.is_none(), "expired");
    let effects = update(&mut state, Action::Tick);
    assert!(
        matches!(&effects[..], [Effect::ClearClipboard { secret }] if secret.expose() == "s3cr3tKEYs3cr3tKEYs3cr3tKEY12345")
    );
    assert!(state.countdown.is_none());
    update(&mut state, Action::ClipboardCleared { result: Ok(true) });
    assert!(flash_text(&state).contains("cleared"));
}

#[test]
fn a_failed_secret_copy_stops_the_countdown() {
    let mut state = with_keys(&[]);
    let effects = create_key(&mut state);
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(created(KEY_B))),
        _ => Ok(Reply::Keys(Vec::new())),
    });
    press(&mut state, 'Y');
    update(
        &mut state,
        Action::Copied {
            what: Copied::SecretKey(SecretId::from_wire(KEY_B)),
            result: Err(ClipboardError::Terminal(std::io::Error::other(
                "no terminal",
            ))),
        },
    );
    assert!(state.countdown.is_none());
    assert_eq!(state.flash.as_ref().unwrap().level, Level::Error);
}

#[test]
fn target_failure_and_readiness_reach_the_screen() {
    let mut state = State::new(header());
    update(&mut state, Action::TargetReady("http://127.0.0.1:9".into()));
    assert_eq!(state.header.target, "http://127.0.0.1:9");
    update(
        &mut state,
        Action::TargetFailed("sandbox: disk full".into()),
    );
    assert_eq!(state.flash.as_ref().unwrap().level, Level::Error);
}
