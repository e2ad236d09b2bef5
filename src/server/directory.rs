//! The in-memory index the hot path reads: every key (SecretId → decrypted SecretKey, status,
//! owner), every principal (UIN → name, kind, administrator flag) and the tombstones of keys
//! deleted within the audit retention, so that authentication, its audit record and
//! `ListAccessKeys` need no query of their own.
//!
//! The database is the truth, and other processes may change it (the console and subcommands on
//! one sandbox, two `camtui serve` over one file). So the index follows the store's change log:
//! before each request [`Directory::catch_up`] compares the log's latest version with the one the
//! index reflects (one indexed lookup) and, if they differ, reads again just the rows that changed.
//! This process's own mutations go through [`Directory::mutate`], which applies what they
//! wrote as they commit, so the next request finds the index current.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use super::audit::RETENTION;
use super::error::ServerError;
use super::store::{
    Account, AuditRecord, Change, DirectoryChanges, ListedKey, Store, StoredKey, StoredUser,
    Tombstone, Tx,
};
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
    /// The version of the store's change log this reflects.
    version: u64,
    keys: HashMap<String, Arc<StoredKey>>,
    /// Each owner's keys, oldest first: by creation time, then by the order the database
    /// added them (`rowid`).
    by_owner: HashMap<u64, Vec<(i64, Arc<StoredKey>)>>,
    principals: HashMap<u64, Principal>,
    /// Keys deleted within the audit retention, so attempts with them are still audited.
    buried: HashMap<String, Tombstone>,
    /// How many tombstones there may be before the expired ones are swept out.
    sweep_at: usize,
}

impl Index {
    /// Makes the index say what `changes` say, and take their version. They must reach back to
    /// the index's version or further.
    fn apply(&mut self, changes: DirectoryChanges) {
        self.version = changes.version;
        if changes.complete {
            self.keys.clear();
            self.by_owner.clear();
            self.principals.retain(|_, p| p.kind == PrincipalKind::Root);
            self.buried.clear();
        }
        for change in changes.changes {
            match change {
                Change::User(user) => {
                    self.principals
                        .insert(user.uin, Principal::from_user(&user));
                }
                Change::UserGone(uin) => {
                    self.principals.remove(&uin);
                    for (_, key) in self.by_owner.remove(&uin).unwrap_or_default() {
                        self.keys.remove(&key.secret_id);
                    }
                }
                Change::Key(key) => {
                    self.remove_key(&key.key.secret_id);
                    self.insert_key(key);
                }
                Change::KeyStatus { secret_id, active } => self.set_active(&secret_id, active),
                Change::KeyGone {
                    secret_id,
                    tombstone,
                } => {
                    self.remove_key(&secret_id);
                    if let Some(tombstone) = tombstone {
                        self.remember(tombstone);
                    }
                }
            }
        }
    }

    fn insert_key(&mut self, ListedKey { key, rowid }: ListedKey) {
        // Root's key, created again.
        self.buried.remove(&key.secret_id);
        let key = Arc::new(key);
        let keys = self.by_owner.entry(key.owner_uin).or_default();
        keys.push((rowid, Arc::clone(&key)));
        keys.sort_by_key(|(rowid, key)| (key.created, *rowid));
        self.keys.insert(key.secret_id.clone(), key);
    }

    /// Replaces a key with a copy of another status, in its place.
    fn set_active(&mut self, secret_id: &str, active: bool) {
        let Some(old) = self.keys.get(secret_id) else {
            return;
        };
        let new = Arc::new(StoredKey {
            active,
            ..StoredKey::clone(old)
        });
        if let Some(listed) = self
            .by_owner
            .get_mut(&new.owner_uin)
            .and_then(|keys| keys.iter_mut().find(|(_, k)| k.secret_id == secret_id))
        {
            listed.1 = Arc::clone(&new);
        }
        self.keys.insert(new.secret_id.clone(), new);
    }

