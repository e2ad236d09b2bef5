//! Runs [`Request`]s as `cam::Client` calls, each on its own tokio task, and sends the result
//! back as an [`Action::Done`] tagged with the request's ticket, so the update function can tell
//! a fresh answer from a stale one. Walks (owner searches, the key report, bulk disables) report
//! as they go and can be cancelled. Nothing here touches the state.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::cam::model::{
    CreateAccessKey, DeleteAccessKey, DescribeSubAccounts, Event, GetUser, GetUserAppId, SecretId,
    SecretIdLastUsed, UpdateAccessKey,
};
use crate::cam::owner::{self, KeyOwnerCache, Users};
use crate::cam::report::{self, ReportOptions, Staleness};
use crate::cam::walk::WalkOptions;
use crate::cam::{CallError, Client, Credential};
use crate::i18n::Text;

use super::action::{Action, Reply, Request};
use super::model::{AccessRecord, Failure, LastUsed, Ticket, UserDetails};
use super::state::ACCESS_RECORDS;

/// Sends requests to one target. Dropping it cancels its walks: a target switched away
/// from gets no more calls.
#[derive(Debug)]
pub struct Worker {
    client: Client,
    actions: UnboundedSender<Action>,
    /// The target is read-only: a mutation that got this far is refused here, unsent.
    read_only: bool,
    /// Which keys each user had when last listed, for owner searches, kept for the run.
    owners: KeyOwnerCache,
    /// Every walk of this worker is a child of it.
    cancel_all: CancellationToken,
    walks: Arc<Mutex<HashMap<Ticket, CancellationToken>>>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel_all.cancel();
    }
}

impl Worker {
    pub fn new(client: Client, actions: UnboundedSender<Action>, read_only: bool) -> Self {
        Self {
            client,
            actions,
            read_only,
            owners: KeyOwnerCache::new(),
            cancel_all: CancellationToken::new(),
            walks: Arc::default(),
        }
    }

    /// Runs a request in the background; its answer arrives as an action (and a walk's
    /// progress as it goes).
    pub fn spawn(&self, ticket: Ticket, request: Request) {
        let actions = self.actions.clone();
        if request.mutates() && self.read_only {
            // The update function never issues one in read-only mode; this is the last gate.
            tracing::error!(
                call = request.call_name(),
                "refused a mutation on a read-only target"
            );
            let _ = actions.send(Action::Done {
                ticket,
                result: Err(Failure {
                    call: request.call_name(),
                    code: "ReadOnly".into(),
                    // Worded like the API's messages: in the language it was asked to answer in.
                    message: self
                        .client
                        .transport()
                        .language()
                        .text(Text::ReadOnlyNothingSent)
                        .into_owned(),
                    request_id: None,
                }),
                request,
            });
            return;
        }
        let client = self.client.clone();
        let owners = self.owners.clone();
        let span = tracing::info_span!("request", ticket = ticket.0, call = request.call_name());
        let walks = self.walks.clone();
        let cancel = self.cancel_all.child_token();
        if request.is_walk() {
            lock(&walks).insert(ticket, cancel.clone());
        }
        tokio::spawn(
            async move {
                let report = |action| {
                    let _ = actions.send(action);
                };
                let result = if request.is_walk() {
                    let result = walk(&client, &request, ticket, &owners, &cancel, &report).await;
                    lock(&walks).remove(&ticket);
                    result
                } else {
                    perform(&client, &request).await
                };
                remember_keys(&owners, &request, &result);
                if let Err(failure) = &result {
                    tracing::warn!(code = %failure.code, request_id = ?failure.request_id, "call failed");
                }
                // The receiver is gone only when the console is closing.
                report(Action::Done {
                    ticket,
                    request,
                    result,
                });
            }
            .instrument(span),
        );
    }

