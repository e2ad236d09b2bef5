//! The console's worker against a local responder that answers by `X-TC-Action`: each request
//! makes the calls it should (all collaborator pages, `TargetUin` on every key call) and turns
//! the replies into what the screen shows; failures keep Code, Message and RequestId. The
//! worker itself: a read-only one sends no mutation; owner searches report progress, learn from
//! every key listing, and stop when cancelled or when their worker is dropped.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use camtui::cam::model::User;
use camtui::cam::model::UserKind;
use camtui::cam::model::{KeyStatus, LastUse, SecretId};
use camtui::cam::transport::{Endpoint, TransportConfig};
use camtui::cam::{Client, Credential, Transport};
use camtui::tui::action::{Reply, Request};
use camtui::tui::worker::perform;

type Seen = Arc<Mutex<Vec<(String, serde_json::Value)>>>;

fn answer(action: &str, body: &serde_json::Value) -> String {
    let response = match action {
        "ListUsers" => serde_json::json!({"Data": [
            {"Uin": 100_000_000_011_u64, "Name": "alice", "Uid": 11, "Remark": "ops", "ConsoleLogin": 1,
             "PhoneNum": "", "CountryCode": "86", "Email": "", "CreateTime": "2024-01-01 00:00:00", "NickName": "alice"}
        ]}),
        // Two pages of one collaborator each, the second repeating alice to test de-duplication.
        "ListCollaborators" => {
            let offset = body["Offset"].as_u64().unwrap_or(0);
            let data = if offset == 0 {
                serde_json::json!([{"Uin": 100_000_000_021_u64, "Name": "合作者", "Uid": 21, "Remark": "", "ConsoleLogin": 0,
                  "PhoneNum": "", "CountryCode": "", "Email": "", "CreateTime": "2024-02-01 00:00:00", "NickName": ""}])
            } else {
                serde_json::json!([])
            };
            serde_json::json!({"TotalNum": 1, "Data": data})
        }
        "GetUser" => {
            serde_json::json!({"Uin": 100_000_000_011_u64, "Name": "alice", "Uid": 11, "Remark": null,
            "ConsoleLogin": 1, "PhoneNum": "186", "CountryCode": "86", "Email": "a@example.com",
            "RecentlyLoginIP": "203.0.113.9", "RecentlyLoginTime": "2024-05-01 08:00:00"})
        }
        "DescribeSubAccounts" => {
            serde_json::json!({"SubAccounts": [{"Uin": 100_000_000_021_u64, "Name": "合作者",
            "Uid": 21, "Remark": "", "CreateTime": null, "UserType": 4, "LastLoginIp": "198.51.100.1", "LastLoginTime": null}]})
        }
        "ListAccessKeys" => serde_json::json!({"AccessKeys": [
            {"AccessKeyId": "IKIDone", "Status": "Active", "CreateTime": "2024-03-01 00:00:00"}]}),
        "GetSecurityLastUsed" => serde_json::json!({"SecretIdLastUsedRows": [
            {"SecretId": "IKIDone", "LastUsedDate": "2024-05-01", "LastSecretUsedDate": 1_714_550_400_123_i64},
            {"SecretId": "IKIDnever", "LastUsedDate": null, "LastSecretUsedDate": null}]}),
        // Two events in the newest 30-day window, none in the older ones.
        "DescribeEvents"
            if body["EndTime"].as_i64().unwrap() < chrono::Utc::now().timestamp() - 86_400 =>
        {
            serde_json::json!({"ListOver": true, "Events": []})
        }
        "DescribeEvents" => serde_json::json!({"ListOver": true, "NextToken": 0, "Events": [
            {"EventTime": "1714550400", "EventName": "ListUsers", "ErrorCode": 0, "SourceIPAddress": "203.0.113.9",
             "EventRegion": "ap-guangzhou", "CloudAuditEvent": "{}"},
            {"EventTime": "1714540000", "EventName": "GetUser", "ErrorCode": 1, "SourceIPAddress": "203.0.113.9",
             "ResourceRegion": "ap-shanghai", "CloudAuditEvent": "{\"apiErrorCode\":\"AuthFailure.SignatureFailure\"}"}]}),
        "CreateAccessKey" => serde_json::json!({"AccessKey": {"AccessKeyId": "IKIDnew",
            "SecretAccessKey": "fresh-secret-key", "Status": "Active", "CreateTime": "2024-05-02 00:00:00"}}),
        "UpdateAccessKey" => serde_json::json!({}),
        _ => serde_json::json!({"Error": {"Code": "OperationDenied.AccessKeyOverLimit",
            "Message": "each user has at most two keys"}}),
    };
    let mut response = response;
    response["RequestId"] = "req-42".into();
    serde_json::json!({ "Response": response }).to_string()
}

