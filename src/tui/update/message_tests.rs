//! Messages that tell the truth: a change's outcome outlives the reload after it, messages go
//! when their cause does or when the user moves on, network failures are said in words a
//! person acts on, and `r` brings the header back.

use crossterm::event::KeyCode;

use super::tests::{
    KEY_A, answer_all, api_failure, calls, create_key, flash_text, key, press, typed, with_keys,
    with_keys_in, with_users,
};
use super::update;
use crate::cam::model::{GetUserAppIdResponse, KeyStatus};
use crate::cam::{ApiError, CallError, NetworkCause};
use crate::i18n::Language;
use crate::tui::action::{Action, Reply, Request};
use crate::tui::model::{Failure, Tab};
use crate::tui::state::{About, Level, State, Status, TICKS_PER_SECOND};

fn refused(call: &'static str) -> Failure {
    refused_in(Language::EnUs, call)
}

fn refused_in(language: Language, call: &'static str) -> Failure {
    Failure::from_call(
        call,
        &CallError::Network {
            url: "http://127.0.0.1:9000".into(),
            cause: NetworkCause::Refused,
        },
        language,
    )
}

#[test]
fn network_failures_say_what_happened_and_what_to_do() {
    let failure = refused("ListAccessKeys");
    assert_eq!(failure.code, "ClientNetworkError");
    assert_eq!(
        failure.message,
        "http://127.0.0.1:9000: connection refused; is the server running?"
    );
    assert!(failure.unanswered());
    // A failed read adds that r retries it.
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |request| {
        Err(refused(request.call_name()))
    });
    assert_eq!(
        flash_text(&state),
        "ListAccessKeys failed: ClientNetworkError — http://127.0.0.1:9000: connection refused; \
         is the server running? · r retries"
    );
    assert_eq!(state.flash.as_ref().unwrap().request_id, None);
}

#[test]
fn the_key_limit_is_said_once() {
    let failure = Failure::from_call(
        "CreateAccessKey",
        &CallError::Api(ApiError {
            code: "OperationDenied.AccessKeyOverLimit".into(),
            message: "A user can have at most 2 API keys.".into(),
            request_id: "req-7".into(),
        }),
        Language::EnUs,
    );
    assert_eq!(
        failure.message,
        "A user can have at most 2 API keys. — delete one of the user's keys first"
    );
    assert_eq!(failure.message.matches("at most 2").count(), 1);
}

#[test]
fn a_failure_without_an_api_error_is_said_in_the_users_language() {
    let failure = refused_in(Language::ZhCn, "ListAccessKeys");
    assert_eq!(
        failure.message,
        "http://127.0.0.1:9000：连接被拒绝；服务是否在运行？"
    );
    let mut state = with_keys_in(Language::ZhCn, &[key(KEY_A, KeyStatus::Active)]);
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |request| {
        Err(refused_in(Language::ZhCn, request.call_name()))
    });
    assert_eq!(
        flash_text(&state),
        "ListAccessKeys 调用失败：ClientNetworkError — http://127.0.0.1:9000：连接被拒绝；\
         服务是否在运行？ · 按 r 重试"
    );
    // A change whose answer was lost: the technical reason stays as it came.
    let lost = Failure::from_call(
        "UpdateAccessKey",
        &CallError::Unconfirmed {
            url: "http://127.0.0.1:9000".into(),
            action: "UpdateAccessKey".into(),
            reason: "operation timed out".into(),
        },
        Language::ZhCn,
    );
    assert_eq!(
        lost.message,
        "http://127.0.0.1:9000 未应答 UpdateAccessKey（operation timed out）；\
         此变更可能已生效：请先确认，再决定是否重试"
    );
    assert_eq!(
        lost.describe(Language::ZhCn),
        format!(
            "UpdateAccessKey 调用失败：ClientNetworkError — {}（无 RequestId：请求未得到 API 应答）",
            lost.message
        )
    );
}

