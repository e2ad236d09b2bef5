//! camtui's CAM-compatible server (`camtui serve`, and the in-process sandbox): the official SDKs
//! cannot tell it from CAM and CloudAudit for the actions camtui uses.
//!
//! A request goes one way down: [`router`](mod@router) (size checks, TC3 verification in
//! [`auth`], the action's row in the [`handlers`] table, parameter checks in [`params`]) → a
//! handler → the in-memory [`directory`] or the SQLite [`store`]; every request of a known key
//! leaves an [`audit`] record, and [`error`] turns refusals into the Tencent Cloud envelope.
//! Several processes may serve one database: the directory catches up with the store's change
//! log before each request. The modules, top down, each importing only those below it:
//!
//! - [`sandbox`]; this module: [`spawn`] a server, [`serve`] `camtui serve`;
//! - [`router`](mod@router); [`state`]: the [`ServerState`] every request shares, and its opening
//!   (CAM's preset policies written, [`seed`] data for an empty database); [`limits`]: the
//!   documented rate limits (`--real-limits`); [`serial`]: the mutating actions run one at a
//!   time, back to back when they queue;
//! - [`handlers`]: the action table, one row per action, and the handlers (users, keys,
//!   policies, groups, security settings, events), which see the server through
//!   `handlers::context`;
//! - [`request`]: what is known of a request besides its parameters, and its audit record;
//! - [`directory`] (with the tombstones of deleted keys) and [`audit`] (the writer: batched
//!   reads, refusals on the record before they are answered, the size budget; CloudAudit
//!   events) over [`store`], the only SQL, which owns the rows it keeps (users, keys, audit
//!   records, tombstones; policies, groups and security settings); [`vault`] seals
//!   SecretKeys at rest; [`attempts`]: how many unauthenticated attempts are recorded;
//!   [`replay`]: each signature bound to its first request;
//! - [`presets`]: CAM's preset policies; [`policy_document`]: documents checked and stored as
//!   CAM writes them; [`params`], checking input against [`schema`]: the parameters read from
//!   each request type's serde `Deserialize`; [`auth`]; [`listener`]: the connections (cap,
//!   timeouts);
//! - [`error`], [`ids`], [`dates`].

pub mod attempts;
pub mod audit;
pub mod auth;
pub mod dates;
pub mod directory;
pub mod error;
pub mod handlers;
pub mod ids;
pub mod limits;
pub mod listener;
pub mod params;
pub mod policy_document;
pub mod presets;
pub mod replay;
pub mod request;
pub mod router;
pub mod sandbox;
pub mod schema;
pub mod seed;
pub mod serial;
pub mod state;
pub mod store;
pub mod vault;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::oneshot;

use crate::cam::Credential;
use crate::cam::credential;
use error::ServerError;
use seed::{Seed, SeedSource};
use store::Account;

pub use router::router;
pub use state::{DEFAULT_ACCOUNT, ServerConfig, ServerState, StartError};

/// A running server.
#[derive(Debug)]
pub struct ServerHandle {
    /// The address it listens on.
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    state: Arc<ServerState>,
}

impl ServerHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn account(&self) -> Account {
        self.state.account
    }

    /// Whether this start loaded the seed it was given (the database was empty).
    pub fn seeded(&self) -> bool {
        self.state.seeded
    }

    /// Waits until every audit record queued so far is in the database (for tests).
    pub async fn flush_audit(&self) -> Result<(), error::AuditError> {
        self.state.audit.flush().await
    }

    /// Stops accepting, finishes the requests in flight, and writes the queued audit records.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(signal) = self.shutdown.take() {
            let _ = signal.send(());
        }
        let result = match (&mut self.task).await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        };
        // The stop below writes what is queued (and logs what it cannot).
        let state = Arc::clone(&self.state);
        tokio::task::spawn_blocking(move || state.audit.stop())
            .await
            .map_err(std::io::Error::other)?;
        result
    }
}

