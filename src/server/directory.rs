//! The in-memory index the hot path reads: every key (SecretId → decrypted SecretKey, status,
//! owner, last use) and every principal (UIN → name, kind, administrator flag). Loaded from the
//! store at start and changed only by committed mutations, so authentication and
//! `ListAccessKeys` never touch SQL.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::store::{StoredKey, StoredUser, Tombstone};
use crate::cam::Secret;
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

    /// The name the audit trail shows (`root` for the account itself, as CloudAudit does).
    pub fn audit_name(&self) -> &str {
        if self.kind == PrincipalKind::Root {
            "root"
        } else {
            &self.name
        }
    }
}

/// One API key. Status and last use change in place; the rest never changes.
#[derive(Debug)]
pub struct KeyEntry {
    pub secret_id: String,
    pub owner_uin: u64,
    pub secret_key: Secret,
    pub description: Option<String>,
    pub created: i64,
    active: AtomicBool,
    /// Epoch milliseconds of the latest authenticated use; 0 = never.
    last_used_ms: AtomicI64,
}

impl KeyEntry {
    pub fn from_stored(key: StoredKey, last_used_ms: Option<i64>) -> Self {
        Self {
            secret_id: key.secret_id,
            owner_uin: key.owner_uin,
            secret_key: key.secret_key,
            description: key.description,
            created: key.created,
            active: AtomicBool::new(key.active),
            last_used_ms: AtomicI64::new(last_used_ms.unwrap_or(0)),
        }
    }

    pub fn is_active(&self) -> bool {
        self.active.load(Ordering::Acquire)
    }

    pub fn last_used_ms(&self) -> Option<i64> {
        Some(self.last_used_ms.load(Ordering::Relaxed)).filter(|ms| *ms > 0)
    }

    pub fn mark_used(&self, at_ms: i64) {
        self.last_used_ms.fetch_max(at_ms, Ordering::Relaxed);
    }
}

#[derive(Debug, Default)]
struct Index {
    keys: HashMap<String, Arc<KeyEntry>>,
    /// Each owner's SecretIds, oldest first.
    by_owner: HashMap<u64, Vec<String>>,
    principals: HashMap<u64, Principal>,
    /// Keys deleted within the audit retention, so attempts with them are still audited.
    buried: HashMap<String, Tombstone>,
    /// How many tombstones there may be before the expired ones are swept out.
    sweep_at: usize,
}

impl Index {
    /// Adds a key after its owner's others (keys come in creation order).
    fn insert_key(&mut self, key: KeyEntry) {
        self.by_owner
            .entry(key.owner_uin)
            .or_default()
            .push(key.secret_id.clone());
        self.keys.insert(key.secret_id.clone(), Arc::new(key));
    }
}

#[derive(Debug, Default)]
pub struct Directory {
    index: RwLock<Index>,
}

impl Directory {
    pub fn new(principals: Vec<Principal>, keys: Vec<KeyEntry>) -> Self {
        let directory = Self::default();
        {
            let mut index = directory.write();
            for principal in principals {
                index.principals.insert(principal.uin, principal);
            }
            let mut keys = keys;
            keys.sort_by(|a, b| (a.created, &a.secret_id).cmp(&(b.created, &b.secret_id)));
            for key in keys {
                index.insert_key(key);
            }
        }
        directory
    }

