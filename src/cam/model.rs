//! Request and response types of the CAM (2019-01-16) and CloudAudit (2019-03-19) actions camtui
//! uses, one pair per action (spec §8, §9, §14). Responses decode leniently (numbers as strings,
//! `null`, unknown fields); both sides serialise, so the bundled server answers with these types,
//! and requests deserialise too, so the server decodes them with the same definitions.

use serde::{Deserialize, Serialize};

use super::credential::Secret;
use super::de::{
    EventTime, beijing, expose_opt_secret, expose_secret, i64_lenient, opt_u64_lenient,
    secret_lenient, string_lenient, u64_as_string, u64_lenient,
};

/// The API a request goes to: its credential-scope name and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Cam,
    CloudAudit,
}

impl Service {
    pub const ALL: [Service; 2] = [Service::Cam, Service::CloudAudit];

    pub fn name(self) -> &'static str {
        match self {
            Self::Cam => "cam",
            Self::CloudAudit => "cloudaudit",
        }
    }

    pub fn version(self) -> &'static str {
        match self {
            Self::Cam => "2019-01-16",
            Self::CloudAudit => "2019-03-19",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The regions a regional service answers in (the public API documentation's list), or
    /// `None` for a global one: CAM takes no region, CloudAudit requires one of these.
    pub fn regions(self) -> Option<&'static [&'static str]> {
        match self {
            Self::Cam => None,
            Self::CloudAudit => Some(&[
                "ap-guangzhou",
                "ap-hongkong",
                "ap-seoul",
                "ap-singapore",
                "ap-tokyo",
                "eu-frankfurt",
            ]),
        }
    }

    /// The `X-TC-Region` a request to this service carries, given the configured region: a
    /// global service the configured one, if any; a regional one the configured one when it
    /// answers there, else its first region (`ap-guangzhou`), never none.
    pub fn region(self, configured: Option<&str>) -> Option<&str> {
        let configured = configured.filter(|r| !r.is_empty());
        match self.regions() {
            None => configured,
            Some(regions) => Some(
                configured
                    .filter(|r| regions.contains(r))
                    .unwrap_or(regions[0]),
            ),
        }
    }
}

impl std::fmt::Display for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A SecretId (CAM's `AccessKeyId`): the public half of an API key, `AKID…` on the China site and
/// `IKID…` on the international one (spec §15). Not a secret: it is shown, copied and logged.
/// Decoding accepts any string (a server answers whatever id it was asked about); [`Self::parse`]
/// is for text a person typed or pasted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct SecretId(String);

impl SecretId {
    /// `text` if it looks like a SecretId: `AKID` or `IKID` followed by letters and digits, 16 to
    /// 128 characters in all (real ones have 36).
    pub fn parse(text: &str) -> Option<Self> {
        let shaped = (text.starts_with("AKID") || text.starts_with("IKID"))
            && (16..=128).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric());
        shaped.then(|| Self(text.to_owned()))
    }

    /// An id taken as it is, unchecked: as a server sent it, as it is stored, or as a person
    /// named it to be passed on (`camtui keys disable USER ID`: the server says if it knows it).
    pub fn from_wire(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last `n` characters, as the typed delete confirmation asks for them.
    pub fn tail(&self, n: usize) -> &str {
        let start = self.0.char_indices().rev().take(n).last();
        &self.0[start.map_or(self.0.len(), |(i, _)| i)..]
    }
}

impl std::fmt::Display for SecretId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<SecretId> for String {
    fn from(id: SecretId) -> Self {
        id.0
    }
}

impl AsRef<str> for SecretId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SecretId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for SecretId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for SecretId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<&str> for SecretId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Leniently, as real servers write ids (a string, a number's digits, `null` as empty), but a
/// missing field stays missing: the server derives which parameters are required from this.
impl<'de> Deserialize<'de> for SecretId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Lenient;
        impl serde::de::Visitor<'_> for Lenient {
            type Value = SecretId;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a SecretId")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecretId, E> {
                Ok(SecretId(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<SecretId, E> {
                Ok(SecretId(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SecretId, E> {
                Ok(SecretId(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SecretId, E> {
                Ok(SecretId(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<SecretId, E> {
                Ok(SecretId::default())
            }
        }
        d.deserialize_any(Lenient)
    }
}

/// A typed action: its name, service, whether it changes anything, and its response type.
pub trait Action: Serialize {
    const NAME: &'static str;
    const SERVICE: Service;
    /// Mutations are never retried blindly.
    const MUTATES: bool;
    /// The most requests a second the public API allows an account (the documented limits of
    /// CAM's and CloudAudit's "API Category" pages): `camtui serve --real-limits` enforces it.
    const PER_SECOND: u32;
    type Response: for<'de> Deserialize<'de>;
}

macro_rules! action {
    ($request:ty => $response:ty, $service:ident, $name:literal, mutates: $mutates:literal, per_second: $per_second:literal) => {
        impl Action for $request {
            const NAME: &'static str = $name;
            const SERVICE: Service = Service::$service;
            const MUTATES: bool = $mutates;
            const PER_SECOND: u32 = $per_second;
            type Response = $response;
        }
    };
}

// ───────────────────────────── users ─────────────────────────────

/// A sub-user or collaborator, as `ListUsers` and `ListCollaborators` return it (spec §8.1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SubAccountInfo {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uin: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub name: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uid: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub remark: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub console_login: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub phone_num: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub country_code: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub email: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub create_time: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub nick_name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListUsers {}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    #[serde(default, deserialize_with = "vec_or_null")]
    pub data: Vec<SubAccountInfo>,
}
action!(ListUsers => ListUsersResponse, Cam, "ListUsers", mutates: false, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUser {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uin: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub name: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uid: u64,
    #[serde(default)]
    pub remark: Option<String>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub console_login: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub phone_num: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub country_code: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub email: String,
    #[serde(
        rename = "RecentlyLoginIP",
        deserialize_with = "string_lenient",
        default
    )]
    pub recently_login_ip: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub recently_login_time: String,
}
action!(GetUser => GetUserResponse, Cam, "GetUser", mutates: false, per_second: 20);

/// `AddUser`. `IsAdmin` is a camtui extension that only camtui's server reads, and only from root.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddUser {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_login: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_api: Option<u64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_opt_secret"
    )]
    pub password: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_reset_password: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddUserResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uin: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub name: String,
    #[serde(
        deserialize_with = "secret_lenient",
        serialize_with = "expose_secret",
        default = "empty_secret"
    )]
    pub password: Secret,
    #[serde(default)]
    pub secret_id: SecretId,
    #[serde(
        deserialize_with = "secret_lenient",
        serialize_with = "expose_secret",
        default = "empty_secret"
    )]
    pub secret_key: Secret,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uid: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_num_verify_link: Option<String>,
}
action!(AddUser => AddUserResponse, Cam, "AddUser", mutates: true, per_second: 20);

/// `UpdateUser`; `IsAdmin` as in [`AddUser`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUser {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_login: Option<u64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "expose_opt_secret"
    )]
    pub password: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_reset_password: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<u64>,
}

