//! What a handler sees of the server and of its request ([`Ctx`]), with the rules actions share:
//! who may touch whose keys, and who may read whose policies, groups and security settings.

use crate::server::audit::AuditWriter;
use crate::server::directory::{Directory, Principal, PrincipalKind};
use crate::server::error::{Code, ServerError};
use crate::server::request::RequestMeta;
use crate::server::store::{Account, Store, Tombstone, Tx};

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

    /// Runs `f` as one write transaction that commits with the request's audit record. It
    /// first checks, against the directory as the database has it inside the transaction (see
    /// [`Directory::mutate`]), that the signing key is still enabled and its owner still has
    /// the rights the request was let in with: another process may have disabled or deleted
    /// it since.
    pub fn mutate<T>(
        &self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        let caller = self.caller();
        let record = self.meta.record(None);
        self.directory.mutate(self.store, Some(&record), |tx| {
            let (_, owner) = self
                .directory
                .key_with_owner(&self.meta.secret_id)
                .filter(|(key, owner)| key.active && owner.uin == caller.uin)
                .ok_or_else(ServerError::secret_id_not_found)?;
            if caller.is_admin && !owner.is_admin {
                return Err(ServerError::unauthorized(&self.meta.action));
            }
            f(tx)
        })
    }

    /// The tombstone of a key this request deletes, owned by `owner`.
    pub fn tombstone(&self, secret_id: &str, owner: &Principal) -> Tombstone {
        Tombstone {
            secret_id: secret_id.to_owned(),
            owner_uin: owner.uin,
            owner_name: owner.audit_name().to_owned(),
            deleted: self.meta.now,
        }
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