    fn remove_key(&mut self, secret_id: &str) {
        if let Some(key) = self.keys.remove(secret_id)
            && let Some(keys) = self.by_owner.get_mut(&key.owner_uin)
        {
            keys.retain(|(_, k)| k.secret_id != secret_id);
        }
    }

    /// Remembers a deleted key, and forgets those deleted before the audit retention but
    /// root's — in a sweep each time their number doubles, so memory follows the deletions of
    /// the retention period.
    fn remember(&mut self, tombstone: Tombstone) {
        self.buried.insert(tombstone.secret_id.clone(), tombstone);
        if self.buried.len() >= self.sweep_at {
            let forget_before = chrono::Utc::now().timestamp() - RETENTION.as_secs() as i64;
            let principals = &self.principals;
            self.buried.retain(|_, t| {
                t.deleted >= forget_before
                    || principals
                        .get(&t.owner_uin)
                        .is_some_and(|p| p.kind == PrincipalKind::Root)
            });
            self.sweep_at = (2 * self.buried.len()).max(1024);
        }
    }
}

#[derive(Debug)]
pub struct Directory {
    index: RwLock<Index>,
    /// The index's version, readable without the lock.
    version: AtomicU64,
    /// Held while catching up, so that requests arriving together read the changes once.
    catching_up: Mutex<()>,
    /// The announced count ([`Store::announced_changes`]) when the log was last looked at,
    /// and when that was (milliseconds since `born`).
    announced: AtomicU64,
    looked_at: AtomicU64,
    born: Instant,
}

/// How often the change log is looked at even when no change was announced: a writer that died
/// between its commit and its announcement (never answered) is seen within this.
const LOOK_AT_LEAST_EVERY: Duration = Duration::from_secs(1);

impl Directory {
    /// Every principal and key of the store, and root.
    pub fn load(store: &Store, account: Account) -> Result<Self, ServerError> {
        let announced = store.announced_changes().unwrap_or(0);
        let root = Principal::root(account);
        let mut index = Index::default();
        index.principals.insert(root.uin, root);
        index.apply(store.directory_changes(None)?);
        Ok(Self {
            version: AtomicU64::new(index.version),
            index: RwLock::new(index),
            catching_up: Mutex::new(()),
            announced: AtomicU64::new(announced),
            looked_at: AtomicU64::new(0),
            born: Instant::now(),
        })
    }

    /// Brings the index up to date with the database, whichever process changed it: a lookup
    /// of the change log's version when nothing changed, else a read of the changed rows. A
    /// request that starts after a commit's answer sees that commit.
    pub fn catch_up(&self, store: &Store) -> Result<(), ServerError> {
        // Read before the log, so that a change announced meanwhile is looked for next time.
        let announced = store.announced_changes();
        let now = u64::try_from(self.born.elapsed().as_millis()).unwrap_or(u64::MAX);
        let due = now.saturating_sub(self.looked_at.load(Ordering::Relaxed))
            >= LOOK_AT_LEAST_EVERY.as_millis() as u64;
        if announced == Some(self.announced.load(Ordering::Acquire)) && !due {
            return Ok(());
        }
        self.looked_at.store(now, Ordering::Relaxed);
        let latest = store.directory_version()?;
        if latest != self.version.load(Ordering::Acquire) {
            let _one = self
                .catching_up
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // Unless another request caught up while this one waited.
            let since = self.version.load(Ordering::Acquire);
            if since < latest {
                self.update(store.directory_changes(Some(since))?, false);
            }
        }
        // Only once the index holds them: a request that finds this number skips the log.
        if let Some(announced) = announced {
            self.announced.fetch_max(announced, Ordering::AcqRel);
        }
        Ok(())
    }