/// A response that carries nothing but its `RequestId`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Empty {}

action!(UpdateUser => Empty, Cam, "UpdateUser", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteUser {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force: Option<u64>,
}
action!(DeleteUser => Empty, Cam, "DeleteUser", mutates: true, per_second: 20);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListCollaborators {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListCollaboratorsResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub total_num: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub data: Vec<SubAccountInfo>,
}
action!(ListCollaborators => ListCollaboratorsResponse, Cam, "ListCollaborators", mutates: false, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeSubAccounts {
    pub filter_sub_account_uin: Vec<u64>,
}

/// At most this many API keys per sub-user or collaborator, Active and Inactive alike
/// (`OperationDenied.AccessKeyOverLimit`, spec §8.11).
pub const KEYS_PER_USER: usize = 2;

/// The longest key description `CreateAccessKey` takes, in characters: its documented limit,
/// "长度在1到1024之间".
pub const DESCRIPTION_MAX_CHARS: usize = 1024;

/// Whether `c` may be part of a key description: letters, digits and `_+=,.@:/-` (the
/// documented pattern `[\w+=,.@:/-]*`).
pub fn is_description_char(c: char) -> bool {
    c.is_alphanumeric() || "_+=,.@:/-".contains(c)
}

/// The two kinds of user whose API keys camtui manages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserKind {
    SubUser,
    Collaborator,
}

impl UserKind {
    /// The word the console uses.
    pub fn label(self) -> &'static str {
        match self {
            Self::SubUser => "Sub-user",
            Self::Collaborator => "Collaborator",
        }
    }

    pub fn is_collaborator(self) -> bool {
        self == Self::Collaborator
    }

    /// Its `UserType` number (spec §8.1).
    pub fn user_type(self) -> u64 {
        match self {
            Self::SubUser => USER_TYPE_SUB_USER,
            Self::Collaborator => USER_TYPE_COLLABORATOR,
        }
    }

    /// The kind of a `UserType` number; every type but collaborators is a kind of sub-user.
    pub fn from_user_type(user_type: u64) -> Self {
        if user_type == USER_TYPE_COLLABORATOR {
            Self::Collaborator
        } else {
            Self::SubUser
        }
    }
}

/// A sub-user or collaborator as the user lists give it (`ListUsers`, `ListCollaborators`): a
/// row of the console's User List and of `camtui users`. It serialises as `camtui users` prints
/// it (docs/json-output.md); the contact fields are for the console's User Details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub name: String,
    pub uin: u64,
    pub uid: u64,
    #[serde(rename = "type")]
    pub kind: UserKind,
    pub remark: String,
    pub console_login: bool,
    /// `YYYY-MM-DD HH:MM:SS`, Beijing time, as CAM gives it.
    pub created: String,
    #[serde(skip)]
    pub phone: String,
    #[serde(skip)]
    pub country_code: String,
    #[serde(skip)]
    pub email: String,
}

impl User {
    pub fn new(info: SubAccountInfo, kind: UserKind) -> Self {
        Self {
            name: info.name,
            uin: info.uin,
            uid: info.uid,
            kind,
            remark: info.remark,
            console_login: info.console_login == 1,
            created: info.create_time,
            phone: info.phone_num,
            country_code: info.country_code,
            email: info.email,
        }
    }
}

