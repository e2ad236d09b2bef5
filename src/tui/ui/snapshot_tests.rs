//! Whole-screen snapshots: each tab, dialog, the SecretKey modal, the records panel, the help
//! and an error flash, at 80×24 and 120×40, drawn on `TestBackend` from states reached by
//! pressing keys (so what is drawn is what the keys produce).

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::Console;
use crate::cam::model::{KeyStatus, SecretId};
use crate::tui::action::{Action, Effect, Reply, Request};
use crate::tui::model::{AccessRecord, Failure};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::update::tests::{
    KEY_A, KEY_B, answer_all, create_key, key, press, with_keys, with_users,
};
use crate::tui::update::update;

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
    crate::tui::update::tests::records(25)
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
    let effects = create_key(&mut state);
    answer_all(&mut state, effects, |request| match request {
        Request::CreateKey { .. } => Ok(Reply::Created(crate::cam::model::AccessKeyDetail {
            access_key_id: SecretId::from_wire(KEY_B),
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
screens!(help_api_keys_scrolled_to_the_end, {
    let mut state = two_keys();
    update(&mut state, Action::Resize(80, 24));
    press(&mut state, '?');
    press(&mut state, 'G');
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
fn user_details_keep_cjk_columns_aligned() {
    let mut state = with_keys(&[]);
    press(&mut state, '2');
    if let Some(groups) = state.open.as_mut().and_then(|o| o.groups.data.as_mut()) {
        groups.push(crate::cam::model::GroupInfo {
            group_id: 8,
            group_name: "数据平台与商业智能分析团队".into(),
            create_time: "2024-01-01 00:00:00".into(),
            remark: "BI".into(),
        });
    }
    for (width, height) in [(120, 40), (80, 40)] {
        let screen = draw(&mut state, width, height);
        let column_of = |needle: &str| {
            let line = screen.lines().find(|l| l.contains(needle)).unwrap();
            unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()])
        };
        // The groups' remarks, a long CJK name cut before them; when policies were attached,
        // after "group 运维组" as after "user".
        assert_eq!(column_of("Operations on call"), column_of("BI"), "{screen}");
        assert!(screen.contains("数据平台与商业智能分…"), "{screen}");
        assert_eq!(column_of("2024-04-02"), column_of("2024-03-30"), "{screen}");
        assert_eq!(
            column_of("Attached via"),
            column_of("group 运维组"),
            "{screen}"
        );
    }
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
                crate::cam::model::UserKind::SubUser,
            )
        })
        .collect();
    answer_all(&mut state, effects, |request| match request {
        Request::Users => Ok(Reply::Users(users.clone().into())),
        _ => Ok(Reply::Done),
    });
    press(&mut state, 'G');
    let screen = draw(&mut state, 80, 24);
    assert!(screen.contains("user49999"));
    assert!(screen.contains("50000 users"));
}

// ───────────────────────── operator features ─────────────────────────

fn searching(done: usize, eta_ms: Option<u64>) -> State {
    let mut state = with_users();
    let effects = update(&mut state, Action::Paste(KEY_A.into()));
    let Some(Effect::Call { ticket, .. }) = effects.into_iter().next() else {
        panic!("a search")
    };
    if done > 0 {
        update(
            &mut state,
            Action::SearchProgress {
                ticket,
                progress: crate::cam::walk::Progress {
                    done,
                    total: 4,
                    requests: done,
                    elapsed: std::time::Duration::from_millis(150 * done as u64),
                    eta: eta_ms.map(std::time::Duration::from_millis),
                },
            },
        );
    }
    state
}

screens!(owner_search_starting, searching(0, None));
screens!(owner_search_progress, searching(3, Some(52_000)));
screens!(help_owner_search, {
    let mut state = searching(1, Some(3_000));
    press(&mut state, '?');
    state
});

screens!(command_line_completions, {
    let mut state = with_users();
    press(&mut state, ':');
    for c in "keys ".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Tab);
    press(&mut state, KeyCode::Tab);
    state
});
screens!(command_line_typing, {
    let mut state = with_users();
    press(&mut state, ':');
    for c in "secretid AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE".chars() {
        press(&mut state, c);
    }
    state
});
screens!(command_line_unknown, {
    let mut state = with_users();
    press(&mut state, ':');
    for c in "frobnicate".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Enter);
    state
});

fn call(i: u32, action: &str, target: &str, result: &str) -> crate::cam::transport::CallRecord {
    crate::cam::transport::CallRecord {
        at: chrono::DateTime::from_timestamp(1_714_550_400 + i64::from(i), 0).unwrap(),
        service: if action == "DescribeEvents" {
            crate::cam::model::Service::CloudAudit
        } else {
            crate::cam::model::Service::Cam
        },
        action: action.into(),
        url: "http://127.0.0.1:41231/".into(),
        target: target.into(),
        latency: std::time::Duration::from_micros(1_800 + u64::from(i) * 731),
        attempts: 1,
        http_status: Some(200),
        request_id: Some(format!("5b4d1725-5a30-4bd8-b36d-cfa0d1d470{i:02}")),
        result: result.into(),
    }
}

