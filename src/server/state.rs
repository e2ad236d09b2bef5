//! The server's state — the store, the in-memory directory, the audit writer and the account —
//! and how it is opened: the database created or migrated, CAM's preset policies written, an
//! empty one seeded, the root key made to match its credential, and the directory loaded.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::attempts::{AttemptBudget, AttemptLimits};
use super::audit::{AuditWriter, DEFAULT_MAX_EVENTS};
use super::auth;
use super::dates;
use super::directory::Directory;
use super::error::ServerError;
use super::handlers::{self, context::Ctx};
use super::limits::RateLimits;
use super::listener::ConnectionLimits;
use super::policy_document;
use super::presets::PRESETS;
use super::replay::SignatureLedger;
use super::request::RequestMeta;
use super::seed::{SeedData, SeedError, SeedSource};
use super::serial::Serial;
use super::store::{Account, Store, StoreError, StoredKey};
use tokio::sync::Semaphore;

use crate::cam::Credential;
use crate::cam::credential::CredentialError;
use crate::cam::model::KEYS_PER_USER;

/// The most entries of the signature ledger unless configured otherwise: 128 MiB, the
/// signatures of a whole ±300 s window at up to ~28,000 distinct signatures a second.
pub const DEFAULT_SIGNATURES: usize = 1 << 23;

/// The account an empty database gets when no seed is given.
pub const DEFAULT_ACCOUNT: Account = Account {
    owner_uin: 100_000_000_001,
    app_id: 1_250_000_001,
};

/// Everything the requests share.
#[derive(Debug)]
pub struct ServerState {
    pub store: Store,
    pub directory: Directory,
    pub audit: AuditWriter,
    /// Runs the mutating actions one at a time ([`serial`](super::serial)).
    pub mutations: Serial,
    /// Which unauthenticated attempts the audit trail records.
    pub attempts: AttemptBudget,
    /// The signatures of the last ±300 s and the requests they are bound to.
    pub signatures: SignatureLedger,
    /// See [`ServerConfig::require_signed_action`].
    pub require_signed_action: bool,
    pub connection_limits: ConnectionLimits,
    /// Kibibytes of request bodies that may be buffered before their requests authenticate.
    pub body_budget: Semaphore,
    pub account: Account,
    /// Whether this start loaded the configured seed (the database had no account).
    pub seeded: bool,
    /// The documented rate limits, when `--real-limits` asks for them.
    pub limits: Option<RateLimits>,
}

/// How to run a server.
#[derive(Debug)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub db: PathBuf,
    /// The root account's key: added to the database, or made to match it.
    pub root_credential: Credential,
    /// Loaded into a database that has no account yet; without it such a database gets
    /// [`DEFAULT_ACCOUNT`] with no users.
    pub seed: Option<SeedSource>,
    /// Create or enable the root credential's key again although it was deleted or disabled
    /// through the API (otherwise start-up refuses: a restart must not undo that silently).
    pub restore_root_key: bool,
    /// How many unauthenticated attempts the audit trail records.
    pub attempt_limits: AttemptLimits,
    /// The most audit events kept, whatever their age (oldest first out).
    pub max_audit_events: u64,
    /// The most entries of the signature ledger (16 bytes each; see
    /// [`server::replay`](super::replay)).
    pub signature_capacity: usize,
    /// Refuse requests whose signature does not cover `X-TC-Action`. Off by default: the
    /// official SDKs sign `content-type;host` only.
    pub require_signed_action: bool,
    /// How many connections, and how long each may take to send a request.
    pub connection_limits: ConnectionLimits,
    /// Enforce each action's documented rate limit (`RequestLimitExceeded`).
    pub real_limits: bool,
}

impl ServerConfig {
    /// A server on `listen` over `db` with `root_credential`, no seed, and the defaults.
    pub fn new(listen: SocketAddr, db: PathBuf, root_credential: Credential) -> Self {
        Self {
            listen,
            db,
            root_credential,
            seed: None,
            restore_root_key: false,
            attempt_limits: AttemptLimits::default(),
            max_audit_events: DEFAULT_MAX_EVENTS,
            signature_capacity: DEFAULT_SIGNATURES,
            require_signed_action: false,
            connection_limits: ConnectionLimits::default(),
            real_limits: false,
        }
    }
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
    #[error(
        "the root credential's key {secret_id} was {change} through the API{when}; start with --restore-root-key to {undo} it, or use another credential file"
    )]
    RootKeyWithdrawn {
        secret_id: String,
        /// `deleted` or `disabled`.
        change: &'static str,
        undo: &'static str,
        /// ` on <datetime>`, when known.
        when: String,
    },
    #[error(
        "the root account already has {} keys ({}); the root credential file names a third, {secret_id}: delete one of them, or put one of them in the credential file",
        KEYS_PER_USER,
        keys.join(", ")
    )]
    RootKeyLimit {
        secret_id: String,
        keys: Vec<String>,
    },
}

