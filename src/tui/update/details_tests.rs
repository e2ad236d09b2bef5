//! User Details as the CAM console shows it: the Permissions, Groups and Security sections,
//! moving through them at 80×24, and a policy's document.

use crossterm::event::KeyCode;

use super::tests::{
    answer_all, api_failure, calls, flash_text, press, sample_policies, with_keys, with_users,
};
use super::update;
use crate::cam::permissions::{Policy, PolicyKind};
use crate::i18n::Text;
use crate::tui::action::{Action, Effect, Reply, Request};
use crate::tui::keymap;
use crate::tui::model::Tab;
use crate::tui::state::{Context, DetailsLine, Field, Modal, Protection, Section, State, Status};

/// alice on User Details at `size`, every section in.
fn details(size: (u16, u16)) -> State {
    let mut state = with_keys(&[]);
    update(&mut state, Action::Resize(size.0, size.1));
    press(&mut state, '2');
    assert_eq!(state.context(), Context::Details);
    state
}

fn under_cursor(state: &State) -> DetailsLine {
    let open = state.open.as_ref().unwrap();
    open.details_lines()[open.details_cursor]
}

/// What the footer says Enter does.
fn enter_hint(state: &State) -> Option<Text<'static>> {
    keymap::hints(state)
        .into_iter()
        .find(|(key, _)| key == "Enter")
        .map(|(_, hint)| hint)
}

fn document(policy_id: u64) -> Reply {
    Reply::Policy(Policy {
        policy_id,
        policy_name: "AdministratorAccess".into(),
        kind: PolicyKind::Preset,
        description: "Full access".into(),
        created: "2019-01-01 00:00:00".into(),
        updated: "2023-06-01 10:00:00".into(),
        document:
            r#"{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}"#
                .into(),
    })
}

#[test]
fn opening_a_user_loads_the_profile_the_sections_and_the_keys() {
    let mut state = with_users();
    let effects = press(&mut state, KeyCode::Enter);
    let uin = 100_000_000_011;
    assert_eq!(
        calls(&effects)[1..],
        [
            &Request::Policies { uin },
            &Request::Groups { uin },
            &Request::Security { uin },
            &Request::Keys { uin }
        ]
    );
    let open = state.open.as_ref().unwrap();
    assert!(open.policies.is_loading() && open.groups.is_loading());
    // While they load, each section says so on one line.
    assert!(open.details_lines().ends_with(&[
        DetailsLine::Heading(Section::Security),
        DetailsLine::Note(Section::Security)
    ]));
    let state = details((120, 40));
    let lines = state.open.as_ref().unwrap().details_lines();
    assert_eq!(lines[0], DetailsLine::Field(Field::Username));
    assert!(lines.contains(&DetailsLine::Policy(1)));
    assert!(lines.contains(&DetailsLine::Group(0)));
    assert_eq!(
        lines.last(),
        Some(&DetailsLine::Security(Protection::UnusualLogin))
    );
    // At 120×40 a user with a few policies fits on the first screen.
    assert!(lines.len() <= crate::tui::geometry::details_rows((120, 40)));
}

#[test]
fn the_cursor_moves_over_what_says_something_and_the_window_follows_at_80x24() {
    let mut state = details((80, 24));
    let rows = crate::tui::geometry::details_rows((80, 24));
    assert_eq!(rows, 17);
    // Down from the profile: the API keys line, then past the gap and heading onto the policies.
    press(&mut state, 'G');
    assert_eq!(
        under_cursor(&state),
        DetailsLine::Security(Protection::UnusualLogin)
    );
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.details_offset, open.details_lines().len() - rows);
    press(&mut state, 'g');
    assert_eq!(under_cursor(&state), DetailsLine::Field(Field::Username));
    assert_eq!(state.open.as_ref().unwrap().details_offset, 0);
    for _ in 0..12 {
        press(&mut state, 'j');
    }
    assert_eq!(under_cursor(&state), DetailsLine::Field(Field::ApiKeys));
    press(&mut state, 'j');
    assert_eq!(
        under_cursor(&state),
        DetailsLine::Policy(0),
        "over the gap and the heading"
    );
    press(&mut state, 'j');
    press(&mut state, 'j');
    assert_eq!(under_cursor(&state), DetailsLine::Group(0));
    press(&mut state, KeyCode::PageDown);
    assert_eq!(
        under_cursor(&state),
        DetailsLine::Security(Protection::UnusualLogin)
    );
    // Back up to the first policy: its heading and column titles come into view with it.
    press(&mut state, 'k');
    press(&mut state, 'k');
    press(&mut state, 'k');
    press(&mut state, 'k');
    press(&mut state, 'k');
    assert_eq!(under_cursor(&state), DetailsLine::Policy(0));
    let open = state.open.as_ref().unwrap();
    let heading = open
        .details_lines()
        .iter()
        .position(|l| *l == DetailsLine::Heading(Section::Permissions))
        .unwrap();
    assert!(open.details_offset <= heading);
}

