//! `camtui serve --real-limits`: each action held to its documented rate, and camtui's clients
//! under it — a read refused for its rate retried after the client's backoff, and the walks over
//! many users staying within the limits. The server refuses whatever goes beyond a limit, so a
//! walk that met no refusal kept to it.

use camtui::cam::model::{DescribeEvents, ListAccessKeys, LookupAttribute};
use camtui::server::seed::Seed;
use serde_json::json;

use crate::support::wire::{Signing, exchange};
use crate::support::{ROOT_ID, ROOT_KEY, TestServer, camtui_as_root};

const WALKED_USERS: u64 = 70;
/// The key the owner search looks for: the last user's.
const LAST_USERS_KEY: &str = "IKIDlastUserKey000000000000000000000";

/// An account of `sub_users` sub-users (only the last has a key, `LAST_USERS_KEY`) and
/// `collaborators` collaborators.
fn account(sub_users: u64, collaborators: u64) -> Seed {
    let user = |i: u64, kind: &str, keys| {
        json!({
            "uin": 100_000_001_000 + i, "uid": 11_000_000 + i, "type": kind,
            "name": format!("{kind}-{i:04}"), "createdDaysAgo": 10, "keys": keys,
        })
    };
    let last_key = json!([{"secretId": LAST_USERS_KEY, "status": "Active", "createdDaysAgo": 1}]);
    let users: Vec<_> = (1..=sub_users)
        .map(|i| {
            user(
                i,
                "subUser",
                if i == sub_users {
                    last_key.clone()
                } else {
                    json!([])
                },
            )
        })
        .chain((1..=collaborators).map(|i| user(sub_users + i, "collaborator", json!([]))))
        .collect();
    let seed = json!({"account": {"ownerUin": 100_000_000_001_u64, "appId": 1_250_000_001}, "users": users});
    Seed::parse(&seed.to_string()).unwrap()
}

/// The requests the server refused for their rate, as its audit trail has them.
/// The client paces when calls start; the server counts when they arrive, and on a loaded
/// machine scheduling can bunch a few arrivals past the client's 5 % margin. Those few are
/// retried after the backoff; an unpaced walk in these tests sees ten to fifty refused.
async fn assert_paced(server: &TestServer) {
    let refused = refused_for_rate(server).await;
    assert!(refused <= 2, "{refused} calls refused for their rate");
}

async fn refused_for_rate(server: &TestServer) -> usize {
    server.handle.flush_audit().await.unwrap();
    let now = chrono::Utc::now().timestamp() as u64 + 5;
    server
        .root()
        .send(&DescribeEvents {
            start_time: now - 3600,
            end_time: now,
            max_results: Some(50),
            lookup_attributes: vec![LookupAttribute {
                attribute_key: "ApiErrorCode".into(),
                attribute_value: Some("RequestLimitExceeded".into()),
            }],
            ..DescribeEvents::default()
        })
        .await
        .unwrap()
        .events
        .len()
}

/// Sends `bodies` of `action` all at once as root, without retries; returns the answers' codes.
async fn burst(server: &TestServer, action: &'static str, bodies: Vec<String>) -> Vec<String> {
    let addr = server.handle.addr;
    let host = addr.to_string();
    let sends = bodies.into_iter().map(|body| {
        let wire = Signing::cam(ROOT_ID, ROOT_KEY, &host).post(action, body);
        async move { exchange(addr, &wire).await.code() }
    });
    futures::future::join_all(sends).await
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

#[tokio::test]
async fn each_action_is_held_to_its_documented_rate() {
    let server = TestServer::with_real_limits(Some(account(WALKED_USERS, 0))).await;
    // ListAccessKeys: 20 a second. Sixty at once: twenty through, the rest refused.
    let lists = burst(&server, "ListAccessKeys", vec!["{}".to_owned(); 60]).await;
    let through = count(&lists, "OK");
    assert!(through >= 20, "{lists:?}");
    assert_eq!(
        count(&lists, "RequestLimitExceeded"),
        60 - through,
        "{lists:?}"
    );
    assert!(through < 60, "{lists:?}");
    // CreateAccessKey: 5 a second.
    let creates = (1..=12)
        .map(|i| json!({"TargetUin": 100_000_001_000_u64 + i}).to_string())
        .collect();
    let creates = burst(&server, "CreateAccessKey", creates).await;
    let created = count(&creates, "OK");
    assert!((5..12).contains(&created), "{creates:?}");
    assert_eq!(
        count(&creates, "RequestLimitExceeded"),
        12 - created,
        "{creates:?}"
    );
    assert_eq!(refused_for_rate(&server).await, 60 - through + 12 - created);
}

#[tokio::test]
async fn reads_refused_for_their_rate_succeed_after_the_clients_backoff() {
    let server = TestServer::with_real_limits(None).await;
    let root = server.root();
    let reads = (0..30).map(|_| root.send(&ListAccessKeys { target_uin: None }));
    let answers = futures::future::join_all(reads).await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert!(
        refused_for_rate(&server).await >= 10,
        "the burst met the limit"
    );
}

#[tokio::test]
async fn whois_walks_many_users_within_the_limit() {
    let server = TestServer::with_real_limits(Some(account(WALKED_USERS, 0))).await;
    let home = tempfile::tempdir().unwrap();
    let endpoint = server.endpoint();
    let args = ["--endpoint", &endpoint, "whois", LAST_USERS_KEY];
    let found = camtui_as_root(home.path(), &args, &[]).await;
    assert!(
        found.contains(&format!("subUser-{WALKED_USERS:04}")),
        "{found}"
    );
    assert_paced(&server).await;
}

#[tokio::test]
async fn listing_thousands_of_collaborators_keeps_to_the_limit() {
    // 30 pages of ListCollaborators, more than a second's worth at 20 a second.
    let server = TestServer::with_real_limits(Some(account(1, 3_000))).await;
    let home = tempfile::tempdir().unwrap();
    let endpoint = server.endpoint();
    let listed = camtui_as_root(
        home.path(),
        &["--endpoint", &endpoint, "users", "-o", "json"],
        &[],
    )
    .await;
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3_001);
    assert_paced(&server).await;
}