/// Binds, opens the database, and serves in the background.
pub async fn spawn(config: ServerConfig) -> Result<ServerHandle, StartError> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Listen {
        addr: config.listen,
        source,
    })?;
    let state = tokio::task::spawn_blocking(move || ServerState::open(config))
        .await
        .map_err(|e| StartError::Prepare(ServerError::Task(e)))??;
    let state = Arc::new(state);
    let app = router(Arc::clone(&state));
    let limits = state.connection_limits;
    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(listener::serve(listener, app, limits, async move {
        let _ = signal.await;
    }));
    tracing::info!(%addr, "camtui server listening");
    Ok(ServerHandle {
        addr,
        shutdown: Some(shutdown),
        task,
        state,
    })
}

/// Reads the root credential file, or creates it (mode 0600) with a new key. Returns the
/// credential and whether it was created.
pub fn load_or_create_root_credential(path: &Path) -> Result<(Credential, bool), StartError> {
    let existing = || Ok((credential::from_json_file(path)?, false));
    if path.exists() {
        return existing();
    }
    let credential = Credential {
        secret_id: ids::new_secret_id(),
        secret_key: ids::new_secret_key(),
        token: None,
    };
    let io = |source| StartError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let text = zeroize::Zeroizing::new(
        serde_json::json!({
            "secretId": credential.secret_id,
            "secretKey": credential.secret_key.expose(),
        })
        .to_string(),
    );
    if vault::publish_private(path, text.as_bytes()).map_err(io)? {
        Ok((credential, true))
    } else {
        // Another process starting on the same data directory wrote it first.
        existing()
    }
}

/// What `camtui serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub root_credential_file: PathBuf,
    pub seed_file: Option<PathBuf>,
    /// See [`ServerConfig::restore_root_key`].
    pub restore_root_key: bool,
    /// See [`ServerConfig::max_audit_events`].
    pub max_audit_events: u64,
    /// See [`ServerConfig::require_signed_action`].
    pub require_signed_action: bool,
    /// See [`ServerConfig::signature_capacity`].
    pub signature_entries: usize,
    /// See [`listener::ConnectionLimits::max_connections`].
    pub max_connections: usize,
    /// `--real-limits`: enforce each action's documented rate limit.
    pub real_limits: bool,
}

/// `camtui serve`: runs until SIGINT or SIGTERM.
pub async fn serve(options: ServeOptions) -> Result<(), StartError> {
    let (root_credential, created) = load_or_create_root_credential(&options.root_credential_file)?;
    if created {
        eprintln!(
            "camtui serve: wrote a new root credential (SecretId {}) to {}",
            root_credential.secret_id,
            options.root_credential_file.display()
        );
    }
    let seed = match &options.seed_file {
        Some(path) => Some(SeedSource::Data(Seed::from_file(path)?)),
        None => None,
    };
    if let Some(dir) = options.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StartError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let handle = spawn(ServerConfig {
        seed,
        restore_root_key: options.restore_root_key,
        max_audit_events: options.max_audit_events,
        require_signed_action: options.require_signed_action,
        signature_capacity: options.signature_entries,
        connection_limits: listener::ConnectionLimits {
            max_connections: options.max_connections,
            ..listener::ConnectionLimits::default()
        },
        real_limits: options.real_limits,
        ..ServerConfig::new(options.listen, options.db.clone(), root_credential)
    })
    .await?;
    eprintln!(
        "camtui serve: listening on {} (database {}, account {})",
        handle.endpoint(),
        options.db.display(),
        handle.account().owner_uin
    );
    if let Some(seed) = options.seed_file.as_ref().filter(|_| !handle.seeded()) {
        eprintln!(
            "camtui serve: the database already has data; {} was not loaded",
            seed.display()
        );
    }
    stop_signal().await;
    eprintln!("camtui serve: stopping");
    handle.shutdown().await.map_err(|source| StartError::Io {
        path: options.db,
        source,
    })
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