#[test]
fn enter_on_a_policy_opens_its_document_and_elsewhere_the_api_keys() {
    let mut state = details((80, 24));
    assert_eq!(enter_hint(&state), Some(Text::HintApiKeys));
    for _ in 0..13 {
        press(&mut state, 'j');
    }
    assert_eq!(under_cursor(&state), DetailsLine::Policy(0));
    assert_eq!(enter_hint(&state), Some(Text::HintPolicyDocument));
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(calls(&effects), [&Request::Policy { policy_id: 1 }]);
    assert_eq!(state.context(), Context::Pager);
    let pager = |state: &State| match &state.modal {
        Some(Modal::Pager(pager)) => pager.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(pager(&state).title, "Policy AdministratorAccess");
    assert!(pager(&state).document.is_loading());
    assert!(
        pager(&state)
            .fields
            .contains(&("Attached".into(), "to user, 2024-04-02 11:00:00".to_owned()))
    );
    answer_all(&mut state, effects, |request| {
        Ok(document(match request {
            Request::Policy { policy_id } => *policy_id,
            _ => 0,
        }))
    });
    let pager = pager(&state);
    assert_eq!(
        pager.document.data.as_deref(),
        Some(
            "{\n  \"version\": \"2.0\",\n  \"statement\": [\n    {\n      \"effect\": \"allow\",\n      \
             \"action\": [\n        \"*\"\n      ],\n      \"resource\": [\n        \"*\"\n      \
             ]\n    }\n  ]\n}"
        ),
        "pretty-printed, in the author's order"
    );
    assert!(
        pager
            .fields
            .contains(&("Updated".into(), "2023-06-01 10:00:00".to_owned()))
    );
    // Scrollable: the document is longer than the box at 80×24.
    press(&mut state, 'G');
    let Some(Modal::Pager(scrolled)) = &state.modal else {
        panic!()
    };
    assert!(scrolled.scroll > 0);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.context(), Context::Details);
    // Elsewhere Enter goes on to the API keys.
    press(&mut state, 'g');
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.tab, Tab::Keys);
}

#[test]
fn a_document_that_comes_after_its_pager_closed_goes_nowhere() {
    let mut state = details((120, 40));
    for _ in 0..14 {
        press(&mut state, 'j');
    }
    assert_eq!(under_cursor(&state), DetailsLine::Policy(1));
    let first = press(&mut state, KeyCode::Enter);
    press(&mut state, 'q');
    assert!(state.modal.is_none());
    answer_all(&mut state, first, |_| Ok(document(210_000_001)));
    assert!(state.modal.is_none());
    // A failed GetPolicy shows in the pager, with its code.
    let second = press(&mut state, KeyCode::Enter);
    answer_all(&mut state, second, |_| {
        Err(api_failure(
            "GetPolicy",
            "ResourceNotFound.PolicyIdNotExist",
        ))
    });
    let Some(Modal::Pager(pager)) = &state.modal else {
        panic!()
    };
    assert!(
        matches!(&pager.document.status, Status::Failed(f) if f.code == "ResourceNotFound.PolicyIdNotExist")
    );
}

#[test]
fn a_section_that_fails_says_so_and_the_others_still_show() {
    let mut state = with_users();
    let effects = press(&mut state, KeyCode::Enter);
    answer_all(&mut state, effects, |request| match request {
        Request::Groups { .. } => Err(api_failure(
            "ListGroupsForUser",
            "AuthFailure.UnauthorizedOperation",
        )),
        Request::Policies { .. } => Ok(Reply::Policies(sample_policies())),
        Request::Security { .. } => Ok(Reply::Security(super::tests::sample_security())),
        Request::Keys { .. } => Ok(Reply::Keys(Vec::new())),
        _ => Err(api_failure("GetUser", "InternalError")),
    });
    let open = state.open.as_ref().unwrap();
    assert!(matches!(&open.groups.status, Status::Failed(f) if f.call == "ListGroupsForUser"));
    let lines = open.details_lines();
    assert!(lines.contains(&DetailsLine::Note(Section::Groups)));
    assert!(lines.contains(&DetailsLine::Policy(0)));
    assert!(lines.contains(&DetailsLine::Security(Protection::Login)));
    assert!(!flash_text(&state).is_empty());
    // r loads every section again.
    let effects = press(&mut state, 'r');
    assert_eq!(calls(&effects).len(), 5);
    assert!(matches!(effects.last(), Some(Effect::Call { .. })));
}
