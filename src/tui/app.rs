//! The loop: terminal events and worker results become actions, `update` turns them into state
//! and effects, effects go to the worker (calls) or the clipboard, and the screen is drawn when
//! something changed. The terminal is restored on exit, on panic and on SIGTERM/SIGHUP.

use std::collections::VecDeque;
use std::io;

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::target::Resolved;

use super::action::{Action, Copied, Effect, Mouse, MouseKind};
use super::clipboard::{Choice, Clipboard};
use super::connection::{Connections, Targets, target_info};
use super::event::{Event, Events};
use super::keymap;
use super::state::{Header, Remote, State};
use super::theme::Theme;
use super::ui::Console;
use super::update::update;

pub struct Options {
    pub targets: Targets,
    /// The target to open with.
    pub first: Resolved,
    pub clipboard: Choice,
    /// Clicks and the wheel (`--mouse`); off, the terminal keeps its own text selection.
    pub mouse: bool,
    /// Shown in the flash line at start (a config file that was ignored).
    pub warning: Option<String>,
    /// When the process started, to log how long the first frame took.
    pub started: std::time::Instant,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("terminal: {0}")]
    Terminal(#[from] io::Error),
}

/// The debug-only switch that makes the console panic after its first frame (see `Loop`).
const FORCE_PANIC_ENV: &str = "CAMTUI_DEBUG_PANIC";

fn restore() {
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste
    );
    let _ = ratatui::try_restore();
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Runs the console until the user quits or a signal arrives.
pub async fn run(options: Options) -> Result<(), AppError> {
    // ratatui installs a panic hook that restores the terminal before the panic is printed;
    // ours goes first and also turns off mouse reporting and bracketed paste.
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(
            io::stdout(),
            crossterm::event::DisableMouseCapture,
            crossterm::event::DisableBracketedPaste
        );
        ratatui_hook(info);
    }));
    // Pastes arrive whole, so a pasted SecretId can start its search at once.
    crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste)?;
    if options.mouse {
        crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    let result = Loop::new(options).run(&mut terminal).await;
    restore();
    result
}

struct Loop {
    state: State,
    theme: Theme,
    clipboard: Clipboard,
    warnings: Vec<String>,
    connections: Connections,
    started: std::time::Instant,
    /// Debug builds only: panic after the first frame, so tests can prove the terminal is
    /// restored after a panic. Needs `CAMTUI_DEBUG_PANIC=after-first-frame` exactly.
    force_panic: bool,
    /// What the worker and the transport report.
    actions: mpsc::UnboundedReceiver<Action>,
}

impl Loop {
    fn new(options: Options) -> Self {
        let env = &options.targets.env;
        let theme = Theme::from_env(env.get("NO_COLOR").map(String::as_str));
        let language = options.first.language;
        let (clipboard, clipboard_warning) = Clipboard::open(options.clipboard, env, language);
        let info = target_info(&options.first);
        let mut state = State::new(Header {
            target: info.label,
            sandbox: info.sandbox,
            account: Remote::loading(),
            clipboard: clipboard.backend(),
            read_only: info.read_only,
            accent: info.accent,
            profile: info.profile,
        });
        state.mouse = options.mouse;
        state.language = language;
        let (actions_tx, actions_rx) = mpsc::unbounded_channel();
        let force_panic = cfg!(debug_assertions)
            && env.get(FORCE_PANIC_ENV).map(String::as_str) == Some("after-first-frame");
        let connections =
            Connections::new(options.targets, &options.first, actions_tx, options.started);
        state.profiles = connections.profile_names();
        Self {
            state,
            theme,
            clipboard,
            warnings: options
                .warning
                .into_iter()
                .chain(clipboard_warning)
                .collect(),
            connections,
            started: options.started,
            force_panic,
            actions: actions_rx,
        }
    }

    fn draw(&self, terminal: &mut DefaultTerminal) -> io::Result<()> {
        let console = Console {
            state: &self.state,
            theme: self.theme,
        };
        terminal.draw(|frame| frame.render_widget(&console, frame.area()))?;
        Ok(())
    }

