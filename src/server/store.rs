//! The only module with SQL: the SQLite database (WAL) behind the server — schema migrations,
//! one writer connection through which every mutation runs as one transaction, a small pool of
//! reader connections, and the audit connection. SecretKeys are sealed by the [`Vault`].
//! Users, keys and the audit trail are here; policies, groups and security settings in
//! `permissions`.
//!
//! Other processes may use the same file. While one does, every write to a user or key is
//! logged (`directory_changes`), so that each process's in-memory directory can follow (see
//! `signal`); the write transaction is where rules spanning rows are decided.

mod permissions;
mod signal;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension as _, Row, Transaction, TransactionBehavior, params};

use super::error::ServerError;
use super::vault::{self, Vault, VaultError};
use crate::cam::Secret;
use crate::cam::model::UserKind;

pub use permissions::{
    AppliedPolicy, DirectAttachment, FIRST_CUSTOM_POLICY_ID, FIRST_GROUP_ID, Grants, ListedPolicy,
    Page, PolicyFilter, StoredGroup, StoredPolicy, StoredSecurity,
};

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_initial.sql"),
    include_str!("../../assets/migrations/0002_audit_truth.sql"),
    include_str!("../../assets/migrations/0003_directory_changes.sql"),
    include_str!("../../assets/migrations/0004_policies_groups.sql"),
    include_str!("../../assets/migrations/0005_keys_are_their_tombstones.sql"),
];
const READERS: usize = 4;
/// How long a connection waits for another's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The change log keeps the latest this many changes, dropping older ones every
/// [`PRUNE_CHANGES_EVERY`]; a process further behind reads every user and key again.
const CHANGES_KEPT: i64 = 65_536;
const PRUNE_CHANGES_EVERY: i64 = 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database file {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("database {path} has schema version {found}, newer than this camtui knows ({known})")]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error(transparent)]
    Vault(#[from] VaultError),
}

/// The account everything belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub owner_uin: u64,
    pub app_id: u64,
}

/// A sub-user or collaborator, as `users` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub uin: u64,
    pub uid: u64,
    pub kind: UserKind,
    pub name: String,
    pub nick_name: String,
    pub remark: String,
    pub console_login: u64,
    pub phone_num: String,
    pub country_code: String,
    pub email: String,
    pub created: i64,
    pub last_login_ip: String,
    pub last_login_time: Option<i64>,
    pub is_admin: bool,
}

/// An API key, as `access_keys` keeps it (the SecretKey sealed at rest, open here).
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub secret_id: String,
    pub owner_uin: u64,
    pub active: bool,
    pub secret_key: Secret,
    pub description: Option<String>,
    pub created: i64,
}

/// One API call as the audit trail keeps it (a row of `events`). Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub event_id: String,
    /// Unix seconds.
    pub time: i64,
    pub secret_id: String,
    /// The UIN of the key's owner (the account's owner UIN for root).
    pub uin: u64,
    /// `root` for the root account, else the user's name.
    pub username: String,
    pub action: String,
    /// `cam` or `cloudaudit`.
    pub service: String,
    /// `Read` or `Write`.
    pub action_type: String,
    pub source_ip: String,
    pub region: String,
    /// 0 for success, else [`Code::audit_number`](super::error::Code::audit_number).
    pub error_number: i64,
    /// Empty for success.
    pub api_error_code: String,
    pub api_error_message: String,
    pub request_id: String,
    pub http_method: String,
    pub user_agent: String,
    /// The user or key the call was about, when it names one.
    pub resource_name: String,
    /// Whether the action changes keys or users.
    pub sensitive: bool,
    /// Whether the request's signature verified with an enabled key: only such events are a
    /// use of the key.
    pub authenticated: bool,
}

/// A deleted key as the audit trail remembers it (its row of `access_keys`, `deleted` set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tombstone {
    pub secret_id: String,
    pub owner_uin: u64,
    /// The owner's name when the key was deleted (`root` for the root account).
    pub owner_name: String,
    /// Unix seconds.
    pub deleted: i64,
}

/// A stored audit event with its position.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub id: i64,
    pub record: AuditRecord,
}

/// Which events a query wants: a time range, a cursor, and conditions that must all hold.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub start: i64,
    pub end: i64,
    /// Only events strictly older than this one (time, id) — the paging cursor.
    pub before: Option<(i64, i64)>,
    pub limit: usize,
    pub conditions: Vec<EventCondition>,
}

#[derive(Debug, Clone)]
pub enum EventCondition {
    SecretId(String),
    /// Any of these actions (several `EventName` values widen the match).
    Actions(Vec<String>),
    RequestId(String),
    ActionType(String),
    Uin(u64),
    Service(String),
    ResourceName(String),
    Sensitive(bool),
    ApiErrorCode(String),
    ErrorNumber(i64),
    SourceIp(String),
    /// A condition nothing can match (e.g. tags, which this server does not keep).
    Never,
}

/// The database.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    /// Read only the change log's version. Whenever any other connection commits, a
    /// connection drops its page cache at its next read: these hold a few pages.
    watchers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    vault: Vault,
    /// Where a commit that changed users or keys says so to every process.
    signal: signal::ChangeSignal,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a connection leaves SQLite itself consistent (the transaction
    // rolls back on drop), so a poisoned lock is still safe to use.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The vault's key file beside the database: `<db>.key`.
const KEY_FILE: &str = ".key";

/// A file that belongs to the database at `db`: `<db><suffix>`.
fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every file of the database at `db`: itself, SQLite's, the key file and the change signal's.
pub fn files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", KEY_FILE]
        .into_iter()
        .chain(signal::SUFFIXES)
        .map(|suffix| beside(db, suffix))
        .collect()
}

