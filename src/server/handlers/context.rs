//! What a handler sees of the server and of its request ([`Ctx`]), with the rules actions share:
//! who may touch whose keys, and who may read whose policies, groups and security settings.

use crate::server::audit::{AuditWriter, RETENTION};
use crate::server::directory::{Directory, Principal, PrincipalKind};
use crate::server::error::{Code, ServerError};
use crate::server::request::RequestMeta;
use crate::server::store::{Account, AuditRecord, Store, Tombstone};

/// What a handler sees: the server's parts and the request.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub directory: &'a Directory,
    pub audit: &'a AuditWriter,
    pub account: Account,
    pub meta: &'a RequestMeta,
}

impl Ctx<'_> {
    pub fn caller(&self) -> &Principal {
        &self.meta.caller
    }

    pub fn is_root(&self) -> bool {
        self.caller().kind == PrincipalKind::Root
    }

    /// Root, or an administrator: may manage and read anything.
    pub fn is_admin(&self) -> bool {
        self.is_root() || self.caller().is_admin
    }

    /// A sub-user may read what is its own (its policies, groups, security settings); root and
    /// administrators anyone's. Checked before whether `uin` exists, so nothing is learnt from
    /// a refusal.
    pub fn check_readable(&self, uin: u64) -> Result<(), ServerError> {
        if self.is_admin() || self.caller().uin == uin {
            Ok(())
        } else {
            Err(ServerError::unauthorized(&self.meta.action))
        }
    }

    fn owner_uin(&self) -> u64 {
        self.account.owner_uin
    }

    /// The audit record a successful mutation commits with.
    pub fn success_record(&self) -> AuditRecord {
        self.meta.record(None)
    }

    /// The tombstone of a key this request deletes, owned by `owner_uin` named `owner_name`.
    pub fn tombstone(&self, secret_id: &str, owner_uin: u64, owner_name: &str) -> Tombstone {
        Tombstone {
            secret_id: secret_id.to_owned(),
            owner_uin,
            owner_name: owner_name.to_owned(),
            deleted: self.meta.now,
        }
    }

    /// Keeps a deleted key's tombstone in memory for the audit retention.
    pub fn bury(&self, tombstone: Tombstone) {
        self.directory.bury(tombstone, self.forget_before());
    }

    /// Takes a deleted key out of the directory, keeping its tombstone.
    pub fn bury_key(&self, tombstone: Tombstone) {
        self.directory.bury_key(tombstone, self.forget_before());
    }

    /// Tombstones older than this (Unix seconds) are forgotten.
    fn forget_before(&self) -> i64 {
        self.meta.now - RETENTION.as_secs() as i64
    }

    /// Resolves `TargetUin` for the key actions: omitted (or 0, which the Terraform provider
    /// sends when it is unset) means the caller; a sub-user may not touch root's keys
    /// (`OperationDenied.SubUin`); only root and administrators may touch another user's; the
    /// target must exist (`InvalidParameter.UserNotExist`).
    pub fn key_target(&self, target_uin: Option<u64>) -> Result<u64, ServerError> {
        let caller = self.caller();
        let target = target_uin.filter(|uin| *uin != 0).unwrap_or(caller.uin);
        if target == caller.uin {
            return Ok(target);
        }
        if !self.is_root() {
            if target == self.owner_uin() {
                return Err(ServerError::new(
                    Code::SubUin,
                    "A sub-user may not operate on the root account's keys.",
                ));
            }
            if !caller.is_admin {
                return Err(ServerError::unauthorized(&self.meta.action));
            }
        }
        if !self.directory.has_principal(target) {
            return Err(ServerError::new(
                Code::InvalidParameterUserNotExist,
                format!("The user {target} does not exist."),
            ));
        }
        Ok(target)
    }
}