/// `UserType` of [`SubAccountUser`]: 2 sub-user, 3 WeCom sub-user, 4 collaborator, 5 message receiver.
pub const USER_TYPE_SUB_USER: u64 = 2;
pub const USER_TYPE_COLLABORATOR: u64 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SubAccountUser {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uin: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub name: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub uid: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub remark: String,
    #[serde(default)]
    pub create_time: Option<String>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub user_type: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub last_login_ip: String,
    #[serde(default)]
    pub last_login_time: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeSubAccountsResponse {
    #[serde(default, deserialize_with = "vec_or_null")]
    pub sub_accounts: Vec<SubAccountUser>,
}
action!(DescribeSubAccounts => DescribeSubAccountsResponse, Cam, "DescribeSubAccounts", mutates: false, per_second: 20);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GetUserAppId {}

/// The calling identity. `Uin` and `OwnerUin` are strings on the wire (spec §8.9).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAppIdResponse {
    #[serde(deserialize_with = "string_lenient", default)]
    pub uin: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub owner_uin: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub app_id: u64,
}
action!(GetUserAppId => GetUserAppIdResponse, Cam, "GetUserAppId", mutates: false, per_second: 20);

// ───────────────────────────── access keys ─────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyStatus {
    Active,
    Inactive,
}

