//! camtui's CAM-compatible server (`camtui serve`, and the in-process sandbox): the official SDKs
//! cannot tell it from CAM and CloudAudit for the actions camtui uses.
//!
//! A request flows through [`router`] (size, TC3 verification in [`auth`], routing through the
//! action table in [`handlers`], parameter checks in [`params`]) to a handler, which reads the
//! in-memory [`directory`] or the SQLite [`store`]; every request of a known key lands in the
//! [`audit`] trail. [`error`] turns refusals into the Tencent Cloud envelope.

pub mod audit;
pub mod auth;
pub mod directory;
pub mod error;
pub mod handlers;
pub mod limits;
pub mod params;
pub mod router;
pub mod sandbox;
pub mod seed;
pub mod store;
pub mod vault;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::serve::ListenerExt as _;
use tokio::sync::oneshot;

use crate::cam::Credential;
use crate::cam::credential::{self, CredentialError};
use directory::{Directory, KeyEntry, Principal, PrincipalKind};
use error::ServerError;
use seed::{Seed, SeedError};
use store::{Account, KeyRow, Store, StoreError};

pub use router::router;

/// The account an empty database gets when no seed is given.
pub const DEFAULT_ACCOUNT: Account = Account {
    owner_uin: 100_000_000_001,
    app_id: 1_250_000_001,
};

/// Everything the handlers share.
#[derive(Debug)]
pub struct ServerState {
    pub store: Store,
    pub directory: Directory,
    pub audit: audit::AuditWriter,
    pub account: Account,
}

/// How to run a server.
#[derive(Debug)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub db: PathBuf,
    /// The root account's key: added to the database, or made to match it.
    pub root_credential: Credential,
    /// Loaded when the database is empty.
    pub seed: Option<Seed>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot prepare the database: {0}")]
    Prepare(#[from] ServerError),
    #[error(
        "the root credential's SecretId {0:?} is not an API key id (AKID… or IKID…, letters and digits)"
    )]
    RootSecretId(String),
    #[error("the root credential's SecretId {0} belongs to a user of this database, not to root")]
    RootKeyTaken(String),
}

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

    /// Waits until every audit record queued so far is in the database (for tests).
    pub async fn flush_audit(&self) {
        self.state.audit.flush().await;
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
        self.state.audit.flush().await;
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
        .map_err(|e| StartError::Prepare(ServerError::Internal(e.to_string())))??;
    let state = Arc::new(state);
    let app = router(Arc::clone(&state)).into_make_service_with_connect_info::<SocketAddr>();
    // Without TCP_NODELAY the SDK's second request on a kept-alive connection waits ~40 ms on
    // delayed ACKs.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = signal.await;
            })
            .await
    });
    tracing::info!(%addr, "camtui server listening");
    Ok(ServerHandle {
        addr,
        shutdown: Some(shutdown),
        task,
        state,
    })
}

impl ServerState {
    /// Opens (creating, migrating, seeding) the database of `config` and loads the in-memory
    /// index; `config.listen` is not used. [`spawn`] serves it; tests may drive [`router`] with it.
    pub fn open(config: ServerConfig) -> Result<Self, StartError> {
        if auth::check_secret_id_shape(&config.root_credential.secret_id).is_err() {
            return Err(StartError::RootSecretId(config.root_credential.secret_id));
        }
        let store = Store::open(&config.db)?;
        let account = match store.account()? {
            Some(account) => {
                if config.seed.is_some() {
                    tracing::warn!(db = %config.db.display(), "the database already has data; the seed is not loaded");
                }
                account
            }
            None => {
                if let Some(seed) = &config.seed {
                    let data = seed.rows(chrono::Utc::now().timestamp())?;
                    store.load_seed(data.account, &data.users, &data.keys, &data.events)?;
                    data.account
                } else {
                    store.mutate(None, |tx| tx.set_account(DEFAULT_ACCOUNT), |()| {})?;
                    DEFAULT_ACCOUNT
                }
            }
        };
        ensure_root_key(&store, account, &config.root_credential)?;

        let (users, keys) = store.load_all()?;
        let mut principals: Vec<Principal> = users.iter().map(Principal::from_user).collect();
        principals.push(Principal {
            uin: account.owner_uin,
            name: "root".into(),
            kind: PrincipalKind::Root,
            is_admin: true,
        });
        let keys = keys
            .into_iter()
            .map(|key| {
                let last = store.last_used(&key.secret_id)?.map(|s| s * 1000);
                Ok(KeyEntry::from_row(key, last))
            })
            .collect::<Result<Vec<_>, ServerError>>()?;
        let audit = audit::AuditWriter::start(&store).map_err(ServerError::from)?;
        Ok(ServerState {
            directory: Directory::new(principals, keys),
            store,
            audit,
            account,
        })
    }
}

/// Makes the root credential a working root key: added if new, its SecretKey and status reset
/// if it exists (the credential file is the source of truth for root's access).
fn ensure_root_key(
    store: &Store,
    account: Account,
    credential: &Credential,
) -> Result<(), StartError> {
    let id = credential.secret_id.as_str();
    let outcome = store.mutate(
        None,
        |tx| match tx.key_owner(id)? {
            None => tx
                .insert_key(&KeyRow {
                    secret_id: id.to_owned(),
                    owner_uin: account.owner_uin,
                    active: true,
                    secret_key: credential.secret_key.clone(),
                    description: Some("root credential".into()),
                    created: chrono::Utc::now().timestamp(),
                })
                .map(|()| true),
            Some((owner, _)) if owner != account.owner_uin => Ok(false),
            Some((_, active)) => {
                if !active {
                    tracing::warn!(
                        secret_id = id,
                        "the root key was disabled; enabling it again"
                    );
                }
                tx.reset_key(id, &credential.secret_key).map(|()| true)
            }
        },
        |_| {},
    )?;
    if outcome {
        Ok(())
    } else {
        Err(StartError::RootKeyTaken(id.to_owned()))
    }
}

/// Reads the root credential file, or creates it (mode 0600) with a new key. Returns the
/// credential and whether it was created.
pub fn load_or_create_root_credential(path: &Path) -> Result<(Credential, bool), StartError> {
    if path.exists() {
        return Ok((credential::from_json_file(path)?, false));
    }
    let credential = Credential {
        secret_id: handlers::new_secret_id(),
        secret_key: handlers::new_secret_key(),
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
    let mut file = vault::create_private(path).map_err(io)?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io)?;
    Ok((credential, true))
}

/// What `camtui serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub root_credential_file: PathBuf,
    pub seed_file: Option<PathBuf>,
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
        Some(path) => Some(Seed::from_file(path)?),
        None => None,
    };
    if let Some(dir) = options.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StartError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let handle = spawn(ServerConfig {
        listen: options.listen,
        db: options.db.clone(),
        root_credential,
        seed,
    })
    .await?;
    eprintln!(
        "camtui serve: listening on {} (database {}, account {})",
        handle.endpoint(),
        options.db.display(),
        handle.account().owner_uin
    );
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
