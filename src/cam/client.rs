//! Typed calls on top of [`Transport`]: one generic [`Client::send`] for every action, plus the
//! walks that need several calls (every user, all collaborators, last-used by tens, latest
//! access records).

use std::collections::HashSet;
use std::time::Duration;

use super::credential::Credential;
use super::error::CallError;
use super::model::{
    AccessKey, Action, DescribeEvents, Event, GetSecurityLastUsed, LAST_USED_BATCH, ListAccessKeys,
    ListCollaborators, ListUsers, LookupAttribute, SecretId, SecretIdLastUsed, Service,
    SubAccountInfo, User, UserKind,
};
use super::pace::Pace;
use super::transport::{CallSpec, Transport};

/// Access records are searched back this far (spec §14: 90 days, in 30-day windows).
pub const RECORD_WINDOW: Duration = Duration::from_secs(30 * 24 * 3600);
pub const RECORD_WINDOWS: u32 = 3;
/// The page size `ListCollaborators` is walked with.
const COLLABORATOR_PAGE: u64 = 100;

/// A call of a walk over several actions failed: which action, and how.
#[derive(Debug, thiserror::Error)]
#[error("{action}: {source}")]
pub struct ActionError {
    pub action: &'static str,
    #[source]
    pub source: CallError,
}

/// A CAM and CloudAudit client for one endpoint and one credential.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
}

