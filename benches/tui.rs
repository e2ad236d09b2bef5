//! The console's cost with 50,000 users (product.md §6: a keystroke, filter included, handled and
//! drawn in under 5 ms): building and drawing each tab on a 120×40 `TestBackend`, one filter
//! keystroke, moving the cursor, and the access-records panel with 20 records. The worker is
//! replaced by canned replies, so only the console's own work is measured: keymap, update and
//! a full draw, as the app does per event. Run with `cargo bench --bench tui`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use camtui::cam::model::UserKind;
use camtui::cam::model::{AccessKey, KeyStatus, SecretId, SubAccountInfo, User};
use camtui::tui::action::{Action, Effect, Reply, Request};
use camtui::tui::clipboard::Backend;
use camtui::tui::keymap;
use camtui::tui::model::{AccessRecord, LastUsed, ListedUsers, Tab, UserDetails};
use camtui::tui::state::{Header, Remote, State};
use camtui::tui::theme::Theme;
use camtui::tui::ui::Console;
use camtui::tui::update::update;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const USERS: u64 = 50_000;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The users as the worker hands them over (built once: the worker's work is not measured).
fn users() -> ListedUsers {
    (0..USERS)
        .map(|i| {
            User::new(
                SubAccountInfo {
                    uin: 100_000_100_000 + i,
                    uid: 20_000_000 + i,
                    name: if i % 11 == 0 {
                        format!("运维-{i:05}")
                    } else {
                        format!("user-{i:05}")
                    },
                    remark: if i % 7 == 0 {
                        "财务管理".into()
                    } else {
                        format!("team {}", i % 97)
                    },
                    console_login: i % 2,
                    create_time: "2024-01-01 00:00:00".into(),
                    ..SubAccountInfo::default()
                },
                if i % 10 == 9 {
                    UserKind::Collaborator
                } else {
                    UserKind::SubUser
                },
            )
        })
        .collect::<Vec<_>>()
        .into()
}

/// What the worker would answer, so that every call the console makes comes back at once.
fn reply(request: &Request, rows: &ListedUsers) -> Option<Reply> {
    Some(match request {
        Request::Users => Reply::Users(rows.clone()),
        Request::Details { user } => Reply::Details(UserDetails {
            phone: "13800000000".into(),
            country_code: "86".into(),
            email: "ops@example.com".into(),
            last_login_ip: "10.0.0.7".into(),
            last_login_time: "2024-05-01 10:00:00".into(),
            ..UserDetails::from_row(user)
        }),
        Request::Keys { .. } => Reply::Keys(vec![
            AccessKey {
                access_key_id: SecretId::from_wire("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                status: KeyStatus::Active,
                create_time: "2024-05-01 10:00:00".into(),
                description: Some("deploy".into()),
            },
            AccessKey {
                access_key_id: SecretId::from_wire("IKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPL2"),
                status: KeyStatus::Inactive,
                create_time: "2024-06-01 10:00:00".into(),
                description: None,
            },
        ]),
        Request::LastUsed { secret_ids, .. } => Reply::LastUsed(
            secret_ids
                .iter()
                .map(|id| LastUsed {
                    secret_id: id.clone(),
                    at: Some(1_700_000_000),
                    date: None,
                })
                .collect(),
        ),
        Request::Records { .. } => Reply::Records(
            (0..20)
                .map(|i| AccessRecord {
                    time: 1_700_000_000 - i * 3600,
                    action: "ListAccessKeys".into(),
                    source_ip: format!("10.0.0.{i}"),
                    region: "ap-guangzhou".into(),
                    error: (i % 5 == 0).then(|| "AuthFailure.SignatureFailure".into()),
                    message: String::new(),
                    request_id: format!("req-{i}"),
                    resource: "cam".into(),
                    document: "{}".into(),
                })
                .collect(),
        ),
        _ => return None,
    })
}

/// Runs `action` and answers every call it makes (and the calls those make) at once.
fn drive(state: &mut State, action: Action, rows: &ListedUsers) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        for effect in update(state, action) {
            if let Effect::Call { ticket, request } = effect
                && let Some(result) = reply(&request, rows)
            {
                pending.push(Action::Done {
                    ticket,
                    request,
                    result: Ok(result),
                });
            }
        }
    }
}

fn press(state: &mut State, code: KeyCode, rows: &ListedUsers) {
    if let Some(action) = keymap::resolve(state.context(), KeyEvent::new(code, KeyModifiers::NONE))
    {
        drive(state, action, rows);
    }
}