async fn client() -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let seen_in_handler = seen.clone();
    let app = axum::Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
        let seen = seen_in_handler.clone();
        async move {
            let action = headers["x-tc-action"].to_str().unwrap().to_owned();
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let reply = answer(&action, &body);
            seen.lock().unwrap().push((action, body));
            ([("content-type", "application/json")], reply).into_response()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let config = TransportConfig::new(Endpoint::custom(&format!("http://{addr}")).unwrap());
    let transport = Transport::new(config, Credential::new("IKIDroot", "root-key")).unwrap();
    (Client::new(transport), seen)
}

fn actions(seen: &Seen) -> Vec<String> {
    seen.lock()
        .unwrap()
        .iter()
        .map(|(a, _)| a.clone())
        .collect()
}

#[tokio::test]
async fn users_merge_sub_users_and_every_collaborator_page() {
    let (client, seen) = client().await;
    let Ok(Reply::Users(rows)) = perform(&client, &Request::Users).await else {
        panic!()
    };
    let names: Vec<_> = rows
        .users()
        .iter()
        .map(|r| (r.name.as_str(), r.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("alice", UserKind::SubUser),
            ("合作者", UserKind::Collaborator)
        ]
    );
    assert_eq!(actions(&seen), ["ListUsers", "ListCollaborators"]);
}

