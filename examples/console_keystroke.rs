//! Measures the console's cost per keystroke with 50,000 users (product.md §6: under 5 ms,
//! filter included): update plus a full draw at 120×40, through the same keymap, update and
//! widgets the app uses. Run with `cargo run --release --example console_keystroke`.

use std::time::{Duration, Instant};

use camtui::cam::model::SubAccountInfo;
use camtui::cam::model::User;
use camtui::cam::model::UserKind;
use camtui::tui::action::{Action, Effect, Reply, Request};
use camtui::tui::clipboard::Backend;
use camtui::tui::keymap;
use camtui::tui::state::{Header, Remote, State};
use camtui::tui::theme::Theme;
use camtui::tui::ui::Console;
use camtui::tui::update::update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    const USERS: u64 = 50_000;
    let mut state = State::new(Header {
        target: "http://127.0.0.1:41231".into(),
        sandbox: true,
        account: Remote::default(),
        clipboard: Backend::Osc52,
        read_only: false,
        accent: None,
        profile: None,
    });
    update(&mut state, Action::Resize(120, 40));
    let rows: Vec<User> = (0..USERS)
        .map(|i| {
            User::new(
                SubAccountInfo {
                    uin: 100_000_100_000 + i,
                    name: format!("user-{i:05}"),
                    remark: if i % 7 == 0 {
                        "财务管理".into()
                    } else {
                        format!("team {}", i % 97)
                    },
                    create_time: "2024-01-01 00:00:00".into(),
                    ..SubAccountInfo::default()
                },
                UserKind::SubUser,
            )
        })
        .collect();
    for effect in update(&mut state, Action::Start) {
        if let Effect::Call {
            ticket,
            request: Request::Users,
        } = effect
        {
            update(
                &mut state,
                Action::Done {
                    ticket,
                    request: Request::Users,
                    result: Ok(Reply::Users(rows.clone().into())),
                },
            );
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let theme = Theme::plain();
    let mut press = |state: &mut State, code: KeyCode| -> Duration {
        let started = Instant::now();
        if let Some(action) =
            keymap::resolve(state.context(), KeyEvent::new(code, KeyModifiers::NONE))
        {
            update(state, action);
        }
        let console = Console { state, theme };
        terminal
            .draw(|frame| frame.render_widget(&console, frame.area()))
            .expect("draw");
        started.elapsed()
    };
    let mut samples = Vec::new();
    let mut slowest = (Duration::ZERO, KeyCode::Null);
    let script: Vec<KeyCode> = [KeyCode::Char('/')]
        .into_iter()
        .chain("user-4".chars().map(KeyCode::Char))
        .chain([KeyCode::Backspace; 6])
        .chain("财务".chars().map(KeyCode::Char))
        .chain([KeyCode::Enter, KeyCode::Esc])
        .chain([KeyCode::Char('j'); 20])
        .chain([KeyCode::PageDown; 20])
        .chain([
            KeyCode::Char('G'),
            KeyCode::Char('g'),
            KeyCode::Char('s'),
            KeyCode::Char('S'),
        ])
        .collect();
    for _ in 0..5 {
        for code in &script {
            let took = press(&mut state, *code);
            if took > slowest.0 {
                slowest = (took, *code);
            }
            samples.push(took);
        }
    }
    samples.sort();
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{USERS} users, {} keystrokes (filter, move, page, sort) with a 120x40 draw each: p50 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        pick(0.5),
        pick(0.99),
        samples[samples.len() - 1]
    );
    println!("slowest: {:?} on {:?}", slowest.0, slowest.1);
}
