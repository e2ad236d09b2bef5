//! The console's cost with 50,000 users (product.md §6: a keystroke, filter included, handled and
//! drawn in under 5 ms): building and drawing each tab on a 120×40 `TestBackend`, one filter
//! keystroke, moving the cursor, and the access-records panel with 20 records. And the Key
//! Report of 10,000 users and 20,000 keys while its walk still runs (product.md §6: responsive,
//! under 16 ms a keystroke, while it loads): keystrokes on it, and a batch of rows arriving. The
//! worker is replaced by canned replies, so only the console's own work is measured: keymap,
//! update and a full draw, as the app does per event. Run with `cargo bench --bench tui`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use camtui::cam::model::UserKind;
use camtui::cam::model::{AccessKey, KeyStatus, LastUse, SecretId, SubAccountInfo, User};
use camtui::cam::report::{ReportUpdate, Staleness, rows_of};
use camtui::cam::walk::{Progress, UserRef};
use camtui::tui::action::{Action, Effect, Reply, Request};
use camtui::tui::clipboard::Backend;
use camtui::tui::keymap;
use camtui::tui::model::{AccessRecord, LastUsed, ListedUsers, Tab, UserDetails};
use camtui::tui::state::{Header, Remote, State};
use camtui::tui::theme::Theme;
use camtui::tui::ui::Console;
use camtui::tui::update::update;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
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
                    when: Some(LastUse::At(1_700_000_000)),
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

/// `iters` times the first key of `keys` and a draw, each timed alone; the second key, which
/// undoes it, is not timed.
fn timed(
    terminal: &mut Terminal<TestBackend>,
    rows: &ListedUsers,
    state: &mut State,
    (measured, undo): (KeyCode, KeyCode),
    iters: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let started = Instant::now();
        press(state, measured, rows);
        draw(terminal, state);
        total += started.elapsed();
        press(state, undo, rows);
    }
    total
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
    let mut timed = |state: &mut State, measured: KeyCode, undo: KeyCode, iters: u64| {
        timed(&mut terminal, &rows, state, (measured, undo), iters)
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

/// The report's rows of 10,000 users with two keys each, flagged every which way, in batches of
/// five users as the walk sends them.
fn report_batches() -> (Staleness, Vec<ReportUpdate>) {
    const NOW: i64 = 1_714_550_400;
    let staleness = Staleness { now: NOW, days: 90 };
    let batches = (0..REPORT_USERS / 5)
        .map(|batch| {
            let rows = (batch * 5..batch * 5 + 5)
                .flat_map(|i| {
                    let owner = UserRef {
                        uin: 100_000_100_000 + i,
                        name: format!("user-{i:05}"),
                        kind: UserKind::SubUser,
                    };
                    let keys: Vec<AccessKey> = (0..2)
                        .map(|k| AccessKey {
                            access_key_id: SecretId::from_wire(format!("IKID{i:028}{k:04}")),
                            status: if (i + k) % 5 == 0 {
                                KeyStatus::Inactive
                            } else {
                                KeyStatus::Active
                            },
                            create_time: format!("202{}-0{}-01 10:00:00", 2 + i % 3, 1 + k),
                            description: None,
                        })
                        .collect();
                    rows_of(
                        &owner,
                        &keys,
                        |_| (i % 7 != 0).then_some(LastUse::At(NOW - (i % 200) as i64 * 86_400)),
                        staleness,
                    )
                })
                .collect();
            ReportUpdate {
                rows,
                progress: Progress::start(REPORT_USERS as usize),
            }
        })
        .collect();
    (staleness, batches)
}

const REPORT_USERS: u64 = 10_000;

fn key_report(c: &mut Criterion) {
    let rows: ListedUsers = users()
        .users()
        .iter()
        .take(REPORT_USERS as usize)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let mut state = loaded(&rows);
    // Going to the tab starts the walk; nothing answers it, so it keeps running.
    let ticket = state.next_ticket();
    press(&mut state, KeyCode::Char('4'), &rows);
    assert_eq!(state.report.running(), Some(ticket), "the walk runs");
    let (staleness, mut batches) = report_batches();
    let last = batches.pop().expect("a batch");
    for update in batches {
        drive(
            &mut state,
            Action::ReportRows {
                ticket,
                staleness,
                update,
            },
            &rows,
        );
    }
    assert_eq!(state.report.total(), 2 * REPORT_USERS as usize - 10);

    c.bench_function("report/keystroke/j while loading (+ draw)", |b| {
        b.iter(|| {
            press(&mut state, KeyCode::Char('j'), &rows);
            draw(&mut terminal, &state);
        });
    });
    let mut timed = |state: &mut State, measured: KeyCode, undo: KeyCode, iters: u64| {
        timed(&mut terminal, &rows, state, (measured, undo), iters)
    };
    c.bench_function(
        "report/keystroke/quick filter o while loading (+ draw)",
        |b| {
            b.iter_custom(|iters| timed(&mut state, KeyCode::Char('o'), KeyCode::Char('o'), iters));
        },
    );
    press(&mut state, KeyCode::Char('/'), &rows);
    for ch in "user-1".chars() {
        press(&mut state, KeyCode::Char(ch), &rows);
    }
    c.bench_function(
        "report/keystroke/filter one more character while loading (+ draw)",
        |b| {
            b.iter_custom(|iters| timed(&mut state, KeyCode::Char('2'), KeyCode::Backspace, iters));
        },
    );
    press(&mut state, KeyCode::Esc, &rows);

    // The walk's batches arrive between keystrokes: one more batch of ten keys, drawn.
    let table = state.report.clone();
    c.bench_function(
        "report/a batch of 10 keys arrives, 20,000 in the table (+ draw)",
        |b| {
            b.iter_batched(
                || (table.clone(), last.rows.clone()),
                |(mut table, rows)| {
                    table.add(rows, staleness);
                    let before = std::mem::replace(&mut state.report, table);
                    draw(&mut terminal, &state);
                    // Dropped outside the measurement.
                    before
                },
                BatchSize::LargeInput,
            );
        },
    );
}

criterion_group!(benches, tui, key_report);
criterion_main!(benches);
