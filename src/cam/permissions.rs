//! What User Details shows of a user besides the profile, as the CAM console shows it: the
//! policies that apply to them — attached directly and through groups, with when — their
//! groups, and their security settings; and a policy's document. Each section is one call of
//! [`Client`] that follows every page; [`Client::user_permissions`] fetches all three at once.

use std::future::Future;

use serde::Serialize;

use super::client::Client;
use super::error::CallError;
use super::model::{
    ATTACH_TYPE_DIRECT, ATTACH_TYPE_GROUPS, AttachedUserPolicy, DescribeSafeAuthFlagColl,
    DescribeSafeAuthFlagCollResponse, GetPolicy, GroupInfo, ListAttachedUserAllPolicies,
    ListGroupsForUser, POLICY_TYPE_PRESET, Verification,
};

/// Rows asked for a page: the most the listings allow.
const PAGE_ROWS: u64 = 200;
/// `ListAttachedUserAllPolicies` serves at most this many pages.
const MAX_PAGES: u64 = 200;

/// Whether a policy is CAM's (preset) or the account's own (custom).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    Custom,
    Preset,
}

impl PolicyKind {
    /// The kind of a `Type` / `StrategyType` number.
    pub fn from_type(policy_type: u64) -> Self {
        if policy_type == POLICY_TYPE_PRESET {
            Self::Preset
        } else {
            Self::Custom
        }
    }

    /// The word the console uses.
    pub fn label(self) -> &'static str {
        match self {
            Self::Custom => "custom",
            Self::Preset => "preset",
        }
    }
}

/// How a policy reaches a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "attached_via", rename_all = "kebab-case")]
pub enum Via {
    /// Attached to the user.
    User,
    /// Attached to a group the user is in.
    Group { group_id: u64, group_name: String },
}

impl Via {
    /// `user`, or `group NAME`.
    pub fn label(&self) -> String {
        match self {
            Self::User => "user".to_owned(),
            Self::Group { group_name, .. } => format!("group {group_name}"),
        }
    }
}

/// A policy that applies to a user, one way: a policy attached directly and through two groups
/// is three grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyGrant {
    pub policy_id: u64,
    pub policy_name: String,
    #[serde(rename = "type")]
    pub kind: PolicyKind,
    pub description: String,
    #[serde(flatten)]
    pub via: Via,
    /// When it was attached (to the user, or to the group), `YYYY-MM-DD HH:MM:SS` Beijing time.
    pub attached: String,
}

/// Who is told of a login from an unusual place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Notice {
    Phone,
    Email,
    Wechat,
}

impl Notice {
    pub fn label(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Wechat => "WeChat",
        }
    }
}

/// How a user proves who they are (`DescribeSafeAuthFlagColl`). An empty list of methods is no
/// protection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Security {
    /// How a console login is verified.
    pub login_protection: Vec<Verification>,
    /// How sensitive operations are verified.
    pub operation_protection: Vec<Verification>,
    /// Whether a login from an unusual place must be verified.
    pub unusual_login_verified: bool,
    /// Who is told of a login from an unusual place.
    pub unusual_login_notices: Vec<Notice>,
}

impl Security {
    /// How a console login is verified, in words: `off`, or the methods.
    pub fn login_label(&self) -> String {
        methods_label(&self.login_protection)
    }

    /// How sensitive operations are verified, in words.
    pub fn operation_label(&self) -> String {
        methods_label(&self.operation_protection)
    }

    /// What a login from an unusual place meets: `off`, `verify`, `verify; notify by email`…
    pub fn unusual_login_label(&self) -> String {
        let notices: Vec<&str> = self
            .unusual_login_notices
            .iter()
            .map(|n| n.label())
            .collect();
        let notify = format!("notify by {}", notices.join(", "));
        match (self.unusual_login_verified, notices.is_empty()) {
            (true, true) => "verify".to_owned(),
            (true, false) => format!("verify; {notify}"),
            (false, true) => "off".to_owned(),
            (false, false) => notify,
        }
    }
}