impl Store {
    /// Opens (creating with mode 0600 if needed) and migrates the database at `path`, with its
    /// key file `<path>.key`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let sqlite = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        if !path.exists() {
            // SQLite gives the -wal and -shm files the database file's permissions.
            match vault::create_private(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => {
                    return Err(StoreError::Create {
                        path: path.to_owned(),
                        source,
                    });
                }
            }
        }
        let writer = connect(path).map_err(sqlite)?;
        migrate(&writer, path)?;
        let sealed: bool = writer
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM access_keys WHERE deleted IS NULL)",
                [],
                |r| r.get(0),
            )
            .map_err(sqlite)?;
        let vault = Vault::open_or_create(&beside(path, KEY_FILE), !sealed)?;
        let pool = |size| {
            (0..size)
                .map(|_| connect(path).map(Mutex::new))
                .collect::<Result<Vec<_>, _>>()
                .map_err(sqlite)
        };
        let readers = pool(READERS)?;
        // One per core, as the runtime has workers, which check it before every request.
        let watchers = pool(std::thread::available_parallelism().map_or(2, usize::from))?;
        // Counted among the processes that have the database open under its write lock: every
        // transaction before this is in what this process reads, every one after it logs its
        // changes for this process (see [`signal`]).
        let signal = {
            let registration = Transaction::new_unchecked(&writer, TransactionBehavior::Immediate)
                .map_err(sqlite)?;
            let signal = signal::ChangeSignal::open(path).map_err(|source| StoreError::Create {
                path: beside(path, signal::SUFFIXES[1]),
                source,
            })?;
            registration.commit().map_err(sqlite)?;
            signal
        };
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers,
            watchers,
            next_reader: AtomicUsize::new(0),
            vault,
            signal,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A connection for the audit writer thread.
    pub fn audit_connection(&self) -> Result<AuditConnection, rusqlite::Error> {
        connect(&self.path).map(AuditConnection)
    }

    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, ServerError> {
        Ok(f(&self.free(&self.readers))?)
    }

    /// A connection of `pool` nobody is using, or else one to wait for.
    fn free<'a>(&self, pool: &'a [Mutex<Connection>]) -> MutexGuard<'a, Connection> {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..pool.len() {
            if let Ok(conn) = pool[(start + i) % pool.len()].try_lock() {
                return conn;
            }
        }
        lock(&pool[start % pool.len()])
    }

    /// Runs `f` as one `BEGIN IMMEDIATE` transaction, adds `event` to it, and commits. Nothing
    /// is written if `f` fails. The transaction holds the database's only write lock, across
    /// processes too, so whatever `f` reads is still true when it commits.
    pub fn mutate<T>(
        &self,
        event: Option<&AuditRecord>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        self.mutate_then(event, f, |value, _| value)
    }

    /// [`mutate`](Self::mutate), then — still holding this process's only writer — hands what
    /// `f` returned, and the number of the change it announced if it wrote the change log
    /// ([`signal`]), to `committed`, so that what it updates in memory sees the mutations in the
    /// order they committed.
    pub fn mutate_then<T, U>(
        &self,
        event: Option<&AuditRecord>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, ServerError>,
        committed: impl FnOnce(T, Option<u64>) -> U,
    ) -> Result<U, ServerError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Dropped first, once what the transaction wrote is in memory or it failed.
        let _settle = Settle(&self.signal);
        let scope = Tx {
            sql: tx,
            vault: &self.vault,
            signal: &self.signal,
            changes: RefCell::default(),
            others: Cell::new(None),
        };
        let value = f(&scope)?;
        if let Some(event) = event {
            insert_event(&scope.sql, event)?;
        }
        // Asked only by a change, which it then logged.
        let logged = scope.others.get() == Some(true);
        scope.sql.commit()?;
        let announced = logged
            .then(|| self.signal.announce())
            .transpose()
            .unwrap_or_else(|error| {
                // Other processes still see the change at their periodic check of the log.
                tracing::warn!(%error, "cannot announce a change to other processes");
                None
            });
        Ok(committed(value, announced))
    }

    /// How many changes to users or keys every process has announced ([`signal`]): when it has
    /// not moved, none was answered since it was last read. `None` if it cannot be read.
    pub fn announced_changes(&self) -> Option<u64> {
        self.signal.announced().ok()
    }

    pub fn account(&self) -> Result<Option<Account>, ServerError> {
        self.read(account)
    }

    /// The latest version of the change log (`directory_changes`): one lookup at the end of its
    /// primary key, made before every request to see whether any process changed a user or key.
    pub fn directory_version(&self) -> Result<u64, ServerError> {
        Ok(directory_version(&self.free(&self.watchers))?)
    }

    /// The users and keys changed after version `since` of the change log, each as it is now;
    /// every user and key when `since` is `None` or the log no longer reaches back to it. Read
    /// in one transaction, so the rows are exactly those of the version returned.
    pub fn directory_changes(&self, since: Option<u64>) -> Result<DirectoryChanges, ServerError> {
        let sealed = self.read(|c| {
            let tx = c.unchecked_transaction()?;
            let changes = sealed_changes(&tx, since)?;
            tx.commit()?;
            Ok(changes)
        })?;
        Ok(sealed.open(&self.vault)?)
    }

    /// The time (Unix seconds) of the latest successful use of a key, from the audit trail.
    pub fn last_used(&self, secret_id: &str) -> Result<Option<i64>, ServerError> {
        self.read(|c| {
            // Newest first down the (secret_id, time) index, stopping at the first success: MAX()
            // with the extra condition would read every event of the key.
            c.prepare_cached(
                "SELECT time FROM events WHERE secret_id = ?1 AND authenticated = 1
                 ORDER BY time DESC LIMIT 1",
            )?
            .query_row([secret_id], |r| r.get(0))
            .optional()
        })
    }

    /// Sub-users, oldest first.
    pub fn sub_users(&self) -> Result<Vec<StoredUser>, ServerError> {
        self.read(|c| {
            c.prepare_cached(&format!(
                "SELECT {USER_COLUMNS} FROM users WHERE kind = 2 ORDER BY created, uin"
            ))?
            .query_map([], stored_user)?
            .collect()
        })
    }

    pub fn sub_user_by_name(&self, name: &str) -> Result<Option<StoredUser>, ServerError> {
        self.read(|c| sub_user_by_name(c, name))
    }

    /// One page of collaborators, oldest first, and how many there are.
    pub fn collaborators(
        &self,
        limit: u64,
        offset: u64,
    ) -> Result<(u64, Vec<StoredUser>), ServerError> {
        self.read(|c| {
            let total = c
                .prepare_cached("SELECT COUNT(*) FROM users WHERE kind = 4")?
                .query_row([], |r| r.get(0))?;
            let rows = c
                .prepare_cached(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE kind = 4 ORDER BY created, uin LIMIT ?1 OFFSET ?2"
                ))?
                .query_map(params![limit.min(i64::MAX as u64), offset.min(i64::MAX as u64)], stored_user)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((total, rows))
        })
    }

    pub fn users_by_uin(&self, uins: &[u64]) -> Result<Vec<StoredUser>, ServerError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&USER_BY_UIN)?;
            let mut rows = Vec::with_capacity(uins.len());
            for uin in uins {
                if let Some(row) = stmt.query_row([uin], stored_user).optional()? {
                    rows.push(row);
                }
            }
            Ok(rows)
        })
    }

    /// The position (time, id) of a stored event, for resuming a page after it.
    pub fn event_position(&self, id: i64) -> Result<Option<(i64, i64)>, ServerError> {
        self.read(|c| {
            c.prepare_cached("SELECT time, id FROM events WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
    }

    /// Events matching `query`, newest first.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>, ServerError> {
        let mut sql =
            format!("SELECT id, {EVENT_COLUMNS} FROM events WHERE time >= ? AND time <= ?");
        let mut args: Vec<rusqlite::types::Value> = vec![query.start.into(), query.end.into()];
        if let Some((time, id)) = query.before {
            sql.push_str(" AND (time < ? OR (time = ? AND id < ?))");
            args.extend([time.into(), time.into(), id.into()]);
        }
        for condition in &query.conditions {
            let (clause, values): (&str, Vec<rusqlite::types::Value>) = match condition {
                EventCondition::SecretId(v) => (" AND secret_id = ?", vec![v.clone().into()]),
                EventCondition::RequestId(v) => (" AND request_id = ?", vec![v.clone().into()]),
                EventCondition::ActionType(v) => (" AND action_type = ?", vec![v.clone().into()]),
                EventCondition::Uin(v) => (" AND uin = ?", vec![(*v as i64).into()]),
                EventCondition::Service(v) => (" AND service = ?", vec![v.clone().into()]),
                EventCondition::ResourceName(v) => {
                    (" AND resource_name = ?", vec![v.clone().into()])
                }
                EventCondition::Sensitive(v) => (" AND sensitive = ?", vec![i64::from(*v).into()]),
                EventCondition::ApiErrorCode(v) => {
                    (" AND api_error_code = ?", vec![v.clone().into()])
                }
                EventCondition::ErrorNumber(v) => (" AND error_code = ?", vec![(*v).into()]),
                EventCondition::SourceIp(v) => (" AND source_ip = ?", vec![v.clone().into()]),
                EventCondition::Never => (" AND 0", vec![]),
                EventCondition::Actions(names) => {
                    let marks = vec!["?"; names.len()].join(", ");
                    let _ = write!(sql, " AND action IN ({marks})");
                    args.extend(names.iter().map(|n| n.clone().into()));
                    continue;
                }
            };
            sql.push_str(clause);
            args.extend(values);
        }
        sql.push_str(" ORDER BY time DESC, id DESC LIMIT ?");
        args.push((query.limit as i64).into());
        self.read(|c| {
            c.prepare_cached(&sql)?
                .query_map(rusqlite::params_from_iter(args), |r| {
                    Ok(StoredEvent {
                        id: r.get(0)?,
                        record: event_record(r, 1)?,
                    })
                })?
                .collect()
        })
    }

    /// Loads a data set if the database has no account yet, and says whether it did. Decided
    /// inside the write transaction: processes starting together on a new file load it once.
    /// `users`, `keys` and `grants` are written as given; `events` are appended to the audit
    /// trail.
    pub fn load_if_empty(
        &self,
        account: Account,
        users: &[StoredUser],
        keys: &[StoredKey],
        grants: &Grants,
        events: &[AuditRecord],
    ) -> Result<bool, ServerError> {
        self.mutate(None, |tx| {
            if tx.account()?.is_some() {
                return Ok(false);
            }
            tx.set_account(account)?;
            for user in users {
                tx.insert_user(user)?;
            }
            for key in keys {
                tx.insert_key(key)?;
            }
            tx.insert_grants(grants)?;
            let mut stmt = tx.sql.prepare_cached(INSERT_EVENT)?;
            for event in events {
                bind_event(&mut stmt, event)?;
            }
            Ok(true)
        })
    }
}

/// Users and keys as they are at a version of the change log, for the in-memory directory.
#[derive(Debug)]
pub struct DirectoryChanges {
    /// The change log's latest version with these changes.
    pub version: u64,
    /// These are all the users and keys; otherwise only what changed since the version asked
    /// for.
    pub complete: bool,
    pub changes: Vec<Change>,
}

/// One change to users or keys, as the directory applies it.
#[derive(Debug)]
pub enum Change {
    /// A user as it now is.
    User(StoredUser),
    /// A user no longer exists, nor any key of theirs.
    UserGone(u64),
    /// A key as it now is.
    Key(ListedKey),
    /// A key's new status; the rest of it is unchanged.
    KeyStatus { secret_id: String, active: bool },
    /// A key no longer exists; its tombstone, unless that has expired too.
    KeyGone {
        secret_id: String,
        tombstone: Option<Tombstone>,
    },
}

/// [`DirectoryChanges`] as read, the SecretKeys still sealed.
struct SealedChanges {
    version: u64,
    complete: bool,
    users: Vec<(u64, Option<StoredUser>)>,
    /// The tombstones of keys gone (all of them when complete).
    buried: Vec<Tombstone>,
    /// Keys as they are, or gone without a tombstone.
    keys: Vec<(String, Option<SealedKey>)>,
}

impl SealedChanges {
    fn add(&mut self, row: KeyRow) {
        match row {
            KeyRow::Key(key) => self.keys.push((key.secret_id.clone(), Some(key))),
            KeyRow::Buried(tombstone) => self.buried.push(tombstone),
        }
    }

    fn open(self, vault: &Vault) -> Result<DirectoryChanges, VaultError> {
        let users = self.users.into_iter().map(|(uin, user)| {
            Ok(match user {
                Some(user) => Change::User(user),
                None => Change::UserGone(uin),
            })
        });
        let buried = self.buried.into_iter().map(|tombstone| {
            Ok(Change::KeyGone {
                secret_id: tombstone.secret_id.clone(),
                tombstone: Some(tombstone),
            })
        });
        let keys = self.keys.into_iter().map(|(secret_id, key)| {
            Ok(match key {
                Some(key) => Change::Key(key.open(vault)?),
                None => Change::KeyGone {
                    secret_id,
                    tombstone: None,
                },
            })
        });
        Ok(DirectoryChanges {
            version: self.version,
            complete: self.complete,
            changes: users
                .chain(buried)
                .chain(keys)
                .collect::<Result<_, VaultError>>()?,
        })
    }
}

/// A key and its row's place in `access_keys`, which orders keys created in the same second.
#[derive(Debug)]
pub struct ListedKey {
    pub key: StoredKey,
    pub rowid: i64,
}

/// Lets other processes open the database once a write transaction is over
/// ([`signal::ChangeSignal::settle`]).
struct Settle<'a>(&'a signal::ChangeSignal);