impl Client {
    pub fn new(transport: Transport) -> Self {
        Self { transport }
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The same endpoint and settings, signing with `credential` (to check that a new key works).
    #[must_use]
    pub fn signed_as(&self, credential: Credential) -> Self {
        Self {
            transport: self.transport.with_credential(credential),
        }
    }

    /// Sends any typed action.
    pub async fn send<A: Action>(&self, request: &A) -> Result<A::Response, CallError> {
        Ok(self.send_with_request_id(request).await?.0)
    }

    /// Sends any typed action and also returns the answer's RequestId (for confirmations of
    /// mutations, whose responses carry nothing else).
    pub async fn send_with_request_id<A: Action>(
        &self,
        request: &A,
    ) -> Result<(A::Response, String), CallError> {
        self.send_with(request, None).await
    }

    /// Sends an action of a walk: each attempt (a retry too) starts only when `pace` allows, so
    /// the walk keeps to the action's rate even when a call is refused for it and tried again.
    pub async fn send_paced<A: Action>(
        &self,
        request: &A,
        pace: &Pace,
    ) -> Result<(A::Response, String), CallError> {
        self.send_with(request, Some(pace)).await
    }

    async fn send_with<A: Action>(
        &self,
        request: &A,
        pace: Option<&Pace>,
    ) -> Result<(A::Response, String), CallError> {
        let body = serde_json::to_vec(request).map_err(|e| CallError::Encode(e.to_string()))?;
        let target = describe_target(&body);
        let reply = self
            .transport
            .call(CallSpec {
                service: A::SERVICE,
                action: A::NAME,
                body,
                mutates: A::MUTATES,
                target: &target,
                pace,
            })
            .await?;
        let response = reply.decode().map_err(|e| CallError::Envelope {
            url: self.transport.endpoint().to_string(),
            reason: format!("unexpected {} response: {e}", A::NAME),
            body: String::new(),
        })?;
        Ok((response, reply.request_id))
    }

    /// Sends an action by name with raw JSON parameters (for `camtui call`). Never retried.
    pub async fn call_raw(
        &self,
        service: Service,
        action: &str,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, CallError> {
        let body = serde_json::to_vec(params).map_err(|e| CallError::Encode(e.to_string()))?;
        let target = describe_target(&body);
        let reply = self
            .transport
            .call(CallSpec {
                service,
                action,
                body,
                mutates: true,
                target: &target,
                pace: None,
            })
            .await?;
        // The Response object as received, RequestId included.
        reply.decode().map_err(|e| CallError::Envelope {
            url: self.transport.endpoint().to_string(),
            reason: format!("unreadable {action} response: {e}"),
            body: String::new(),
        })
    }

    /// Every sub-user (`ListUsers`), then every collaborator (`ListCollaborators`, every page)
    /// not already listed as a sub-user: each UIN once.
    pub async fn all_users(&self) -> Result<Vec<User>, ActionError> {
        let failed = |action| move |source| ActionError { action, source };
        let sub_users = self
            .send(&ListUsers {})
            .await
            .map_err(failed(ListUsers::NAME))?
            .data;
        let collaborators = self
            .all_collaborators()
            .await
            .map_err(failed(ListCollaborators::NAME))?;
        Ok(each_uin_once(sub_users, collaborators))
    }

    /// Every collaborator, following `Limit`/`Offset` until `TotalNum`, a page at a time at
    /// most at `ListCollaborators`'s documented rate.
    pub async fn all_collaborators(&self) -> Result<Vec<SubAccountInfo>, CallError> {
        let pace = Pace::of::<ListCollaborators>();
        let mut all = Vec::new();
        loop {
            let request = ListCollaborators {
                limit: Some(COLLABORATOR_PAGE),
                offset: Some(all.len() as u64),
            };
            let (page, _) = self.send_paced(&request, &pace).await?;
            let got = page.data.len();
            all.extend(page.data);
            if got == 0 || all.len() as u64 >= page.total_num {
                return Ok(all);
            }
        }
    }

    pub async fn access_keys(&self, target_uin: Option<u64>) -> Result<Vec<AccessKey>, CallError> {
        Ok(self.send(&ListAccessKeys { target_uin }).await?.access_keys)
    }

    /// Last use of each SecretId, asking `GetSecurityLastUsed` ten at a time.
    pub async fn last_used(
        &self,
        secret_ids: &[SecretId],
    ) -> Result<Vec<SecretIdLastUsed>, CallError> {
        let mut rows = Vec::with_capacity(secret_ids.len());
        for batch in secret_ids.chunks(LAST_USED_BATCH) {
            let reply = self
                .send(&GetSecurityLastUsed {
                    secret_id_list: batch.to_vec(),
                })
                .await?;
            rows.extend(reply.secret_id_last_used_rows);
        }
        Ok(rows)
    }

    /// The latest `limit` access records of a key from the past 90 days, newest first: walks
    /// `DescribeEvents` back in 30-day windows, following `NextToken`, and stops as soon as it has
    /// `limit` records (spec §14). `now` is Unix seconds.
    pub async fn latest_access_records(
        &self,
        secret_id: &SecretId,
        limit: usize,
        now: u64,
    ) -> Result<Vec<Event>, CallError> {
        let mut records = Vec::new();
        for (start, end) in record_windows(now) {
            let mut next_token = None;
            loop {
                let want = limit - records.len();
                let page = self
                    .send(&DescribeEvents {
                        start_time: start,
                        end_time: end,
                        next_token,
                        max_results: Some(want.clamp(1, 50) as u64),
                        lookup_attributes: vec![LookupAttribute::access_key_id(secret_id)],
                        is_return_location: None,
                    })
                    .await?;
                records.extend(page.events.into_iter().take(want));
                if records.len() >= limit {
                    return Ok(records);
                }
                match page.next_token {
                    Some(token) if !page.list_over => next_token = Some(token),
                    _ => break,
                }
            }
        }
        Ok(records)
    }
}

/// The windows access records are searched in, newest first: `(start, end)` in Unix seconds,
/// each under 30 days (spec §14), together the past 90 days.
pub fn record_windows(now: u64) -> impl Iterator<Item = (u64, u64)> {
    (0..RECORD_WINDOWS).map(move |window| {
        let end = now.saturating_sub(u64::from(window) * RECORD_WINDOW.as_secs());
        // The API wants the span strictly under 30 days.
        (end.saturating_sub(RECORD_WINDOW.as_secs() - 1), end)
    })
}

/// Sub-users first, then the collaborators not already listed.
fn each_uin_once(sub_users: Vec<SubAccountInfo>, collaborators: Vec<SubAccountInfo>) -> Vec<User> {
    let mut seen = HashSet::new();
    sub_users
        .into_iter()
        .map(|info| User::new(info, UserKind::SubUser))
        .chain(
            collaborators
                .into_iter()
                .map(|info| User::new(info, UserKind::Collaborator)),
        )
        .filter(|user| seen.insert(user.uin))
        .collect()
}

/// A short, secret-free description of what a request is about, for the API-call log: the
/// values of the fields that identify a user, a key or a policy.
fn describe_target(body: &[u8]) -> String {
    const FIELDS: [&str; 7] = [
        "TargetUin",
        "SubUin",
        "AccessKeyId",
        "Name",
        "PolicyId",
        "SecretIdList",
        "LookupAttributes",
    ];
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return String::new();
    };
    FIELDS
        .iter()
        .filter_map(|field| {
            let value = map.get(*field)?;
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|item| match item {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Object(o) => o
                            .get("AttributeValue")
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            Some(format!("{field}={text}"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{describe_target, each_uin_once};
    use crate::cam::model::{SubAccountInfo, UserKind};

    #[test]
    fn collaborators_listed_as_users_are_not_doubled() {
        let user = |uin, name: &str| SubAccountInfo {
            uin,
            name: name.into(),
            ..SubAccountInfo::default()
        };
        let rows = each_uin_once(
            vec![user(1, "alice"), user(2, "bob")],
            vec![user(2, "bob"), user(3, "carol")],
        );
        let kinds: Vec<_> = rows.iter().map(|r| (r.uin, r.kind)).collect();
        assert_eq!(
            kinds,
            [
                (1, UserKind::SubUser),
                (2, UserKind::SubUser),
                (3, UserKind::Collaborator)
            ]
        );
    }

    #[test]
    fn target_names_users_and_keys_only() {
        assert_eq!(
            describe_target(br#"{"TargetUin": 7, "Description": "x"}"#),
            "TargetUin=7"
        );
        assert_eq!(
            describe_target(br#"{"SecretIdList": ["a", "b"]}"#),
            "SecretIdList=a,b"
        );
        assert_eq!(
            describe_target(
                br#"{"LookupAttributes": [{"AttributeKey": "AccessKeyId", "AttributeValue": "IKID1"}]}"#
            ),
            "LookupAttributes=IKID1"
        );
        assert_eq!(describe_target(br#"{"Password": "p"}"#), "");
    }
}