impl ServerState {
    /// Opens (creating, migrating, seeding) the database of `config` and loads the in-memory
    /// index; `config.listen` is not used. `server::spawn` serves it; tests may drive
    /// `server::router` with it.
    pub fn open(config: ServerConfig) -> Result<Self, StartError> {
        if auth::check_secret_id_shape(&config.root_credential.secret_id).is_err() {
            return Err(StartError::RootSecretId(config.root_credential.secret_id));
        }
        let store = Store::open(&config.db)?;
        put_presets(&store)?;
        let seeded = store.account()?.is_none() && {
            let data = match &config.seed {
                Some(source) => source.rows(chrono::Utc::now().timestamp())?,
                None => SeedData::empty(DEFAULT_ACCOUNT),
            };
            // Another process starting on the same new file may load its data first.
            store.load_if_empty(
                data.account,
                &data.users,
                &data.keys,
                &data.grants,
                &data.events,
            )?
        };
        let account = store
            .account()?
            .ok_or(ServerError::Bug("an initialised database has no account"))?;
        ensure_root_key(
            &store,
            account,
            &config.root_credential,
            config.restore_root_key,
        )?;
        let directory = Directory::load(&store, account)?;
        let audit = AuditWriter::start(&store, config.max_audit_events)?;
        Ok(ServerState {
            directory,
            store,
            audit,
            mutations: Serial::default(),
            attempts: AttemptBudget::new(config.attempt_limits, std::time::Instant::now()),
            signatures: SignatureLedger::new(config.signature_capacity),
            require_signed_action: config.require_signed_action,
            connection_limits: config.connection_limits,
            body_budget: Semaphore::new(config.connection_limits.body_budget.div_ceil(1024)),
            account,
            seeded: seeded && config.seed.is_some(),
            limits: config.real_limits.then(|| {
                RateLimits::new(
                    handlers::ACTIONS
                        .iter()
                        .map(|a| (a.service, a.name, a.per_second)),
                )
            }),
        })
    }

    /// What a handler sees of this state, for one request.
    pub fn context<'a>(&'a self, meta: &'a RequestMeta) -> Ctx<'a> {
        Ctx {
            store: &self.store,
            directory: &self.directory,
            audit: &self.audit,
            account: self.account,
            meta,
        }
    }
}

/// Writes CAM's preset policies as this version of camtui knows them, before anything (a seed)
/// attaches them.
fn put_presets(store: &Store) -> Result<(), ServerError> {
    store.mutate(None, |tx| {
        PRESETS.iter().try_for_each(|preset| {
            tx.put_preset(preset, &policy_document::canonical(preset.document)?)
        })
    })
}

/// Makes the root credential a working root key: its SecretKey made the file's if it exists
/// (the file is the source of truth for root's access), added if it is new. Refused: a key of
/// another user; a third root key; and, unless `restore`, a key deleted or disabled through
/// the API (a restart must not undo that silently).
fn ensure_root_key(
    store: &Store,
    account: Account,
    credential: &Credential,
    restore: bool,
) -> Result<(), StartError> {
    let id = credential.secret_id.as_str();
    let now = chrono::Utc::now().timestamp();
    let withdrawn = |change, undo, when: Option<i64>| StartError::RootKeyWithdrawn {
        secret_id: id.to_owned(),
        change,
        undo,
        when: when
            .map(|t| format!(" on {}", dates::datetime(t)))
            .unwrap_or_default(),
    };
    // Refusals are returned before anything is written: the transaction commits either way.
    let refusal = store.mutate(None, |tx| {
        match tx.key_owner(id)? {
            Some((owner, _)) if owner != account.owner_uin => {
                return Ok(Some(StartError::RootKeyTaken(id.to_owned())));
            }
            Some((_, false)) if !restore => {
                return Ok(Some(withdrawn("disabled", "enable", None)));
            }
            Some((_, active)) => {
                if !active {
                    tracing::warn!(
                        secret_id = id,
                        "--restore-root-key: enabling the root key again"
                    );
                }
                tx.reset_key(id, &credential.secret_key)?;
            }
            None => {
                let tombstone = tx.tombstone(id)?;
                if let Some(tombstone) = &tombstone
                    && !restore
                {
                    return Ok(Some(withdrawn(
                        "deleted",
                        "create",
                        Some(tombstone.deleted),
                    )));
                }
                let keys = tx.keys_of(account.owner_uin)?;
                if keys.len() >= KEYS_PER_USER {
                    return Ok(Some(StartError::RootKeyLimit {
                        secret_id: id.to_owned(),
                        keys,
                    }));
                }
                if tombstone.is_some() {
                    tracing::warn!(
                        secret_id = id,
                        "--restore-root-key: creating the deleted root key again"
                    );
                    tx.unbury_key(id)?;
                }
                tx.insert_key(&StoredKey {
                    secret_id: id.to_owned(),
                    owner_uin: account.owner_uin,
                    active: true,
                    secret_key: credential.secret_key.clone(),
                    description: Some("root credential".into()),
                    created: now,
                })?;
            }
        }
        Ok(None)
    })?;
    match refusal {
        None => Ok(()),
        Some(error) => Err(error),
    }
}