fn with_calls() -> State {
    let mut state = two_keys();
    let calls = [
        ("GetUserAppId", "", "OK"),
        ("ListUsers", "", "OK"),
        ("ListCollaborators", "", "OK"),
        ("GetUser", "alice", "OK"),
        ("ListAccessKeys", "uin 100000000011", "OK"),
        ("GetSecurityLastUsed", KEY_A, "OK"),
        ("DescribeEvents", KEY_A, "OK"),
        (
            "UpdateAccessKey",
            KEY_B,
            "AuthFailure.UnauthorizedOperation",
        ),
    ];
    for (i, (action, target, result)) in calls.into_iter().enumerate() {
        update(
            &mut state,
            Action::CallLogged(call(i as u32, action, target, result)),
        );
    }
    press(&mut state, '@');
    state
}

screens!(call_log, with_calls());
screens!(call_log_scrolled_back, {
    let mut state = with_calls();
    press(&mut state, 'k');
    press(&mut state, 'k');
    state
});
screens!(call_log_empty, {
    let mut state = with_users();
    press(&mut state, '@');
    state
});
screens!(help_command_line, {
    let mut state = with_users();
    press(&mut state, ':');
    for c in "help".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Enter);
    state
});

#[test]
fn the_call_log_never_shows_a_secret_key() {
    let mut state = with_secret(true, false);
    update(
        &mut state,
        Action::CallLogged(call(0, "CreateAccessKey", "uin 100000000011", "OK")),
    );
    // Acknowledge and close the SecretKey modal, then open the log.
    press(&mut state, ' ');
    press(&mut state, KeyCode::Enter);
    press(&mut state, '@');
    let screen = draw(&mut state, 120, 40);
    assert!(screen.contains("CreateAccessKey"));
    assert!(!screen.contains("s3cr3tKEY"));
}

