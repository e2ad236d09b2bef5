//! Data sets for an empty database (`--seed FILE`, and the sandbox's embedded demo): an account,
//! its sub-users and collaborators with their keys, custom policies, user groups, who is in
//! which group and which policy is attached where, login protection, and an audit trail. Times
//! are relative ("days ago", "seconds ago", fractions welcome) so the data looks recent whenever
//! it is loaded; loading is deterministic apart from the SecretKeys, which are always fresh
//! random ones unless given. A data set must be believable: nothing is attached before it
//! existed, and no key is used before it was created.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use super::error::Code;
use super::handlers;
use super::ids::new_secret_key;
use super::policy_document;
use super::presets;
use super::store::{
    Account, AuditRecord, FIRST_CUSTOM_POLICY_ID, FIRST_GROUP_ID, Grants, StoredGroup, StoredKey,
    StoredPolicy, StoredSecurity, StoredUser,
};
use crate::cam::Secret;
use crate::cam::model::{
    KEYS_PER_USER, KeyStatus, POLICY_TYPE_CUSTOM, Service, UserKind, Verification,
};

/// The sandbox's demo data.
pub const DEMO: &str = include_str!("../../assets/seed/demo.json");

const DAY: i64 = 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot read seed file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("seed data is not valid: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("seed data is not consistent: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    pub account: SeedAccount,
    #[serde(default)]
    pub users: Vec<SeedUser>,
    /// Custom policies; attachments may also name CAM's presets.
    #[serde(default)]
    pub policies: Vec<SeedPolicy>,
    #[serde(default)]
    pub groups: Vec<SeedGroup>,
    #[serde(default)]
    pub events: Vec<SeedEvent>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedPolicy {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The policy document, as JSON (not as a string holding it).
    pub document: serde_json::Value,
    pub created_days_ago: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedGroup {
    pub name: String,
    #[serde(default)]
    pub remark: String,
    pub created_days_ago: f64,
    #[serde(default)]
    pub policies: Vec<SeedAttachment>,
}

/// A policy (custom or preset, by name) attached to a user or a group.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedAttachment {
    pub policy: String,
    pub attached_days_ago: f64,
}

/// A user's login and sensitive-operation protection, and what the methods need bound.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedSecurity {
    #[serde(default)]
    pub login: Option<Verification>,
    #[serde(default)]
    pub action: Option<Verification>,
    #[serde(default)]
    pub wechat_bound: bool,
    #[serde(default)]
    pub mfa_device: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedAccount {
    pub owner_uin: u64,
    pub app_id: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SeedUserType {
    SubUser,
    Collaborator,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
    pub uin: u64,
    pub uid: u64,
    #[serde(rename = "type")]
    pub user_type: SeedUserType,
    pub name: String,
    #[serde(default)]
    pub nick_name: String,
    #[serde(default)]
    pub remark: String,
    #[serde(default)]
    pub console_login: u64,
    #[serde(default)]
    pub phone_num: String,
    #[serde(default)]
    pub country_code: String,
    #[serde(default)]
    pub email: String,
    pub created_days_ago: f64,
    #[serde(default)]
    pub last_login_ip: String,
    /// Seconds before load time; absent = never logged in.
    #[serde(default)]
    pub last_login_seconds_ago: Option<i64>,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub keys: Vec<SeedKey>,
    /// Names of the groups the user is in.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Policies attached to the user directly.
    #[serde(default)]
    pub policies: Vec<SeedAttachment>,
    #[serde(default)]
    pub security: Option<SeedSecurity>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedKey {
    pub secret_id: String,
    pub status: KeyStatus,
    #[serde(default)]
    pub description: Option<String>,
    pub created_days_ago: f64,
    /// Only for test fixtures; demo keys get a random SecretKey nobody knows.
    #[serde(default)]
    pub secret_key: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedEvent {
    pub seconds_ago: i64,
    pub secret_id: String,
    pub action: String,
    #[serde(default = "cam")]
    pub service: String,
    pub source_ip: String,
    #[serde(default)]
    pub region: String,
    /// Empty for success.
    #[serde(default)]
    pub error_code: String,
    #[serde(default = "post")]
    pub http_method: String,
    #[serde(default)]
    pub user_agent: String,
    #[serde(default)]
    pub resource_name: String,
}

fn cam() -> String {
    "cam".into()
}

fn post() -> String {
    "POST".into()
}

/// A seed turned into rows, with times fixed against a load time.
#[derive(Debug)]
pub struct SeedData {
    pub account: Account,
    pub users: Vec<StoredUser>,
    pub keys: Vec<StoredKey>,
    pub grants: Grants,
    pub events: Vec<AuditRecord>,
}

impl SeedData {
    /// An account with no users, keys or events.
    pub fn empty(account: Account) -> Self {
        Self {
            account,
            users: Vec::new(),
            keys: Vec::new(),
            grants: Grants::default(),
            events: Vec::new(),
        }
    }
}

/// The data for a database that has no account yet, read only when one turns out not to: the
/// sandbox offers the demo on every start, and most starts find it loaded.
#[derive(Debug, Clone)]
pub enum SeedSource {
    /// The embedded demo data ([`DEMO`]).
    Demo,
    Data(Seed),
}

impl SeedSource {
    pub fn rows(&self, now: i64) -> Result<SeedData, SeedError> {
        match self {
            Self::Demo => Seed::demo().rows(now),
            Self::Data(seed) => seed.rows(now),
        }
    }
}

/// `days` (fractions included) before `now`, in Unix seconds.
fn days_before(now: i64, days: f64) -> i64 {
    now - (days * DAY as f64).round() as i64
}

/// A stable UUID-shaped id from some text, so the same seed always yields the same ids.
fn stable_id(text: &str) -> uuid::Uuid {
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Whether the action `name` of `service` changes anything, as the action table says.
fn mutates(service: &str, name: &str) -> bool {
    Service::from_name(service)
        .and_then(|service| handlers::find(service, name))
        .is_some_and(|action| action.mutates)
}

impl Seed {
    pub fn demo() -> Self {
        Self::parse(DEMO).expect("the embedded demo seed is valid (tested)")
    }

    pub fn parse(text: &str) -> Result<Self, SeedError> {
        Ok(serde_json::from_str(text)?)
    }

    pub fn from_file(path: &Path) -> Result<Self, SeedError> {
        let text = std::fs::read_to_string(path).map_err(|source| SeedError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Checks the data and fixes its times against `now` (Unix seconds).
    pub fn rows(&self, now: i64) -> Result<SeedData, SeedError> {
        let account = Account {
            owner_uin: self.account.owner_uin,
            app_id: self.account.app_id,
        };
        let (users, keys) = self.users_and_keys(account, now)?;
        let grants = self.grants(account, &users, now)?;
        let events = self.events(&users, &keys, now)?;
        Ok(SeedData {
            account,
            users,
            keys,
            grants,
            events,
        })
    }

    fn users_and_keys(
        &self,
        account: Account,
        now: i64,
    ) -> Result<(Vec<StoredUser>, Vec<StoredKey>), SeedError> {
        let mut uins = HashSet::from([account.owner_uin]);
        let mut uids = HashSet::new();
        let mut sub_user_names = HashSet::new();
        let mut secret_ids = HashSet::new();
        let mut users = Vec::with_capacity(self.users.len());
        let mut keys = Vec::new();
        for user in &self.users {
            if !uins.insert(user.uin) || !uids.insert(user.uid) {
                return invalid(format!(
                    "UIN {} or UID {} appears twice",
                    user.uin, user.uid
                ));
            }
            let kind = match user.user_type {
                SeedUserType::SubUser => UserKind::SubUser,
                SeedUserType::Collaborator => UserKind::Collaborator,
            };
            if kind == UserKind::SubUser && !sub_user_names.insert(user.name.as_str()) {
                return invalid(format!("sub-user name {:?} appears twice", user.name));
            }
            if user.keys.len() > KEYS_PER_USER {
                return invalid(format!("{} has more than {KEYS_PER_USER} keys", user.name));
            }
            let created = days_before(now, user.created_days_ago);
            users.push(StoredUser {
                uin: user.uin,
                uid: user.uid,
                kind,
                name: user.name.clone(),
                nick_name: user.nick_name.clone(),
                remark: user.remark.clone(),
                console_login: user.console_login,
                phone_num: user.phone_num.clone(),
                country_code: user.country_code.clone(),
                email: user.email.clone(),
                created,
                last_login_ip: user.last_login_ip.clone(),
                last_login_time: user.last_login_seconds_ago.map(|s| now - s),
                is_admin: user.is_admin,
            });
            for key in &user.keys {
                if super::auth::check_secret_id_shape(&key.secret_id).is_err() {
                    return invalid(format!("{:?} is not a SecretId", key.secret_id));
                }
                if !secret_ids.insert(key.secret_id.as_str()) {
                    return invalid(format!("SecretId {} appears twice", key.secret_id));
                }
                let key_created = days_before(now, key.created_days_ago);
                if key_created < created {
                    return invalid(format!(
                        "{}'s key {} was created before {0} was",
                        user.name, key.secret_id
                    ));
                }
                keys.push(StoredKey {
                    secret_id: key.secret_id.clone(),
                    owner_uin: user.uin,
                    active: key.status == KeyStatus::Active,
                    secret_key: key.secret_key.clone().unwrap_or_else(new_secret_key),
                    description: key.description.clone(),
                    created: key_created,
                });
            }
        }
        Ok((users, keys))
    }

    /// Policies, groups, memberships, attachments and security settings, with ids given in
    /// the order the data set lists them.
    fn grants(
        &self,
        account: Account,
        users: &[StoredUser],
        now: i64,
    ) -> Result<Grants, SeedError> {
        let mut grants = Grants::default();
        // Every policy an attachment may name: (id, created).
        let mut policies: HashMap<&str, (u64, i64)> = presets::PRESETS
            .iter()
            .map(|p| (p.name, (p.id, p.created)))
            .collect();
        for (policy, id) in self.policies.iter().zip(FIRST_CUSTOM_POLICY_ID..) {
            let created = days_before(now, policy.created_days_ago);
            if policies.insert(&policy.name, (id, created)).is_some() {
                return invalid(format!("policy name {:?} is taken", policy.name));
            }
            let document = policy_document::canonical(&policy.document.to_string())
                .map_err(|e| SeedError::Invalid(format!("policy {:?}: {e}", policy.name)))?;
            grants.policies.push((
                StoredPolicy {
                    id,
                    name: policy.name.clone(),
                    policy_type: POLICY_TYPE_CUSTOM,
                    description: policy.description.clone(),
                    service_type: None,
                    tags: Vec::new(),
                    created,
                    updated: created,
                },
                document,
            ));
        }
        // An attachment of a known policy, made after both ends existed: (policy id, when).
        let attachment = |a: &SeedAttachment, holder: &str, since: i64| {
            let Some(&(id, created)) = policies.get(a.policy.as_str()) else {
                return invalid(format!("{holder}: no policy is named {:?}", a.policy));
            };
            let at = days_before(now, a.attached_days_ago);
            if at < created.max(since) {
                return invalid(format!(
                    "{holder}: {} is attached before it existed",
                    a.policy
                ));
            }
            Ok((id, at))
        };
        let mut groups = HashMap::new();
        for (group, id) in self.groups.iter().zip(FIRST_GROUP_ID..) {
            let created = days_before(now, group.created_days_ago);
            if groups.insert(group.name.as_str(), (id, created)).is_some() {
                return invalid(format!("group name {:?} appears twice", group.name));
            }
            grants.groups.push(StoredGroup {
                id,
                name: group.name.clone(),
                remark: group.remark.clone(),
                created,
            });
            for a in &group.policies {
                let (policy_id, at) = attachment(a, &group.name, created)?;
                grants.group_policies.push((id, policy_id, at));
            }
        }
        for (seed, user) in self.users.iter().zip(users) {
            for name in &seed.groups {
                let Some(&(group_id, created)) = groups.get(name.as_str()) else {
                    return invalid(format!("{}: no group is named {name:?}", user.name));
                };
                grants
                    .members
                    .push((group_id, user.uin, created.max(user.created)));
            }
            for a in &seed.policies {
                let (policy_id, at) = attachment(a, &user.name, user.created)?;
                grants
                    .user_policies
                    .push((user.uin, policy_id, at, account.owner_uin));
            }
            if let Some(security) = seed.security {
                let needs = |method| [security.login, security.action].contains(&Some(method));
                if needs(Verification::Phone) && user.phone_num.is_empty()
                    || needs(Verification::Wechat) && !security.wechat_bound
                    || needs(Verification::Stoken) && !security.mfa_device
                {
                    return invalid(format!(
                        "{}: a protection method needs a phone, WeChat or MFA device the user has not bound",
                        user.name
                    ));
                }
                grants.security.push((
                    user.uin,
                    StoredSecurity {
                        login: security.login,
                        action: security.action,
                        wechat_bound: security.wechat_bound,
                        mfa_device: security.mfa_device,
                    },
                ));
            }
        }
        Ok(grants)
    }

    /// The audit trail: every event is a use of a key, after the key was created.
    fn events(
        &self,
        users: &[StoredUser],
        keys: &[StoredKey],
        now: i64,
    ) -> Result<Vec<AuditRecord>, SeedError> {
        let owners: HashMap<&str, (&StoredKey, &StoredUser)> = keys
            .iter()
            .filter_map(|key| {
                let owner = users.iter().find(|u| u.uin == key.owner_uin)?;
                Some((key.secret_id.as_str(), (key, owner)))
            })
            .collect();
        let mut events = Vec::with_capacity(self.events.len());
        for (i, event) in self.events.iter().enumerate() {
            let Some((key, owner)) = owners.get(event.secret_id.as_str()) else {
                return invalid(format!(
                    "event {i} names unknown SecretId {}",
                    event.secret_id
                ));
            };
            let time = now - event.seconds_ago;
            if time < key.created {
                return invalid(format!(
                    "event {i} uses {} before the key was created",
                    event.secret_id
                ));
            }
            let code = event.error_code.as_str();
            let mutates = mutates(&event.service, &event.action);
            events.push(AuditRecord {
                event_id: stable_id(&format!("event/{i}/{}", event.secret_id))
                    .simple()
                    .to_string(),
                time,
                secret_id: event.secret_id.clone(),
                uin: owner.uin,
                username: owner.name.clone(),
                action: event.action.clone(),
                service: event.service.clone(),
                action_type: if mutates { "Write" } else { "Read" }.into(),
                source_ip: event.source_ip.clone(),
                region: event.region.clone(),
                error_number: if code.is_empty() {
                    0
                } else {
                    Code::parse(code)
                        .map_or(Code::InvalidParameter.audit_number(), Code::audit_number)
                },
                api_error_code: code.to_owned(),
                api_error_message: String::new(),
                request_id: stable_id(&format!("request/{i}/{}", event.secret_id)).to_string(),
                http_method: event.http_method.clone(),
                user_agent: event.user_agent.clone(),
                resource_name: event.resource_name.clone(),
                sensitive: mutates,
                authenticated: !Code::parse(code).is_some_and(Code::is_authentication_failure),
            });
        }
        Ok(events)
    }
}

fn invalid<T>(message: String) -> Result<T, SeedError> {
    Err(SeedError::Invalid(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_a_lived_in_account() {
        let seed = Seed::demo();
        let data = seed.rows(1_800_000_000).unwrap();
        let sub_users = data
            .users
            .iter()
            .filter(|u| u.kind == UserKind::SubUser)
            .count();
        let collaborators = data.users.len() - sub_users;
        assert!(
            sub_users >= 20 && collaborators >= 4,
            "{sub_users} + {collaborators}"
        );
        assert_eq!(data.users.iter().filter(|u| u.is_admin).count(), 1);
        assert!(
            data.users
                .iter()
                .any(|u| !u.name.is_ascii() || !u.remark.is_ascii())
        );
        assert!(data.keys.iter().any(|k| k.active) && data.keys.iter().any(|k| !k.active));
        assert!(data.events.iter().any(|e| e.error_number != 0));
        assert!(data.events.iter().any(|e| e.error_number == 0));
        // Mutations are written and sensitive, as the action table says; reads are not.
        for event in &data.events {
            let write = matches!(
                event.action.as_str(),
                "AddUser"
                    | "UpdateUser"
                    | "CreateAccessKey"
                    | "UpdateAccessKey"
                    | "AttachUserPolicy"
                    | "AddUserToGroup"
                    | "SetMfaFlag"
            );
            assert_eq!(event.action_type == "Write", write, "{}", event.action);
            assert_eq!(event.sensitive, write, "{}", event.action);
        }
        // What User Details shows: policies, groups, attachments both ways, protection.
        let grants = &data.grants;
        assert!(grants.policies.len() >= 5 && grants.groups.len() >= 4);
        assert!(grants.members.len() >= 10 && grants.security.len() >= 10);
        assert!(!grants.user_policies.is_empty() && !grants.group_policies.is_empty());
        assert!(
            grants
                .groups
                .iter()
                .any(|g| !g.name.is_ascii() && g.name.chars().count() <= 4)
        );
        // Created at any hour, not all at the load's clock time.
        let times_of_day: HashSet<i64> = data.users.iter().map(|u| u.created % DAY).collect();
        assert!(
            times_of_day.len() > data.users.len() / 2,
            "{times_of_day:?}"
        );
        let oldest = data.events.iter().map(|e| e.time).min().unwrap();
        assert!(1_800_000_000 - oldest > 80 * DAY && 1_800_000_000 - oldest <= 90 * DAY);
        // Same seed, same ids.
        let again = seed.rows(1_800_000_000).unwrap();
        assert_eq!(data.events, again.events);
        assert_eq!(data.users, again.users);
    }

    #[test]
    fn inconsistent_seeds_are_refused() {
        let two_keys = r#"{"account":{"ownerUin":1,"appId":2},"users":[
            {"uin":10,"uid":1,"type":"subUser","name":"a","createdDaysAgo":1,"keys":[
              {"secretId":"IKIDa","status":"Active","createdDaysAgo":1},
              {"secretId":"IKIDb","status":"Active","createdDaysAgo":1},
              {"secretId":"IKIDc","status":"Inactive","createdDaysAgo":1}]}]}"#;
        assert!(matches!(
            Seed::parse(two_keys).unwrap().rows(0),
            Err(SeedError::Invalid(_))
        ));
        let dup = r#"{"account":{"ownerUin":1,"appId":2},"users":[
            {"uin":10,"uid":1,"type":"subUser","name":"a","createdDaysAgo":1},
            {"uin":11,"uid":2,"type":"subUser","name":"a","createdDaysAgo":1}]}"#;
        assert!(Seed::parse(dup).unwrap().rows(0).is_err());
        let unknown_key = r#"{"account":{"ownerUin":1,"appId":2},"events":[
            {"secondsAgo":1,"secretId":"IKIDzz","action":"ListUsers","sourceIp":"1.1.1.1"}]}"#;
        assert!(Seed::parse(unknown_key).unwrap().rows(0).is_err());
        assert!(Seed::parse(r#"{"account":{"ownerUin":1,"appId":2},"bogus":1}"#).is_err());
        // Nothing is used or attached before it existed, or protected by what is not bound.
        let refused = |users: &str, rest: &str| {
            let text =
                format!(r#"{{"account":{{"ownerUin":1,"appId":2}},"users":[{users}]{rest}}}"#);
            match Seed::parse(&text).unwrap().rows(1_800_000_000) {
                Err(SeedError::Invalid(why)) => why,
                other => panic!("{text} gave {other:?}"),
            }
        };
        let alice = r#"{"uin":10,"uid":1,"type":"subUser","name":"alice","createdDaysAgo":30,
            "keys":[{"secretId":"IKIDalice","status":"Active","createdDaysAgo":2}]"#;
        assert!(
            refused(
                &format!("{alice}}}"),
                r#","events":[{"secondsAgo":259200,"secretId":"IKIDalice","action":"GetUser","sourceIp":"1.1.1.1"}]"#
            )
            .contains("before the key was created")
        );
        assert!(
            refused(
                &format!(r#"{alice},"policies":[{{"policy":"AdministratorAccess","attachedDaysAgo":31}}]}}"#),
                ""
            )
            .contains("attached before it existed")
        );
        assert!(
            refused(
                &format!(
                    r#"{alice},"policies":[{{"policy":"NoSuchPolicy","attachedDaysAgo":1}}]}}"#
                ),
                ""
            )
            .contains("no policy is named")
        );
        assert!(refused(&format!(r#"{alice},"groups":["ops"]}}"#), "").contains("no group"));
        assert!(
            refused(&format!(r#"{alice},"security":{{"login":"phone"}}}}"#), "")
                .contains("has not bound")
        );
        assert!(
            refused(
                &format!("{alice}}}"),
                r#","policies":[{"name":"AdministratorAccess","document":{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*"}},"createdDaysAgo":1}]"#
            )
            .contains("is taken")
        );
    }
}