    fn read(&self) -> RwLockReadGuard<'_, Index> {
        self.index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Index> {
        self.index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn key(&self, secret_id: &str) -> Option<Arc<KeyEntry>> {
        self.read().keys.get(secret_id).cloned()
    }

    pub fn principal(&self, uin: u64) -> Option<Principal> {
        self.read().principals.get(&uin).cloned()
    }

    pub fn has_principal(&self, uin: u64) -> bool {
        self.read().principals.contains_key(&uin)
    }

    /// A key with its owner, in one lookup.
    pub fn key_with_owner(&self, secret_id: &str) -> Option<(Arc<KeyEntry>, Principal)> {
        let index = self.read();
        let key = index.keys.get(secret_id)?.clone();
        let owner = index.principals.get(&key.owner_uin)?.clone();
        Some((key, owner))
    }

    /// The keys of one owner, oldest first.
    pub fn keys_of(&self, owner_uin: u64) -> Vec<Arc<KeyEntry>> {
        let index = self.read();
        index
            .by_owner
            .get(&owner_uin)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| index.keys.get(id).cloned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn add_key(&self, key: KeyEntry) {
        self.write().insert_key(key);
    }

    pub fn set_key_active(&self, secret_id: &str, active: bool) {
        if let Some(key) = self.read().keys.get(secret_id) {
            key.active.store(active, Ordering::Release);
        }
    }

    pub fn remove_key(&self, secret_id: &str) {
        let mut index = self.write();
        if let Some(key) = index.keys.remove(secret_id)
            && let Some(ids) = index.by_owner.get_mut(&key.owner_uin)
        {
            ids.retain(|id| id != secret_id);
        }
    }

    /// A key's owner for the audit trail: of a key that exists (with the key), or of a key
    /// deleted within the audit retention (as the owner was then, if they are gone).
    pub fn audited_owner(&self, secret_id: &str) -> Option<(Option<Arc<KeyEntry>>, Principal)> {
        let index = self.read();
        if let Some(key) = index.keys.get(secret_id) {
            let owner = index.principals.get(&key.owner_uin)?;
            return Some((Some(Arc::clone(key)), owner.clone()));
        }
        let tombstone = index.buried.get(secret_id)?;
        let owner = index.principals.get(&tombstone.owner_uin).cloned();
        Some((
            None,
            owner.unwrap_or_else(|| Principal {
                uin: tombstone.owner_uin,
                name: tombstone.owner_name.clone(),
                kind: PrincipalKind::SubUser,
                is_admin: false,
            }),
        ))
    }

    /// Removes a deleted key and remembers it (see [`audited_owner`](Self::audited_owner)),
    /// in one write.
    pub fn bury_key(&self, tombstone: Tombstone, forget_before: i64) {
        let mut index = self.write();
        if let Some(key) = index.keys.remove(&tombstone.secret_id)
            && let Some(ids) = index.by_owner.get_mut(&key.owner_uin)
        {
            ids.retain(|id| *id != tombstone.secret_id);
        }
        Self::remember(&mut index, tombstone, forget_before);
    }

    /// Remembers a deleted key (see [`audited_owner`](Self::audited_owner)), and forgets
    /// those deleted before `forget_before` (Unix seconds) but root's — in a sweep each time
    /// their number doubles, so memory follows the deletions of the retention period.
    pub fn bury(&self, tombstone: Tombstone, forget_before: i64) {
        Self::remember(&mut self.write(), tombstone, forget_before);
    }

    fn remember(index: &mut Index, tombstone: Tombstone, forget_before: i64) {
        let Index {
            buried,
            principals,
            sweep_at,
            ..
        } = index;
        buried.insert(tombstone.secret_id.clone(), tombstone);
        if buried.len() >= *sweep_at {
            buried.retain(|_, t| {
                t.deleted >= forget_before
                    || principals
                        .get(&t.owner_uin)
                        .is_some_and(|p| p.kind == PrincipalKind::Root)
            });
            *sweep_at = (2 * buried.len()).max(1024);
        }
    }

    pub fn upsert_principal(&self, principal: Principal) {
        self.write().principals.insert(principal.uin, principal);
    }

    /// Removes a user and all of their keys.
    pub fn remove_principal(&self, uin: u64) {
        let mut index = self.write();
        index.principals.remove(&uin);
        for id in index.by_owner.remove(&uin).unwrap_or_default() {
            index.keys.remove(&id);
        }
    }
}