#[test]
fn a_profile_accent_colours_the_header() {
    let mut state = with_users();
    state.header.accent = Some(ratatui::style::Color::Red);
    update(&mut state, Action::Resize(80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let console = Console {
        state: &state,
        theme: Theme::from_env(None),
    };
    terminal
        .draw(|frame| frame.render_widget(&console, frame.area()))
        .unwrap();
    let cell = &terminal.backend().buffer()[(40, 0)];
    assert_eq!(cell.bg, ratatui::style::Color::Red);
    assert_eq!(cell.fg, ratatui::style::Color::White);
    // Without colour the header is reversed, accent or not.
    let console = Console {
        state: &state,
        theme: Theme::plain(),
    };
    terminal
        .draw(|frame| frame.render_widget(&console, frame.area()))
        .unwrap();
    assert_eq!(
        terminal.backend().buffer()[(40, 0)].bg,
        ratatui::style::Color::Reset
    );
}

// ───────────────────────── the drawer and the daily keys ─────────────────────────

/// The drawer focused with `l` and moved down twice, onto a failed call.
fn drawer_focused() -> State {
    let mut state = with_panel(Ok(Reply::Records(records())));
    press(&mut state, 'l');
    press(&mut state, 'j');
    press(&mut state, 'j');
    state
}

screens!(access_records_focused, drawer_focused());
screens!(access_records_failures_only, {
    let mut state = drawer_focused();
    press(&mut state, 'f');
    state
});
screens!(access_record_in_full, {
    let mut state = drawer_focused();
    press(&mut state, KeyCode::Enter);
    state
});
screens!(access_record_scrolled, {
    // A document longer than the screen: the title keeps the scroll position whole.
    let mut state = drawer_focused();
    if let Some(panel) = state.open.as_mut().and_then(|o| o.panel.as_mut())
        && let Some(records) = panel.records.data.as_mut()
    {
        records[2].document = (0..60)
            .map(|i| format!("  line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    press(&mut state, KeyCode::Enter);
    press(&mut state, 'j');
    state
});
screens!(create_with_a_description, {
    let mut state = with_keys(&[key(KEY_A, KeyStatus::Active)]);
    press(&mut state, 'c');
    for c in "ci deploy".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Left);
    state
});
screens!(confirm_focus_on_the_confirm_button, {
    let mut state = two_keys();
    press(&mut state, 'd');
    press(&mut state, KeyCode::Tab);
    state
});
screens!(user_list_filter_with_a_secret_id, {
    let mut state = with_users();
    press(&mut state, '/');
    for c in KEY_A.chars() {
        press(&mut state, c);
    }
    state
});
screens!(call_log_filtered, {
    let mut state = with_calls();
    press(&mut state, '/');
    for c in "ikid".chars() {
        press(&mut state, c);
    }
    state
});

// ───────────────────────── User Details' sections ─────────────────────────

screens!(user_details_scrolled_to_security, {
    let mut state = two_keys();
    press(&mut state, '2');
    press(&mut state, 'G');
    state
});
screens!(user_details_on_a_policy, {
    let mut state = two_keys();
    press(&mut state, '2');
    for _ in 0..14 {
        press(&mut state, 'j');
    }
    state
});
screens!(policy_document, {
    let mut state = two_keys();
    press(&mut state, '2');
    for _ in 0..13 {
        press(&mut state, 'j');
    }
    let effects = press(&mut state, KeyCode::Enter);
    answer_all(&mut state, effects, |_| {
        Ok(Reply::Policy(crate::cam::permissions::Policy {
            policy_id: 1,
            policy_name: "AdministratorAccess".into(),
            kind: crate::cam::permissions::PolicyKind::Preset,
            description: "Full access to every product and resource".into(),
            created: "2019-01-01 00:00:00".into(),
            updated: "2023-06-01 10:00:00".into(),
            document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}"#
                .into(),
        }))
    });
    state
});
screens!(user_details_sections_loading_and_failed, {
    let mut state = with_users();
    let effects = press(&mut state, KeyCode::Enter);
    answer_all(&mut state, effects, |request| match request {
        Request::Groups { .. } => Err(Failure {
            call: "ListGroupsForUser",
            code: "AuthFailure.UnauthorizedOperation".into(),
            message: "the caller may not read this user's groups".into(),
            request_id: Some("5b4d1725-5a30-4bd8-b36d-cfa0d1d4706b".into()),
        }),
        Request::Policies { .. } => Ok(Reply::Policies(Vec::new())),
        Request::Keys { .. } => Ok(Reply::Keys(Vec::new())),
        Request::Details { user } => {
            Ok(Reply::Details(crate::tui::update::tests::details_of(user)))
        }
        Request::Security { .. } => Err(Failure {
            call: "DescribeSafeAuthFlagColl",
            code: "InternalError".into(),
            message: "try again".into(),
            request_id: Some("6c5e2836-6b41-4ce9-c47e-d0e1e2e5817c".into()),
        }),
        other => panic!("unexpected {other:?}"),
    });
    state
});

// ───────────────────────────── key hygiene ─────────────────────────────

use crate::tui::update::hygiene_tests::{
    asking_to_disable, bulk_disable_done, feed, old_and_new, records_of_old, start_report,
    with_report, wizard,
};

screens!(key_report_loading, {
    let mut state = with_users();
    let ticket = start_report(&mut state);
    feed(&mut state, ticket, 2);
    state
});
screens!(key_report, with_report());
screens!(key_report_quick_filters, {
    let mut state = with_report();
    press(&mut state, 'o');
    press(&mut state, 'i');
    state
});
screens!(key_report_filtered_and_sorted, {
    let mut state = with_report();
    press(&mut state, '/');
    for c in "zs".chars() {
        press(&mut state, c);
    }
    press(&mut state, KeyCode::Enter);
    press(&mut state, 'S');
    state
});
screens!(key_report_marked, {
    let mut state = with_report();
    press(&mut state, 'j');
    press(&mut state, ' ');
    press(&mut state, ' ');
    state
});
screens!(bulk_disable_confirm, asking_to_disable());
screens!(bulk_disable_results, bulk_disable_done());
screens!(
    rotation_free_a_slot,
    wizard(
        &[key(KEY_A, KeyStatus::Active), {
            let mut older = key(KEY_B, KeyStatus::Active);
            older.create_time = "2023-01-01 00:00:00".into();
            older
        }],
        &[]
    )
);
screens!(
    rotation_create,
    wizard(&[key(KEY_A, KeyStatus::Active)], &[])
);
screens!(
    rotation_switch_workloads,
    wizard(&old_and_new(KeyStatus::Active), &records_of_old(0))
);
screens!(
    rotation_disabled_failures_seen,
    wizard(&old_and_new(KeyStatus::Inactive), &records_of_old(2))
);
screens!(
    rotation_disabled_quiet,
    wizard(&old_and_new(KeyStatus::Inactive), &records_of_old(0))
);
screens!(rotation_done, {
    let mut state = wizard(&old_and_new(KeyStatus::Inactive), &[]);
    let effects = press(&mut state, 'r');
    answer_all(&mut state, effects, |request| match request {
        Request::Keys { .. } => Ok(Reply::Keys(vec![
            old_and_new(KeyStatus::Inactive)[1].clone(),
        ])),
        Request::Records { .. } => Ok(Reply::Records(Vec::new())),
        _ => Ok(Reply::LastUsed(Vec::new())),
    });
    state
});
screens!(secret_modal_verified, {
    let mut state = with_secret(false, false);
    let effects = press(&mut state, 't');
    answer_all(&mut state, effects, |_| {
        Ok(Reply::Verified(crate::cam::model::GetUserAppIdResponse {
            uin: "100000000011".into(),
            owner_uin: "100000000001".into(),
            app_id: 1_250_000_000,
        }))
    });
    state
});
screens!(help_key_report, {
    let mut state = with_report();
    press(&mut state, '?');
    state
});
