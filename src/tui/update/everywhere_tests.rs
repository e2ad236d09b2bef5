//! The same keys everywhere: `y` copies what is focused, `c` asks for a description, `/`
//! starts a new filter, sorting ignores case, text edits as a shell line, and the footer
//! offers what the state allows.

use crossterm::event::KeyCode;

use super::tests::{
    KEY_A, answer_all, calls, ctrl, flash_text, key, press, selected_name, typed, user, with_keys,
    with_users,
};
use super::update;
use crate::cam::model::{KeyStatus, UserKind};
use crate::i18n::Text;
use crate::tui::action::{Action, Copied, Effect, Reply, Request};
use crate::tui::keymap;
use crate::tui::state::{Answer, Column, Confirm, Context, Modal, State};

fn copied(effects: &[Effect]) -> &Copied {
    match effects {
        [Effect::Copy { what, .. }] => what,
        other => panic!("{other:?}"),
    }
}

fn hint_words(state: &State) -> Vec<Text<'static>> {
    keymap::hints(state).into_iter().map(|(_, h)| h).collect()
}

#[test]
fn y_copies_the_uin_on_the_user_list_and_user_details() {
    let mut state = with_users();
    press(&mut state, 'j');
    assert_eq!(
        *copied(&press(&mut state, 'y')),
        Copied::Uin(100_000_000_012)
    );
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::Details);
    let effects = press(&mut state, 'y');
    let [Effect::Copy { what, text }] = &effects[..] else {
        panic!()
    };
    assert_eq!(*what, Copied::Uin(100_000_000_012));
    assert_eq!(text.expose(), "100000000012");
    assert!(hint_words(&state).contains(&Text::HintCopyUin));
}

#[test]
fn c_asks_for_an_optional_description_enter_creates_esc_cancels() {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    assert!(press(&mut state, 'c').is_empty());
    assert_eq!(state.context(), Context::Describe);
    // Esc: nothing is sent.
    assert!(press(&mut state, KeyCode::Esc).is_empty());
    assert!(state.modal.is_none());
    assert!(flash_text(&state).contains("nothing changed"));
    // Letters, digits and _+=,.@:/- only: a space is dropped, and the dialog says why.
    press(&mut state, 'c');
    typed(&mut state, "ci deploy");
    let Some(Modal::Confirm(Confirm {
        answer: Answer::Describe { field, refused },
        ..
    })) = &state.modal
    else {
        panic!()
    };
    assert_eq!(field.text(), "cideploy");
    assert!(*refused);
    // It edits as a line does; Enter creates with it.
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    typed(&mut state, "-");
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(
        calls(&effects),
        [&Request::CreateKey {
            uin: 100_000_000_011,
            user_name: "alice".into(),
            description: Some("ci-deploy".into()),
        }]
    );
    assert!(state.modal.is_none());
    // An empty description is none at all.
    answer_all(&mut state, effects, |_| Ok(Reply::Keys(Vec::new())));
    press(&mut state, 'c');
    let effects = press(&mut state, KeyCode::Enter);
    assert!(matches!(
        calls(&effects)[..],
        [Request::CreateKey {
            description: None,
            ..
        }]
    ));
}

#[test]
fn slash_starts_a_new_filter_and_esc_brings_the_old_one_back() {
    let mut state = with_users();
    press(&mut state, '/');
    typed(&mut state, "car");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.users.filter, "car");
    assert_eq!(selected_name(&state), "carol");
    // A new filter, not "car" + "bo".
    press(&mut state, '/');
    assert_eq!(state.users.filter, "");
    assert_eq!(state.users.shown(), 4);
    assert_eq!(
        selected_name(&state),
        "carol",
        "the cursor stays on the user"
    );
    typed(&mut state, "bo");
    assert_eq!(state.users.filter, "bo");
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.context(), Context::Users);
    assert_eq!(state.users.filter, "car");
    // Esc on the list clears the filter; the cursor stays on the same user.
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.users.filter, "");
    assert_eq!(selected_name(&state), "carol");
    // A SecretId typed says Enter finds its owner.
    press(&mut state, '/');
    assert!(hint_words(&state).contains(&Text::HintDone));
    typed(&mut state, KEY_A);
    assert!(hint_words(&state).contains(&Text::HintFindOwner));
    assert!(!hint_words(&state).contains(&Text::HintDone));
    press(&mut state, ctrl('u'));
    assert_eq!(state.users.filter, "");
    typed(&mut state, "alice bob");
    press(&mut state, ctrl('w'));
    assert_eq!(state.users.filter, "alice ");
}