impl Drop for Settle<'_> {
    fn drop(&mut self) {
        if let Err(error) = self.0.settle() {
            tracing::warn!(%error, "cannot let other processes open the database");
        }
    }
}

/// A mutation in progress: every write the handlers need, inside one transaction.
pub struct Tx<'a> {
    sql: Transaction<'a>,
    vault: &'a Vault,
    signal: &'a signal::ChangeSignal,
    /// What it wrote to users and keys, in order, and the version of the latest change.
    changes: RefCell<(Vec<Change>, Option<u64>)>,
    /// Whether another process has the database open, once a change asked: if so, the
    /// transaction wrote the change log and is announced once it commits.
    others: Cell<Option<bool>>,
}

impl Tx<'_> {
    pub fn account(&self) -> Result<Option<Account>, ServerError> {
        Ok(account(&self.sql)?)
    }

    pub fn set_account(&self, account: Account) -> Result<(), ServerError> {
        self.sql
            .prepare_cached(
                "INSERT INTO account (id, owner_uin, app_id) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET owner_uin = excluded.owner_uin, app_id = excluded.app_id",
            )?
            .execute(params![account.owner_uin, account.app_id])?;
        Ok(())
    }

    pub fn key_count(&self, owner_uin: u64) -> Result<usize, ServerError> {
        Ok(self
            .sql
            .prepare_cached(
                "SELECT COUNT(*) FROM access_keys WHERE owner_uin = ?1 AND deleted IS NULL",
            )?
            .query_row([owner_uin], |r| r.get(0))?)
    }

    /// The owner of a key and whether it is active.
    pub fn key_owner(&self, secret_id: &str) -> Result<Option<(u64, bool)>, ServerError> {
        Ok(self
            .sql
            .prepare_cached(
                "SELECT owner_uin, active FROM access_keys WHERE secret_id = ?1 AND deleted IS NULL",
            )?
            .query_row([secret_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// [`Store::directory_changes`] as this transaction sees them.
    pub fn directory_changes(&self, since: Option<u64>) -> Result<DirectoryChanges, ServerError> {
        Ok(sealed_changes(&self.sql, since)?.open(self.vault)?)
    }

    /// [`Store::directory_version`] as this transaction sees it.
    pub fn directory_version(&self) -> Result<u64, ServerError> {
        Ok(directory_version(&self.sql)?)
    }

    /// What this transaction has written to users and keys so far, as the changes after
    /// version `since` of the change log (its version when the transaction began).
    pub fn take_changes(&self, since: u64) -> DirectoryChanges {
        let (changes, version) = self.changes.take();
        DirectoryChanges {
            version: version.unwrap_or(since),
            complete: false,
            changes,
        }
    }

    /// Records a write to users or keys: for this transaction's own directory, and, while
    /// another process has the database open, in the change log for theirs.
    fn log_change(&self, change: Change) -> Result<(), ServerError> {
        let mut written = self.changes.borrow_mut();
        if self.others_open() {
            let (uin, secret_id) = match &change {
                Change::User(StoredUser { uin, .. }) | Change::UserGone(uin) => (Some(*uin), None),
                Change::Key(ListedKey { key, .. }) => (None, Some(key.secret_id.as_str())),
                Change::KeyStatus { secret_id, .. } | Change::KeyGone { secret_id, .. } => {
                    (None, Some(secret_id.as_str()))
                }
            };
            self.sql
                .prepare_cached("INSERT INTO directory_changes (uin, secret_id) VALUES (?1, ?2)")?
                .execute(params![uin, secret_id])?;
            let version = self.sql.last_insert_rowid();
            if version % PRUNE_CHANGES_EVERY == 0 {
                self.sql
                    .prepare_cached("DELETE FROM directory_changes WHERE version <= ?1")?
                    .execute([version - CHANGES_KEPT])?;
            }
            written.1 = Some(version as u64);
        }
        written.0.push(change);
        Ok(())
    }

    /// Whether another process has the database open, asked once per transaction. When it
    /// cannot tell, it says yes: the log is then written for nobody.
    fn others_open(&self) -> bool {
        if let Some(others) = self.others.get() {
            return others;
        }
        let others = self.signal.others().unwrap_or_else(|error| {
            tracing::warn!(%error, "cannot tell whether other processes have the database open");
            true
        });
        self.others.set(Some(others));
        others
    }

    /// Whether a key has, or a deleted key had, this SecretId.
    pub fn secret_id_taken(&self, secret_id: &str) -> Result<bool, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT 1 FROM access_keys WHERE secret_id = ?1")?
            .exists([secret_id])?)
    }

    pub fn insert_key(&self, key: &StoredKey) -> Result<(), ServerError> {
        let sealed = self.vault.seal(&key.secret_id, &key.secret_key);
        self.sql
            .prepare_cached(
                "INSERT INTO access_keys (secret_id, owner_uin, active, secret_key, description, created)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                key.secret_id,
                key.owner_uin,
                key.active,
                sealed,
                key.description,
                key.created
            ])?;
        self.log_change(Change::Key(ListedKey {
            key: key.clone(),
            rowid: self.sql.last_insert_rowid(),
        }))
    }

    /// Replaces the SecretKey and status of an existing key (the root credential file wins).
    pub fn reset_key(&self, secret_id: &str, secret_key: &Secret) -> Result<(), ServerError> {
        let sealed = self.vault.seal(secret_id, secret_key);
        let key = self
            .sql
            .prepare_cached(&format!(
                "UPDATE access_keys SET secret_key = ?2, active = 1
                 WHERE secret_id = ?1 AND deleted IS NULL RETURNING {KEY_COLUMNS}"
            ))?
            .query_row(params![secret_id, sealed], SealedKey::from_row)
            .optional()?;
        if let Some(key) = key {
            self.log_change(Change::Key(key.open(self.vault)?))?;
        }
        Ok(())
    }

    pub fn set_key_active(&self, secret_id: &str, active: bool) -> Result<(), ServerError> {
        let updated = self
            .sql
            .prepare_cached(
                "UPDATE access_keys SET active = ?2 WHERE secret_id = ?1 AND deleted IS NULL",
            )?
            .execute(params![secret_id, active])?;
        if updated > 0 {
            self.log_change(Change::KeyStatus {
                secret_id: secret_id.to_owned(),
                active,
            })?;
        }
        Ok(())
    }

    /// Deletes the key `tombstone` names: its row becomes the tombstone, its SecretKey erased.
    pub fn delete_key(&self, tombstone: Tombstone) -> Result<(), ServerError> {
        let deleted = self
            .sql
            .prepare_cached(
                "UPDATE access_keys SET deleted = ?2, owner_name = ?3, secret_key = X''
                 WHERE secret_id = ?1 AND deleted IS NULL",
            )?
            .execute(params![
                tombstone.secret_id,
                tombstone.deleted,
                tombstone.owner_name
            ])?;
        if deleted > 0 {
            self.log_change(Change::KeyGone {
                secret_id: tombstone.secret_id.clone(),
                tombstone: Some(tombstone),
            })?;
        }
        Ok(())
    }

    /// The tombstone of a deleted key.
    pub fn tombstone(&self, secret_id: &str) -> Result<Option<Tombstone>, ServerError> {
        Ok(self
            .sql
            .prepare_cached(&format!(
                "SELECT {TOMBSTONE_COLUMNS} FROM access_keys
                 WHERE secret_id = ?1 AND deleted IS NOT NULL"
            ))?
            .query_row([secret_id], tombstone)
            .optional()?)
    }

    /// Forgets a tombstone (its key is being created again).
    pub fn unbury_key(&self, secret_id: &str) -> Result<(), ServerError> {
        self.sql
            .prepare_cached("DELETE FROM access_keys WHERE secret_id = ?1 AND deleted IS NOT NULL")?
            .execute([secret_id])?;
        Ok(())
    }

    pub fn keys_of(&self, owner_uin: u64) -> Result<Vec<String>, ServerError> {
        Ok(self
            .sql
            .prepare_cached(
                "SELECT secret_id FROM access_keys WHERE owner_uin = ?1 AND deleted IS NULL",
            )?
            .query_map([owner_uin], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn sub_user_by_name(&self, name: &str) -> Result<Option<StoredUser>, ServerError> {
        Ok(sub_user_by_name(&self.sql, name)?)
    }

    pub fn uin_taken(&self, uin: u64) -> Result<bool, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT 1 FROM users WHERE uin = ?1 UNION SELECT 1 FROM account WHERE owner_uin = ?1")?
            .exists([uin])?)
    }

    pub fn next_uid(&self) -> Result<u64, ServerError> {
        Ok(self
            .sql
            .prepare_cached("SELECT COALESCE(MAX(uid), 10000000) + 1 FROM users")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn insert_user(&self, user: &StoredUser) -> Result<(), ServerError> {
        self.sql
            .prepare_cached(&format!(
                "INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ))
            .and_then(|mut stmt| execute_user(&mut stmt, user))?;
        self.log_change(Change::User(user.clone()))
    }

    pub fn update_user(&self, user: &StoredUser) -> Result<(), ServerError> {
        let updated = self
            .sql
            .prepare_cached(
                "UPDATE users SET uid = ?2, kind = ?3, name = ?4, nick_name = ?5, remark = ?6,
                 console_login = ?7, phone_num = ?8, country_code = ?9, email = ?10, created = ?11,
                 last_login_ip = ?12, last_login_time = ?13, is_admin = ?14 WHERE uin = ?1",
            )
            .and_then(|mut stmt| execute_user(&mut stmt, user))?;
        if updated > 0 {
            self.log_change(Change::User(user.clone()))?;
        }
        Ok(())
    }

    /// Deletes a user and their keys, each leaving its tombstone (deleted at `now`).
    pub fn delete_user(&self, user: &StoredUser, now: i64) -> Result<(), ServerError> {
        for secret_id in self.keys_of(user.uin)? {
            self.delete_key(Tombstone {
                secret_id,
                owner_uin: user.uin,
                owner_name: user.name.clone(),
                deleted: now,
            })?;
        }
        self.sql
            .prepare_cached("DELETE FROM users WHERE uin = ?1")?
            .execute([user.uin])?;
        self.log_change(Change::UserGone(user.uin))
    }
}

/// The audit writer's own connection: appends events in batches and prunes old ones.
pub struct AuditConnection(Connection);

impl AuditConnection {
    pub fn append(&mut self, events: &[AuditRecord]) -> Result<(), rusqlite::Error> {
        let tx = self
            .0
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(INSERT_EVENT)?;
            for event in events {
                bind_event(&mut stmt, event)?;
            }
        }
        tx.commit()
    }

    /// Deletes the oldest events beyond `max` — down to 95 % of it, so that this seldom has
    /// work — in transactions of at most 10,000 rows; returns how many.
    pub fn enforce_budget(&mut self, max: u64) -> Result<u64, rusqlite::Error> {
        // Ids grow by one: their span bounds the count without reading every row.
        let span: u64 = self.0.query_row(
            "SELECT COALESCE(MAX(id) - MIN(id) + 1, 0) FROM events",
            [],
            |r| r.get(0),
        )?;
        if span <= max {
            return Ok(0);
        }
        let count: u64 = self
            .0
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        if count <= max {
            return Ok(0);
        }
        let mut excess = count - max / 20 * 19;
        let mut deleted = 0;
        while excess > 0 {
            let removed = self
                .0
                .prepare_cached(
                    "DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY time, id LIMIT ?1)",
                )?
                .execute([excess.min(10_000)])? as u64;
            if removed == 0 {
                break;
            }
            deleted += removed;
            excess = excess.saturating_sub(removed);
        }
        Ok(deleted)
    }

    /// Deletes events older than `before` (Unix seconds), and the tombstones of keys deleted
    /// before then (but root's); returns how many events.
    pub fn prune(&mut self, before: i64) -> Result<usize, rusqlite::Error> {
        self.0
            .prepare_cached(
                "DELETE FROM access_keys WHERE deleted < ?1
                 AND owner_uin != (SELECT owner_uin FROM account)",
            )?
            .execute([before])?;
        self.0
            .prepare_cached("DELETE FROM events WHERE time < ?1")?
            .execute([before])
    }
}

fn directory_version(c: &Connection) -> rusqlite::Result<u64> {
    c.prepare_cached("SELECT COALESCE(MAX(version), 0) FROM directory_changes")?
        .query_row([], |r| r.get(0))
}

fn account(c: &Connection) -> rusqlite::Result<Option<Account>> {
    c.prepare_cached("SELECT owner_uin, app_id FROM account WHERE id = 1")?
        .query_row([], |r| {
            Ok(Account {
                owner_uin: r.get(0)?,
                app_id: r.get(1)?,
            })
        })
        .optional()
}

const KEY_COLUMNS: &str = "secret_id, owner_uin, active, secret_key, description, created, rowid";

// Read after every mutation: built once.
static USER_BY_UIN: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {USER_COLUMNS} FROM users WHERE uin = ?1"));
/// Every row of `access_keys`, keys and tombstones, as [`key_row`] reads them.
static KEY_ROWS: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {KEY_COLUMNS}, owner_name, deleted FROM access_keys"));
static KEY_BY_SECRET_ID: LazyLock<String> =
    LazyLock::new(|| format!("{} WHERE secret_id = ?1", *KEY_ROWS));

/// A row of `access_keys`: a key, or a deleted key's tombstone.
enum KeyRow {
    Key(SealedKey),
    Buried(Tombstone),
}

/// Reads a row of [`KEY_ROWS`].
fn key_row(r: &Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(match r.get(8)? {
        Some(deleted) => KeyRow::Buried(Tombstone {
            secret_id: r.get(0)?,
            owner_uin: r.get(1)?,
            owner_name: r.get(7)?,
            deleted,
        }),
        None => KeyRow::Key(SealedKey::from_row(r)?),
    })
}

/// A row of `access_keys` ([`KEY_COLUMNS`]), its SecretKey still sealed.
struct SealedKey {
    secret_id: String,
    owner_uin: u64,
    active: bool,
    sealed: Vec<u8>,
    description: Option<String>,
    created: i64,
    rowid: i64,
}

impl SealedKey {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            secret_id: r.get(0)?,
            owner_uin: r.get(1)?,
            active: r.get(2)?,
            sealed: r.get(3)?,
            description: r.get(4)?,
            created: r.get(5)?,
            rowid: r.get(6)?,
        })
    }

    fn open(self, vault: &Vault) -> Result<ListedKey, VaultError> {
        Ok(ListedKey {
            key: StoredKey {
                secret_key: vault.open(&self.secret_id, &self.sealed)?,
                secret_id: self.secret_id,
                owner_uin: self.owner_uin,
                active: self.active,
                description: self.description,
                created: self.created,
            },
            rowid: self.rowid,
        })
    }
}

/// [`Store::directory_changes`] on `c`, inside a transaction, SecretKeys still sealed.
fn sealed_changes(c: &Connection, since: Option<u64>) -> rusqlite::Result<SealedChanges> {
    if let Some(since) = since {
        let changed = c
            .prepare_cached(
                "SELECT version, uin, secret_id FROM directory_changes
                 WHERE version > ?1 ORDER BY version",
            )?
            .query_map([since], |r| {
                Ok(Changed {
                    version: r.get(0)?,
                    uin: r.get(1)?,
                    secret_id: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Versions are consecutive (each is the largest + 1, and the bound never drops the
        // newest), so the log still reaches back to `since` if it holds the version after it.
        if changed
            .first()
            .is_none_or(|first| first.version == since + 1)
        {
            return changed_rows(c, since, changed);
        }
    }
    let mut all = SealedChanges {
        version: directory_version(c)?,
        complete: true,
        users: c
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users"))?
            .query_map([], |r| Ok((r.get(0)?, Some(stored_user(r)?))))?
            .collect::<rusqlite::Result<_>>()?,
        buried: Vec::new(),
        keys: Vec::new(),
    };
    let mut rows = c.prepare_cached(&KEY_ROWS)?;
    for row in rows.query_map([], key_row)? {
        all.add(row?);
    }
    Ok(all)
}

/// A row of the change log.
struct Changed {
    version: u64,
    uin: Option<u64>,
    secret_id: Option<String>,
}

/// The users and keys that `changed` (rows of the change log after `since`) name, each read
/// again once (a deleted key's row is its tombstone).
fn changed_rows(
    c: &Connection,
    since: u64,
    changed: Vec<Changed>,
) -> rusqlite::Result<SealedChanges> {
    let version = changed.last().map_or(since, |last| last.version);
    let mut uins = BTreeSet::new();
    let mut secret_ids = BTreeSet::new();
    for row in changed {
        uins.extend(row.uin);
        secret_ids.extend(row.secret_id);
    }
    let mut changes = SealedChanges {
        version,
        complete: false,
        users: Vec::new(),
        buried: Vec::new(),
        keys: Vec::new(),
    };
    if !uins.is_empty() {
        let mut user = c.prepare_cached(&USER_BY_UIN)?;
        changes.users = uins
            .into_iter()
            .map(|uin| Ok((uin, user.query_row([uin], stored_user).optional()?)))
            .collect::<rusqlite::Result<_>>()?;
    }
    if !secret_ids.is_empty() {
        let mut key = c.prepare_cached(&KEY_BY_SECRET_ID)?;
        for id in secret_ids {
            match key.query_row([&id], key_row).optional()? {
                Some(row) => changes.add(row),
                None => changes.keys.push((id, None)),
            }
        }
    }
    Ok(changes)
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL + synchronous=NORMAL: a committed transaction is in the WAL file before COMMIT
    // returns, so it survives the process being killed (not a power cut between checkpoints).
    // Turning a new file to WAL takes a lock the busy handler does not wait for, so processes
    // opening the same new database together (the sandbox's first start) wait here instead.
    until_not_busy(|| conn.pragma_update(None, "journal_mode", "WAL"))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Plans never depend on bound values: otherwise SQLite re-prepares a cached statement
    // whenever a value it planned with changes (a bound LIMIT, a LIKE pattern), which was a
    // fifth of the cost of a search.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Runs `f` again while SQLite answers busy or locked, for up to the busy timeout.
fn until_not_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_owned(),
        source,
    };
    let schema_version = || conn.pragma_query_value(None, "user_version", |r| r.get::<_, usize>(0));
    if schema_version().map_err(sqlite)? == MIGRATIONS.len() {
        return Ok(());
    }
    // Another process may be migrating the same file right now: what is left to run is decided
    // inside the write transaction, and all of it commits at once.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate).map_err(sqlite)?;
    let version = schema_version().map_err(sqlite)?;
    if version > MIGRATIONS.len() {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            known: MIGRATIONS.len(),
        });
    }
    for sql in &MIGRATIONS[version..] {
        tx.execute_batch(sql).map_err(sqlite)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len())
        .map_err(sqlite)?;
    tx.commit().map_err(sqlite)
}

const USER_COLUMNS: &str = "uin, uid, kind, name, nick_name, remark, console_login, phone_num, \
     country_code, email, created, last_login_ip, last_login_time, is_admin";

fn stored_user(r: &Row<'_>) -> rusqlite::Result<StoredUser> {
    Ok(StoredUser {
        uin: r.get(0)?,
        uid: r.get(1)?,
        kind: UserKind::from_user_type(r.get(2)?),
        name: r.get(3)?,
        nick_name: r.get(4)?,
        remark: r.get(5)?,
        console_login: r.get(6)?,
        phone_num: r.get(7)?,
        country_code: r.get(8)?,
        email: r.get(9)?,
        created: r.get(10)?,
        last_login_ip: r.get(11)?,
        last_login_time: r.get(12)?,
        is_admin: r.get(13)?,
    })
}

fn execute_user(
    stmt: &mut rusqlite::CachedStatement<'_>,
    user: &StoredUser,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        user.uin,
        user.uid,
        user.kind.user_type(),
        user.name,
        user.nick_name,
        user.remark,
        user.console_login,
        user.phone_num,
        user.country_code,
        user.email,
        user.created,
        user.last_login_ip,
        user.last_login_time,
        user.is_admin
    ])
}

fn sub_user_by_name(c: &Connection, name: &str) -> rusqlite::Result<Option<StoredUser>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE kind = 2 AND name = ?1"
    ))?
    .query_row([name], stored_user)
    .optional()
}

