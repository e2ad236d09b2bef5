//! The loop: terminal events and worker results become actions, `update` turns them into state
//! and effects, effects go to the worker (calls) or the clipboard, and the screen is drawn when
//! something changed. The terminal is restored on exit, on panic and on SIGTERM/SIGHUP.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::cam::Client;
use crate::cam::credential::Environment;

use super::action::{Action, Failure, Request, Ticket};
use super::clipboard::{Choice, Clipboard};
use super::event::{Event, Events};
use super::keymap;
use super::state::{Header, Remote, State};
use super::theme::Theme;
use super::ui::Console;
use super::update::{Effect, update};
use super::worker::Worker;

/// A reachable target: the client, what the header calls it, and whatever must stay alive for
/// it to keep working (the sandbox server's handle).
pub struct Connected {
    pub client: Client,
    pub label: String,
    pub keep_alive: Option<Box<dyn std::any::Any + Send>>,
}

/// Connecting may take a while (the sandbox starts a server); the console draws meanwhile.
pub type Connecting = Pin<Box<dyn Future<Output = Result<Connected, String>> + Send>>;

pub struct Options {
    pub connect: Connecting,
    /// What the header shows until connected.
    pub label: String,
    pub sandbox: bool,
    pub read_only: bool,
    pub clipboard: Choice,
    /// The environment snapshot (`NO_COLOR`, `DISPLAY`, `SSH_*`, `TMUX`…).
    pub env: Environment,
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

/// Sets up the log file: the console never writes logs to the screen.
pub fn init_logging(path: &Path) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("CAMTUI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second initialisation (tests) is not an error worth failing for.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
    Ok(())
}

fn restore() {
    let _ = ratatui::try_restore();
    let _ = crossterm::execute!(io::stdout(), crossterm::cursor::Show);
}

/// Runs the console until the user quits or a signal arrives.
pub async fn run(options: Options) -> Result<(), AppError> {
    // ratatui installs a panic hook that restores the terminal before the panic is printed.
    let mut terminal = ratatui::try_init()?;
    let result = Loop::new(options).run(&mut terminal).await;
    restore();
    result
}

struct Loop {
    state: State,
    theme: Theme,
    clipboard: Clipboard,
    clipboard_warning: Option<String>,
    connecting: Option<Connecting>,
    worker: Option<Worker>,
    /// Calls issued before the target was ready.
    queued: Vec<(Ticket, Request)>,
    keep_alive: Option<Box<dyn std::any::Any + Send>>,
    started: std::time::Instant,
    /// Debug builds only: panic after the first frame, so tests can prove the terminal is
    /// restored after a panic. Needs `CAMTUI_DEBUG_PANIC=after-first-frame` exactly.
    force_panic: bool,
    actions_tx: mpsc::UnboundedSender<Action>,
    actions_rx: mpsc::UnboundedReceiver<Action>,
}

impl Loop {
    fn new(options: Options) -> Self {
        let theme = Theme::from_env(options.env.get("NO_COLOR").map(String::as_str));
        let (clipboard, clipboard_warning) = Clipboard::open(options.clipboard, &options.env);
        let state = State::new(Header {
            target: options.label,
            sandbox: options.sandbox,
            account: Remote::loading(),
            clipboard: clipboard.backend(),
            read_only: options.read_only,
        });
        let (actions_tx, actions_rx) = mpsc::unbounded_channel();
        let force_panic = cfg!(debug_assertions)
            && options.env.get(FORCE_PANIC_ENV).map(String::as_str) == Some("after-first-frame");
        Self {
            state,
            theme,
            clipboard,
            clipboard_warning,
            // On its own task: starting the sandbox (opening and seeding a database) must never
            // hold up drawing or input, even if part of it blocks.
            connecting: Some(Box::pin(async move {
                tokio::spawn(options.connect)
                    .await
                    .unwrap_or_else(|e| Err(format!("connecting failed: {e}")))
            })),
            worker: None,
            queued: Vec::new(),
            keep_alive: None,
            started: options.started,
            force_panic,
            actions_tx,
            actions_rx,
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
        if let Some(warning) = self.clipboard_warning.take() {
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
                Some(action) = self.actions_rx.recv() => queue.push_back(action),
                connected = poll_connecting(&mut self.connecting), if self.connecting.is_some() => {
                    self.connecting = None;
                    self.on_connected(connected, &mut queue);
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
                    Effect::Call { ticket, request } => match &self.worker {
                        Some(worker) => worker.spawn(ticket, request),
                        None => self.queued.push((ticket, request)),
                    },
                    Effect::Copy { what, text } => {
                        let secret = matches!(what, super::action::Copied::SecretKey(_));
                        let result = self
                            .clipboard
                            .copy(text.expose(), secret, terminal.backend_mut())
                            .map_err(|e| e.to_string());
                        queue.push_back(Action::Copied { what, result });
                    }
                    Effect::ClearClipboard { secret } => {
                        let result = self
                            .clipboard
                            .clear_secret(secret.expose(), terminal.backend_mut())
                            .map_err(|e| e.to_string());
                        queue.push_back(Action::ClipboardCleared { result });
                    }
                }
            }
        }
    }

    fn on_connected(&mut self, connected: Result<Connected, String>, queue: &mut VecDeque<Action>) {
        match connected {
            Ok(connected) => {
                tracing::info!(
                    target = %connected.label,
                    after_ms = self.started.elapsed().as_secs_f64() * 1000.0,
                    "connected"
                );
                let worker = Worker::new(connected.client, self.actions_tx.clone());
                for (ticket, request) in self.queued.drain(..) {
                    worker.spawn(ticket, request);
                }
                self.worker = Some(worker);
                self.keep_alive = connected.keep_alive;
                queue.push_back(Action::TargetReady(connected.label));
            }
            Err(reason) => {
                tracing::error!(%reason, "cannot reach the target");
                // Every call waiting for the target fails with the reason, so nothing spins forever.
                for (ticket, request) in self.queued.drain(..) {
                    queue.push_back(Action::Done {
                        ticket,
                        result: Err(Failure {
                            call: request.call_name(),
                            code: "ClientNetworkError".into(),
                            message: reason.clone(),
                            request_id: None,
                        }),
                        request,
                    });
                }
                queue.push_back(Action::TargetFailed(reason));
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

async fn poll_connecting(connecting: &mut Option<Connecting>) -> Result<Connected, String> {
    match connecting.as_mut() {
        Some(future) => future.await,
        None => std::future::pending().await,
    }
}
