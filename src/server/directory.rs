//! The in-memory index the hot path reads: every key (SecretId → decrypted SecretKey, status,
//! owner) and every principal (UIN → name, kind, administrator flag), so that authentication and
//! `ListAccessKeys` need no query of their own.
//!
//! The database is the truth, and other processes may change it (the console and subcommands on
//! one sandbox, two `camtui serve` over one file). So the index follows the store's change log:
//! before each request [`Directory::catch_up`] compares the log's latest version with the one the
//! index reflects (one indexed lookup) and, if they differ, reads again just the rows that changed
//! — this process's own commits included, so every change reaches the index by the one path.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard};

use super::error::ServerError;
use super::store::{Account, DirectoryChanges, ListedKey, Store, StoredKey, StoredUser};
use crate::cam::model::UserKind;

/// Who a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    Root,
    SubUser,
    Collaborator,
}

impl From<UserKind> for PrincipalKind {
    fn from(kind: UserKind) -> Self {
        match kind {
            UserKind::SubUser => Self::SubUser,
            UserKind::Collaborator => Self::Collaborator,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub uin: u64,
    pub name: String,
    pub kind: PrincipalKind,
    pub is_admin: bool,
}

impl Principal {
    pub fn from_user(user: &StoredUser) -> Self {
        Self {
            uin: user.uin,
            name: user.name.clone(),
            kind: user.kind.into(),
            is_admin: user.is_admin,
        }
    }

    /// The account itself, which is no row of `users`.
    pub fn root(account: Account) -> Self {
        Self {
            uin: account.owner_uin,
            name: "root".into(),
            kind: PrincipalKind::Root,
            is_admin: true,
        }
    }

    /// The name the audit trail shows (`root` for the account itself, as CloudAudit does).
    pub fn audit_name(&self) -> &str {
        if self.kind == PrincipalKind::Root {
            "root"
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Default)]
struct Index {
    keys: HashMap<String, Arc<StoredKey>>,
    /// Each owner's keys, oldest first: by creation time, then by the order the database
    /// added them (`rowid`).
    by_owner: HashMap<u64, Vec<(i64, Arc<StoredKey>)>>,
    principals: HashMap<u64, Principal>,
}

impl Index {
    /// Makes the index say what `changes` say.
    fn apply(&mut self, changes: DirectoryChanges) {
        if changes.complete {
            self.keys.clear();
            self.by_owner.clear();
            self.principals.retain(|_, p| p.kind == PrincipalKind::Root);
        }
        for (uin, user) in changes.users {
            match user {
                Some(user) => self.principals.insert(uin, Principal::from_user(&user)),
                None => self.principals.remove(&uin),
            };
        }
        for (secret_id, key) in changes.keys {
            self.remove_key(&secret_id);
            if let Some(key) = key {
                self.insert_key(key);
            }
        }
    }

    fn insert_key(&mut self, ListedKey { key, rowid }: ListedKey) {
        let key = Arc::new(key);
        let keys = self.by_owner.entry(key.owner_uin).or_default();
        keys.push((rowid, Arc::clone(&key)));
        keys.sort_by_key(|(rowid, key)| (key.created, *rowid));
        self.keys.insert(key.secret_id.clone(), key);
    }

    fn remove_key(&mut self, secret_id: &str) {
        if let Some(key) = self.keys.remove(secret_id)
            && let Some(keys) = self.by_owner.get_mut(&key.owner_uin)
        {
            keys.retain(|(_, k)| k.secret_id != secret_id);
        }
    }
}

#[derive(Debug)]
pub struct Directory {
    index: RwLock<Index>,
    /// The version of the store's change log the index reflects.
    version: AtomicU64,
    /// Held while catching up, so that requests arriving together read the changes once.
    catching_up: Mutex<()>,
}

impl Directory {
    /// Every principal and key of the store, and root.
    pub fn load(store: &Store, account: Account) -> Result<Self, ServerError> {
        let root = Principal::root(account);
        let mut index = Index::default();
        index.principals.insert(root.uin, root);
        let changes = store.directory_changes(None)?;
        let version = changes.version;
        index.apply(changes);
        Ok(Self {
            index: RwLock::new(index),
            version: AtomicU64::new(version),
            catching_up: Mutex::new(()),
        })
    }

    /// Brings the index up to date with the database, whichever process changed it: a lookup
    /// of the change log's version when nothing changed, else a read of the changed rows. A
    /// request that starts after a commit's answer sees that commit.
    pub fn catch_up(&self, store: &Store) -> Result<(), ServerError> {
        let latest = store.directory_version()?;
        if latest == self.version.load(Ordering::Acquire) {
            return Ok(());
        }
        let _one = self
            .catching_up
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let since = self.version.load(Ordering::Acquire);
        if since == latest {
            // Another request caught up while this one waited.
            return Ok(());
        }
        let changes = store.directory_changes(Some(since))?;
        let version = changes.version;
        self.index
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .apply(changes);
        self.version.store(version, Ordering::Release);
        Ok(())
    }

    fn read(&self) -> RwLockReadGuard<'_, Index> {
        self.index.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn key(&self, secret_id: &str) -> Option<Arc<StoredKey>> {
        self.read().keys.get(secret_id).cloned()
    }

    pub fn has_principal(&self, uin: u64) -> bool {
        self.read().principals.contains_key(&uin)
    }

    /// A key with its owner, in one lookup.
    pub fn key_with_owner(&self, secret_id: &str) -> Option<(Arc<StoredKey>, Principal)> {
        let index = self.read();
        let key = index.keys.get(secret_id)?.clone();
        let owner = index.principals.get(&key.owner_uin)?.clone();
        Some((key, owner))
    }

    /// The keys of one owner, oldest first.
    pub fn keys_of(&self, owner_uin: u64) -> Vec<Arc<StoredKey>> {
        self.read()
            .by_owner
            .get(&owner_uin)
            .map(|keys| keys.iter().map(|(_, key)| Arc::clone(key)).collect())
            .unwrap_or_default()
    }
}
