//! The key actions: `ListAccessKeys`, `CreateAccessKey`, `UpdateAccessKey`, `DeleteAccessKey`
//! and `GetSecurityLastUsed` (spec §8.10–§8.14).

use super::context::Ctx;
use crate::cam::model::{
    AccessKey, AccessKeyDetail, CreateAccessKey, CreateAccessKeyResponse, DeleteAccessKey, Empty,
    GetSecurityLastUsed, GetSecurityLastUsedResponse, KeyStatus, LAST_USED_BATCH, ListAccessKeys,
    ListAccessKeysResponse, SecretIdLastUsed, UpdateAccessKey,
};
use crate::cam::model::{DESCRIPTION_MAX_CHARS, KEYS_PER_USER, is_description_char};
use crate::server::dates::{date, datetime};
use crate::server::error::{Code, ServerError, echo};
use crate::server::ids::{new_secret_id, new_secret_key};
use crate::server::store::{StoredKey, Tx};

fn status(active: bool) -> KeyStatus {
    if active {
        KeyStatus::Active
    } else {
        KeyStatus::Inactive
    }
}

pub fn list_access_keys(
    ctx: &Ctx<'_>,
    request: ListAccessKeys,
) -> Result<ListAccessKeysResponse, ServerError> {
    let target = ctx.key_target(request.target_uin)?;
    let access_keys = ctx
        .directory
        .keys_of(target)
        .iter()
        .map(|key| AccessKey {
            access_key_id: crate::cam::model::SecretId::from_wire(key.secret_id.clone()),
            status: status(key.active),
            create_time: datetime(key.created),
            description: key.description.clone(),
        })
        .collect();
    Ok(ListAccessKeysResponse { access_keys })
}

/// Checks a key description: at most 1024 letters, digits and `_+=,.@:/-` (the documented
/// pattern `[\w+=,.@:/-]*`), else `InvalidParameter.ParamError` (the one parameter code
/// `CreateAccessKey` documents). An empty one is no description.
fn check_description(description: Option<String>) -> Result<Option<String>, ServerError> {
    let Some(text) = description.filter(|d| !d.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(ServerError::new(
            Code::ParamError,
            format!("The Description may be at most {DESCRIPTION_MAX_CHARS} characters."),
        ));
    }
    if let Some(bad) = text.chars().find(|c| !is_description_char(*c)) {
        return Err(ServerError::new(
            Code::ParamError,
            format!("The Description may hold letters, digits and _+=,.@:/- only, not {bad:?}."),
        ));
    }
    Ok(Some(text))
}

/// Adds a new active key for `owner_uin` inside `tx`, refusing a third key.
pub fn insert_new_key(
    tx: &Tx<'_>,
    owner_uin: u64,
    description: Option<String>,
    now: i64,
) -> Result<StoredKey, ServerError> {
    if tx.key_count(owner_uin)? >= KEYS_PER_USER {
        return Err(ServerError::new(
            Code::AccessKeyOverLimit,
            format!("A user can have at most {KEYS_PER_USER} API keys."),
        ));
    }
    let mut secret_id = new_secret_id();
    while tx.secret_id_taken(&secret_id)? {
        secret_id = new_secret_id();
    }
    let key = StoredKey {
        secret_id,
        owner_uin,
        active: true,
        secret_key: new_secret_key(),
        description,
        created: now,
    };
    tx.insert_key(&key)?;
    Ok(key)
}

pub fn create_access_key(
    ctx: &Ctx<'_>,
    request: CreateAccessKey,
) -> Result<CreateAccessKeyResponse, ServerError> {
    let target = ctx.key_target(request.target_uin)?;
    let description = check_description(request.description)?;
    let key = ctx.mutate(|tx| {
        if !tx.uin_taken(target)? {
            return Err(user_not_exist(target));
        }
        insert_new_key(tx, target, description, ctx.meta.now)
    })?;
    Ok(CreateAccessKeyResponse {
        access_key: Some(AccessKeyDetail {
            access_key_id: crate::cam::model::SecretId::from_wire(key.secret_id),
            secret_access_key: key.secret_key,
            status: KeyStatus::Active,
            create_time: datetime(key.created),
            description: key.description,
        }),
    })
}

fn user_not_exist(uin: u64) -> ServerError {
    ServerError::new(
        Code::InvalidParameterUserNotExist,
        format!("The user {uin} does not exist."),
    )
}