const EVENT_COLUMNS: &str = "event_id, time, secret_id, uin, username, action, service, \
     action_type, source_ip, region, error_code, api_error_code, api_error_message, request_id, \
     http_method, user_agent, resource_name, sensitive, authenticated";

const INSERT_EVENT: &str = "INSERT INTO events (event_id, time, secret_id, uin, username, action, \
     service, action_type, source_ip, region, error_code, api_error_code, api_error_message, \
     request_id, http_method, user_agent, resource_name, sensitive, authenticated) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

fn bind_event(stmt: &mut rusqlite::CachedStatement<'_>, e: &AuditRecord) -> rusqlite::Result<()> {
    stmt.execute(params![
        e.event_id,
        e.time,
        e.secret_id,
        e.uin,
        e.username,
        e.action,
        e.service,
        e.action_type,
        e.source_ip,
        e.region,
        e.error_number,
        e.api_error_code,
        e.api_error_message,
        e.request_id,
        e.http_method,
        e.user_agent,
        e.resource_name,
        e.sensitive,
        e.authenticated
    ])?;
    Ok(())
}

fn insert_event(tx: &Transaction<'_>, event: &AuditRecord) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(INSERT_EVENT)?;
    bind_event(&mut stmt, event)
}

fn event_record(r: &Row<'_>, at: usize) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        event_id: r.get(at)?,
        time: r.get(at + 1)?,
        secret_id: r.get(at + 2)?,
        uin: r.get(at + 3)?,
        username: r.get(at + 4)?,
        action: r.get(at + 5)?,
        service: r.get(at + 6)?,
        action_type: r.get(at + 7)?,
        source_ip: r.get(at + 8)?,
        region: r.get(at + 9)?,
        error_number: r.get(at + 10)?,
        api_error_code: r.get(at + 11)?,
        api_error_message: r.get(at + 12)?,
        request_id: r.get(at + 13)?,
        http_method: r.get(at + 14)?,
        user_agent: r.get(at + 15)?,
        resource_name: r.get(at + 16)?,
        sensitive: r.get(at + 17)?,
        authenticated: r.get(at + 18)?,
    })
}