/// `users` sub-users with two keys each, the first used a day ago.
fn keyed_account(count: u64) -> Seed {
    let keys = |i: u64| {
        json!([
            {"secretId": format!("IKIDwalked{i:04}a000000000000000000000"), "status": "Active", "createdDaysAgo": 200},
            {"secretId": format!("IKIDwalked{i:04}b000000000000000000000"), "status": "Active", "createdDaysAgo": 20},
        ])
    };
    let users: Vec<_> = (1..=count)
        .map(|i| {
            json!({
                "uin": 100_000_001_000 + i, "uid": 11_000_000 + i, "type": "subUser",
                "name": format!("keyed-{i:04}"), "createdDaysAgo": 300, "keys": keys(i),
            })
        })
        .collect();
    let events: Vec<_> = (1..=count)
        .map(|i| json!({"secondsAgo": 86_400, "secretId": format!("IKIDwalked{i:04}a000000000000000000000"),
                        "action": "DescribeInstances", "service": "cvm", "sourceIp": "203.0.113.7"}))
        .collect();
    let seed = json!({"account": {"ownerUin": 100_000_000_001_u64, "appId": 1_250_000_001},
                      "users": users, "events": events});
    Seed::parse(&seed.to_string()).unwrap()
}

#[tokio::test]
async fn the_key_report_walks_many_users_within_the_limits() {
    // 70 users: 70 ListAccessKeys and 14 GetSecurityLastUsed, each action at 20 a second.
    let server = TestServer::with_real_limits(Some(keyed_account(WALKED_USERS))).await;
    let home = tempfile::tempdir().unwrap();
    let endpoint = server.endpoint();
    let report = camtui_as_root(
        home.path(),
        &["--endpoint", &endpoint, "report", "-o", "json"],
        &[],
    )
    .await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&report).unwrap();
    assert_eq!(rows.len(), 2 * WALKED_USERS as usize);
    let used = rows.iter().filter(|r| r["last_used"].is_string()).count();
    assert_eq!(
        used, WALKED_USERS as usize,
        "the first key of each was used"
    );
    assert_paced(&server).await;
}

#[tokio::test]
async fn whois_of_a_used_key_asks_the_audit_trail_within_the_limits() {
    let server = TestServer::with_real_limits(Some(keyed_account(WALKED_USERS))).await;
    let home = tempfile::tempdir().unwrap();
    let endpoint = server.endpoint();
    let key = format!("IKIDwalked{:04}a000000000000000000000", WALKED_USERS - 3);
    let found = camtui_as_root(home.path(), &["--endpoint", &endpoint, "whois", &key], &[]).await;
    assert!(
        found.contains(&format!("keyed-{:04}", WALKED_USERS - 3)),
        "{found}"
    );
    assert_paced(&server).await;
}

#[tokio::test]
async fn a_bulk_disable_keeps_to_the_writes_limit() {
    // Writes are never retried: a refusal would be a key left enabled.
    let server = TestServer::with_real_limits(Some(keyed_account(6))).await;
    let keys: Vec<(u64, camtui::cam::model::SecretId)> = (1..=6)
        .flat_map(|i| {
            ["a", "b"].map(|k| {
                (
                    100_000_001_000 + i,
                    camtui::cam::model::SecretId::from_wire(format!(
                        "IKIDwalked{i:04}{k}000000000000000000000"
                    )),
                )
            })
        })
        .collect();
    let mut answers = Vec::new();
    camtui::cam::report::disable_keys(
        &server.root(),
        &keys,
        &tokio_util::sync::CancellationToken::new(),
        |_, result| answers.push(result),
    )
    .await;
    assert_eq!(answers.len(), 12);
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(refused_for_rate(&server).await, 0);
}
