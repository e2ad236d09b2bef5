//! The loop: terminal events and worker results become actions, `update` turns them into state
//! and effects, effects go to the worker (calls) or the clipboard, and the screen is drawn when
//! something changed. The terminal is restored on exit, on panic and on SIGTERM/SIGHUP.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::cam::credential::Environment;
use crate::cam::transport::CallObserver;
use crate::config::Config;
use crate::target::{self, Connection, Resolved, Target, TargetOptions};

use super::action::{Action, Effect, Mouse, MouseKind, Request};
use super::clipboard::{Choice, Clipboard};
use super::event::{Event, Events};
use super::keymap;
use super::model::{Failure, TargetInfo, Ticket};
use super::state::{Header, Remote, State};
use super::theme::Theme;
use super::ui::Console;
use super::update::update;
use super::worker::Worker;

/// Connecting may take a while (the sandbox starts a server); the console draws meanwhile.
pub type Connecting = Pin<Box<dyn Future<Output = Result<Connection, ConnectFailed>> + Send>>;

/// Why a target could not be connected.
#[derive(Debug, thiserror::Error)]
pub enum ConnectFailed {
    #[error(transparent)]
    Connect(#[from] target::ConnectError),
    /// The connecting task panicked.
    #[error("connecting failed: {0}")]
    Aborted(#[from] tokio::task::JoinError),
}

/// Everything needed to resolve and connect a target — the first one, and each `:profile NAME`.
#[derive(Debug, Clone)]
pub struct Targets {
    pub options: TargetOptions,
    pub config: Config,
    pub env: Environment,
    pub home: Option<PathBuf>,
    /// Where the sandbox keeps its data, if there is a home for it.
    pub data_dir: Option<PathBuf>,
}

impl Targets {
    /// Names `:profile` accepts: config profiles, then SDK credential-file sections.
    pub fn profile_names(&self) -> Vec<String> {
        target::profile_names(&self.config, self.home.as_deref())
    }

    pub fn resolve_profile(&self, name: &str) -> Result<Resolved, target::TargetError> {
        target::resolve_profile(
            name,
            &self.options,
            &self.config,
            &self.env,
            self.home.as_deref(),
        )
    }

    /// Connects on its own task: starting the sandbox (opening and seeding a database) must
    /// never hold up drawing or input, even if part of it blocks. Every call made through the
    /// connection is reported to `observer`.
    pub fn connect(&self, resolved: &Resolved, observer: CallObserver) -> Connecting {
        let (resolved, options, data_dir) = (
            resolved.clone(),
            self.options.clone(),
            self.data_dir.clone(),
        );
        Box::pin(async move {
            tokio::spawn(async move {
                target::connect(&resolved, &options, data_dir.as_deref(), Some(observer)).await
            })
            .await?
            .map_err(ConnectFailed::from)
        })
    }
}

/// What the header shows for a resolved target before it is connected.
fn target_info(resolved: &Resolved, profile: String) -> TargetInfo {
    let sandbox = matches!(resolved.target, Target::Sandbox { .. });
    TargetInfo {
        label: if sandbox {
            "starting…".to_owned()
        } else {
            resolved.label()
        },
        sandbox,
        read_only: resolved.read_only,
        accent: resolved.accent.as_ref().map(|a| a.color),
        profile,
    }
}

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
    targets: Targets,
    connecting: Option<Connecting>,
    /// Whether the target being connected is read-only (its worker refuses mutations too).
    connecting_read_only: bool,
    worker: Option<Worker>,
    /// Calls issued before the target was ready.
    queued: Vec<(Ticket, Request)>,
    /// The connection in use (it owns the sandbox server when that is the target).
    connection: Option<Connection>,
    started: std::time::Instant,
    /// Debug builds only: panic after the first frame, so tests can prove the terminal is
    /// restored after a panic. Needs `CAMTUI_DEBUG_PANIC=after-first-frame` exactly.
    force_panic: bool,
    actions_tx: mpsc::UnboundedSender<Action>,
    actions_rx: mpsc::UnboundedReceiver<Action>,
}

impl Loop {
    fn new(options: Options) -> Self {
        let env = &options.targets.env;
        let theme = Theme::from_env(env.get("NO_COLOR").map(String::as_str));
        let (clipboard, clipboard_warning) = Clipboard::open(options.clipboard, env);
        let info = target_info(&options.first, String::new());
        let mut state = State::new(Header {
            target: info.label,
            sandbox: info.sandbox,
            account: Remote::loading(),
            clipboard: clipboard.backend(),
            read_only: info.read_only,
            accent: info.accent,
        });
        state.profiles = options.targets.profile_names();
        state.mouse = options.mouse;
        let (actions_tx, actions_rx) = mpsc::unbounded_channel();
        let force_panic = cfg!(debug_assertions)
            && env.get(FORCE_PANIC_ENV).map(String::as_str) == Some("after-first-frame");
        let connecting = options
            .targets
            .connect(&options.first, observer(actions_tx.clone()));
        Self {
            state,
            theme,
            clipboard,
            warnings: options
                .warning
                .into_iter()
                .chain(clipboard_warning)
                .collect(),
            targets: options.targets,
            connecting: Some(connecting),
            connecting_read_only: options.first.read_only,
            worker: None,
            queued: Vec::new(),
            connection: None,
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
                        let result =
                            self.clipboard
                                .copy(text.expose(), secret, terminal.backend_mut());
                        queue.push_back(Action::Copied { what, result });
                    }
                    Effect::Cancel { ticket } => {
                        self.queued.retain(|(queued, _)| *queued != ticket);
                        if let Some(worker) = &self.worker {
                            worker.cancel(ticket);
                        }
                    }
                    Effect::SwitchProfile { name } => self.switch_profile(name, queue),
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

    fn on_connected(
        &mut self,
        connected: Result<Connection, ConnectFailed>,
        queue: &mut VecDeque<Action>,
    ) {
        match connected {
            Ok(connection) => {
                // The header adds SANDBOX itself: it shows the sandbox's endpoint.
                let label = connection
                    .sandbox()
                    .map_or_else(|| connection.label.clone(), |s| s.endpoint.clone());
                tracing::info!(
                    target = %label,
                    after_ms = self.started.elapsed().as_secs_f64() * 1000.0,
                    "connected"
                );
                let worker = Worker::new(
                    connection.client.clone(),
                    self.actions_tx.clone(),
                    self.connecting_read_only,
                );
                for (ticket, request) in self.queued.drain(..) {
                    worker.spawn(ticket, request);
                }
                self.worker = Some(worker);
                self.connection = Some(connection);
                queue.push_back(Action::TargetReady(label));
            }
            Err(error) => {
                tracing::error!(%error, "cannot reach the target");
                let reason = error.to_string();
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

    /// `:profile NAME`: resolve it (a file read at most), then drop the old target — its
    /// worker, its searches, its queued calls, its sandbox — and connect the new one. The state
    /// resets on `TargetSwitched`, and the calls it issues wait for the new connection.
    fn switch_profile(&mut self, name: String, queue: &mut VecDeque<Action>) {
        let resolved = match self.targets.resolve_profile(&name) {
            Ok(resolved) => resolved,
            Err(e) => {
                queue.push_back(Action::TargetFailed(format!(
                    "Cannot switch to profile {name}: {e} — still on {}",
                    self.state.header.target
                )));
                return;
            }
        };
        tracing::info!(profile = %name, read_only = resolved.read_only, "switching profile");
        self.worker = None;
        self.queued.clear();
        if let Some(old) = self.connection.take() {
            // The sandbox writes its queued audit records before it stops.
            tokio::spawn(async move {
                if let Err(e) = old.close().await {
                    tracing::warn!(error = %e, "closing the previous target");
                }
            });
        }
        self.connecting = Some(
            self.targets
                .connect(&resolved, observer(self.actions_tx.clone())),
        );
        self.connecting_read_only = resolved.read_only;
        queue.push_back(Action::TargetSwitched(target_info(&resolved, name)));
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

/// Reports every call of the run to the loop, as actions: the log is written by `update` only.
fn observer(actions: mpsc::UnboundedSender<Action>) -> CallObserver {
    Arc::new(move |record| {
        let _ = actions.send(Action::CallLogged(record));
    })
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

async fn poll_connecting(connecting: &mut Option<Connecting>) -> Result<Connection, ConnectFailed> {
    match connecting.as_mut() {
        Some(future) => future.await,
        None => std::future::pending().await,
    }
}
