//! The policy actions: `CreatePolicy`, `GetPolicy`, `ListPolicies`, attaching and detaching
//! policies to users and groups, and what applies to a user — `ListAttachedUserPolicies`
//! (attached directly) and `ListAttachedUserAllPolicies` (directly and through groups).
//!
//! Attaching what is attached already changes nothing and succeeds; detaching what is not
//! attached is refused (`InvalidParameter.ParamError`). Preset policies exist in every account
//! and cannot be created (their names are taken).

use super::context::Ctx;
use super::paging::{self, MAX_PAGE};
use crate::cam::model::{
    ATTACH_TYPE_ALL, ATTACH_TYPE_DIRECT, ATTACH_TYPE_GROUPS, AttachGroupPolicy, AttachPolicyInfo,
    AttachUserPolicy, AttachedUserPolicy, AttachedUserPolicyGroupInfo, CREATE_MODE_SYNTAX,
    CreatePolicy, CreatePolicyResponse, DetachGroupPolicy, DetachUserPolicy, Empty, GetPolicy,
    GetPolicyResponse, ListAttachedUserAllPolicies, ListAttachedUserAllPoliciesResponse,
    ListAttachedUserPolicies, ListAttachedUserPoliciesResponse, ListPolicies, ListPoliciesResponse,
    POLICY_KIND_QCS, POLICY_KIND_USER, POLICY_TYPE_CUSTOM, POLICY_TYPE_PRESET, StrategyInfo, Tag,
};
use crate::server::dates::datetime;
use crate::server::error::{Code, ServerError, echo};
use crate::server::policy_document;
use crate::server::store::{AppliedPolicy, PolicyFilter, StoredPolicy, Tx};

/// Custom policies an account may have (`FailedOperation.PolicyFull`). The official definitions
/// give no numbers for this or the limits below; these are the server's own.
const MAX_CUSTOM_POLICIES: u64 = 1500;
/// Policies attached to one user or one group (`InvalidParameter.AttachmentFull`).
const MAX_ATTACHED: u64 = 200;
/// `InvalidParameter.DescriptionLengthOverlimit`: "不能大于300字节".
const DESCRIPTION_MAX_BYTES: usize = 300;
const MAX_TAGS: usize = 50;

/// 1 to 128 characters from `[A-Za-z0-9+=,.@_-]`, as documented.
fn check_policy_name(name: &str) -> Result<(), ServerError> {
    let ok = (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ServerError::new(
            Code::PolicyNameError,
            "A policy name has 1 to 128 letters, digits or +=,.@_- characters.",
        ))
    }
}

fn check_tags(tags: &[Tag]) -> Result<(), ServerError> {
    let ok = tags.len() <= MAX_TAGS
        && tags
            .iter()
            .all(|t| (1..=127).contains(&t.key.chars().count()) && t.value.chars().count() <= 255);
    if ok {
        Ok(())
    } else {
        Err(ServerError::new(
            Code::ParamError,
            format!(
                "At most {MAX_TAGS} tags, each with a key of 1 to 127 characters and a value of at most 255."
            ),
        ))
    }
}

pub fn create_policy(
    ctx: &Ctx<'_>,
    request: CreatePolicy,
) -> Result<CreatePolicyResponse, ServerError> {
    check_policy_name(&request.policy_name)?;
    let description = request.description.unwrap_or_default();
    if description.len() > DESCRIPTION_MAX_BYTES {
        return Err(ServerError::new(
            Code::DescriptionLengthOverlimit,
            format!("A policy description may be at most {DESCRIPTION_MAX_BYTES} bytes."),
        ));
    }
    check_tags(&request.tags)?;
    let document = policy_document::canonical(&request.policy_document)?;
    let now = ctx.meta.now;
    let id = ctx.mutate(|tx| {
        if tx.policy_name_taken(&request.policy_name)? {
            return Err(ServerError::new(
                Code::PolicyNameInUse,
                format!(
                    "A policy is already named {:?}.",
                    echo(&request.policy_name)
                ),
            ));
        }
        if tx.custom_policy_count()? >= MAX_CUSTOM_POLICIES {
            return Err(ServerError::new(
                Code::PolicyFull,
                format!("An account can have at most {MAX_CUSTOM_POLICIES} custom policies."),
            ));
        }
        let id = tx.next_policy_id()?;
        let policy = StoredPolicy {
            id,
            name: request.policy_name.clone(),
            policy_type: POLICY_TYPE_CUSTOM,
            description: description.clone(),
            service_type: None,
            tags: request.tags.clone(),
            created: now,
            updated: now,
        };
        tx.insert_policy(&policy, &document)?;
        Ok(id)
    })?;
    Ok(CreatePolicyResponse { policy_id: id })
}