    async fn run(mut self, terminal: &mut DefaultTerminal) -> Result<(), AppError> {
        let mut events = Events::new()?;
        let size = terminal.size()?;
        let mut queue = VecDeque::from([Action::Resize(size.width, size.height), Action::Start]);
        for warning in self.warnings.drain(..) {
            queue.push_back(Action::TargetFailed(warning));
        }
        // The first frame comes before any network or sandbox work.
        self.apply(&mut queue, terminal);
        self.draw(terminal)?;
        tracing::info!(
            after_ms = self.started.elapsed().as_secs_f64() * 1000.0,
            "first frame drawn"
        );
        assert!(
            !self.force_panic,
            "forced panic ({FORCE_PANIC_ENV}, debug builds only)"
        );

        while !self.state.quit {
            let mut redraw = true;
            tokio::select! {
                event = events.next() => match event {
                    Event::Key(key) => match keymap::resolve(self.state.context(), key) {
                        Some(action) => queue.push_back(action),
                        None => redraw = false,
                    },
                    Event::Resize(columns, rows) => queue.push_back(Action::Resize(columns, rows)),
                    Event::Mouse(mouse) => match mouse_action(mouse) {
                        Some(action) => queue.push_back(action),
                        None => redraw = false,
                    },
                    Event::Paste(text) => queue.push_back(Action::Paste(text)),
                    Event::Tick => {
                        redraw = self.state.animating();
                        queue.push_back(Action::Tick);
                    }
                    Event::Stop(signal) => {
                        tracing::info!(signal, "stopping on signal");
                        break;
                    }
                    Event::InputClosed(error) => {
                        tracing::warn!(?error, "terminal input closed");
                        break;
                    }
                },
                Some(action) = self.actions.recv() => queue.push_back(action),
                news = self.connections.connected(), if self.connections.is_connecting() => {
                    queue.extend(news);
                }
            }
            self.apply(&mut queue, terminal);
            if redraw && !self.state.quit {
                self.draw(terminal)?;
            }
        }
        self.clear_secret_on_exit(terminal);
        Ok(())
    }

    /// Feeds every queued action to `update` and carries out the effects, which may queue more.
    fn apply(&mut self, queue: &mut VecDeque<Action>, terminal: &mut DefaultTerminal) {
        while let Some(action) = queue.pop_front() {
            for effect in update(&mut self.state, action) {
                match effect {
                    Effect::Call { ticket, request } => self.connections.call(ticket, request),
                    Effect::Copy { what, text } => {
                        let secret = matches!(what, Copied::SecretKey(_));
                        let result =
                            self.clipboard
                                .copy(text.expose(), secret, terminal.backend_mut());
                        queue.push_back(Action::Copied { what, result });
                    }
                    Effect::Cancel { ticket } => self.connections.cancel(ticket),
                    Effect::SwitchTarget(to) => {
                        let news = self.connections.switch(&to, &self.state.header.target);
                        queue.push_back(news);
                    }
                    Effect::ClearClipboard { secret } => {
                        let result = self
                            .clipboard
                            .clear_secret(secret.expose(), terminal.backend_mut());
                        queue.push_back(Action::ClipboardCleared { result });
                    }
                }
            }
        }
    }

    /// A SecretKey still counting down on the clipboard does not outlive the console.
    fn clear_secret_on_exit(&mut self, terminal: &mut DefaultTerminal) {
        if let Some(countdown) = self.state.countdown.take() {
            let _ = self
                .clipboard
                .clear_secret(countdown.secret.expose(), terminal.backend_mut());
        }
    }
}

fn mouse_action(event: crossterm::event::MouseEvent) -> Option<Action> {
    use crossterm::event::{MouseButton, MouseEventKind};
    let kind = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
        MouseEventKind::ScrollUp => MouseKind::ScrollUp,
        MouseEventKind::ScrollDown => MouseKind::ScrollDown,
        _ => return None,
    };
    Some(Action::Mouse(Mouse {
        kind,
        column: event.column,
        row: event.row,
    }))
}