    /// Stops a walk; its answer says where it stopped.
    pub fn cancel(&self, ticket: Ticket) {
        if let Some(token) = lock(&self.walks).remove(&ticket) {
            token.cancel();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every write is one insert or remove: the map is consistent even after a panic.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Keys listed anyway feed the owner cache; a key created, changed or deleted makes its user's
/// entry stale.
fn remember_keys(owners: &KeyOwnerCache, request: &Request, result: &Result<Reply, Failure>) {
    match (request, result) {
        (Request::Keys { uin }, Ok(Reply::Keys(keys))) => owners.record(*uin, keys),
        (
            Request::CreateKey { uin, .. }
            | Request::SetKeyStatus { uin, .. }
            | Request::DeleteKey { uin, .. },
            _,
        ) => owners.forget(*uin),
        (Request::DisableKeys { keys }, _) => {
            for key in keys {
                owners.forget(key.uin);
            }
        }
        _ => {}
    }
}

/// Runs a walk — an owner search, the key report or a bulk disable (`cam::owner` and
/// `cam::report` do the pacing) — reporting its progress to `report` and stopping when `cancel`
/// fires. Any other request is [`perform`]ed.
///
/// Boxed with its `Send` bound spelled out: a walk's stream of borrowing futures otherwise trips
/// rustc's higher-ranked `Send` inference when spawned (rust-lang/rust#102211).
pub fn walk<'a>(
    client: &'a Client,
    request: &'a Request,
    ticket: Ticket,
    owners: &'a KeyOwnerCache,
    cancel: &'a CancellationToken,
    report: &'a (dyn Fn(Action) + Send + Sync),
) -> Pin<Box<dyn Future<Output = Result<Reply, Failure>> + Send + 'a>> {
    Box::pin(async move {
        match request {
            Request::FindOwner { secret_id, users } => owner::find_owner(
                client,
                secret_id,
                Users::Listed(users),
                owners,
                WalkOptions::default(),
                cancel,
                |progress| report(Action::SearchProgress { ticket, progress }),
            )
            .await
            .map(Reply::Owner)
            .map_err(failed(client, "ListAccessKeys")),
            Request::Report { users, stale_days } => {
                let staleness = Staleness::now(*stale_days);
                let options = ReportOptions {
                    walk: WalkOptions::default(),
                    staleness,
                };
                report::key_report(client, users.to_vec(), owners, options, cancel, |update| {
                    report(Action::ReportRows {
                        ticket,
                        staleness,
                        update,
                    });
                })
                .await
                .map(Reply::Report)
                .map_err(|e| Failure::from_call(e.action, &e.source, client.transport().language()))
            }
            Request::DisableKeys { keys } => {
                let pairs: Vec<(u64, SecretId)> =
                    keys.iter().map(|k| (k.uin, k.secret_id.clone())).collect();
                report::disable_keys(client, &pairs, cancel, |at, result| {
                    report(Action::KeyDisabled {
                        ticket,
                        key: keys[at].clone(),
                        result: result.map_err(failed(client, "UpdateAccessKey")),
                    });
                })
                .await;
                Ok(Reply::Done)
            }
            other => perform(client, other).await,
        }
    })
}

/// `call` failed: in the words of the language the client asks the API to answer in.
fn failed(client: &Client, call: &'static str) -> impl Fn(CallError) -> Failure {
    let language = client.transport().language();
    move |e| Failure::from_call(call, &e, language)
}

/// Makes the calls a request needs.
pub async fn perform(client: &Client, request: &Request) -> Result<Reply, Failure> {
    match request {
        Request::Account => client
            .send(&GetUserAppId {})
            .await
            .map(Reply::Account)
            .map_err(failed(client, "GetUserAppId")),
        Request::Users => client
            .all_users()
            .await
            .map(|users| Reply::Users(users.into()))
            .map_err(|e| Failure::from_call(e.action, &e.source, client.transport().language())),
        Request::Details { user } if user.kind.is_collaborator() => {
            let reply = client
                .send(&DescribeSubAccounts {
                    filter_sub_account_uin: vec![user.uin],
                })
                .await
                .map_err(failed(client, "DescribeSubAccounts"))?;
            let found = reply.sub_accounts.into_iter().find(|a| a.uin == user.uin);
            let mut details = UserDetails::from_row(user);
            if let Some(account) = found {
                details.last_login_ip = account.last_login_ip;
                details.last_login_time = account.last_login_time.unwrap_or_default();
                if !account.remark.is_empty() {
                    details.remark = account.remark;
                }
            }
            Ok(Reply::Details(details))
        }
        Request::Details { user } => {
            let reply = client
                .send(&GetUser {
                    name: user.name.clone(),
                })
                .await
                .map_err(failed(client, "GetUser"))?;
            Ok(Reply::Details(UserDetails {
                uin: reply.uin,
                uid: reply.uid,
                name: reply.name,
                kind: user.kind,
                remark: reply.remark.unwrap_or_default(),
                console_login: reply.console_login == 1,
                phone: reply.phone_num,
                country_code: reply.country_code,
                email: reply.email,
                last_login_ip: reply.recently_login_ip,
                last_login_time: reply.recently_login_time,
                // GetUser does not return it; the list did.
                created: user.created.clone(),
            }))
        }
        Request::Keys { uin } => client
            .access_keys(Some(*uin))
            .await
            .map(Reply::Keys)
            .map_err(failed(client, "ListAccessKeys")),
        Request::LastUsed { secret_ids, .. } => client
            .last_used(secret_ids)
            .await
            .map(|rows| Reply::LastUsed(rows.into_iter().map(last_used).collect()))
            .map_err(failed(client, "GetSecurityLastUsed")),
        Request::Records { secret_id } => {
            let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default();
            client
                .latest_access_records(secret_id, ACCESS_RECORDS, now)
                .await
                .map(|events| Reply::Records(events.iter().map(access_record).collect()))
                .map_err(failed(client, "DescribeEvents"))
        }
        Request::Policies { uin } => client
            .policy_grants(*uin)
            .await
            .map(Reply::Policies)
            .map_err(failed(client, "ListAttachedUserAllPolicies")),
        Request::Groups { uin } => client
            .groups_of_user(*uin)
            .await
            .map(Reply::Groups)
            .map_err(failed(client, "ListGroupsForUser")),
        Request::Security { uin } => client
            .security(*uin)
            .await
            .map(Reply::Security)
            .map_err(failed(client, "DescribeSafeAuthFlagColl")),
        Request::Policy { policy_id } => client
            .policy(*policy_id)
            .await
            .map(Reply::Policy)
            .map_err(failed(client, "GetPolicy")),
        Request::CreateKey {
            uin, description, ..
        } => {
            let reply = client
                .send(&CreateAccessKey {
                    target_uin: Some(*uin),
                    description: description.clone(),
                })
                .await
                .map_err(failed(client, "CreateAccessKey"))?;
            reply.access_key.map(Reply::Created).ok_or_else(|| Failure {
                call: "CreateAccessKey",
                code: "InternalError".into(),
                message: client
                    .transport()
                    .language()
                    .text(Text::ReplyWithoutAccessKey)
                    .into_owned(),
                request_id: None,
            })
        }
        Request::SetKeyStatus {
            uin,
            secret_id,
            status,
        } => client
            .send(&UpdateAccessKey {
                access_key_id: secret_id.clone(),
                status: *status,
                target_uin: Some(*uin),
            })
            .await
            .map(|_| Reply::Done)
            .map_err(failed(client, "UpdateAccessKey")),
        Request::DeleteKey { uin, secret_id } => client
            .send(&DeleteAccessKey {
                access_key_id: secret_id.clone(),
                target_uin: Some(*uin),
            })
            .await
            .map(|_| Reply::Done)
            .map_err(failed(client, "DeleteAccessKey")),
        Request::VerifyKey { secret_id, secret } => client
            .signed_as(Credential::new(secret_id.as_str(), secret.expose()))
            .send(&GetUserAppId {})
            .await
            .map(Reply::Verified)
            .map_err(failed(client, "GetUserAppId")),
        // A walk on its own: nothing cached before it, nothing to stop it, nobody told.
        Request::FindOwner { .. } | Request::Report { .. } | Request::DisableKeys { .. } => {
            walk(
                client,
                request,
                Ticket(0),
                &KeyOwnerCache::new(),
                &CancellationToken::new(),
                &|_| {},
            )
            .await
        }
    }
}

fn last_used(row: SecretIdLastUsed) -> LastUsed {
    LastUsed {
        when: row.last_use(),
        secret_id: row.secret_id,
    }
}

/// An event as the drawer shows it: failed calls by their API error code and message when the
/// event has them, the document pretty-printed for reading.
pub fn access_record(event: &Event) -> AccessRecord {
    let resource = match &event.resources {
        Some(r) if !r.resource_name.is_empty() => {
            format!("{} · {}", r.resource_type, r.resource_name)
        }
        Some(r) => r.resource_type.clone(),
        None => String::new(),
    };
    let error = event.failure();
    AccessRecord {
        time: event.event_time.0,
        action: event.event_name.clone(),
        source_ip: event.source_ip_address.clone(),
        region: event.region().to_owned(),
        message: error
            .as_ref()
            .and_then(|_| event.failure_message())
            .unwrap_or_default(),
        error,
        request_id: event.request_id.clone(),
        resource,
        document: serde_json::from_str::<serde_json::Value>(&event.cloud_audit_event)
            .ok()
            .and_then(|document| serde_json::to_string_pretty(&document).ok())
            .unwrap_or_else(|| event.cloud_audit_event.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::de::EventTime;

    #[test]
    fn failed_events_show_their_api_code_message_and_document() {
        let event = Event {
            event_time: EventTime(1_700_000_000),
            event_name: "ListUsers".into(),
            error_code: 1,
            request_id: "req-9".into(),
            cloud_audit_event:
                r#"{"apiErrorCode":"AuthFailure.SecretIdNotFound","apiErrorMessage":"no such key"}"#
                    .into(),
            source_ip_address: "10.0.0.1".into(),
            resource_region: "ap-guangzhou".into(),
            resources: Some(crate::cam::model::Resources {
                resource_type: "cam".into(),
                resource_name: "alice".into(),
            }),
            ..Event::default()
        };
        let record = access_record(&event);
        assert_eq!(
            record.error.as_deref(),
            Some("AuthFailure.SecretIdNotFound")
        );
        assert_eq!(record.message, "no such key");
        assert_eq!(record.request_id, "req-9");
        assert_eq!(record.resource, "cam · alice");
        assert_eq!(record.region, "ap-guangzhou");
        assert_eq!(
            record.document,
            "{\n  \"apiErrorCode\": \"AuthFailure.SecretIdNotFound\",\n  \"apiErrorMessage\": \"no such key\"\n}"
        );
        let ok = access_record(&Event::default());
        assert_eq!((ok.error, ok.message.as_str()), (None, ""));
    }
}