impl KeyStatus {
    /// The word the console uses.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Enabled",
            Self::Inactive => "Disabled",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKey {
    pub access_key_id: SecretId,
    pub status: KeyStatus,
    #[serde(deserialize_with = "string_lenient", default)]
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessKeys {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_uin: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessKeysResponse {
    #[serde(default, deserialize_with = "vec_or_null")]
    pub access_keys: Vec<AccessKey>,
}
action!(ListAccessKeys => ListAccessKeysResponse, Cam, "ListAccessKeys", mutates: false, per_second: 20);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateAccessKey {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_uin: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A new key with its SecretKey: the only time the SecretKey is ever seen (spec §8.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyDetail {
    pub access_key_id: SecretId,
    #[serde(deserialize_with = "secret_lenient", serialize_with = "expose_secret")]
    pub secret_access_key: Secret,
    pub status: KeyStatus,
    #[serde(deserialize_with = "string_lenient", default)]
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateAccessKeyResponse {
    #[serde(default)]
    pub access_key: Option<AccessKeyDetail>,
}
action!(CreateAccessKey => CreateAccessKeyResponse, Cam, "CreateAccessKey", mutates: true, per_second: 5);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAccessKey {
    pub access_key_id: SecretId,
    pub status: KeyStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_uin: Option<u64>,
}
action!(UpdateAccessKey => Empty, Cam, "UpdateAccessKey", mutates: true, per_second: 5);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteAccessKey {
    pub access_key_id: SecretId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_uin: Option<u64>,
}
action!(DeleteAccessKey => Empty, Cam, "DeleteAccessKey", mutates: true, per_second: 5);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSecurityLastUsed {
    pub secret_id_list: Vec<SecretId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecretIdLastUsed {
    pub secret_id: SecretId,
    /// `YYYY-MM-DD`; `None` when never used.
    #[serde(default)]
    pub last_used_date: Option<String>,
    /// Epoch milliseconds; `None` when never used.
    #[serde(default, deserialize_with = "opt_i64_lenient")]
    pub last_secret_used_date: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetSecurityLastUsedResponse {
    #[serde(default, deserialize_with = "vec_or_null")]
    pub secret_id_last_used_rows: Vec<SecretIdLastUsed>,
}
action!(GetSecurityLastUsed => GetSecurityLastUsedResponse, Cam, "GetSecurityLastUsed", mutates: false, per_second: 20);

/// The most SecretIds one `GetSecurityLastUsed` call takes.
pub const LAST_USED_BATCH: usize = 10;

/// When a key was last used, as precisely as `GetSecurityLastUsed` tells it: the moment, or only
/// the day (`LastUsedDate`, which the public cloud fills a day late, spec §8.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastUse {
    /// Unix seconds.
    At(i64),
    /// Unix seconds of the day's start, Beijing time.
    Day(i64),
}

impl LastUse {
    /// Unix seconds: the moment, or the start of the day.
    pub fn unix(self) -> i64 {
        match self {
            Self::At(secs) | Self::Day(secs) => secs,
        }
    }

    /// The latest moment it may have been: the moment, or the end of the day.
    pub fn latest(self) -> i64 {
        match self {
            Self::At(secs) => secs,
            Self::Day(start) => start + 24 * 3600 - 1,
        }
    }

    /// `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` when only the day is known (Beijing time).
    pub fn text(self) -> String {
        let format = match self {
            Self::At(_) => "%Y-%m-%d %H:%M:%S",
            Self::Day(_) => "%Y-%m-%d",
        };
        chrono::DateTime::from_timestamp(self.unix(), 0).map_or_else(
            || self.unix().to_string(),
            |t| t.with_timezone(&beijing()).format(format).to_string(),
        )
    }
}

impl SecretIdLastUsed {
    /// The last use, `None` when never used.
    pub fn last_use(&self) -> Option<LastUse> {
        if let Some(ms) = self.last_secret_used_date.filter(|ms| *ms > 0) {
            return Some(LastUse::At(ms / 1000));
        }
        let day = self.last_used_date.as_deref()?;
        chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)?
            .and_local_timezone(beijing())
            .single()
            .map(|t| LastUse::Day(t.timestamp()))
    }
}

// ───────────────────────────── policies ─────────────────────────────

/// `Type` of a policy (`StrategyInfo`, `GetPolicy`) and `StrategyType` of an attachment.
pub const POLICY_TYPE_CUSTOM: u64 = 1;
pub const POLICY_TYPE_PRESET: u64 = 2;
/// `CreateMode` of a policy written in the policy syntax (every policy this server keeps).
pub const CREATE_MODE_SYNTAX: u64 = 2;

/// A tag on a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    #[serde(deserialize_with = "string_lenient")]
    pub key: String,
    #[serde(deserialize_with = "string_lenient")]
    pub value: String,
}

/// `CreatePolicy`. The document is JSON text, never a nested object.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreatePolicy {
    pub policy_name: String,
    pub policy_document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreatePolicyResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub policy_id: u64,
}
action!(CreatePolicy => CreatePolicyResponse, Cam, "CreatePolicy", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPolicy {
    pub policy_id: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPolicyResponse {
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_name: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub description: String,
    /// [`POLICY_TYPE_CUSTOM`] or [`POLICY_TYPE_PRESET`].
    #[serde(rename = "Type", deserialize_with = "u64_lenient", default)]
    pub policy_type: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub add_time: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub update_time: String,
    /// JSON text, as stored: parse it rather than compare it (slashes may come escaped, `\/`).
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_document: String,
    #[serde(default)]
    pub preset_alias: Option<String>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub is_service_linked_role_policy: u64,
    #[serde(
        default,
        deserialize_with = "vec_or_null",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<Tag>,
}
action!(GetPolicy => GetPolicyResponse, Cam, "GetPolicy", mutates: false, per_second: 20);

/// `ListPolicies`: `Rp` 1–200 a page (default 20), `Page` from 1 up to 200; `Scope` is `All`
/// (default), `QCS` (preset) or `Local` (custom).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListPolicies {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

/// A policy as `ListPolicies` lists it. The nullable fields are always present, possibly `null`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StrategyInfo {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub policy_id: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_name: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub add_time: String,
    #[serde(rename = "Type", deserialize_with = "u64_lenient", default)]
    pub policy_type: u64,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub create_mode: u64,
    /// How many users it is attached to.
    #[serde(deserialize_with = "u64_lenient", default)]
    pub attachments: u64,
    #[serde(default)]
    pub service_type: Option<String>,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub is_attached: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub deactived: Option<u64>,
    #[serde(default)]
    pub deactived_detail: Option<Vec<String>>,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub is_service_linked_policy: Option<u64>,
    #[serde(default, deserialize_with = "opt_i64_lenient")]
    pub attach_entity_count: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64_lenient")]
    pub attach_entity_boundary_count: Option<i64>,
    #[serde(default)]
    pub update_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_level: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListPoliciesResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub total_num: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub list: Vec<StrategyInfo>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub service_type_list: Vec<String>,
}
action!(ListPolicies => ListPoliciesResponse, Cam, "ListPolicies", mutates: false, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachUserPolicy {
    pub policy_id: u64,
    pub attach_uin: u64,
}
action!(AttachUserPolicy => Empty, Cam, "AttachUserPolicy", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DetachUserPolicy {
    pub policy_id: u64,
    pub detach_uin: u64,
}
action!(DetachUserPolicy => Empty, Cam, "DetachUserPolicy", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachGroupPolicy {
    pub policy_id: u64,
    pub attach_group_id: u64,
}
action!(AttachGroupPolicy => Empty, Cam, "AttachGroupPolicy", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DetachGroupPolicy {
    pub policy_id: u64,
    pub detach_group_id: u64,
}
action!(DetachGroupPolicy => Empty, Cam, "DetachGroupPolicy", mutates: true, per_second: 20);

/// `ListAttachedUserPolicies`: the policies attached to the user directly, `Page` from 1
/// (default 1), `Rp` a page (default 20).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAttachedUserPolicies {
    pub target_uin: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rp: Option<u64>,
}

/// `PolicyType` of [`AttachPolicyInfo`]: a custom policy.
pub const POLICY_KIND_USER: &str = "User";
/// `PolicyType` of [`AttachPolicyInfo`]: a preset (system) policy.
pub const POLICY_KIND_QCS: &str = "QCS";

/// A policy attached directly to a user, and who attached it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachPolicyInfo {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub policy_id: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_name: String,
    /// When it was attached.
    #[serde(deserialize_with = "string_lenient", default)]
    pub add_time: String,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub create_mode: u64,
    /// [`POLICY_KIND_USER`] (custom) or [`POLICY_KIND_QCS`] (preset).
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_type: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub remark: String,
    #[serde(default)]
    pub operate_owner_uin: Option<String>,
    #[serde(default)]
    pub operate_uin: Option<String>,
    /// 0: `OperateUin` is a sub-user's UIN; 1: a role's id.
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub operate_uin_type: Option<u64>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub deactived: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub deactived_detail: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAttachedUserPoliciesResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub total_num: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub list: Vec<AttachPolicyInfo>,
}
action!(ListAttachedUserPolicies => ListAttachedUserPoliciesResponse, Cam, "ListAttachedUserPolicies", mutates: false, per_second: 20);

/// `AttachType` of [`ListAttachedUserAllPolicies`].
pub const ATTACH_TYPE_ALL: u64 = 0;
pub const ATTACH_TYPE_DIRECT: u64 = 1;
pub const ATTACH_TYPE_GROUPS: u64 = 2;

/// `ListAttachedUserAllPolicies`: every paging field is required, `Rp` 1–200 and `Page` 1–200;
/// `AttachType` is [`ATTACH_TYPE_ALL`], [`ATTACH_TYPE_DIRECT`] or [`ATTACH_TYPE_GROUPS`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAttachedUserAllPolicies {
    pub target_uin: u64,
    pub rp: u64,
    pub page: u64,
    pub attach_type: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy_type: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

/// A group a policy comes through.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedUserPolicyGroupInfo {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub group_id: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub group_name: String,
}

/// A policy that applies to a user. `PolicyId`, `StrategyType` and `CreateMode` are strings on
/// the wire, unlike everywhere else.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedUserPolicy {
    #[serde(
        deserialize_with = "u64_lenient",
        serialize_with = "u64_as_string",
        default
    )]
    pub policy_id: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub policy_name: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub description: String,
    /// When it was attached.
    #[serde(deserialize_with = "string_lenient", default)]
    pub add_time: String,
    /// [`POLICY_TYPE_CUSTOM`] or [`POLICY_TYPE_PRESET`].
    #[serde(
        deserialize_with = "u64_lenient",
        serialize_with = "u64_as_string",
        default
    )]
    pub strategy_type: u64,
    #[serde(
        deserialize_with = "u64_lenient",
        serialize_with = "u64_as_string",
        default
    )]
    pub create_mode: u64,
    /// The groups it comes through; empty when it is attached directly only.
    #[serde(default, deserialize_with = "vec_or_null")]
    pub groups: Vec<AttachedUserPolicyGroupInfo>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub deactived: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub deactived_detail: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAttachedUserAllPoliciesResponse {
    #[serde(default, deserialize_with = "vec_or_null")]
    pub policy_list: Vec<AttachedUserPolicy>,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub total_num: u64,
}
action!(ListAttachedUserAllPolicies => ListAttachedUserAllPoliciesResponse, Cam, "ListAttachedUserAllPolicies", mutates: false, per_second: 20);