/// A `PolicyId` of 0 names no policy (`InvalidParameter.PolicyIdError`).
fn check_policy_id(id: u64) -> Result<(), ServerError> {
    if id == 0 {
        Err(ServerError::new(
            Code::PolicyIdError,
            "PolicyId must be a policy's id, not 0.",
        ))
    } else {
        Ok(())
    }
}

/// A sub-user may read the policies that apply to it; root and administrators any.
pub fn get_policy(ctx: &Ctx<'_>, request: GetPolicy) -> Result<GetPolicyResponse, ServerError> {
    check_policy_id(request.policy_id)?;
    if !ctx.is_admin()
        && !ctx
            .store
            .policy_applies(request.policy_id, ctx.caller().uin)?
    {
        return Err(ServerError::unauthorized(&ctx.meta.action));
    }
    let (policy, document) = ctx
        .store
        .policy(request.policy_id)?
        .ok_or_else(|| policy_not_found(request.policy_id))?;
    Ok(GetPolicyResponse {
        policy_type: policy.policy_type,
        add_time: datetime(policy.created),
        update_time: datetime(policy.updated),
        policy_document: document,
        preset_alias: None,
        is_service_linked_role_policy: 0,
        tags: policy.tags,
        description: policy.description,
        policy_name: policy.name,
    })
}

fn policy_not_found(id: u64) -> ServerError {
    ServerError::new(
        Code::PolicyIdNotFound,
        format!("No policy has the id {id}."),
    )
}

pub fn list_policies(
    ctx: &Ctx<'_>,
    request: ListPolicies,
) -> Result<ListPoliciesResponse, ServerError> {
    let page = paging::page(request.page, request.rp, Some(MAX_PAGE), Code::ParamError)?;
    let policy_type = match request.scope.as_deref() {
        None | Some("All") => None,
        Some("QCS") => Some(POLICY_TYPE_PRESET),
        Some("Local") => Some(POLICY_TYPE_CUSTOM),
        Some(other) => {
            return Err(ServerError::new(
                Code::ScopeError,
                format!("Scope is All, QCS or Local, not {:?}.", echo(other)),
            ));
        }
    };
    let filter = PolicyFilter {
        policy_type,
        keyword: request.keyword.filter(|k| !k.is_empty()),
    };
    let (total, rows) = ctx.store.policies(&filter, page)?;
    let list = rows
        .into_iter()
        .map(|row| {
            let policy = row.policy;
            StrategyInfo {
                policy_id: policy.id,
                add_time: datetime(policy.created),
                policy_type: policy.policy_type,
                description: Some(policy.description),
                create_mode: CREATE_MODE_SYNTAX,
                attachments: row.users,
                service_type: policy.service_type,
                // Only set when a listing asks about one user or group, which this one cannot.
                is_attached: None,
                deactived: Some(0),
                deactived_detail: Some(Vec::new()),
                is_service_linked_policy: Some(0),
                attach_entity_count: Some(
                    i64::try_from(row.users + row.groups).unwrap_or(i64::MAX),
                ),
                attach_entity_boundary_count: Some(0),
                update_time: Some(datetime(policy.updated)),
                tags: Some(policy.tags),
                permission_level: None,
                policy_name: policy.name,
            }
        })
        .collect();
    Ok(ListPoliciesResponse {
        total_num: total,
        list,
        service_type_list: Vec::new(),
    })
}

fn user_not_found(uin: u64) -> ServerError {
    ServerError::new(
        Code::ResourceUserNotExist,
        format!("No sub-user or collaborator has the UIN {uin}."),
    )
}

fn group_not_found(id: u64) -> ServerError {
    ServerError::new(
        Code::ResourceGroupNotExist,
        format!("No user group has the id {id}."),
    )
}

fn attachment_full() -> ServerError {
    ServerError::new(
        Code::AttachmentFull,
        format!("A user or group can have at most {MAX_ATTACHED} policies attached."),
    )
}

fn not_attached(policy_id: u64, to: &str) -> ServerError {
    ServerError::new(
        Code::ParamError,
        format!("The policy {policy_id} is not attached to {to}."),
    )
}

