//! The actions the server answers, as one table: service, name, parameters, who may call it,
//! and the typed handler (users, keys, events). Handlers take the typed request of
//! `cam::model` and return its typed response, so client and server share one model.

// Every handler has the table's shape `fn(&Ctx, Request) -> Result<Response, ServerError>`, even
// where a request is only read or cannot fail.
#![allow(clippy::needless_pass_by_value, clippy::unnecessary_wraps)]

pub mod context;
mod events;
mod keys;
mod users;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::directory::{Principal, PrincipalKind};
use super::error::{Code, ServerError};
use super::params::{self, Field, Input, Kind};
use crate::cam::model::Service;
use context::Ctx;

/// Who may call an action (issue 3 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any authenticated key.
    Anyone,
    /// Any key, on its own user's keys; root and administrators on anyone's.
    OwnKeys,
    /// Root and administrators only.
    Admin,
}

pub type Run = fn(&Ctx<'_>, Value) -> Result<Vec<u8>, ServerError>;
/// Decodes normalised parameters into the action's request type, and nothing else.
pub type Decode = fn(Value) -> Result<(), ServerError>;

/// One action of the table.
pub struct ActionSpec {
    pub service: Service,
    pub name: &'static str,
    pub mutates: bool,
    pub access: Access,
    /// Served from memory: run on the request's task rather than the blocking pool.
    pub inline: bool,
    pub fields: &'static [Field],
    pub run: Run,
    /// The decoding step of `run` alone (same request type, inferred from the same handler).
    pub decode: Decode,
}

impl std::fmt::Debug for ActionSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionSpec")
            .field("service", &self.service)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Decodes the normalised parameters into the action's request type, runs the handler and
/// serialises its response. A value the type refuses (e.g. `Status: "Paused"`) is
/// `InvalidParameterValue`.
fn typed<A, R>(
    ctx: &Ctx<'_>,
    params: Value,
    handler: fn(&Ctx<'_>, A) -> Result<R, ServerError>,
) -> Result<Vec<u8>, ServerError>
where
    A: DeserializeOwned,
    R: Serialize,
{
    let response = handler(ctx, decode(params)?)?;
    serde_json::to_vec(&response).map_err(|e| ServerError::Internal(e.to_string()))
}

fn decode<A: DeserializeOwned>(params: Value) -> Result<A, ServerError> {
    serde_json::from_value(params).map_err(|e| {
        ServerError::new(
            Code::InvalidParameterValue,
            format!("A parameter has a value that is not allowed: {e}."),
        )
    })
}

/// [`typed`]'s decoding without running `handler`, which only names the request type.
fn decoded<A, R>(
    params: Value,
    _handler: fn(&Ctx<'_>, A) -> Result<R, ServerError>,
) -> Result<(), ServerError>
where
    A: DeserializeOwned,
{
    decode::<A>(params).map(drop)
}

const LOOKUP_ATTRIBUTE: &[Field] = &[
    Field::required("AttributeKey", Kind::Str),
    Field::optional("AttributeValue", Kind::Str),
];

const USER_FIELDS: &[Field] = &[
    Field::required("Name", Kind::Str),
    Field::optional("Remark", Kind::Str),
    Field::optional("ConsoleLogin", Kind::UInt),
    Field::optional("Password", Kind::Str),
    Field::optional("NeedResetPassword", Kind::UInt),
    Field::optional("PhoneNum", Kind::Str),
    Field::optional("CountryCode", Kind::Str),
    Field::optional("Email", Kind::Str),
    // camtui extension: root may make a user an administrator.
    Field::optional("IsAdmin", Kind::UInt),
];

const ADD_USER_FIELDS: &[Field] = &[
    Field::required("Name", Kind::Str),
    Field::optional("Remark", Kind::Str),
    Field::optional("ConsoleLogin", Kind::UInt),
    Field::optional("UseApi", Kind::UInt),
    Field::optional("Password", Kind::Str),
    Field::optional("NeedResetPassword", Kind::UInt),
    Field::optional("PhoneNum", Kind::Str),
    Field::optional("CountryCode", Kind::Str),
    Field::optional("Email", Kind::Str),
    Field::optional("IsAdmin", Kind::UInt),
];

/// Every action the server answers.
pub static ACTIONS: &[ActionSpec] = &[
    ActionSpec {
        service: Service::Cam,
        name: "ListUsers",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[],
        run: |c, p| typed(c, p, users::list_users),
        decode: |p| decoded(p, users::list_users),
    },
    ActionSpec {
        service: Service::Cam,
        name: "GetUser",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[Field::required("Name", Kind::Str)],
        run: |c, p| typed(c, p, users::get_user),
        decode: |p| decoded(p, users::get_user),
    },
    ActionSpec {
        service: Service::Cam,
        name: "AddUser",
        mutates: true,
        access: Access::Admin,
        inline: false,
        fields: ADD_USER_FIELDS,
        run: |c, p| typed(c, p, users::add_user),
        decode: |p| decoded(p, users::add_user),
    },
    ActionSpec {
        service: Service::Cam,
        name: "UpdateUser",
        mutates: true,
        access: Access::Admin,
        inline: false,
        fields: USER_FIELDS,
        run: |c, p| typed(c, p, users::update_user),
        decode: |p| decoded(p, users::update_user),
    },
    ActionSpec {
        service: Service::Cam,
        name: "DeleteUser",
        mutates: true,
        access: Access::Admin,
        inline: false,
        fields: &[
            Field::required("Name", Kind::Str),
            Field::optional("Force", Kind::UInt),
        ],
        run: |c, p| typed(c, p, users::delete_user),
        decode: |p| decoded(p, users::delete_user),
    },
    ActionSpec {
        service: Service::Cam,
        name: "ListCollaborators",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[
            Field::optional("Limit", Kind::UInt),
            Field::optional("Offset", Kind::UInt),
        ],
        run: |c, p| typed(c, p, users::list_collaborators),
        decode: |p| decoded(p, users::list_collaborators),
    },
    ActionSpec {
        service: Service::Cam,
        name: "DescribeSubAccounts",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[Field::required("FilterSubAccountUin", Kind::UIntList)],
        run: |c, p| typed(c, p, users::describe_sub_accounts),
        decode: |p| decoded(p, users::describe_sub_accounts),
    },
    ActionSpec {
        service: Service::Cam,
        name: "GetUserAppId",
        mutates: false,
        access: Access::Anyone,
        inline: true,
        fields: &[],
        run: |c, p| typed(c, p, users::get_user_app_id),
        decode: |p| decoded(p, users::get_user_app_id),
    },
    ActionSpec {
        service: Service::Cam,
        name: "ListAccessKeys",
        mutates: false,
        access: Access::OwnKeys,
        inline: true,
        fields: &[Field::optional("TargetUin", Kind::UInt)],
        run: |c, p| typed(c, p, keys::list_access_keys),
        decode: |p| decoded(p, keys::list_access_keys),
    },
    ActionSpec {
        service: Service::Cam,
        name: "CreateAccessKey",
        mutates: true,
        access: Access::OwnKeys,
        inline: false,
        fields: &[
            Field::optional("TargetUin", Kind::UInt),
            Field::optional("Description", Kind::Str),
        ],
        run: |c, p| typed(c, p, keys::create_access_key),
        decode: |p| decoded(p, keys::create_access_key),
    },
    ActionSpec {
        service: Service::Cam,
        name: "UpdateAccessKey",
        mutates: true,
        access: Access::OwnKeys,
        inline: false,
        fields: &[
            Field::required("AccessKeyId", Kind::Str),
            Field::required("Status", Kind::Str),
            Field::optional("TargetUin", Kind::UInt),
        ],
        run: |c, p| typed(c, p, keys::update_access_key),
        decode: |p| decoded(p, keys::update_access_key),
    },
    ActionSpec {
        service: Service::Cam,
        name: "DeleteAccessKey",
        mutates: true,
        access: Access::OwnKeys,
        inline: false,
        fields: &[
            Field::required("AccessKeyId", Kind::Str),
            Field::optional("TargetUin", Kind::UInt),
        ],
        run: |c, p| typed(c, p, keys::delete_access_key),
        decode: |p| decoded(p, keys::delete_access_key),
    },
    ActionSpec {
        service: Service::Cam,
        name: "GetSecurityLastUsed",
        mutates: false,
        access: Access::OwnKeys,
        inline: true,
        fields: &[Field::required("SecretIdList", Kind::StrList)],
        run: |c, p| typed(c, p, keys::get_security_last_used),
        decode: |p| decoded(p, keys::get_security_last_used),
    },
    ActionSpec {
        service: Service::CloudAudit,
        name: "DescribeEvents",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[
            Field::required("StartTime", Kind::UInt),
            Field::required("EndTime", Kind::UInt),
            Field::optional("NextToken", Kind::UInt),
            Field::optional("MaxResults", Kind::UInt),
            Field::optional("LookupAttributes", Kind::Objects(LOOKUP_ATTRIBUTE)),
            Field::optional("IsReturnLocation", Kind::UInt),
        ],
        run: |c, p| typed(c, p, events::describe_events),
        decode: |p| decoded(p, events::describe_events),
    },
    ActionSpec {
        service: Service::CloudAudit,
        name: "LookUpEvents",
        mutates: false,
        access: Access::Admin,
        inline: false,
        fields: &[
            Field::required("StartTime", Kind::Int),
            Field::required("EndTime", Kind::Int),
            Field::optional("LookupAttributes", Kind::Objects(LOOKUP_ATTRIBUTE)),
            Field::optional("NextToken", Kind::Str),
            Field::optional("MaxResults", Kind::Int),
            Field::optional("Mode", Kind::Str),
        ],
        run: |c, p| typed(c, p, events::look_up_events),
        decode: |p| decoded(p, events::look_up_events),
    },
];

/// What the router does with a request's parameters before the handler runs, as a pure
/// function (for fuzzing and tests): `input` checked against the action's fields, normalised,
/// and decoded into its typed request. Returns the normalised parameters.
pub fn decode_request(spec: &ActionSpec, input: Input<'_>) -> Result<Value, ServerError> {
    let params = params::normalize(spec.fields, input)?;
    (spec.decode)(params.clone())?;
    Ok(params)
}

/// The action `name` of `service`.
pub fn find(service: Service, name: &str) -> Option<&'static ActionSpec> {
    ACTIONS
        .iter()
        .find(|a| a.service == service && a.name == name)
}

/// Whether `caller` may call an action with this access at all (handlers narrow `OwnKeys`).
pub fn permitted(caller: &Principal, access: Access) -> bool {
    match access {
        Access::Anyone | Access::OwnKeys => true,
        Access::Admin => caller.kind == PrincipalKind::Root || caller.is_admin,
    }
}