const TOMBSTONE_COLUMNS: &str = "secret_id, owner_uin, owner_name, deleted";

fn tombstone(r: &Row<'_>) -> rusqlite::Result<Tombstone> {
    Ok(Tombstone {
        secret_id: r.get(0)?,
        owner_uin: r.get(1)?,
        owner_name: r.get(2)?,
        deleted: r.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(secret_id: &str) -> StoredKey {
        StoredKey {
            secret_id: secret_id.into(),
            owner_uin: 1,
            active: true,
            secret_key: Secret::new("k"),
            description: None,
            created: 0,
        }
    }

    fn new_store(path: &Path) -> Store {
        let store = Store::open(path).unwrap();
        let account = Account {
            owner_uin: 1,
            app_id: 1,
        };
        store
            .load_if_empty(account, &[], &[], &Grants::default(), &[])
            .unwrap();
        store
    }

    fn logged(store: &Store) -> u64 {
        store.directory_version().unwrap()
    }

    #[test]
    fn the_log_is_written_while_another_process_has_the_database_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cam.db");
        let store = new_store(&path);
        let insert = |store: &Store, id| {
            store
                .mutate(None, |tx| {
                    tx.insert_key(&key(id))?;
                    Ok(tx.take_changes(0))
                })
                .unwrap()
        };
        let alone = insert(&store, "IKIDa");
        assert_eq!(
            (alone.changes.len(), alone.version, logged(&store)),
            (1, 0, 0)
        );
        assert_eq!(store.announced_changes(), Some(0), "nothing announced");

        let other = Store::open(&path).unwrap();
        let shared = insert(&store, "IKIDb");
        assert_eq!((shared.changes.len(), shared.version), (1, 1));
        assert_eq!(store.announced_changes(), Some(1));
        insert(&other, "IKIDc");
        assert_eq!((logged(&store), store.announced_changes()), (2, Some(2)));

        drop(other);
        insert(&store, "IKIDd");
        assert_eq!(logged(&store), 2, "alone again");
        assert_eq!(
            store.mutate(None, |tx| tx.keys_of(1)).unwrap().len(),
            4,
            "every key written either way"
        );
    }

    fn tombstone_of(secret_id: &str, owner_uin: u64, deleted: i64) -> Tombstone {
        Tombstone {
            secret_id: secret_id.into(),
            owner_uin,
            owner_name: format!("owner {owner_uin}"),
            deleted,
        }
    }

    fn buried(changes: &DirectoryChanges) -> Vec<&Tombstone> {
        let buried = changes.changes.iter().filter_map(|change| match change {
            Change::KeyGone { tombstone, .. } => tombstone.as_ref(),
            _ => None,
        });
        buried.collect()
    }

    #[test]
    fn a_deleted_key_s_row_is_its_tombstone_until_the_retention_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cam.db");
        let store = new_store(&path);
        let user_key = StoredKey {
            owner_uin: 7,
            ..key("IKIDuser")
        };
        store
            .mutate(None, |tx| {
                tx.insert_key(&key("IKIDroot"))?;
                tx.insert_key(&user_key)?;
                tx.delete_key(tombstone_of("IKIDroot", 1, 100))?;
                tx.delete_key(tombstone_of("IKIDuser", 7, 100))
            })
            .unwrap();
        let (owner, taken, count, tombstone) = store
            .mutate(None, |tx| {
                Ok((
                    tx.key_owner("IKIDuser")?,
                    tx.secret_id_taken("IKIDuser")?,
                    tx.key_count(7)?,
                    tx.tombstone("IKIDuser")?,
                ))
            })
            .unwrap();
        assert_eq!((owner, taken, count), (None, true, 0), "gone, its id kept");
        assert_eq!(tombstone, Some(tombstone_of("IKIDuser", 7, 100)));
        let sealed: Vec<String> = store
            .read(|c| {
                c.prepare("SELECT secret_id FROM access_keys WHERE length(secret_key) > 0")?
                    .query_map([], |r| r.get(0))?
                    .collect()
            })
            .unwrap();
        assert!(sealed.is_empty(), "its SecretKey erased");
        let loaded = store.directory_changes(None).unwrap();
        assert_eq!(buried(&loaded).len(), 2);

        store.audit_connection().unwrap().prune(101).unwrap();
        let loaded = store.directory_changes(None).unwrap();
        assert_eq!(
            buried(&loaded),
            [&tombstone_of("IKIDroot", 1, 100)],
            "root's kept for good"
        );
    }

    #[test]
    fn schema_4_s_tombstones_move_into_their_keys_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cam.db");
        let vault = Vault::open_or_create(&beside(&path, KEY_FILE), true).unwrap();
        let old = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..4] {
            old.execute_batch(sql).unwrap();
        }
        old.pragma_update(None, "user_version", 4).unwrap();
        old.execute(
            "INSERT INTO account (id, owner_uin, app_id) VALUES (1, 1, 1)",
            [],
        )
        .unwrap();
        // Root's key, deleted and created again with --restore-root-key.
        old.execute(
            "INSERT INTO access_keys (secret_id, owner_uin, active, secret_key, created)
             VALUES ('IKIDroot', 1, 1, ?1, 5)",
            [vault.seal("IKIDroot", &Secret::new("k"))],
        )
        .unwrap();
        old.execute_batch(
            "INSERT INTO deleted_keys (secret_id, owner_uin, owner_name, deleted) VALUES
                 ('IKIDroot', 1, 'root', 1),
                 ('IKIDgone', 7, 'ann', 2),
                 ('IKIDgone', 7, 'anna', 3);
             INSERT INTO directory_changes (uin, secret_id, tombstone) VALUES (NULL, 'IKIDgone', 3);",
        )
        .unwrap();
        drop(old);

        let store = Store::open(&path).unwrap();
        let loaded = store.directory_changes(None).unwrap();
        let anna = Tombstone {
            owner_name: "anna".into(),
            ..tombstone_of("IKIDgone", 7, 3)
        };
        assert_eq!(
            buried(&loaded),
            [&anna],
            "the latest tombstone of a key gone"
        );
        let keys = store.mutate(None, |tx| tx.keys_of(1)).unwrap();
        assert_eq!(keys, ["IKIDroot"]);
        // The old log's entry reads the row it names.
        let changed = store.directory_changes(Some(0)).unwrap();
        assert_eq!(buried(&changed), [&anna]);
    }

    #[test]
    fn the_change_log_keeps_the_latest_changes_and_says_when_it_no_longer_reaches_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = new_store(&dir.path().join("cam.db"));
        // Another process has it open: the log is written.
        let _other = Store::open(&dir.path().join("cam.db")).unwrap();
        let key = key("IKIDa");
        store
            .mutate(None, |tx| {
                tx.insert_key(&key)?;
                for i in 0..70_000 {
                    tx.set_key_active("IKIDa", i % 2 == 1)?;
                }
                Ok(())
            })
            .unwrap();
        let (kept, oldest, newest): (i64, u64, u64) = store
            .read(|c| {
                c.query_row(
                    "SELECT COUNT(*), MIN(version), MAX(version) FROM directory_changes",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
            })
            .unwrap();
        assert_eq!(newest, 70_001);
        assert!(
            (CHANGES_KEPT..CHANGES_KEPT + PRUNE_CHANGES_EVERY).contains(&kept),
            "{kept}"
        );
        assert_eq!(oldest, newest + 1 - kept as u64, "consecutive");

        let behind = store.directory_changes(Some(oldest - 2)).unwrap();
        assert!(behind.complete);
        assert_eq!(behind.version, newest);
        let recent = store.directory_changes(Some(oldest - 1)).unwrap();
        assert!(!recent.complete);
        assert!(
            matches!(&recent.changes[..], [Change::Key(k)] if k.key.secret_id == "IKIDa" && k.key.active)
        );
        let current = store.directory_changes(Some(newest)).unwrap();
        assert!(!current.complete && current.changes.is_empty());
    }
}
