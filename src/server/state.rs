//! The server's state — the store, the in-memory directory, the audit writer and the account —
//! and how it is opened: the database created or migrated, CAM's preset policies written, an
//! empty one seeded, the root key made to match its credential, and the directory loaded.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::audit::AuditWriter;
use super::auth;
use super::directory::Directory;
use super::error::ServerError;
use super::handlers::{self, context::Ctx};
use super::limits::RateLimits;
use super::policy_document;
use super::presets::PRESETS;
use super::request::RequestMeta;
use super::seed::{SeedData, SeedError, SeedSource};
use super::store::{Account, Store, StoreError, StoredKey};
use crate::cam::Credential;
use crate::cam::credential::CredentialError;

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
    /// Enforce each action's documented rate limit (`RequestLimitExceeded`).
    pub real_limits: bool,
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
        ensure_root_key(&store, account, &config.root_credential)?;
        let directory = Directory::load(&store, account)?;
        let audit = AuditWriter::start(&store)?;
        Ok(ServerState {
            directory,
            store,
            audit,
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

/// Makes the root credential a working root key: added if new, its SecretKey and status reset
/// if it exists (the credential file is the source of truth for root's access).
fn ensure_root_key(
    store: &Store,
    account: Account,
    credential: &Credential,
) -> Result<(), StartError> {
    let id = credential.secret_id.as_str();
    let outcome = store.mutate(None, |tx| match tx.key_owner(id)? {
        None => tx
            .insert_key(&StoredKey {
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
    })?;
    if outcome {
        Ok(())
    } else {
        Err(StartError::RootKeyTaken(id.to_owned()))
    }
}