// ───────────────────────────── groups ─────────────────────────────

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGroup {
    pub group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGroupResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub group_id: u64,
}
action!(CreateGroup => CreateGroupResponse, Cam, "CreateGroup", mutates: true, per_second: 20);

/// `ListGroups`: `Page` from 1 (default 1), `Rp` a page (default 20), `Keyword` in the name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroups {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupInfo {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub group_id: u64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub group_name: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub create_time: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub remark: String,
}

/// The answer of `ListGroups` and of `ListGroupsForUser`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroupsResponse {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub total_num: u64,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub group_info: Vec<GroupInfo>,
}
action!(ListGroups => ListGroupsResponse, Cam, "ListGroups", mutates: false, per_second: 20);

/// One membership: a group and a user named by `Uid` or `Uin` (at least one).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupIdOfUidInfo {
    pub group_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uin: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddUserToGroup {
    pub info: Vec<GroupIdOfUidInfo>,
}
action!(AddUserToGroup => Empty, Cam, "AddUserToGroup", mutates: true, per_second: 20);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RemoveUserFromGroup {
    pub info: Vec<GroupIdOfUidInfo>,
}
action!(RemoveUserFromGroup => Empty, Cam, "RemoveUserFromGroup", mutates: true, per_second: 20);

/// `ListGroupsForUser`: the user by `Uid` or `SubUin` (one of the two); `Page` from 1
/// (default 1), `Rp` a page (default 20).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGroupsForUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_uin: Option<u64>,
}
action!(ListGroupsForUser => ListGroupsResponse, Cam, "ListGroupsForUser", mutates: false, per_second: 20);

// ───────────────────────────── security settings ─────────────────────────────

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeSafeAuthFlagColl {
    pub sub_uin: u64,
}

/// How login or a sensitive operation is verified: one method is 1 (single choice), all 0 is
/// no protection. `Mail`, `U2FToken` and `Passkey` are newer and may be absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoginActionFlag {
    /// The security phone.
    #[serde(deserialize_with = "u64_lenient", default)]
    pub phone: u64,
    /// A hardware token.
    #[serde(deserialize_with = "u64_lenient", default)]
    pub token: u64,
    /// A soft token (virtual MFA).
    #[serde(deserialize_with = "u64_lenient", default)]
    pub stoken: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub wechat: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub custom: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub mail: u64,
    #[serde(rename = "U2FToken", deserialize_with = "u64_lenient", default)]
    pub u2f_token: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub passkey: u64,
}

