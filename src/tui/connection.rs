//! The target the console talks to: resolving and connecting it — the first one, then each
//! `:profile NAME` or `:sandbox` — on its own task so the loop keeps drawing, the worker of the connection in
//! use, and the calls issued before it was ready.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc::UnboundedSender;

use crate::cam::credential::Environment;
use crate::cam::transport::CallObserver;
use crate::config::Config;
use crate::i18n::{Language, Text};
use crate::target::{self, ConnectError, Connection, Resolved, Target, TargetOptions};

use super::action::{Action, Request, Switch};
use super::model::{Failure, TargetInfo, Ticket};
use super::worker::Worker;

/// Connecting may take a while (the sandbox starts a server); the console draws meanwhile.
type Connecting = Pin<Box<dyn Future<Output = Result<Connection, ConnectFailed>> + Send>>;

/// Why a target could not be connected.
#[derive(Debug, thiserror::Error)]
pub enum ConnectFailed {
    #[error(transparent)]
    Connect(#[from] ConnectError),
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

    fn resolve_profile(&self, name: &str) -> Result<Resolved, target::TargetError> {
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
    fn connect(&self, resolved: &Resolved, observer: CallObserver) -> Connecting {
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
pub fn target_info(resolved: &Resolved) -> TargetInfo {
    let sandbox = matches!(resolved.target, Target::Sandbox { .. });
    TargetInfo {
        label: if sandbox {
            resolved.language.text(Text::Starting).into_owned()
        } else {
            resolved.label()
        },
        sandbox,
        read_only: resolved.read_only,
        accent: resolved.accent.as_ref().map(|a| a.color),
        profile: resolved.profile.clone(),
    }
}

/// The connection in use, the one being made, and the calls waiting for it. What happens to
/// them reaches the loop as actions.
pub struct Connections {
    targets: Targets,
    connecting: Option<Connecting>,
    /// Whether the target being connected is read-only (its worker refuses mutations too).
    connecting_read_only: bool,
    /// The run's language, for what is said about switching.
    language: Language,
    worker: Option<Worker>,
    /// Calls issued before the target was ready.
    queued: Vec<(Ticket, Request)>,
    /// The connection in use (it owns the sandbox server when that is the target).
    connection: Option<Connection>,
    actions: UnboundedSender<Action>,
    /// When the process started, to log how long connecting took.
    started: Instant,
}

impl Connections {
    /// Starts connecting to `first`.
    pub fn new(
        targets: Targets,
        first: &Resolved,
        actions: UnboundedSender<Action>,
        started: Instant,
    ) -> Self {
        let connecting = targets.connect(first, observer(actions.clone()));
        Self {
            targets,
            connecting: Some(connecting),
            connecting_read_only: first.read_only,
            language: first.language,
            worker: None,
            queued: Vec::new(),
            connection: None,
            actions,
            started,
        }
    }

    pub fn profile_names(&self) -> Vec<String> {
        self.targets.profile_names()
    }

    /// Runs a call, or keeps it until the target is ready.
    pub fn call(&mut self, ticket: Ticket, request: Request) {
        match &self.worker {
            Some(worker) => worker.spawn(ticket, request),
            None => self.queued.push((ticket, request)),
        }
    }

    /// Stops a call (an owner search), whether it runs or waits.
    pub fn cancel(&mut self, ticket: Ticket) {
        self.queued.retain(|(queued, _)| *queued != ticket);
        if let Some(worker) = &self.worker {
            worker.cancel(ticket);
        }
    }

    pub fn is_connecting(&self) -> bool {
        self.connecting.is_some()
    }

    /// The target being connected is ready, or could not be reached: the calls waiting for it
    /// go out, or fail with the reason so nothing spins forever.
    pub async fn connected(&mut self) -> Vec<Action> {
        let Some(connecting) = self.connecting.as_mut() else {
            return std::future::pending().await;
        };
        let result = connecting.await;
        self.connecting = None;
        match result {
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
                    self.actions.clone(),
                    self.connecting_read_only,
                );
                for (ticket, request) in self.queued.drain(..) {
                    worker.spawn(ticket, request);
                }
                self.worker = Some(worker);
                self.connection = Some(connection);
                vec![Action::TargetReady(label)]
            }
            Err(error) => {
                tracing::error!(%error, "cannot reach the target");
                let reason = error.to_string();
                let mut actions: Vec<Action> = self
                    .queued
                    .drain(..)
                    .map(|(ticket, request)| Action::Done {
                        ticket,
                        result: Err(Failure {
                            call: request.call_name(),
                            code: "ClientNetworkError".into(),
                            message: reason.clone(),
                            request_id: None,
                        }),
                        request,
                    })
                    .collect();
                actions.push(Action::TargetFailed(reason));
                actions
            }
        }
    }

    /// `:profile NAME` or `:sandbox`: resolve it (a file read at most), then drop the old
    /// target — its worker, its searches, its queued calls, its sandbox — and connect the new
    /// one. The state resets on `TargetSwitched`, and the calls it issues wait for the new
    /// connection. `current` names the target still in use if the new one cannot be resolved.
    pub fn switch(&mut self, to: &Switch, current: &str) -> Action {
        let resolved = match to {
            Switch::Profile(name) => match self.targets.resolve_profile(name) {
                Ok(resolved) => resolved,
                Err(e) => {
                    return Action::TargetFailed(
                        self.language
                            .text(Text::CannotSwitchProfile {
                                name,
                                error: &e.to_string(),
                                current,
                            })
                            .into_owned(),
                    );
                }
            },
            Switch::Sandbox => target::resolve_sandbox(&self.targets.options, &self.targets.env),
        };
        tracing::info!(to = ?to, read_only = resolved.read_only, "switching target");
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
                .connect(&resolved, observer(self.actions.clone())),
        );
        self.connecting_read_only = resolved.read_only;
        Action::TargetSwitched(target_info(&resolved))
    }
}

/// Reports every call of the run to the loop, as actions: the log is written by `update` only.
fn observer(actions: UnboundedSender<Action>) -> CallObserver {
    Arc::new(move |record| {
        let _ = actions.send(Action::CallLogged(record));
    })
}