#[test]
fn an_api_error_keeps_its_message_and_gets_advice_in_the_users_language() {
    let failure = Failure::from_call(
        "CreateAccessKey",
        &CallError::Api(ApiError {
            code: "OperationDenied.AccessKeyOverLimit".into(),
            message: "一个子用户最多可以创建两个 API 密钥。".into(),
            request_id: "req-7".into(),
        }),
        Language::ZhCn,
    );
    assert_eq!(
        failure.message,
        "一个子用户最多可以创建两个 API 密钥。（请先删除该用户的一个密钥）"
    );
    assert_eq!(failure.request_id.as_deref(), Some("req-7"));
}

#[test]
fn a_failed_change_is_not_hidden_by_the_reload_after_it() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = create_key(&mut state);
    answer_all(&mut state, effects, |request| {
        Err(refused(request.call_name()))
    });
    let flash = state.flash.clone().unwrap();
    assert!(
        flash.text.starts_with("CreateAccessKey failed"),
        "{}",
        flash.text
    );
    assert_eq!(flash.about, About::Change);
    // The reload's failure shows where the keys were.
    let open = state.open.as_ref().unwrap();
    assert!(matches!(&open.keys.status, Status::Failed(f) if f.call == "ListAccessKeys"));
    // A change that worked is not hidden either.
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    press(&mut state, 'd');
    let effects = press(&mut state, 'y');
    answer_all(&mut state, effects, |request| match request {
        Request::SetKeyStatus { .. } => Ok(Reply::Done),
        other => Err(refused(other.call_name())),
    });
    assert!(flash_text(&state).starts_with("Disabled"));
}

#[test]
fn a_read_failure_goes_when_the_read_succeeds() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |_| {
        Err(api_failure("ListAccessKeys", "InternalError"))
    });
    assert!(flash_text(&state).starts_with("ListAccessKeys failed"));
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Active)])),
        _ => Ok(Reply::LastUsed(Vec::new())),
    });
    assert!(state.flash.is_none());
}

#[test]
fn moving_on_clears_what_was_said_about_the_old_view() {
    // "No user open" does not stay under the next user's details.
    let mut state = State::new(super::tests::header());
    press(&mut state, '2');
    press(&mut state, KeyCode::Enter);
    assert!(flash_text(&state).starts_with("No user open"));
    press(&mut state, '1');
    assert!(state.flash.is_none());
    let mut state = with_users();
    // A refused command line goes with the next command.
    press(&mut state, ':');
    typed(&mut state, "secretid xyz");
    press(&mut state, KeyCode::Enter);
    assert!(flash_text(&state).contains("is not a SecretId"));
    press(&mut state, ':');
    typed(&mut state, "keys");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Keys);
    assert!(state.flash.is_none());
}

#[test]
fn info_expires_first_and_errors_last() {
    let mut state = with_users();
    let seconds = |state: &mut State| {
        let mut ticks = 0;
        while state.flash.is_some() {
            update(state, Action::Tick);
            ticks += 1;
        }
        ticks / TICKS_PER_SECOND
    };
    super::core::flash(&mut state, Level::Info, "info");
    assert_eq!(seconds(&mut state), 6);
    super::core::flash(&mut state, Level::Warning, "warning");
    assert_eq!(seconds(&mut state), 10);
    super::core::fail_read(&mut state, &api_failure("ListUsers", "InternalError"));
    assert_eq!(seconds(&mut state), 30);
}

#[test]
fn r_retries_the_account_so_the_header_recovers() {
    let mut state = State::new(super::tests::header());
    let effects = update(&mut state, Action::Start);
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(super::tests::sample_users().into())),
        _ => Err(refused("GetUserAppId")),
    });
    assert!(matches!(state.header.account.status, Status::Failed(_)));
    let effects = press(&mut state, 'r');
    assert_eq!(calls(&effects), [&Request::Users, &Request::Account]);
    assert!(state.header.account.is_loading());
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(super::tests::sample_users().into())),
        _ => Ok(Reply::Account(GetUserAppIdResponse {
            uin: "100000000001".into(),
            owner_uin: "100000000001".into(),
            app_id: 1_250_000_000,
        })),
    });
    assert_eq!(
        state.header.account.data.as_deref(),
        Some("100000000001 (root)")
    );
    assert!(state.flash.is_none(), "the account's failure went with it");
    // Once it is known, r does not ask again.
    let effects = press(&mut state, 'r');
    assert_eq!(calls(&effects), [&Request::Users]);
}