/// Inside a mutation: the key exists and belongs to `target`.
fn check_key_of(tx: &Tx<'_>, secret_id: &str, target: u64) -> Result<(), ServerError> {
    match tx.key_owner(secret_id)? {
        None => Err(ServerError::new(
            Code::SecretNotExist,
            format!("The key {} does not exist.", echo(secret_id)),
        )),
        Some((owner, _)) if owner != target => Err(ServerError::new(
            Code::UinNotMatch,
            format!(
                "The key {} does not belong to user {target}.",
                echo(secret_id)
            ),
        )),
        Some(_) => Ok(()),
    }
}

pub fn update_access_key(ctx: &Ctx<'_>, request: UpdateAccessKey) -> Result<Empty, ServerError> {
    let target = ctx.key_target(request.target_uin)?;
    let active = request.status == KeyStatus::Active;
    let id = request.access_key_id.as_str();
    ctx.mutate(|tx| {
        check_key_of(tx, id, target)?;
        tx.set_key_active(id, active)
    })?;
    Ok(Empty {})
}

/// Deletes a key, enabled or not: the spec recommends allowing it; the console asks for the
/// key to be disabled first on its own side.
pub fn delete_access_key(ctx: &Ctx<'_>, request: DeleteAccessKey) -> Result<Empty, ServerError> {
    let target = ctx.key_target(request.target_uin)?;
    let id = request.access_key_id.as_str();
    ctx.mutate(|tx| {
        check_key_of(tx, id, target)?;
        // Inside the mutation the directory is the database: the key's owner is in it.
        let owner = ctx
            .directory
            .principal(target)
            .ok_or(ServerError::Bug("a key's owner is not in the directory"))?;
        tx.delete_key(ctx.tombstone(id, &owner))
    })?;
    Ok(Empty {})
}

pub fn get_security_last_used(
    ctx: &Ctx<'_>,
    request: GetSecurityLastUsed,
) -> Result<GetSecurityLastUsedResponse, ServerError> {
    let ids = request.secret_id_list;
    if ids.is_empty() || ids.len() > LAST_USED_BATCH {
        return Err(ServerError::new(
            Code::InvalidParameter,
            format!("SecretIdList must name 1 to {LAST_USED_BATCH} SecretIds."),
        ));
    }
    let caller = ctx.caller();
    let may_see_all = ctx.is_root() || caller.is_admin;
    let known = ids
        .iter()
        .map(|id| {
            let key = ctx.directory.key(id.as_str());
            if !may_see_all && key.as_ref().is_none_or(|k| k.owner_uin != caller.uin) {
                return Err(ServerError::unauthorized(&ctx.meta.action));
            }
            Ok(key.is_some())
        })
        .collect::<Result<Vec<_>, _>>()?;
    // The last use is in the audit trail, whichever process served it; this process's own
    // latest records may still be queued.
    ctx.audit.flush_blocking()?;
    let mut rows = Vec::with_capacity(ids.len());
    for (id, known) in ids.into_iter().zip(known) {
        let last_ms = if known {
            ctx.store
                .last_used(id.as_str())?
                .map(|seconds| seconds * 1000)
        } else {
            None
        };
        rows.push(SecretIdLastUsed {
            secret_id: id,
            last_used_date: last_ms.map(date),
            last_secret_used_date: last_ms,
        });
    }
    Ok(GetSecurityLastUsedResponse {
        secret_id_last_used_rows: rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions() {
        assert_eq!(check_description(None).unwrap(), None);
        assert_eq!(check_description(Some(String::new())).unwrap(), None);
        assert_eq!(
            check_description(Some("ci-key_01@build:/x=1,2.3+".into())).unwrap(),
            Some("ci-key_01@build:/x=1,2.3+".into())
        );
        assert_eq!(
            check_description(Some("部署密钥".into())).unwrap(),
            Some("部署密钥".into())
        );
        assert_eq!(
            check_description(Some("with space".into()))
                .unwrap_err()
                .code(),
            Code::ParamError
        );
        let longest = "密".repeat(1024);
        assert_eq!(
            check_description(Some(longest.clone())).unwrap(),
            Some(longest)
        );
        assert_eq!(
            check_description(Some("x".repeat(1025)))
                .unwrap_err()
                .code(),
            Code::ParamError
        );
    }
}