    /// Runs `f` as one of `store`'s mutations (see [`Store::mutate`]). Holding the database's
    /// write lock, it first takes in what other processes committed since the last catch-up:
    /// until the transaction ends nobody else can write, so `f` may decide against the index as
    /// against the database. What `f` writes is applied as soon as it commits.
    pub fn mutate<T>(
        &self,
        store: &Store,
        event: Option<&AuditRecord>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        store.mutate_then(
            event,
            |tx| {
                let since = self.version.load(Ordering::Acquire);
                let began = tx.directory_version()?;
                if began != since {
                    self.update(tx.directory_changes(Some(since))?, false);
                }
                let value = f(tx)?;
                Ok((value, tx.take_changes(began)))
            },
            |(value, written), announced| {
                self.update(written, true);
                // The index holds this change now: if the number before it is the last this
                // process looked at, no other change came between, and the next request need
                // not look at the log because of this one.
                if let Some(number) = announced {
                    let _ = self.announced.compare_exchange(
                        number.wrapping_sub(1),
                        number,
                        Ordering::AcqRel,
                        Ordering::Relaxed,
                    );
                }
                value
            },
        )
    }

    /// Applies changes read since the index's version at some moment, unless the index has
    /// moved past them since (versions only grow, so it then holds newer rows) — or `own`,
    /// what this process's transaction just wrote. Written while no other process had the
    /// database open, those are not in the log and keep the version the transaction began
    /// at: applied at that version too, after anything read from the log up to it, and never
    /// overwritten by rows read from the log at that version, which may be older.
    fn update(&self, changes: DirectoryChanges, own: bool) {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        if changes.version > index.version || (own && changes.version == index.version) {
            index.apply(changes);
            self.version.store(index.version, Ordering::Release);
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Index> {
        self.index.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn key(&self, secret_id: &str) -> Option<Arc<StoredKey>> {
        self.read().keys.get(secret_id).cloned()
    }

    pub fn principal(&self, uin: u64) -> Option<Principal> {
        self.read().principals.get(&uin).cloned()
    }

    pub fn has_principal(&self, uin: u64) -> bool {
        self.read().principals.contains_key(&uin)
    }

    /// A key's owner for the audit trail: of a key that exists (with the key), or of a key
    /// deleted within the audit retention (as the owner was then, if they are gone).
    pub fn audited_owner(&self, secret_id: &str) -> Option<(Option<Arc<StoredKey>>, Principal)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::Grants;

    const ACCOUNT: Account = Account {
        owner_uin: 100,
        app_id: 1,
    };

    fn user(uin: u64, name: &str) -> StoredUser {
        StoredUser {
            uin,
            uid: uin,
            kind: UserKind::SubUser,
            name: name.into(),
            nick_name: String::new(),
            remark: String::new(),
            console_login: 0,
            phone_num: String::new(),
            country_code: String::new(),
            email: String::new(),
            created: 0,
            last_login_ip: String::new(),
            last_login_time: None,
            is_admin: false,
        }
    }

    fn key(secret_id: &str, owner_uin: u64, created: i64) -> StoredKey {
        StoredKey {
            secret_id: secret_id.into(),
            owner_uin,
            active: true,
            secret_key: crate::cam::Secret::new("k"),
            description: None,
            created,
        }
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    fn tombstone(secret_id: &str, owner: &StoredUser) -> Tombstone {
        Tombstone {
            secret_id: secret_id.into(),
            owner_uin: owner.uin,
            owner_name: owner.name.clone(),
            deleted: now(),
        }
    }

    fn ids(keys: &[Arc<StoredKey>]) -> Vec<(&str, bool)> {
        keys.iter()
            .map(|k| (k.secret_id.as_str(), k.active))
            .collect()
    }

    /// Two stores over one file stand for two processes.
    fn two_stores() -> (tempfile::TempDir, Store, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cam.db");
        let here = Store::open(&path).unwrap();
        let there = Store::open(&path).unwrap();
        assert!(
            here.load_if_empty(ACCOUNT, &[], &[], &Grants::default(), &[])
                .unwrap()
        );
        (dir, here, there)
    }

    #[test]
    fn follows_what_another_store_commits() {
        let (_dir, here, there) = two_stores();
        let directory = Directory::load(&here, ACCOUNT).unwrap();
        assert!(directory.has_principal(ACCOUNT.owner_uin));

        there
            .mutate(None, |tx| {
                tx.insert_user(&user(7, "ann"))?;
                // Same second: listed in the order they were added, not by SecretId.
                tx.insert_key(&key("IKIDz", 7, 50))?;
                tx.insert_key(&key("IKIDa", 7, 50))
            })
            .unwrap();
        assert!(
            !directory.has_principal(7),
            "nothing read before catching up"
        );
        directory.catch_up(&here).unwrap();
        assert!(directory.has_principal(7));
        assert_eq!(
            ids(&directory.keys_of(7)),
            [("IKIDz", true), ("IKIDa", true)]
        );
        assert_eq!(directory.key_with_owner("IKIDa").unwrap().1.name, "ann");

        there
            .mutate(None, |tx| tx.set_key_active("IKIDz", false))
            .unwrap();
        directory.catch_up(&here).unwrap();
        assert_eq!(
            ids(&directory.keys_of(7)),
            [("IKIDz", false), ("IKIDa", true)]
        );

        there
            .mutate(None, |tx| tx.delete_user(&user(7, "ann"), now()))
            .unwrap();
        directory.catch_up(&here).unwrap();
        assert!(!directory.has_principal(7));
        assert!(directory.keys_of(7).is_empty());
        assert!(directory.key("IKIDa").is_none());
        assert!(directory.has_principal(ACCOUNT.owner_uin), "root stays");
        // Her keys' tombstones came along: attempts with them are still hers.
        let (key, owner) = directory.audited_owner("IKIDa").unwrap();
        assert!(key.is_none());
        assert_eq!((owner.uin, owner.name.as_str()), (7, "ann"));
    }

    #[test]
    fn its_own_mutation_brings_it_current_with_what_came_before() {
        let (_dir, here, there) = two_stores();
        let directory = Directory::load(&here, ACCOUNT).unwrap();
        there
            .mutate(None, |tx| tx.insert_user(&user(7, "ann")))
            .unwrap();
        directory
            .mutate(&here, None, |tx| tx.insert_key(&key("IKIDa", 7, 1)))
            .unwrap();
        assert!(directory.has_principal(7), "without catching up");
        assert_eq!(ids(&directory.keys_of(7)), [("IKIDa", true)]);
        assert_eq!(
            directory.version.load(Ordering::Acquire),
            here.directory_version().unwrap()
        );

        // A failed mutation changes nothing.
        let failed = directory.mutate(&here, None, |tx| {
            tx.delete_key(tombstone("IKIDa", &user(7, "ann")))?;
            Err::<(), _>(ServerError::Bug("on purpose"))
        });
        assert!(failed.is_err());
        assert!(directory.key("IKIDa").is_some());
        assert!(
            here.mutate(None, |tx| tx.key_owner("IKIDa"))
                .unwrap()
                .is_some()
        );
    }

    // A process's next request looked at the log after each change of its own, which its
    // index already held: a SQLite read transaction after every create and delete.
    #[test]
    fn only_another_process_s_announcement_makes_it_look_at_the_log() {
        let (_dir, here, there) = two_stores();
        let directory = Directory::load(&here, ACCOUNT).unwrap();
        let elsewhere = Directory::load(&there, ACCOUNT).unwrap();
        let up_to_date = |d: &Directory, store: &Store| {
            d.announced.load(Ordering::Acquire) == store.announced_changes().unwrap()
        };
        directory
            .mutate(&here, None, |tx| tx.insert_user(&user(7, "ann")))
            .unwrap();
        assert!(up_to_date(&directory, &here), "its own change");
        assert!(!up_to_date(&elsewhere, &there));
        elsewhere.catch_up(&there).unwrap();
        assert!(up_to_date(&elsewhere, &there) && elsewhere.has_principal(7));

        elsewhere
            .mutate(&there, None, |tx| tx.insert_key(&key("IKIDa", 7, 1)))
            .unwrap();
        directory
            .mutate(&here, None, |tx| tx.insert_key(&key("IKIDb", 7, 2)))
            .unwrap();
        assert!(
            !up_to_date(&directory, &here),
            "another change came between: the next request looks"
        );
        directory.catch_up(&here).unwrap();
        assert!(up_to_date(&directory, &here));
        assert_eq!(
            ids(&directory.keys_of(7)),
            [("IKIDa", true), ("IKIDb", true)]
        );
    }

    /// Everything the index holds, in a stable order.
    fn contents(directory: &Directory) -> String {
        let index = directory.read();
        let mut principals: Vec<_> = index.principals.values().collect();
        principals.sort_by_key(|p| p.uin);
        let mut owners: Vec<_> = index
            .by_owner
            .iter()
            .filter(|(_, k)| !k.is_empty())
            .collect();
        owners.sort_by_key(|(uin, _)| **uin);
        let keys: Vec<_> = owners
            .iter()
            .map(|(uin, keys)| {
                let keys: Vec<_> = keys
                    .iter()
                    .map(|(_, k)| {
                        let secret = k.secret_key.expose();
                        (&k.secret_id, k.active, secret, &k.description, k.created)
                    })
                    .collect();
                (uin, keys)
            })
            .collect();
        assert_eq!(
            index.keys.len(),
            owners.iter().map(|(_, k)| k.len()).sum::<usize>()
        );
        let mut buried: Vec<_> = index.buried.values().collect();
        buried.sort_by_key(|t| &t.secret_id);
        format!("{principals:?}\n{keys:?}\n{buried:?}")
    }

    #[test]
    fn what_its_mutations_apply_is_what_a_fresh_load_reads() {
        let (_dir, here, there) = two_stores();
        let directory = Directory::load(&here, ACCOUNT).unwrap();
        let mutate = |f: &dyn Fn(&Tx<'_>) -> Result<(), ServerError>| {
            directory.mutate(&here, None, f).unwrap();
            assert_eq!(
                contents(&directory),
                contents(&Directory::load(&here, ACCOUNT).unwrap())
            );
        };
        mutate(&|tx| {
            tx.insert_user(&user(7, "ann"))?;
            tx.insert_key(&key("IKIDz", 7, 5))?;
            tx.insert_key(&key("IKIDa", 7, 5))
        });
        mutate(&|tx| tx.set_key_active("IKIDz", false));
        mutate(&|tx| {
            let mut ann = user(7, "ann");
            ann.is_admin = true;
            tx.update_user(&ann)
        });
        mutate(&|tx| tx.reset_key("IKIDz", &crate::cam::Secret::new("new")));
        // Another process's change before this one's is taken in too.
        there
            .mutate(None, |tx| tx.insert_user(&user(8, "bob")))
            .unwrap();
        mutate(&|tx| tx.insert_key(&key("IKIDb", 8, 6)));
        mutate(&|tx| tx.delete_key(tombstone("IKIDa", &user(7, "ann"))));
        mutate(&|tx| tx.delete_user(&user(7, "ann"), now()));
        mutate(&|tx| tx.set_key_active("IKIDnone", false));
    }

    #[test]
    fn a_directory_behind_the_bounded_log_reloads_everything() {
        let (_dir, here, there) = two_stores();
        let directory = Directory::load(&here, ACCOUNT).unwrap();
        there
            .mutate(None, |tx| {
                tx.insert_user(&user(7, "ann"))?;
                tx.insert_key(&key("IKIDa", 7, 1))
            })
            .unwrap();
        // 70,000 more changes: the log no longer holds the ones that added ann and her key.
        there
            .mutate(None, |tx| {
                for i in 0..70_000 {
                    tx.set_key_active("IKIDa", i % 2 == 0)?;
                }
                Ok(())
            })
            .unwrap();
        directory.catch_up(&here).unwrap();
        assert!(directory.has_principal(7));
        assert_eq!(ids(&directory.keys_of(7)), [("IKIDa", false)]);
        assert!(directory.has_principal(ACCOUNT.owner_uin));
    }
}