impl LoginActionFlag {
    /// The flag with `method` chosen, or none.
    pub fn only(method: Option<Verification>) -> Self {
        let on = |m| u64::from(method == Some(m));
        Self {
            phone: on(Verification::Phone),
            token: on(Verification::Token),
            stoken: on(Verification::Stoken),
            wechat: on(Verification::Wechat),
            custom: on(Verification::Custom),
            mail: on(Verification::Mail),
            u2f_token: on(Verification::U2fToken),
            passkey: on(Verification::Passkey),
        }
    }

    /// The methods set to 1: one, or none for no protection (a server could send more).
    pub fn methods(&self) -> Vec<Verification> {
        Verification::ALL
            .into_iter()
            .filter(|m| self.member(*m) == 1)
            .collect()
    }

    fn member(&self, method: Verification) -> u64 {
        match method {
            Verification::Phone => self.phone,
            Verification::Token => self.token,
            Verification::Stoken => self.stoken,
            Verification::Wechat => self.wechat,
            Verification::Custom => self.custom,
            Verification::Mail => self.mail,
            Verification::U2fToken => self.u2f_token,
            Verification::Passkey => self.passkey,
        }
    }
}

/// A way to verify a login or a sensitive operation: a member of [`LoginActionFlag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Verification {
    Phone,
    Token,
    Stoken,
    Wechat,
    Custom,
    Mail,
    U2fToken,
    Passkey,
}

impl Verification {
    pub const ALL: [Self; 8] = [
        Self::Phone,
        Self::Token,
        Self::Stoken,
        Self::Wechat,
        Self::Custom,
        Self::Mail,
        Self::U2fToken,
        Self::Passkey,
    ];

    /// Its name in the JSON output and in stored data (`u2fToken`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Token => "token",
            Self::Stoken => "stoken",
            Self::Wechat => "wechat",
            Self::Custom => "custom",
            Self::Mail => "mail",
            Self::U2fToken => "u2fToken",
            Self::Passkey => "passkey",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// The words the console uses.
    pub fn label(self) -> &'static str {
        match self {
            Self::Phone => "security phone",
            Self::Token => "hardware MFA token",
            Self::Stoken => "virtual MFA device",
            Self::Wechat => "WeChat",
            Self::Custom => "custom verification",
            Self::Mail => "email",
            Self::U2fToken => "U2F security key",
            Self::Passkey => "passkey",
        }
    }
}

/// Protection against logins from unusual places: verify, and whom to notify (0 or 1 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OffsiteFlag {
    #[serde(deserialize_with = "u64_lenient", default)]
    pub verify_flag: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub notify_phone: u64,
    #[serde(deserialize_with = "i64_lenient", default)]
    pub notify_email: i64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub notify_wechat: u64,
    #[serde(deserialize_with = "u64_lenient", default)]
    pub tips: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeSafeAuthFlagCollResponse {
    /// Login protection.
    #[serde(default)]
    pub login_flag: LoginActionFlag,
    /// Sensitive-operation protection.
    #[serde(default)]
    pub action_flag: LoginActionFlag,
    #[serde(default)]
    pub offsite_flag: OffsiteFlag,
    /// 1: prompt to trust the device.
    #[serde(deserialize_with = "i64_lenient", default)]
    pub prompt_trust: i64,
}
action!(DescribeSafeAuthFlagColl => DescribeSafeAuthFlagCollResponse, Cam, "DescribeSafeAuthFlagColl", mutates: false, per_second: 20);

/// The verification methods `SetMfaFlag` can choose (1 sets one, 0 or absent does not): the
/// security phone, a soft token, WeChat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoginActionMfaFlag {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stoken: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wechat: Option<u64>,
}

/// `SetMfaFlag`: the login and sensitive-operation verification of the user `OpUin`; a flag
/// left out is left as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetMfaFlag {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op_uin: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_flag: Option<LoginActionMfaFlag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_flag: Option<LoginActionMfaFlag>,
}
action!(SetMfaFlag => Empty, Cam, "SetMfaFlag", mutates: true, per_second: 20);

// ───────────────────────────── CloudAudit ─────────────────────────────

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LookupAttribute {
    pub attribute_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_value: Option<String>,
}