#[tokio::test]
async fn details_come_from_get_user_or_describe_sub_accounts() {
    let (client, seen) = client().await;
    let Ok(Reply::Users(rows)) = perform(&client, &Request::Users).await else {
        panic!()
    };
    let alice: User = rows.users()[0].clone();
    let Ok(Reply::Details(details)) = perform(&client, &Request::Details { user: alice }).await
    else {
        panic!()
    };
    assert_eq!(details.last_login_ip, "203.0.113.9");
    assert_eq!(details.created, "2024-01-01 00:00:00", "kept from the list");
    let Ok(Reply::Details(details)) = perform(
        &client,
        &Request::Details {
            user: rows.users()[1].clone(),
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(details.last_login_ip, "198.51.100.1");
    assert_eq!(details.last_login_time, "");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[2].0, "GetUser");
    assert_eq!(seen[2].1["Name"], "alice");
    assert_eq!(seen[3].0, "DescribeSubAccounts");
    assert_eq!(
        seen[3].1["FilterSubAccountUin"],
        serde_json::json!([100_000_000_021u64])
    );
}

#[tokio::test]
async fn keys_last_use_and_records() {
    let (client, seen) = client().await;
    let Ok(Reply::Keys(keys)) = perform(&client, &Request::Keys { uin: 7 }).await else {
        panic!()
    };
    assert_eq!(keys[0].access_key_id, "IKIDone");
    let Ok(Reply::LastUsed(rows)) = perform(
        &client,
        &Request::LastUsed {
            uin: 7,
            secret_ids: vec![
                SecretId::from_wire("IKIDone"),
                SecretId::from_wire("IKIDnever"),
            ],
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(rows[0].when, Some(LastUse::At(1_714_550_400)));
    assert_eq!(rows[1].when, None);
    let Ok(Reply::Records(records)) = perform(
        &client,
        &Request::Records {
            secret_id: SecretId::from_wire("IKIDone"),
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].error, None);
    assert_eq!(
        records[1].error.as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
    assert_eq!(records[1].region, "ap-shanghai");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].1["TargetUin"], 7);
    assert_eq!(
        seen[2].1["LookupAttributes"][0]["AttributeValue"],
        "IKIDone"
    );
}

#[tokio::test]
async fn mutations_name_the_user_and_failures_keep_the_request_id() {
    let (client, seen) = client().await;
    let Ok(Reply::Created(key)) = perform(
        &client,
        &Request::CreateKey {
            uin: 7,
            user_name: "alice".into(),
            description: Some("ci-deploy".into()),
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(key.secret_access_key.expose(), "fresh-secret-key");
    assert!(!format!("{key:?}").contains("fresh-secret-key"));
    assert!(matches!(
        perform(
            &client,
            &Request::SetKeyStatus {
                uin: 7,
                secret_id: SecretId::from_wire("IKIDone"),
                status: KeyStatus::Inactive
            }
        )
        .await,
        Ok(Reply::Done)
    ));
    let Err(failure) = perform(
        &client,
        &Request::DeleteKey {
            uin: 7,
            secret_id: SecretId::from_wire("IKIDone"),
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(failure.call, "DeleteAccessKey");
    assert_eq!(failure.code, "OperationDenied.AccessKeyOverLimit");
    assert!(
        failure
            .message
            .starts_with("each user has at most two keys")
    );
    assert_eq!(failure.request_id.as_deref(), Some("req-42"));
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].1["TargetUin"], 7);
    assert_eq!(seen[0].1["Description"], "ci-deploy");
    assert_eq!(seen[1].1["Status"], "Inactive");
    assert_eq!(seen[2].1["AccessKeyId"], "IKIDone");
}

// ───────────────────── the worker: read-only, owner searches ─────────────────────

use camtui::cam::owner::{FoundBy, SearchOutcome};
use camtui::cam::walk::UserRef;
use camtui::tui::action::Action;
use camtui::tui::model::Ticket;
use camtui::tui::worker::Worker;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

fn users(count: u64) -> Arc<[UserRef]> {
    (0..count)
        .map(|i| UserRef {
            uin: 100 + i,
            name: format!("user{i}"),
            kind: UserKind::SubUser,
        })
        .collect()
}

/// The next answer, skipping progress reports (counted in `progress`).
async fn next_done(
    rx: &mut UnboundedReceiver<Action>,
    progress: &mut Vec<usize>,
) -> Result<Reply, camtui::tui::model::Failure> {
    loop {
        match rx.recv().await.expect("the worker answers") {
            Action::Done { result, .. } => return result,
            Action::SearchProgress { progress: p, .. } => progress.push(p.done),
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_read_only_worker_sends_no_mutation() {
    let (client, seen) = client().await;
    let (tx, mut rx) = unbounded_channel();
    let worker = Worker::new(client, tx, true);
    for request in [
        Request::CreateKey {
            uin: 7,
            user_name: "alice".into(),
            description: None,
        },
        Request::SetKeyStatus {
            uin: 7,
            secret_id: SecretId::from_wire("IKIDone"),
            status: KeyStatus::Inactive,
        },
        Request::DeleteKey {
            uin: 7,
            secret_id: SecretId::from_wire("IKIDone"),
        },
    ] {
        worker.spawn(Ticket(1), request);
        let Err(failure) = next_done(&mut rx, &mut Vec::new()).await else {
            panic!("refused")
        };
        assert_eq!(failure.code, "ReadOnly");
    }
    // Reads still go out.
    worker.spawn(Ticket(2), Request::Keys { uin: 7 });
    assert!(matches!(
        next_done(&mut rx, &mut Vec::new()).await,
        Ok(Reply::Keys(_))
    ));
    assert_eq!(actions(&seen), ["ListAccessKeys"]);
}

#[tokio::test]
async fn a_search_reports_progress_and_says_when_nobody_owns_the_key() {
    let (client, seen) = client().await;
    let (tx, mut rx) = unbounded_channel();
    let worker = Worker::new(client, tx, false);
    worker.spawn(
        Ticket(1),
        Request::FindOwner {
            secret_id: SecretId::from_wire("IKIDnobody"),
            users: users(3),
        },
    );
    let mut progress = Vec::new();
    let result = next_done(&mut rx, &mut progress).await;
    assert!(
        matches!(
            result,
            Ok(Reply::Owner(SearchOutcome::NotFound { searched: 3, ref skipped })) if skipped.is_empty()
        ),
        "{result:?}"
    );
    assert_eq!(progress, [0, 1, 2, 3]);
    let seen = seen.lock().unwrap();
    // The audit trail was asked first, a call a window: its records name nobody.
    let asked: Vec<&str> = seen.iter().map(|(action, _)| action.as_str()).collect();
    assert_eq!(asked[..3], ["DescribeEvents"; 3]);
    let uins: std::collections::BTreeSet<_> = seen
        .iter()
        .filter(|(action, _)| action == "ListAccessKeys")
        .map(|(_, body)| body["TargetUin"].as_u64().unwrap())
        .collect();
    assert_eq!(uins, [100, 101, 102].into());
}

#[tokio::test]
async fn keys_listed_anyway_answer_a_later_search_without_a_call() {
    let (client, seen) = client().await;
    let (tx, mut rx) = unbounded_channel();
    let worker = Worker::new(client, tx, false);
    worker.spawn(Ticket(1), Request::Keys { uin: 101 });
    next_done(&mut rx, &mut Vec::new()).await.unwrap();
    worker.spawn(
        Ticket(2),
        Request::FindOwner {
            secret_id: SecretId::from_wire("IKIDone"),
            users: users(3),
        },
    );
    let result = next_done(&mut rx, &mut Vec::new()).await;
    let Ok(Reply::Owner(SearchOutcome::Found {
        user: UserRef { uin, name, .. },
        by,
        ..
    })) = result
    else {
        panic!("{result:?}")
    };
    assert_eq!((uin, name.as_str(), by), (101, "user1", FoundBy::Cache));
    assert_eq!(
        actions(&seen),
        ["ListAccessKeys"],
        "only the listing itself"
    );

    // A change to that user's keys makes what was learned stale: the next search asks again.
    worker.spawn(
        Ticket(3),
        Request::SetKeyStatus {
            uin: 101,
            secret_id: SecretId::from_wire("IKIDone"),
            status: KeyStatus::Inactive,
        },
    );
    next_done(&mut rx, &mut Vec::new()).await.unwrap();
    worker.spawn(
        Ticket(4),
        Request::FindOwner {
            secret_id: SecretId::from_wire("IKIDone"),
            users: users(3),
        },
    );
    let Ok(Reply::Owner(SearchOutcome::Found { by, .. })) =
        next_done(&mut rx, &mut Vec::new()).await
    else {
        panic!()
    };
    assert_eq!(by, FoundBy::Scan);
}

#[tokio::test]
async fn a_cancelled_search_stops_calling() {
    let (client, seen) = client().await;
    let (tx, mut rx) = unbounded_channel();
    let worker = Worker::new(client, tx, false);
    // 60 users take three seconds at 20 calls a second: it is cancelled long before.
    worker.spawn(
        Ticket(1),
        Request::FindOwner {
            secret_id: SecretId::from_wire("IKIDnobody"),
            users: users(60),
        },
    );
    loop {
        if let Some(Action::SearchProgress { progress, .. }) = rx.recv().await
            && progress.done >= 2
        {
            break;
        }
    }
    worker.cancel(Ticket(1));
    let result = next_done(&mut rx, &mut Vec::new()).await;
    let Ok(Reply::Owner(SearchOutcome::Cancelled { done, total: 60 })) = result else {
        panic!("{result:?}")
    };
    assert!(done < 60);
    let calls = actions(&seen).len();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(actions(&seen).len(), calls, "no call after the cancel");
    assert!(calls < 60);

    // Dropping the worker (a profile switch) cancels its searches too.
    worker.spawn(
        Ticket(2),
        Request::FindOwner {
            secret_id: SecretId::from_wire("IKIDnobody"),
            users: users(60),
        },
    );
    drop(worker);
    let result = next_done(&mut rx, &mut Vec::new()).await;
    assert!(
        matches!(result, Ok(Reply::Owner(SearchOutcome::Cancelled { .. }))),
        "{result:?}"
    );
}