/// `off`, or the methods in words.
fn methods_label(methods: &[Verification]) -> String {
    if methods.is_empty() {
        "off".to_owned()
    } else {
        methods
            .iter()
            .map(|m| m.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl From<DescribeSafeAuthFlagCollResponse> for Security {
    fn from(flags: DescribeSafeAuthFlagCollResponse) -> Self {
        let offsite = flags.offsite_flag;
        let notices = [
            (Notice::Phone, offsite.notify_phone == 1),
            (Notice::Email, offsite.notify_email == 1),
            (Notice::Wechat, offsite.notify_wechat == 1),
        ];
        Self {
            login_protection: flags.login_flag.methods(),
            operation_protection: flags.action_flag.methods(),
            unusual_login_verified: offsite.verify_flag == 1,
            unusual_login_notices: notices
                .into_iter()
                .filter_map(|(notice, on)| on.then_some(notice))
                .collect(),
        }
    }
}

/// The Permissions, Groups and Security sections of User Details, each loaded or failed on its
/// own (a key may be allowed one and not another).
#[derive(Debug)]
pub struct UserPermissions {
    pub policies: Result<Vec<PolicyGrant>, CallError>,
    pub groups: Result<Vec<GroupInfo>, CallError>,
    pub security: Result<Security, CallError>,
}

/// A policy with its document (`GetPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    pub policy_id: u64,
    pub policy_name: String,
    #[serde(rename = "type")]
    pub kind: PolicyKind,
    pub description: String,
    pub created: String,
    pub updated: String,
    /// JSON text as the server keeps it (slashes may be escaped, `\/`).
    pub document: String,
}

impl Policy {
    /// The document indented for reading; the text as it came if it is not JSON.
    pub fn pretty_document(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.document)
            .ok()
            .and_then(|doc| serde_json::to_string_pretty(&doc).ok())
            .unwrap_or_else(|| self.document.clone())
    }
}

impl Client {
    /// Every policy that applies to the user `uin`: attached directly, then through each of
    /// their groups, newest first. Both listings are walked at once.
    pub async fn policy_grants(&self, uin: u64) -> Result<Vec<PolicyGrant>, CallError> {
        let (direct, through_groups) = tokio::try_join!(
            self.attached_policies(uin, ATTACH_TYPE_DIRECT),
            self.attached_policies(uin, ATTACH_TYPE_GROUPS)
        )?;
        let grant = |policy: &AttachedUserPolicy, via| PolicyGrant {
            policy_id: policy.policy_id,
            policy_name: policy.policy_name.clone(),
            kind: PolicyKind::from_type(policy.strategy_type),
            description: policy.description.clone(),
            via,
            attached: policy.add_time.clone(),
        };
        let mut grants: Vec<PolicyGrant> = direct.iter().map(|p| grant(p, Via::User)).collect();
        for policy in &through_groups {
            grants.extend(policy.groups.iter().map(|group| {
                let via = Via::Group {
                    group_id: group.group_id,
                    group_name: group.group_name.clone(),
                };
                grant(policy, via)
            }));
        }
        // `YYYY-MM-DD HH:MM:SS` sorts as text.
        grants.sort_by(|a, b| {
            b.attached
                .cmp(&a.attached)
                .then_with(|| a.policy_name.cmp(&b.policy_name))
        });
        Ok(grants)
    }

    /// Every row of `ListAttachedUserAllPolicies` for one `AttachType`.
    async fn attached_policies(
        &self,
        uin: u64,
        attach_type: u64,
    ) -> Result<Vec<AttachedUserPolicy>, CallError> {
        every_page(|page| async move {
            let reply = self
                .send(&ListAttachedUserAllPolicies {
                    target_uin: uin,
                    rp: PAGE_ROWS,
                    page,
                    attach_type,
                    strategy_type: None,
                    keyword: None,
                })
                .await?;
            Ok((reply.total_num, reply.policy_list))
        })
        .await
    }

    /// Every group the user `uin` is in (`ListGroupsForUser`).
    pub async fn groups_of_user(&self, uin: u64) -> Result<Vec<GroupInfo>, CallError> {
        every_page(|page| async move {
            let reply = self
                .send(&ListGroupsForUser {
                    sub_uin: Some(uin),
                    rp: Some(PAGE_ROWS),
                    page: Some(page),
                    uid: None,
                })
                .await?;
            Ok((reply.total_num, reply.group_info))
        })
        .await
    }

    /// The user's security settings (`DescribeSafeAuthFlagColl`).
    pub async fn security(&self, uin: u64) -> Result<Security, CallError> {
        let flags = self
            .send(&DescribeSafeAuthFlagColl { sub_uin: uin })
            .await?;
        Ok(flags.into())
    }

    /// The three sections of User Details at once.
    pub async fn user_permissions(&self, uin: u64) -> UserPermissions {
        let (policies, groups, security) = tokio::join!(
            self.policy_grants(uin),
            self.groups_of_user(uin),
            self.security(uin)
        );
        UserPermissions {
            policies,
            groups,
            security,
        }
    }

    /// A policy and its document (`GetPolicy`).
    pub async fn policy(&self, policy_id: u64) -> Result<Policy, CallError> {
        let reply = self.send(&GetPolicy { policy_id }).await?;
        Ok(Policy {
            policy_id,
            policy_name: reply.policy_name,
            kind: PolicyKind::from_type(reply.policy_type),
            description: reply.description,
            created: reply.add_time,
            updated: reply.update_time,
            document: reply.policy_document,
        })
    }
}

/// Every row of a `Page`/`Rp` listing: pages from 1 until `TotalNum` rows came, a page came
/// back empty, or the last page a listing serves.
async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, CallError>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<(u64, Vec<T>), CallError>>,
{
    let mut rows = Vec::new();
    for page in 1..=MAX_PAGES {
        let (total, got) = fetch(page).await?;
        let empty = got.is_empty();
        rows.extend(got);
        if empty || rows.len() as u64 >= total {
            break;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::model::{LoginActionFlag, OffsiteFlag};

    #[test]
    fn security_in_words() {
        let security = Security::from(DescribeSafeAuthFlagCollResponse {
            login_flag: LoginActionFlag::only(Some(Verification::Phone)),
            action_flag: LoginActionFlag::default(),
            offsite_flag: OffsiteFlag {
                verify_flag: 0,
                notify_phone: 1,
                notify_email: 1,
                notify_wechat: 0,
                tips: 0,
            },
            prompt_trust: 0,
        });
        assert_eq!(security.login_protection, [Verification::Phone]);
        assert!(security.operation_protection.is_empty());
        assert!(!security.unusual_login_verified);
        assert_eq!(
            security.unusual_login_notices,
            [Notice::Phone, Notice::Email]
        );
    }

    #[test]
    fn documents_read_pretty_whatever_their_escapes() {
        let policy = Policy {
            policy_id: 1,
            policy_name: "p".into(),
            kind: PolicyKind::Custom,
            description: String::new(),
            created: String::new(),
            updated: String::new(),
            document: r#"{"version":"2.0","statement":[{"action":["name\/cos:*"]}]}"#.into(),
        };
        assert_eq!(
            policy.pretty_document(),
            "{\n  \"version\": \"2.0\",\n  \"statement\": [\n    {\n      \"action\": [\n        \"name/cos:*\"\n      ]\n    }\n  ]\n}"
        );
        let broken = Policy {
            document: "not json".into(),
            ..policy
        };
        assert_eq!(broken.pretty_document(), "not json");
    }

    #[test]
    fn a_grant_says_how_it_is_attached() {
        let grant = PolicyGrant {
            policy_id: 400_411,
            policy_name: "ReadOnlyAccess".into(),
            kind: PolicyKind::Preset,
            description: String::new(),
            via: Via::Group {
                group_id: 10_001,
                group_name: "ops".into(),
            },
            attached: "2025-01-02 03:04:05".into(),
        };
        assert_eq!(grant.via.label(), "group ops");
        let json = serde_json::to_value(&grant).unwrap();
        assert_eq!(json["attached_via"], "group");
        assert_eq!(json["group_name"], "ops");
        assert_eq!(json["type"], "preset");
    }
}