impl LookupAttribute {
    pub fn access_key_id(secret_id: &SecretId) -> Self {
        Self {
            attribute_key: "AccessKeyId".into(),
            attribute_value: Some(secret_id.to_string()),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeEvents {
    pub start_time: u64,
    pub end_time: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lookup_attributes: Vec<LookupAttribute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_return_location: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeEventsResponse {
    #[serde(default)]
    pub list_over: bool,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub next_token: Option<u64>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub events: Vec<Event>,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub total_count: Option<u64>,
}
action!(DescribeEvents => DescribeEventsResponse, CloudAudit, "DescribeEvents", mutates: false, per_second: 20);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LookUpEvents {
    pub start_time: i64,
    pub end_time: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lookup_attributes: Vec<LookupAttribute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LookUpEventsResponse {
    #[serde(default)]
    pub next_token: Option<String>,
    /// Written with datetime `EventTime`s, as `LookUpEvents` answers.
    #[serde(
        default,
        deserialize_with = "vec_or_null",
        serialize_with = "events_with_datetimes"
    )]
    pub events: Vec<Event>,
    #[serde(default)]
    pub list_over: bool,
    #[serde(default, deserialize_with = "opt_u64_lenient")]
    pub total_count: Option<u64>,
}
action!(LookUpEvents => LookUpEventsResponse, CloudAudit, "LookUpEvents", mutates: false, per_second: 20);

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Resources {
    #[serde(deserialize_with = "string_lenient", default)]
    pub resource_type: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub resource_name: String,
}

/// One CloudAudit event (spec §9): an API call, successful (`ErrorCode` 0) or not.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Event {
    #[serde(deserialize_with = "string_lenient", default)]
    pub event_id: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub username: String,
    #[serde(default)]
    pub event_time: EventTime,
    #[serde(deserialize_with = "string_lenient", default)]
    pub cloud_audit_event: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub resource_type_cn: String,
    #[serde(deserialize_with = "i64_lenient", default)]
    pub error_code: i64,
    #[serde(deserialize_with = "string_lenient", default)]
    pub event_name: String,
    #[serde(default)]
    pub secret_id: SecretId,
    #[serde(deserialize_with = "string_lenient", default)]
    pub event_source: String,
    #[serde(rename = "RequestID", deserialize_with = "string_lenient", default)]
    pub request_id: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub resource_region: String,
    #[serde(rename = "AccountID", deserialize_with = "i64_lenient", default)]
    pub account_id: i64,
    #[serde(
        rename = "SourceIPAddress",
        deserialize_with = "string_lenient",
        default
    )]
    pub source_ip_address: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub event_name_cn: String,
    #[serde(default)]
    pub resources: Option<Resources>,
    #[serde(deserialize_with = "string_lenient", default)]
    pub event_region: String,
    #[serde(deserialize_with = "string_lenient", default)]
    pub location: String,
}

impl Event {
    /// The UIN of the principal the event names (`userIdentity.principalId` of the serialised
    /// `CloudAuditEvent`): who signed the call, the owner of its SecretId.
    pub fn principal_uin(&self) -> Option<u64> {
        let doc: serde_json::Value = serde_json::from_str(&self.cloud_audit_event).ok()?;
        let principal = doc.get("userIdentity")?.get("principalId")?;
        principal
            .as_u64()
            .or_else(|| principal.as_str()?.trim().parse().ok())
            .filter(|uin| *uin > 0)
    }

    /// How the call ended: `None` for success, else the error it ended with — its API error code
    /// when the event's document names one, else its number. Real servers write the document's
    /// codes as strings or as numbers (the official examples do both), and put the failed
    /// answer in `responseElements`; all of them are read here.
    pub fn failure(&self) -> Option<String> {
        let document: serde_json::Value =
            serde_json::from_str(&self.cloud_audit_event).unwrap_or_default();
        let answered_code = document
            .get("responseElements")
            .and_then(serde_json::Value::as_str)
            .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
            .and_then(|answer| answer.pointer("/Error/Code").cloned());
        [
            answered_code,
            document.get("apiErrorCode").cloned(),
            document.get("errorCode").cloned(),
        ]
        .into_iter()
        .flatten()
        .find_map(|code| match code {
            serde_json::Value::String(text) if !matches!(text.as_str(), "" | "0") => Some(text),
            serde_json::Value::Number(n) if n.as_i64() != Some(0) => Some(n.to_string()),
            _ => None,
        })
        .or_else(|| (self.error_code != 0).then(|| self.error_code.to_string()))
    }

    /// The failed call's message, when the event has one: the answer's, else the document's.
    pub fn failure_message(&self) -> Option<String> {
        let document: serde_json::Value =
            serde_json::from_str(&self.cloud_audit_event).unwrap_or_default();
        let answered = document
            .get("responseElements")
            .and_then(serde_json::Value::as_str)
            .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
            .and_then(|answer| answer.pointer("/Error/Message").cloned());
        [answered, document.get("apiErrorMessage").cloned()]
            .into_iter()
            .flatten()
            .find_map(|message| match message {
                serde_json::Value::String(text) if !text.is_empty() => Some(text),
                _ => None,
            })
    }

    /// Where the call was made: the event's region, else the resource's.
    pub fn region(&self) -> &str {
        if self.event_region.is_empty() {
            &self.resource_region
        } else {
            &self.event_region
        }
    }
}

fn events_with_datetimes<S: serde::Serializer>(events: &[Event], s: S) -> Result<S::Ok, S::Error> {
    struct WithDatetime<'a>(&'a Event);
    impl Serialize for WithDatetime<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut event = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
            event["EventTime"] = self.0.event_time.datetime().into();
            event.serialize(s)
        }
    }
    s.collect_seq(events.iter().map(WithDatetime))
}

fn empty_secret() -> Secret {
    Secret::new("")
}

fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn opt_i64_lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct Wrap(#[serde(deserialize_with = "i64_lenient")] i64);
    Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::{DescribeEventsResponse, Event, LookUpEventsResponse, SecretId, Service};
    use crate::cam::de::EventTime;

    // As the official examples write them: LookUpEvents a Beijing datetime, DescribeEvents epoch
    // seconds in a string; either reads back as the same instant.
    #[test]
    fn each_event_action_writes_event_time_its_own_way() {
        let events = vec![Event {
            event_time: EventTime(1_553_056_587),
            ..Event::default()
        }];
        let looked_up = serde_json::to_value(LookUpEventsResponse {
            events: events.clone(),
            ..LookUpEventsResponse::default()
        })
        .unwrap();
        assert_eq!(looked_up["Events"][0]["EventTime"], "2019-03-20 12:36:27");
        let described = serde_json::to_value(DescribeEventsResponse {
            events: events.clone(),
            ..DescribeEventsResponse::default()
        })
        .unwrap();
        assert_eq!(described["Events"][0]["EventTime"], "1553056587");
        for answer in [looked_up, described] {
            let read: LookUpEventsResponse = serde_json::from_value(answer).unwrap();
            assert_eq!(read.events, events);
        }
    }

    #[test]
    fn cloudaudit_always_gets_a_region_it_serves_and_cam_only_a_configured_one() {
        assert_eq!(Service::Cam.region(None), None);
        assert_eq!(Service::Cam.region(Some("")), None);
        assert_eq!(Service::Cam.region(Some("ap-beijing")), Some("ap-beijing"));
        assert_eq!(Service::CloudAudit.region(None), Some("ap-guangzhou"));
        assert_eq!(Service::CloudAudit.region(Some("")), Some("ap-guangzhou"));
        assert_eq!(
            Service::CloudAudit.region(Some("ap-beijing")),
            Some("ap-guangzhou")
        );
        assert_eq!(
            Service::CloudAudit.region(Some("ap-tokyo")),
            Some("ap-tokyo")
        );
    }

    #[test]
    fn an_event_names_its_failure_whatever_types_its_server_writes() {
        let event = |error_code, document: &str| Event {
            error_code,
            cloud_audit_event: document.into(),
            ..Event::default()
        };
        // Successes, as the two official examples write them (LookUpEvents's is not even JSON).
        assert_eq!(
            event(0, r#"{"apiErrorCode":0,"errorCode":"0"}"#).failure(),
            None
        );
        assert_eq!(
            event(0, r#"{"apiErrorCode":"","errorCode":0}"#).failure(),
            None
        );
        assert_eq!(
            event(0, r#"{"requestParameters":"{"Action":"x"}"}"#).failure(),
            None
        );
        // Failures: the code of the failed answer, else the document's codes, else the number.
        let answered = r#"{"apiErrorCode":4300,"errorCode":"4300","responseElements":"{\"Error\":{\"Code\":\"OperationDenied.AccessKeyOverLimit\",\"Message\":\"m\"},\"RequestId\":\"r\"}"}"#;
        assert_eq!(
            event(4300, answered).failure().as_deref(),
            Some("OperationDenied.AccessKeyOverLimit")
        );
        assert_eq!(
            event(0, r#"{"apiErrorCode":"AuthFailure.SecretIdNotFound"}"#)
                .failure()
                .as_deref(),
            Some("AuthFailure.SecretIdNotFound")
        );
        assert_eq!(
            event(0, r#"{"apiErrorCode":4000}"#).failure().as_deref(),
            Some("4000")
        );
        assert_eq!(
            event(0, r#"{"errorCode":"4100"}"#).failure().as_deref(),
            Some("4100")
        );
        assert_eq!(event(4102, "not json").failure().as_deref(), Some("4102"));
    }

    #[test]
    fn a_secret_id_is_parsed_only_from_its_shape() {
        for id in [
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "IKID0123456789abcdef",
        ] {
            assert_eq!(SecretId::parse(id).unwrap().as_str(), id);
        }
        for no in [
            "AKID",
            "AKID123",
            "AKIDshort",
            "XKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "akidz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "AKIDz8krbsJ5yKBZ-pn74WFkmLPx3EXAMPLE",
            "AKIDz8krbsJ5yKBZ pn74WFkmLPx3EXAMPLE",
            "AKIDz8krbs J5yKBZQpn",
            "alice",
            "100000000001",
        ] {
            assert_eq!(SecretId::parse(no), None, "{no}");
        }
    }

    #[test]
    fn a_secret_id_decodes_from_any_string_and_encodes_as_one() {
        let id: SecretId = serde_json::from_str("\"not-a-key\"").unwrap();
        assert_eq!(id, "not-a-key");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"not-a-key\"");
    }

    #[test]
    fn a_missing_secret_id_is_missing_and_null_is_empty() {
        #[derive(serde::Deserialize)]
        struct Request {
            #[allow(dead_code)]
            id: SecretId,
        }
        assert!(serde_json::from_str::<Request>("{}").is_err());
        let request: Request = serde_json::from_str(r#"{"id": null}"#).unwrap();
        assert_eq!(request.id, "");
        let request: Request = serde_json::from_str(r#"{"id": 12}"#).unwrap();
        assert_eq!(request.id, "12");
    }

    #[test]
    fn tail_counts_characters() {
        let id = SecretId::from_wire("IKIDabcdWXYZ");
        assert_eq!(id.tail(4), "WXYZ");
        assert_eq!(id.tail(0), "");
        assert_eq!(id.tail(99), "IKIDabcdWXYZ");
    }
}
