//! Every action the server answers, as one table of one row per action: the handler and who
//! may call it. The rest comes from the handler's request type — its service, name and whether
//! it mutates from `cam::model::Action`, its parameters from its serde `Deserialize`
//! ([`schema`]) — and its typed response is what the client decodes, so client and server share
//! one model. Handlers live in `users`, `keys`, `policies`, `groups`, `security` and `events`,
//! and see the server through [`context`].
//!
//! A new action is a request and a response type in `cam::model`, a handler, and a row.

// Every handler has the table's shape `fn(&Ctx, Request) -> Result<Response, ServerError>`, even
// where a request is only read or cannot fail.
#![allow(clippy::needless_pass_by_value, clippy::unnecessary_wraps)]

pub mod context;
mod events;
mod groups;
mod keys;
mod paging;
mod policies;
mod security;
mod users;

use std::sync::LazyLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::directory::{Principal, PrincipalKind};
use super::error::{Code, ServerError, clip_quoted};
use super::params::{self, Input};
use super::schema::{self, Field};
use crate::cam::model::{Action, Service};
use context::Ctx;

/// Every action the server answers.
pub static ACTIONS: LazyLock<Vec<ActionSpec>> = LazyLock::new(|| {
    vec![
        ActionSpec::new(users::list_users, Access::Admin),
        ActionSpec::new(users::get_user, Access::Admin),
        ActionSpec::new(users::add_user, Access::Admin),
        ActionSpec::new(users::update_user, Access::Admin),
        ActionSpec::new(users::delete_user, Access::Admin),
        ActionSpec::new(users::list_collaborators, Access::Admin),
        ActionSpec::new(users::describe_sub_accounts, Access::Admin),
        ActionSpec::new(users::get_user_app_id, Access::Anyone).inline(),
        ActionSpec::new(keys::list_access_keys, Access::Own).inline(),
        ActionSpec::new(keys::create_access_key, Access::Own),
        ActionSpec::new(keys::update_access_key, Access::Own),
        ActionSpec::new(keys::delete_access_key, Access::Own),
        ActionSpec::new(keys::get_security_last_used, Access::Own),
        ActionSpec::new(policies::create_policy, Access::Admin),
        ActionSpec::new(policies::get_policy, Access::Own),
        ActionSpec::new(policies::list_policies, Access::Admin),
        ActionSpec::new(policies::attach_user_policy, Access::Admin),
        ActionSpec::new(policies::detach_user_policy, Access::Admin),
        ActionSpec::new(policies::attach_group_policy, Access::Admin),
        ActionSpec::new(policies::detach_group_policy, Access::Admin),
        ActionSpec::new(policies::list_attached_user_policies, Access::Own),
        ActionSpec::new(policies::list_attached_user_all_policies, Access::Own),
        ActionSpec::new(groups::create_group, Access::Admin),
        ActionSpec::new(groups::list_groups, Access::Admin),
        ActionSpec::new(groups::add_user_to_group, Access::Admin),
        ActionSpec::new(groups::remove_user_from_group, Access::Admin),
        ActionSpec::new(groups::list_groups_for_user, Access::Own),
        ActionSpec::new(security::describe_safe_auth_flag_coll, Access::Own),
        ActionSpec::new(security::set_mfa_flag, Access::Admin),
        ActionSpec::new(events::describe_events, Access::Admin),
        ActionSpec::new(events::look_up_events, Access::Admin),
    ]
});

/// Who may call an action (issue 3 §4, issue 14 §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any authenticated key.
    Anyone,
    /// Any key, on what is its own user's (its keys; its policies, groups and security
    /// settings to read); root and administrators on anyone's.
    Own,
    /// Root and administrators only.
    Admin,
}

impl Access {
    /// Whether `caller` may call an action with this access at all (handlers narrow `Own`).
    pub fn permits(self, caller: &Principal) -> bool {
        match self {
            Self::Anyone | Self::Own => true,
            Self::Admin => caller.kind == PrincipalKind::Root || caller.is_admin,
        }
    }
}

