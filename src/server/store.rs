//! The only module with SQL: the SQLite database (WAL) behind the server — schema migrations,
//! one writer connection through which every mutation runs as one transaction, a small pool of
//! reader connections, and the audit connection. SecretKeys are sealed by the [`Vault`].
//! Users, keys and the audit trail are here; policies, groups and security settings in
//! `permissions`.

mod permissions;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

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
    include_str!("../../assets/migrations/0004_policies_groups.sql"),
];
const READERS: usize = 4;

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

/// A deleted key as the audit trail remembers it (a row of `deleted_keys`).
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
    next_reader: AtomicUsize,
    vault: Vault,
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
            .query_row("SELECT EXISTS (SELECT 1 FROM access_keys)", [], |r| {
                r.get(0)
            })
            .map_err(sqlite)?;
        let vault = Vault::open_or_create(&vault::key_path(path), !sealed)?;
        let readers = (0..READERS)
            .map(|_| connect(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()
            .map_err(sqlite)?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            vault,
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
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..self.readers.len() {
            if let Ok(conn) = self.readers[(start + i) % self.readers.len()].try_lock() {
                return Ok(f(&conn)?);
            }
        }
        let conn = lock(&self.readers[start % self.readers.len()]);
        Ok(f(&conn)?)
    }

    /// Runs `f` as one `BEGIN IMMEDIATE` transaction, adds `event` to it, commits, and then —
    /// still holding the only writer — runs `apply` (which updates in-memory indexes), so that
    /// mutations are seen in the order they committed. Nothing is written if `f` fails.
    pub fn mutate<T>(
        &self,
        event: Option<&AuditRecord>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, ServerError>,
        apply: impl FnOnce(&T),
    ) -> Result<T, ServerError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let scope = Tx {
            tx,
            vault: &self.vault,
        };
        let value = f(&scope)?;
        if let Some(event) = event {
            insert_event(&scope.tx, event)?;
        }
        scope.tx.commit()?;
        apply(&value);
        Ok(value)
    }

    pub fn account(&self) -> Result<Option<Account>, ServerError> {
        self.read(|c| {
            c.prepare_cached("SELECT owner_uin, app_id FROM account WHERE id = 1")?
                .query_row([], |r| {
                    Ok(Account {
                        owner_uin: r.get(0)?,
                        app_id: r.get(1)?,
                    })
                })
                .optional()
        })
    }

    /// Every user and every key (SecretKeys decrypted), to build the in-memory index at start.
    pub fn load_all(&self) -> Result<(Vec<StoredUser>, Vec<StoredKey>), ServerError> {
        let users = self.read(|c| {
            c.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users"))?
                .query_map([], stored_user)?
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        let sealed = self.read(|c| {
            c.prepare_cached(
                "SELECT secret_id, owner_uin, active, secret_key, description, created FROM access_keys",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u64>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        let keys = sealed
            .into_iter()
            .map(
                |(secret_id, owner_uin, active, blob, description, created)| {
                    let secret_key = self.vault.open(&secret_id, &blob)?;
                    Ok(StoredKey {
                        secret_id,
                        owner_uin,
                        active,
                        secret_key,
                        description,
                        created,
                    })
                },
            )
            .collect::<Result<Vec<_>, ServerError>>()?;
        Ok((users, keys))
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

    /// The keys deleted since `since` (Unix seconds), and root's whenever they were deleted.
    pub fn tombstones(&self, since: i64) -> Result<Vec<Tombstone>, ServerError> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT secret_id, owner_uin, owner_name, deleted FROM deleted_keys
                 WHERE deleted >= ?1 OR owner_uin = (SELECT owner_uin FROM account) ORDER BY id",
            )?
            .query_map([since], tombstone)?
            .collect()
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
            let mut stmt =
                c.prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE uin = ?1"))?;
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

    /// Loads a data set into an empty database in one transaction. `users`, `keys` and
    /// `grants` are written as given; `events` are appended to the audit trail.
    pub fn load_seed(
        &self,
        account: Account,
        users: &[StoredUser],
        keys: &[StoredKey],
        grants: &Grants,
        events: &[AuditRecord],
    ) -> Result<(), ServerError> {
        self.mutate(
            None,
            |tx| {
                tx.set_account(account)?;
                for user in users {
                    tx.insert_user(user)?;
                }
                for key in keys {
                    tx.insert_key(key)?;
                }
                tx.insert_grants(grants)?;
                let mut stmt = tx.tx.prepare_cached(INSERT_EVENT)?;
                for event in events {
                    bind_event(&mut stmt, event)?;
                }
                Ok(())
            },
            |()| {},
        )
    }
}

/// A mutation in progress: every write the handlers need, inside one transaction.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    vault: &'a Vault,
}

impl Tx<'_> {
    pub fn set_account(&self, account: Account) -> Result<(), ServerError> {
        self.tx
            .prepare_cached(
                "INSERT INTO account (id, owner_uin, app_id) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET owner_uin = excluded.owner_uin, app_id = excluded.app_id",
            )?
            .execute(params![account.owner_uin, account.app_id])?;
        Ok(())
    }

    pub fn key_count(&self, owner_uin: u64) -> Result<usize, ServerError> {
        Ok(self
            .tx
            .prepare_cached("SELECT COUNT(*) FROM access_keys WHERE owner_uin = ?1")?
            .query_row([owner_uin], |r| r.get(0))?)
    }

    /// The owner of a key and whether it is active.
    pub fn key_owner(&self, secret_id: &str) -> Result<Option<(u64, bool)>, ServerError> {
        Ok(self
            .tx
            .prepare_cached("SELECT owner_uin, active FROM access_keys WHERE secret_id = ?1")?
            .query_row([secret_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub fn secret_id_taken(&self, secret_id: &str) -> Result<bool, ServerError> {
        Ok(self.key_owner(secret_id)?.is_some())
    }

    pub fn insert_key(&self, key: &StoredKey) -> Result<(), ServerError> {
        let sealed = self.vault.seal(&key.secret_id, &key.secret_key);
        self.tx
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
        Ok(())
    }

    /// Replaces the SecretKey and status of an existing key (the root credential file wins).
    pub fn reset_key(&self, secret_id: &str, secret_key: &Secret) -> Result<(), ServerError> {
        let sealed = self.vault.seal(secret_id, secret_key);
        self.tx
            .prepare_cached(
                "UPDATE access_keys SET secret_key = ?2, active = 1 WHERE secret_id = ?1",
            )?
            .execute(params![secret_id, sealed])?;
        Ok(())
    }

    pub fn set_key_active(&self, secret_id: &str, active: bool) -> Result<(), ServerError> {
        self.tx
            .prepare_cached("UPDATE access_keys SET active = ?2 WHERE secret_id = ?1")?
            .execute(params![secret_id, active])?;
        Ok(())
    }

    pub fn delete_key(&self, secret_id: &str) -> Result<(), ServerError> {
        self.tx
            .prepare_cached("DELETE FROM access_keys WHERE secret_id = ?1")?
            .execute([secret_id])?;
        Ok(())
    }

    /// Leaves the tombstone of a key deleted in this transaction.
    pub fn bury_key(&self, tombstone: &Tombstone) -> Result<(), ServerError> {
        self.tx
            .prepare_cached(
                "INSERT INTO deleted_keys (secret_id, owner_uin, owner_name, deleted)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                tombstone.secret_id,
                tombstone.owner_uin,
                tombstone.owner_name,
                tombstone.deleted
            ])?;
        Ok(())
    }

    /// The tombstone of a deleted key.
    pub fn tombstone(&self, secret_id: &str) -> Result<Option<Tombstone>, ServerError> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT secret_id, owner_uin, owner_name, deleted FROM deleted_keys WHERE secret_id = ?1
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([secret_id], tombstone)
            .optional()?)
    }

    /// Forgets a tombstone (its key is being created again).
    pub fn unbury_key(&self, secret_id: &str) -> Result<(), ServerError> {
        self.tx
            .prepare_cached("DELETE FROM deleted_keys WHERE secret_id = ?1")?
            .execute([secret_id])?;
        Ok(())
    }

    pub fn keys_of(&self, owner_uin: u64) -> Result<Vec<String>, ServerError> {
        Ok(self
            .tx
            .prepare_cached("SELECT secret_id FROM access_keys WHERE owner_uin = ?1")?
            .query_map([owner_uin], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn sub_user_by_name(&self, name: &str) -> Result<Option<StoredUser>, ServerError> {
        Ok(sub_user_by_name(&self.tx, name)?)
    }

    pub fn uin_taken(&self, uin: u64) -> Result<bool, ServerError> {
        Ok(self
            .tx
            .prepare_cached("SELECT 1 FROM users WHERE uin = ?1 UNION SELECT 1 FROM account WHERE owner_uin = ?1")?
            .exists([uin])?)
    }

    pub fn next_uid(&self) -> Result<u64, ServerError> {
        Ok(self
            .tx
            .prepare_cached("SELECT COALESCE(MAX(uid), 10000000) + 1 FROM users")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn insert_user(&self, user: &StoredUser) -> Result<(), ServerError> {
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ))
            .and_then(|mut stmt| execute_user(&mut stmt, user))?;
        Ok(())
    }

    pub fn update_user(&self, user: &StoredUser) -> Result<(), ServerError> {
        self.tx
            .prepare_cached(
                "UPDATE users SET uid = ?2, kind = ?3, name = ?4, nick_name = ?5, remark = ?6,
                 console_login = ?7, phone_num = ?8, country_code = ?9, email = ?10, created = ?11,
                 last_login_ip = ?12, last_login_time = ?13, is_admin = ?14 WHERE uin = ?1",
            )
            .and_then(|mut stmt| execute_user(&mut stmt, user))?;
        Ok(())
    }

    pub fn delete_user(&self, uin: u64) -> Result<(), ServerError> {
        self.tx
            .prepare_cached("DELETE FROM access_keys WHERE owner_uin = ?1")?
            .execute([uin])?;
        self.tx
            .prepare_cached("DELETE FROM users WHERE uin = ?1")?
            .execute([uin])?;
        Ok(())
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
                "DELETE FROM deleted_keys WHERE deleted < ?1
                 AND owner_uin != (SELECT owner_uin FROM account)",
            )?
            .execute([before])?;
        self.0
            .prepare_cached("DELETE FROM events WHERE time < ?1")?
            .execute([before])
    }
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL + synchronous=NORMAL: a committed transaction is in the WAL file before COMMIT
    // returns, so it survives the process being killed (not a power cut between checkpoints).
    conn.pragma_update(None, "journal_mode", "WAL")?;
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

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_owned(),
        source,
    };
    let version: usize = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sqlite)?;
    if version > MIGRATIONS.len() {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let run = || -> rusqlite::Result<()> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i + 1)?;
            conn.execute_batch("COMMIT")
        };
        if let Err(e) = run() {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(sqlite(e));
        }
    }
    Ok(())
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

fn tombstone(r: &Row<'_>) -> rusqlite::Result<Tombstone> {
    Ok(Tombstone {
        secret_id: r.get(0)?,
        owner_uin: r.get(1)?,
        owner_name: r.get(2)?,
        deleted: r.get(3)?,
    })
}
