//! The user-group actions: `CreateGroup`, `ListGroups`, `AddUserToGroup`,
//! `RemoveUserFromGroup` and `ListGroupsForUser`. A membership names its user by `Uid` or `Uin`
//! (both: they must be the same user); a list of them is applied whole or not at all. Adding a
//! member again changes nothing; removing one who is not in the group is refused
//! (`FailedOperation`).

use super::context::Ctx;
use super::paging;
use crate::cam::model::{
    AddUserToGroup, CreateGroup, CreateGroupResponse, Empty, GroupIdOfUidInfo, GroupInfo,
    ListGroups, ListGroupsForUser, ListGroupsResponse, RemoveUserFromGroup,
};
use crate::server::dates::datetime;
use crate::server::error::{Code, ServerError, echo};
use crate::server::store::{StoredGroup, StoredUser, Tx};

/// User groups an account may have (`InvalidParameter.GroupFull`). The official definitions
/// give no numbers for this or the limits below; these are the server's own.
const MAX_GROUPS: u64 = 300;
/// Users in one group (`InvalidParameter.GroupUserFull`).
const MAX_GROUP_USERS: u64 = 100;
/// Groups one user is in (`InvalidParameter.UserGroupFull`).
const MAX_USER_GROUPS: u64 = 10;
/// Memberships one `AddUserToGroup` or `RemoveUserFromGroup` may name.
const MAX_INFO: usize = 50;
const MAX_REMARK_CHARS: usize = 255;

/// Group names: 1 to 64 characters — letters (any script, as `开发组`), digits and `+=,.@_-`.
/// The official definitions give no rule; this is the user names' rule.
fn check_group_name(name: &str) -> Result<(), ServerError> {
    let ok = (1..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "+=,.@_-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ServerError::new(
            Code::ParamError,
            "A group name has 1 to 64 letters, digits or +=,.@_- characters.",
        ))
    }
}

fn info(group: StoredGroup) -> GroupInfo {
    GroupInfo {
        group_id: group.id,
        group_name: group.name,
        create_time: datetime(group.created),
        remark: group.remark,
    }
}

pub fn create_group(
    ctx: &Ctx<'_>,
    request: CreateGroup,
) -> Result<CreateGroupResponse, ServerError> {
    check_group_name(&request.group_name)?;
    let remark = request.remark.unwrap_or_default();
    if remark.chars().count() > MAX_REMARK_CHARS {
        return Err(ServerError::new(
            Code::ParamError,
            format!("A group's remark may be at most {MAX_REMARK_CHARS} characters."),
        ));
    }
    let now = ctx.meta.now;
    let id = ctx.mutate(|tx| {
        if tx.group_name_taken(&request.group_name)? {
            return Err(ServerError::new(
                Code::GroupNameInUse,
                format!("A group is already named {:?}.", echo(&request.group_name)),
            ));
        }
        if tx.group_count()? >= MAX_GROUPS {
            return Err(ServerError::new(
                Code::GroupFull,
                format!("An account can have at most {MAX_GROUPS} user groups."),
            ));
        }
        let group = StoredGroup {
            id: tx.next_group_id()?,
            name: request.group_name.clone(),
            remark: remark.clone(),
            created: now,
        };
        tx.insert_group(&group)?;
        Ok(group.id)
    })?;
    Ok(CreateGroupResponse { group_id: id })
}

/// Its documented code is `FailedOperation` alone, so out-of-range paging is the common
/// `InvalidParameterValue`.
pub fn list_groups(ctx: &Ctx<'_>, request: ListGroups) -> Result<ListGroupsResponse, ServerError> {
    let page = paging::page(request.page, request.rp, None, Code::InvalidParameterValue)?;
    let keyword = request.keyword.filter(|k| !k.is_empty());
    let (total, groups) = ctx.store.groups(keyword.as_deref(), page)?;
    Ok(ListGroupsResponse {
        total_num: total,
        group_info: groups.into_iter().map(info).collect(),
    })
}

fn check_info(info: &[GroupIdOfUidInfo]) -> Result<(), ServerError> {
    if info.is_empty() || info.len() > MAX_INFO {
        return Err(ServerError::new(
            Code::InvalidParameter,
            format!("Info must name 1 to {MAX_INFO} memberships."),
        ));
    }
    if info.iter().any(|i| i.uid.is_none() && i.uin.is_none()) {
        return Err(ServerError::new(
            Code::UserUinAndUinNotAllNull,
            "Each membership names its user by Uid or Uin.",
        ));
    }
    Ok(())
}