type Run = Box<dyn Fn(&Ctx<'_>, Value) -> Result<Vec<u8>, ServerError> + Send + Sync>;

/// One action of the table.
pub struct ActionSpec {
    pub service: Service,
    pub name: &'static str,
    pub mutates: bool,
    /// The documented requests a second (`camtui serve --real-limits`).
    pub per_second: u32,
    pub access: Access,
    /// Served from memory: run on the request's task rather than the blocking pool.
    pub inline: bool,
    pub fields: Vec<Field>,
    /// Decodes normalised parameters into the request type and runs the handler.
    run: Run,
    /// The decoding step of `run` alone.
    check: fn(Value) -> Result<(), ServerError>,
}

impl std::fmt::Debug for ActionSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionSpec")
            .field("service", &self.service)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl ActionSpec {
    /// The row of `handler`'s action, served on the blocking pool.
    fn new<A, R>(handler: fn(&Ctx<'_>, A) -> Result<R, ServerError>, access: Access) -> Self
    where
        A: Action<Response = R> + DeserializeOwned + 'static,
        R: Serialize + 'static,
    {
        Self {
            service: A::SERVICE,
            name: A::NAME,
            mutates: A::MUTATES,
            per_second: A::PER_SECOND,
            access,
            inline: false,
            fields: schema::fields_of::<A>(),
            run: Box::new(move |ctx, params| {
                let response = handler(ctx, typed(params)?)?;
                serde_json::to_vec(&response).map_err(ServerError::Encode)
            }),
            check: |params| typed::<A>(params).map(drop),
        }
    }

    fn inline(self) -> Self {
        Self {
            inline: true,
            ..self
        }
    }

    /// The router's steps from a request's parameters to the handler's input, as a pure
    /// function (for fuzzing and tests): `input` checked against the action's fields,
    /// normalised, and decoded into its typed request. Returns the normalised parameters.
    pub fn decode(&self, input: Input<'_>) -> Result<Value, ServerError> {
        let params = params::normalize(&self.fields, input)?;
        (self.check)(params.clone())?;
        Ok(params)
    }

    /// Runs the handler on normalised parameters (see [`params::normalize`]) and serialises
    /// its response.
    pub fn run(&self, ctx: &Ctx<'_>, params: Value) -> Result<Vec<u8>, ServerError> {
        (self.run)(ctx, params)
    }
}

/// The request type `A` from normalised parameters. A value the type refuses (e.g. `Status:
/// "Paused"`) is `InvalidParameterValue`.
fn typed<A: DeserializeOwned>(params: Value) -> Result<A, ServerError> {
    serde_json::from_value(params).map_err(|e| {
        ServerError::new(
            Code::InvalidParameterValue,
            clip_quoted(&format!(
                "A parameter has a value that is not allowed: {e}."
            )),
        )
    })
}

/// The action `name` of `service`.
pub fn find(service: Service, name: &str) -> Option<&'static ActionSpec> {
    ACTIONS
        .iter()
        .find(|a| a.service == service && a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::schema::Kind;

    fn render(fields: &[Field]) -> String {
        let field = |f: &Field| {
            let kind = match &f.kind {
                Kind::Str => "string".to_owned(),
                Kind::UInt => "uint".to_owned(),
                Kind::Int => "int".to_owned(),
                Kind::StrList => "[string]".to_owned(),
                Kind::UIntList => "[uint]".to_owned(),
                Kind::Object(members) => format!("{{{}}}", render(members)),
                Kind::Objects(members) => format!("[{{{}}}]", render(members)),
            };
            let optional = if f.required { "" } else { "?" };
            format!("{}{optional}: {kind}", f.name)
        };
        fields.iter().map(field).collect::<Vec<_>>().join(", ")
    }

    /// What the server accepts, derived from `cam::model`: a change here changes the protocol.
    #[test]
    fn the_table() {
        let rows: Vec<String> = ACTIONS
            .iter()
            .map(|a| {
                let mutates = if a.mutates { " mutates" } else { "" };
                let inline = if a.inline { " inline" } else { "" };
                let fields = if a.fields.is_empty() {
                    "-".to_owned()
                } else {
                    render(&a.fields)
                };
                let (service, name, access) = (a.service, a.name, a.access);
                format!("{service} {name}{mutates} {access:?}{inline}: {fields}")
            })
            .collect();
        insta::assert_snapshot!(rows.join("\n"), @r"
    cam ListUsers Admin: -
    cam GetUser Admin: Name: string
    cam AddUser mutates Admin: Name: string, Remark?: string, ConsoleLogin?: uint, UseApi?: uint, Password?: string, NeedResetPassword?: uint, PhoneNum?: string, CountryCode?: string, Email?: string, IsAdmin?: uint
    cam UpdateUser mutates Admin: Name: string, Remark?: string, ConsoleLogin?: uint, Password?: string, NeedResetPassword?: uint, PhoneNum?: string, CountryCode?: string, Email?: string, IsAdmin?: uint
    cam DeleteUser mutates Admin: Name: string, Force?: uint
    cam ListCollaborators Admin: Limit?: uint, Offset?: uint
    cam DescribeSubAccounts Admin: FilterSubAccountUin: [uint]
    cam GetUserAppId Anyone inline: -
    cam ListAccessKeys Own inline: TargetUin?: uint
    cam CreateAccessKey mutates Own: TargetUin?: uint, Description?: string
    cam UpdateAccessKey mutates Own: AccessKeyId: string, Status: string, TargetUin?: uint
    cam DeleteAccessKey mutates Own: AccessKeyId: string, TargetUin?: uint
    cam GetSecurityLastUsed Own: SecretIdList: [string]
    cam CreatePolicy mutates Admin: PolicyName: string, PolicyDocument: string, Description?: string, Tags?: [{Key: string, Value: string}]
    cam GetPolicy Own: PolicyId: uint
    cam ListPolicies Admin: Rp?: uint, Page?: uint, Scope?: string, Keyword?: string
    cam AttachUserPolicy mutates Admin: PolicyId: uint, AttachUin: uint
    cam DetachUserPolicy mutates Admin: PolicyId: uint, DetachUin: uint
    cam AttachGroupPolicy mutates Admin: PolicyId: uint, AttachGroupId: uint
    cam DetachGroupPolicy mutates Admin: PolicyId: uint, DetachGroupId: uint
    cam ListAttachedUserPolicies Own: TargetUin: uint, Page?: uint, Rp?: uint
    cam ListAttachedUserAllPolicies Own: TargetUin: uint, Rp: uint, Page: uint, AttachType: uint, StrategyType?: uint, Keyword?: string
    cam CreateGroup mutates Admin: GroupName: string, Remark?: string
    cam ListGroups Admin: Page?: uint, Rp?: uint, Keyword?: string
    cam AddUserToGroup mutates Admin: Info: [{GroupId: uint, Uid?: uint, Uin?: uint}]
    cam RemoveUserFromGroup mutates Admin: Info: [{GroupId: uint, Uid?: uint, Uin?: uint}]
    cam ListGroupsForUser Own: Uid?: uint, Rp?: uint, Page?: uint, SubUin?: uint
    cam DescribeSafeAuthFlagColl Own: SubUin: uint
    cam SetMfaFlag mutates Admin: OpUin?: uint, LoginFlag?: {Phone?: uint, Stoken?: uint, Wechat?: uint}, ActionFlag?: {Phone?: uint, Stoken?: uint, Wechat?: uint}
    cloudaudit DescribeEvents Admin: StartTime: uint, EndTime: uint, NextToken?: uint, MaxResults?: uint, LookupAttributes?: [{AttributeKey: string, AttributeValue?: string}], IsReturnLocation?: uint
    cloudaudit LookUpEvents Admin: StartTime: int, EndTime: int, LookupAttributes?: [{AttributeKey: string, AttributeValue?: string}], NextToken?: string, MaxResults?: int, Mode?: string
    ");
    }
}