/// Inside a detach: the policy exists (`InvalidParameter.PolicyIdNotExist`, as both detach
/// actions document it).
fn check_policy_exists(tx: &Tx<'_>, id: u64) -> Result<(), ServerError> {
    match tx.policy_type(id)? {
        Some(_) => Ok(()),
        None => Err(ServerError::new(
            Code::PolicyIdNotExist,
            format!("No policy has the id {id}."),
        )),
    }
}

pub fn attach_user_policy(ctx: &Ctx<'_>, request: AttachUserPolicy) -> Result<Empty, ServerError> {
    check_policy_id(request.policy_id)?;
    let (uin, id, now, operator) = (
        request.attach_uin,
        request.policy_id,
        ctx.meta.now,
        ctx.caller().uin,
    );
    ctx.mutate(|tx| {
        tx.user(uin)?.ok_or_else(|| user_not_found(uin))?;
        tx.policy_type(id)?.ok_or_else(|| policy_not_found(id))?;
        if tx.attach_user_policy(uin, id, now, operator)?
            && tx.user_policy_count(uin)? > MAX_ATTACHED
        {
            return Err(attachment_full());
        }
        Ok(())
    })?;
    Ok(Empty {})
}

pub fn detach_user_policy(ctx: &Ctx<'_>, request: DetachUserPolicy) -> Result<Empty, ServerError> {
    check_policy_id(request.policy_id)?;
    let (uin, id) = (request.detach_uin, request.policy_id);
    ctx.mutate(|tx| {
        tx.user(uin)?.ok_or_else(|| user_not_found(uin))?;
        check_policy_exists(tx, id)?;
        if tx.detach_user_policy(uin, id)? {
            Ok(())
        } else {
            Err(not_attached(id, &format!("the user {uin}")))
        }
    })?;
    Ok(Empty {})
}

pub fn attach_group_policy(
    ctx: &Ctx<'_>,
    request: AttachGroupPolicy,
) -> Result<Empty, ServerError> {
    check_policy_id(request.policy_id)?;
    let (group, id, now) = (request.attach_group_id, request.policy_id, ctx.meta.now);
    ctx.mutate(|tx| {
        if !tx.group_exists(group)? {
            return Err(group_not_found(group));
        }
        tx.policy_type(id)?.ok_or_else(|| policy_not_found(id))?;
        if tx.attach_group_policy(group, id, now)? && tx.group_policy_count(group)? > MAX_ATTACHED {
            return Err(attachment_full());
        }
        Ok(())
    })?;
    Ok(Empty {})
}

pub fn detach_group_policy(
    ctx: &Ctx<'_>,
    request: DetachGroupPolicy,
) -> Result<Empty, ServerError> {
    check_policy_id(request.policy_id)?;
    let (group, id) = (request.detach_group_id, request.policy_id);
    ctx.mutate(|tx| {
        if !tx.group_exists(group)? {
            return Err(group_not_found(group));
        }
        check_policy_exists(tx, id)?;
        if tx.detach_group_policy(group, id)? {
            Ok(())
        } else {
            Err(not_attached(id, &format!("the group {group}")))
        }
    })?;
    Ok(Empty {})
}

/// The policies attached to a user directly. Its documented codes name no missing user, so one
/// is `InvalidParameter.ParamError`.
pub fn list_attached_user_policies(
    ctx: &Ctx<'_>,
    request: ListAttachedUserPolicies,
) -> Result<ListAttachedUserPoliciesResponse, ServerError> {
    let uin = request.target_uin;
    ctx.check_readable(uin)?;
    let page = paging::page(request.page, request.rp, None, Code::ParamError)?;
    if ctx.store.user(uin)?.is_none() {
        return Err(ServerError::new(
            Code::ParamError,
            format!("No sub-user or collaborator has the UIN {uin}."),
        ));
    }
    let (total, rows) = ctx.store.direct_policies(uin, page)?;
    let owner = ctx.account.owner_uin.to_string();
    let list = rows
        .into_iter()
        .map(|row| AttachPolicyInfo {
            policy_id: row.policy.id,
            add_time: datetime(row.attached),
            create_mode: CREATE_MODE_SYNTAX,
            policy_type: if row.policy.is_preset() {
                POLICY_KIND_QCS
            } else {
                POLICY_KIND_USER
            }
            .to_owned(),
            remark: row.policy.description,
            operate_owner_uin: Some(owner.clone()),
            operate_uin: Some(row.operator_uin.to_string()),
            operate_uin_type: Some(0),
            deactived: 0,
            deactived_detail: Vec::new(),
            policy_name: row.policy.name,
        })
        .collect();
    Ok(ListAttachedUserPoliciesResponse {
        total_num: total,
        list,
    })
}