fn user_not_found(item: &GroupIdOfUidInfo) -> ServerError {
    let by = match (item.uin, item.uid) {
        (Some(uin), _) => format!("the UIN {uin}"),
        (None, Some(uid)) => format!("the UID {uid}"),
        (None, None) => "no UIN or UID".to_owned(),
    };
    ServerError::new(
        Code::ResourceUserNotExist,
        format!("No sub-user or collaborator has {by}."),
    )
}

/// The user a membership names: by UIN, by UID, or by both when they agree.
fn member(
    item: &GroupIdOfUidInfo,
    by_uin: impl FnOnce(u64) -> Result<Option<StoredUser>, ServerError>,
    by_uid: impl FnOnce(u64) -> Result<Option<StoredUser>, ServerError>,
) -> Result<StoredUser, ServerError> {
    let user = match (item.uin, item.uid) {
        (Some(uin), uid) => by_uin(uin)?.filter(|u| uid.is_none_or(|uid| u.uid == uid)),
        (None, Some(uid)) => by_uid(uid)?,
        (None, None) => None,
    };
    user.ok_or_else(|| user_not_found(item))
}

/// Inside a mutation: the user a membership names, once its group is known to exist (a missing
/// group is `missing_group`, which the two actions document differently).
fn user_in_group(
    tx: &Tx<'_>,
    item: &GroupIdOfUidInfo,
    missing_group: Code,
) -> Result<StoredUser, ServerError> {
    let user = member(item, |uin| tx.user(uin), |uid| tx.user_by_uid(uid))?;
    if tx.group_exists(item.group_id)? {
        Ok(user)
    } else {
        Err(ServerError::new(
            missing_group,
            format!("No user group has the id {}.", item.group_id),
        ))
    }
}

pub fn add_user_to_group(ctx: &Ctx<'_>, request: AddUserToGroup) -> Result<Empty, ServerError> {
    check_info(&request.info)?;
    let now = ctx.meta.now;
    ctx.mutate(|tx| {
        for item in &request.info {
            let user = user_in_group(tx, item, Code::InvalidParameterGroupNotExist)?;
            let group = item.group_id;
            if !tx.add_member(group, user.uin, now)? {
                continue;
            }
            if tx.member_count(group)? > MAX_GROUP_USERS {
                return Err(ServerError::new(
                    Code::GroupUserFull,
                    format!("A group can have at most {MAX_GROUP_USERS} users."),
                ));
            }
            if tx.membership_count(user.uin)? > MAX_USER_GROUPS {
                return Err(ServerError::new(
                    Code::UserGroupFull,
                    format!(
                        "{} is in {MAX_USER_GROUPS} groups already, the most a user can be in.",
                        user.name
                    ),
                ));
            }
        }
        Ok(())
    })?;
    Ok(Empty {})
}

/// Its documented codes name no missing group, so one is `FailedOperation`, as is a user who
/// is not in the group.
pub fn remove_user_from_group(
    ctx: &Ctx<'_>,
    request: RemoveUserFromGroup,
) -> Result<Empty, ServerError> {
    check_info(&request.info)?;
    ctx.mutate(|tx| {
        for item in &request.info {
            let user = user_in_group(tx, item, Code::FailedOperation)?;
            let group = item.group_id;
            if !tx.remove_member(group, user.uin)? {
                return Err(ServerError::new(
                    Code::FailedOperation,
                    format!("{} is not in the group {group}.", user.name),
                ));
            }
        }
        Ok(())
    })?;
    Ok(Empty {})
}

/// The groups of the user named by `SubUin` or `Uid` (one of the two is required). A sub-user
/// may list its own; asking about anyone else, existing or not, is unauthorized.
pub fn list_groups_for_user(
    ctx: &Ctx<'_>,
    request: ListGroupsForUser,
) -> Result<ListGroupsResponse, ServerError> {
    let item = GroupIdOfUidInfo {
        group_id: 0,
        uid: request.uid,
        uin: request.sub_uin,
    };
    if item.uid.is_none() && item.uin.is_none() {
        return Err(ServerError::new(
            Code::MissingParameter,
            "Name the user by SubUin or Uid.",
        ));
    }
    let page = paging::page(request.page, request.rp, None, Code::InvalidParameterValue)?;
    let user = match member(
        &item,
        |uin| ctx.store.user(uin),
        |uid| ctx.store.user_by_uid(uid),
    ) {
        Ok(user) => user,
        Err(not_found) if ctx.is_admin() => return Err(not_found),
        Err(_) => return Err(ServerError::unauthorized(&ctx.meta.action)),
    };
    ctx.check_readable(user.uin)?;
    let (total, groups) = ctx.store.groups_of(user.uin, page)?;
    Ok(ListGroupsResponse {
        total_num: total,
        group_info: groups.into_iter().map(info).collect(),
    })
}