#[test]
fn sorting_ignores_case() {
    let mut state = with_users();
    let rows = vec![
        user(100_000_000_021, "bob", "B", UserKind::SubUser),
        user(100_000_000_022, "Alice", "c", UserKind::SubUser),
        user(100_000_000_023, "alan", "A", UserKind::SubUser),
        user(100_000_000_024, "Carol", "b", UserKind::SubUser),
    ];
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |_| {
        Ok(Reply::Users(rows.clone().into()))
    });
    let names = |state: &State| -> Vec<String> {
        state
            .users
            .window(0, usize::MAX)
            .map(|u| u.name.clone())
            .collect()
    };
    press(&mut state, 's');
    assert_eq!(names(&state), ["alan", "Alice", "bob", "Carol"]);
    press(&mut state, 's');
    press(&mut state, 's');
    press(&mut state, 's');
    assert_eq!(state.users.sort, Some((Column::Remark, false)));
    assert_eq!(names(&state), ["alan", "bob", "Carol", "Alice"]);
}

#[test]
fn the_command_line_edits_as_a_shell_line() {
    let mut state = with_users();
    press(&mut state, ':');
    typed(&mut state, "keys bob");
    let line = |state: &State| {
        let (before, after) = state.command_line.as_ref().unwrap().field.split();
        format!("{before}|{after}")
    };
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    press(&mut state, KeyCode::Left);
    assert_eq!(line(&state), "keys |bob");
    press(&mut state, ctrl('a'));
    assert_eq!(line(&state), "|keys bob");
    press(&mut state, KeyCode::Right);
    press(&mut state, KeyCode::End);
    assert_eq!(line(&state), "keys bob|");
    press(&mut state, KeyCode::Home);
    press(&mut state, ctrl('e'));
    press(&mut state, ctrl('w'));
    assert_eq!(line(&state), "keys |");
    typed(&mut state, "carol");
    press(&mut state, KeyCode::Left);
    press(&mut state, ctrl('u'));
    assert_eq!(line(&state), "|l");
    press(&mut state, KeyCode::Backspace);
    assert_eq!(line(&state), "|l", "nothing before the cursor");
    press(&mut state, KeyCode::Esc);
    assert!(state.command_line.is_none());
}

#[test]
fn the_secret_key_window_offers_what_it_will_do() {
    let mut state = with_keys(&[]);
    let effects = super::tests::create_key(&mut state);
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(super::tests::created(KEY_A))),
        _ => Ok(Reply::Keys(vec![key(KEY_A, KeyStatus::Active)])),
    });
    assert_eq!(state.context(), Context::Secret);
    let words = hint_words(&state);
    assert!(words.contains(&Text::HintReveal) && words.contains(&Text::HintSaved));
    assert!(
        !words.contains(&Text::HintClose),
        "Enter does not close yet"
    );
    press(&mut state, 'v');
    press(&mut state, ' ');
    let words = hint_words(&state);
    assert!(words.contains(&Text::HintMask) && !words.contains(&Text::HintReveal));
    assert!(words.contains(&Text::HintClose));
}

#[test]
fn the_call_log_filters_with_slash_and_copies_a_request_id() {
    let mut state = with_users();
    for (action, target) in [
        ("GetUser", "alice"),
        ("ListAccessKeys", "TargetUin=100000000011"),
        ("GetUser", "bob"),
    ] {
        let mut record = super::operator_tests::record(action, "OK");
        record.target = target.into();
        update(&mut state, Action::CallLogged(record));
    }
    press(&mut state, '@');
    let view = |state: &State| match &state.modal {
        Some(Modal::CallLog(view)) => view.clone(),
        other => panic!("{other:?}"),
    };
    press(&mut state, '/');
    assert_eq!(state.context(), Context::LogFilter);
    typed(&mut state, "getuser");
    assert_eq!(state.calls.matching(&view(&state).filter).count(), 2);
    assert_eq!(view(&state).cursor, 1, "on the newest match");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.context(), Context::CallLog);
    press(&mut state, 'k');
    assert_eq!(
        *copied(&press(&mut state, 'y')),
        Copied::RequestId("req-GetUser".into())
    );
    // Esc clears the filter first, then closes.
    press(&mut state, KeyCode::Esc);
    assert_eq!(view(&state).filter, "");
    press(&mut state, KeyCode::Esc);
    assert!(state.modal.is_none());
    // Esc while typing brings the filter before / back.
    press(&mut state, '@');
    press(&mut state, '/');
    typed(&mut state, "bob");
    press(&mut state, KeyCode::Enter);
    press(&mut state, '/');
    typed(&mut state, "x");
    press(&mut state, KeyCode::Esc);
    assert_eq!(view(&state).filter, "bob");
}