/// Every policy that applies to a user, one row per policy: `AddTime` is when it was attached
/// directly, else since when it has come through a group (the group got it and the user was in
/// the group); `Groups` the groups it comes through (none when only direct attachments are
/// asked for). Newest first.
pub fn list_attached_user_all_policies(
    ctx: &Ctx<'_>,
    request: ListAttachedUserAllPolicies,
) -> Result<ListAttachedUserAllPoliciesResponse, ServerError> {
    let uin = request.target_uin;
    ctx.check_readable(uin)?;
    let page = paging::page(
        Some(request.page),
        Some(request.rp),
        Some(MAX_PAGE),
        Code::ParamError,
    )?;
    let attach_type = request.attach_type;
    if attach_type > ATTACH_TYPE_GROUPS {
        return Err(ServerError::new(
            Code::ParamError,
            format!("AttachType is 0 (all), 1 (direct) or 2 (through groups), not {attach_type}."),
        ));
    }
    if let Some(other) = request
        .strategy_type
        .filter(|t| ![POLICY_TYPE_CUSTOM, POLICY_TYPE_PRESET].contains(t))
    {
        return Err(ServerError::new(
            Code::ParamError,
            format!("StrategyType is 1 (custom) or 2 (preset), not {other}."),
        ));
    }
    if ctx.store.user(uin)?.is_none() {
        return Err(user_not_found(uin));
    }
    let keyword = request.keyword.unwrap_or_default().to_lowercase();
    let mut rows: Vec<(i64, AttachedUserPolicy)> = ctx
        .store
        .applied_policies(uin)?
        .into_iter()
        .filter(|p| {
            request
                .strategy_type
                .is_none_or(|t| p.policy.policy_type == t)
        })
        .filter(|p| p.policy.name.to_lowercase().contains(&keyword))
        .filter_map(|p| applied_row(p, attach_type))
        .collect();
    rows.sort_by(|(a, x), (b, y)| b.cmp(a).then(x.policy_id.cmp(&y.policy_id)));
    let total = rows.len() as u64;
    let policy_list = rows
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit).unwrap_or(usize::MAX))
        .map(|(_, row)| row)
        .collect();
    Ok(ListAttachedUserAllPoliciesResponse {
        policy_list,
        total_num: total,
    })
}

/// The row of a policy for `AttachType`, with the time it sorts by; `None` if it does not apply
/// that way.
fn applied_row(applied: AppliedPolicy, attach_type: u64) -> Option<(i64, AttachedUserPolicy)> {
    let through_groups = applied.groups.iter().map(|(_, at)| *at).min();
    let (added, groups) = match attach_type {
        ATTACH_TYPE_DIRECT => (applied.direct?, Vec::new()),
        ATTACH_TYPE_GROUPS => (through_groups?, applied.groups),
        ATTACH_TYPE_ALL => (applied.direct.or(through_groups)?, applied.groups),
        _ => return None,
    };
    let policy = applied.policy;
    Some((
        added,
        AttachedUserPolicy {
            policy_id: policy.id,
            policy_name: policy.name,
            description: policy.description,
            add_time: datetime(added),
            strategy_type: policy.policy_type,
            create_mode: CREATE_MODE_SYNTAX,
            groups: groups
                .into_iter()
                .map(|(group, _)| AttachedUserPolicyGroupInfo {
                    group_id: group.id,
                    group_name: group.name,
                })
                .collect(),
            deactived: 0,
            deactived_detail: Vec::new(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_names() {
        for ok in [
            "a",
            "QcloudCOSReadOnlyAccess",
            "ci-deploy_v2",
            "a+b=c,d.e@f",
            &"x".repeat(128),
        ] {
            check_policy_name(ok).unwrap();
        }
        for bad in ["", "has space", "策略", "semi;colon", &"x".repeat(129)] {
            assert_eq!(
                check_policy_name(bad).unwrap_err().code(),
                Code::PolicyNameError,
                "{bad}"
            );
        }
    }
}
