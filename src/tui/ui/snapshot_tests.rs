//! Whole-screen snapshots: each tab, dialog, the SecretKey modal, the records panel, the help
//! and an error flash, at 80×24 and 120×40, drawn on `TestBackend` from states reached by
//! pressing keys (so what is drawn is what the keys produce).

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::Console;
use crate::cam::model::KeyStatus;
use crate::tui::action::{Action, Failure, Reply, Request};
use crate::tui::state::{AccessRecord, State};
use crate::tui::theme::Theme;
use crate::tui::update::tests::{KEY_A, KEY_B, answer_all, key, press, with_keys, with_users};
use crate::tui::update::{Effect, update};

fn draw(state: &mut State, columns: u16, rows: u16) -> String {
    update(state, Action::Resize(columns, rows));
    let mut terminal = Terminal::new(TestBackend::new(columns, rows)).unwrap();
    let console = Console {
        state,
        theme: Theme::plain(),
    };
    terminal
        .draw(|frame| frame.render_widget(&console, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

/// Snapshots a scenario at both sizes.
macro_rules! screens {
    ($name:ident, $setup:expr) => {
        #[test]
        fn $name() {
            for (columns, rows) in [(80u16, 24u16), (120, 40)] {
                let mut state: State = $setup;
                let screen = draw(&mut state, columns, rows);
                insta::assert_snapshot!(format!("{}_{columns}x{rows}", stringify!($name)), screen);
            }
        }
    };
}

fn records() -> Vec<AccessRecord> {
    (0..25)
        .map(|i| AccessRecord {
            time: 1_714_550_400 - i * 3_600,
            action: ["ListAccessKeys", "DescribeInstances", "GetUser"][(i % 3) as usize].into(),
            source_ip: format!("203.0.113.{}", 10 + i % 4),
            region: "ap-guangzhou".into(),
            error: (i % 5 == 2).then(|| "AuthFailure.SecretIdNotFound".to_owned()),
        })
        .collect()
}

fn two_keys() -> State {
    with_keys(&[
        key(KEY_A, KeyStatus::Active),
        key(KEY_B, KeyStatus::Inactive),
    ])
}

fn with_panel(reply: Result<Reply, Failure>) -> State {
    let mut state = two_keys();
    let effects = press(&mut state, 'a');
    let mut reply = Some(reply);
    answer_all(&mut state, effects, |_| reply.take().expect("one call"));
    state
}

fn with_secret(reveal: bool, copied: bool) -> State {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    let effects = press(&mut state, 'c');
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(crate::cam::model::AccessKeyDetail {
            access_key_id: KEY_B.into(),
            secret_access_key: crate::cam::Secret::new("s3cr3tKEYs3cr3tKEYs3cr3tKEY12345"),
            status: KeyStatus::Active,
            create_time: "2024-05-02 10:00:00".into(),
            description: None,
        })),
        Request::Keys { .. } => Ok(Reply::Keys(vec![
            key(KEY_A, KeyStatus::Active),
            key(KEY_B, KeyStatus::Active),
        ])),
        _ => Ok(Reply::LastUsed(Vec::new())),
    });
    if reveal {
        press(&mut state, 'v');
    }
    if copied {
        let effects = press(&mut state, 'Y');
        assert!(matches!(effects[..], [Effect::Copy { .. }]));
        for _ in 0..21 {
            update(&mut state, Action::Tick);
        }
    }
    state
}