/// A console with the 50,000 users loaded, on the User List.
fn loaded(rows: &ListedUsers) -> State {
    let mut state = State::new(Header {
        target: "http://127.0.0.1:41231".into(),
        sandbox: true,
        account: Remote::default(),
        clipboard: Backend::Osc52,
        read_only: false,
        accent: None,
        profile: None,
    });
    drive(&mut state, Action::Resize(WIDTH, HEIGHT), rows);
    drive(&mut state, Action::Start, rows);
    assert_eq!(state.users.total(), rows.users().len(), "users loaded");
    state
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    let console = Console {
        state,
        theme: Theme::plain(),
    };
    terminal
        .draw(|frame| frame.render_widget(&console, frame.area()))
        .expect("draw on the test backend");
}

fn tui(c: &mut Criterion) {
    let rows = users();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");

    c.bench_function("tui/load 50k users (update, sort, first draw)", |b| {
        b.iter(|| {
            let state = loaded(&rows);
            draw(&mut terminal, &state);
            state
        });
    });

    let mut state = loaded(&rows);
    c.bench_function("tui/draw/User List", |b| {
        b.iter(|| draw(&mut terminal, black_box(&state)));
    });
    c.bench_function("tui/keystroke/j (move + draw)", |b| {
        b.iter(|| {
            press(&mut state, KeyCode::Char('j'), &rows);
            draw(&mut terminal, &state);
        });
    });

    // One filter keystroke: `/` then "user-4" typed, then one more character, drawn.
    let mut filtering = loaded(&rows);
    press(&mut filtering, KeyCode::Char('/'), &rows);
    for ch in "user-4".chars() {
        press(&mut filtering, KeyCode::Char(ch), &rows);
    }
    // Each filter keystroke is timed alone; the one that undoes it is not.
    let mut timed = |state: &mut State, measured: KeyCode, undo: KeyCode, iters: u64| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let started = Instant::now();
            press(state, measured, &rows);
            draw(&mut terminal, state);
            total += started.elapsed();
            press(state, undo, &rows);
        }
        total
    };
    c.bench_function("tui/keystroke/filter one more character (+ draw)", |b| {
        b.iter_custom(|iters| {
            timed(
                &mut filtering,
                KeyCode::Char('2'),
                KeyCode::Backspace,
                iters,
            )
        });
    });
    press(&mut filtering, KeyCode::Char('2'), &rows);
    c.bench_function("tui/keystroke/filter backspace (+ draw)", |b| {
        b.iter_custom(|iters| {
            timed(
                &mut filtering,
                KeyCode::Backspace,
                KeyCode::Char('2'),
                iters,
            )
        });
    });
    let mut first = loaded(&rows);
    press(&mut first, KeyCode::Char('/'), &rows);
    c.bench_function("tui/keystroke/filter first character (+ draw)", |b| {
        b.iter_custom(|iters| timed(&mut first, KeyCode::Char('u'), KeyCode::Backspace, iters));
    });

    // User Details and API Keys of the selected user, and the access-records panel.
    let mut opened = loaded(&rows);
    press(&mut opened, KeyCode::Enter, &rows);
    assert_eq!(opened.tab, Tab::Details, "Enter opens User Details");
    c.bench_function("tui/draw/User Details", |b| {
        b.iter(|| draw(&mut terminal, black_box(&opened)));
    });
    press(&mut opened, KeyCode::Char('3'), &rows);
    assert_eq!(opened.tab, Tab::Keys, "3 opens API Keys");
    c.bench_function("tui/draw/API Keys", |b| {
        b.iter(|| draw(&mut terminal, black_box(&opened)));
    });
    press(&mut opened, KeyCode::Char('a'), &rows);
    assert!(
        opened
            .open
            .as_ref()
            .is_some_and(|open| open.panel.is_some()),
        "a opens the access-records panel"
    );
    c.bench_function(
        "tui/draw/API Keys + access-records panel (20 records)",
        |b| {
            b.iter(|| draw(&mut terminal, black_box(&opened)));
        },
    );
    c.bench_function("tui/keystroke/r refresh access records (+ draw)", |b| {
        b.iter(|| {
            press(&mut opened, KeyCode::Char('r'), &rows);
            draw(&mut terminal, &opened);
        });
    });
}

criterion_group!(benches, tui);
criterion_main!(benches);