screens!(user_list, with_users());
screens!(user_list_filtering, {
    let mut state = with_users();
    press(&mut state, '/');
    for c in "a".chars() {
        press(&mut state, c);
    }
    state
});
screens!(user_list_sorted_by_name_descending, {
    let mut state = with_users();
    press(&mut state, 'S');
    state
});
screens!(user_list_loading, {
    let mut state = State::new(crate::tui::update::tests::header());
    update(&mut state, Action::Start);
    state
});
screens!(user_details, {
    let mut state = two_keys();
    press(&mut state, '2');
    state
});
screens!(user_details_without_a_user, {
    let mut state = with_users();
    state.open = None;
    press(&mut state, '2');
    state.open = None;
    state
});
screens!(api_keys, two_keys());
screens!(api_keys_none, with_keys(&[]));
screens!(confirm_disable, {
    let mut state = two_keys();
    press(&mut state, 'd');
    state
});
screens!(confirm_enable, {
    let mut state = two_keys();
    press(&mut state, 'j');
    press(&mut state, 'e');
    state
});
screens!(confirm_delete_mismatch, {
    let mut state = two_keys();
    press(&mut state, 'j');
    press(&mut state, 'D');
    for c in "qrsx".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Enter);
    state
});
screens!(secret_modal_masked, with_secret(false, false));
screens!(secret_modal_revealed_and_copied, with_secret(true, true));
screens!(access_records, with_panel(Ok(Reply::Records(records()))));
screens!(
    access_records_empty,
    with_panel(Ok(Reply::Records(Vec::new())))
);
screens!(access_records_loading, {
    let mut state = two_keys();
    press(&mut state, 'a');
    state
});
screens!(
    access_records_error,
    with_panel(Err(Failure {
        call: "DescribeEvents",
        code: "AuthFailure.UnauthorizedOperation".into(),
        message: "the caller may not read CloudAudit".into(),
        request_id: Some("5b4d1725-5a30-4bd8-b36d-cfa0d1d4706b".into()),
    }))
);
screens!(help_api_keys, {
    let mut state = two_keys();
    press(&mut state, '?');
    state
});
screens!(help_user_list, {
    let mut state = with_users();
    press(&mut state, '?');
    state
});
screens!(error_flash, {
    let mut state = two_keys();
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |_| {
        Err(Failure {
            call: "ListAccessKeys",
            code: "AuthFailure.SecretIdNotFound".into(),
            message: "The SecretId is not found, please ensure that your SecretId is correct."
                .into(),
            request_id: Some("bbc4c6b1-ee32-416a-9135-68de318c54f2".into()),
        })
    });
    state
});
screens!(read_only, {
    let mut state = two_keys();
    state.header.read_only = true;
    press(&mut state, 'd');
    state
});
screens!(in_flight_spinner, {
    let mut state = two_keys();
    press(&mut state, 'r');
    state
});

#[test]
fn side_panel_when_wide() {
    let mut state = with_panel(Ok(Reply::Records(records())));
    insta::assert_snapshot!(draw(&mut state, 180, 40));
}

#[test]
fn cjk_names_keep_columns_aligned() {
    let mut state = with_users();
    let screen = draw(&mut state, 120, 40);
    let column_of = |needle: &str| {
        screen
            .lines()
            .find(|l| l.contains(needle))
            .map(|l| {
                let before = &l[..l.find("10000000001").unwrap()];
                unicode_width::UnicodeWidthStr::width(before)
            })
            .unwrap()
    };
    assert_eq!(column_of("张三"), column_of("alice"));
}

#[test]
fn the_secret_key_is_never_drawn_masked_or_after_closing() {
    let mut state = with_secret(false, false);
    let screen = draw(&mut state, 120, 40);
    assert!(!screen.contains("s3cr3tKEY"));
    press(&mut state, 'v');
    assert!(draw(&mut state, 120, 40).contains("s3cr3tKEYs3cr3tKEYs3cr3tKEY12345"));
    press(&mut state, ' ');
    press(&mut state, KeyCode::Enter);
    assert!(!draw(&mut state, 120, 40).contains("s3cr3tKEY"));
}

#[test]
fn fifty_thousand_users_draw_only_the_window() {
    let mut state = State::new(crate::tui::update::tests::header());
    let effects = update(&mut state, Action::Start);
    let users: Vec<_> = (0..50_000u64)
        .map(|i| {
            crate::tui::update::tests::user(
                100_000_100_000 + i,
                &format!("user{i:05}"),
                "load",
                crate::tui::state::UserKind::SubUser,
            )
        })
        .collect();
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(users.clone())),
        _ => Ok(Reply::Done),
    });
    press(&mut state, 'G');
    let screen = draw(&mut state, 80, 24);
    assert!(screen.contains("user49999"));
    assert!(screen.contains("50000 users"));
}
