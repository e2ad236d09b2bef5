//! The SecretId owner search against a small counting CAM and CloudAudit stand-in on 127.0.0.1:
//! found by the audit trail in two calls, a trail that disagrees, found by the scan, not found,
//! cancelled, skipped users, the cache, and the request rate the server actually saw.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use camtui::cam::model::{SecretId, UserKind};
use camtui::cam::owner::{self, FoundBy, KeyOwnerCache, SearchOutcome, Users};
use camtui::cam::walk::{Progress, UserRef, WalkOptions};
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};

/// What the stand-in knows and what it saw.
#[derive(Default)]
struct Account {
    keys: HashMap<u64, Vec<String>>,
    /// The principal the audit trail names for a SecretId.
    trail: HashMap<String, u64>,
    /// `DescribeEvents` calls seen.
    audit_calls: AtomicUsize,
    /// UINs that answer `InvalidParameter.UserNotExist`.
    missing: Vec<u64>,
    /// Every answer is delayed this long (to make concurrency visible).
    latency: Duration,
    arrivals: Mutex<Vec<Instant>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

async fn handle(
    State(account): State<Arc<Account>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    let action = headers
        .get("X-TC-Action")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let request_id = uuid::Uuid::new_v4().to_string();
    if action == "DescribeEvents" {
        account.audit_calls.fetch_add(1, Ordering::SeqCst);
        let secret_id = body["LookupAttributes"][0]["AttributeValue"]
            .as_str()
            .unwrap_or_default();
        let events: Vec<Value> = account
            .trail
            .get(secret_id)
            .map(|uin| {
                let document = json!({"userIdentity": {"principalId": uin.to_string()}});
                json!({"EventTime": "1714550400", "EventName": "DescribeInstances",
                       "SecretId": secret_id, "CloudAuditEvent": document.to_string()})
            })
            .into_iter()
            .collect();
        return Json(
            json!({"Response": {"Events": events, "ListOver": true, "RequestId": request_id}}),
        );
    }
    assert_eq!(
        action, "ListAccessKeys",
        "besides the audit trail, the search only lists keys"
    );
    account.arrivals.lock().unwrap().push(Instant::now());
    let now = account.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    account.max_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(account.latency).await;
    account.in_flight.fetch_sub(1, Ordering::SeqCst);
    let uin = body["TargetUin"]
        .as_u64()
        .expect("TargetUin is always sent");
    if account.missing.contains(&uin) {
        return Json(json!({"Response": {
            "Error": {"Code": "InvalidParameter.UserNotExist", "Message": "no such user"},
            "RequestId": request_id,
        }}));
    }
    let keys: Vec<Value> = account
        .keys
        .get(&uin)
        .into_iter()
        .flatten()
        .map(|id| json!({"AccessKeyId": id, "Status": "Active", "CreateTime": "2024-01-01 00:00:00"}))
        .collect();
    Json(json!({"Response": {"AccessKeys": keys, "RequestId": request_id}}))
}

struct Fixture {
    account: Arc<Account>,
    client: Client,
    users: Vec<UserRef>,
}

/// `n` users with UINs 1000.., each with one key `AKIDuser<uin>xxxxxxxx`; the audit trail knows
/// nothing.
async fn fixture(n: u64, missing: Vec<u64>, latency: Duration) -> Fixture {
    with_trail(n, missing, latency, HashMap::new()).await
}

/// As [`fixture`], the audit trail naming a principal for some keys.
async fn with_trail(
    n: u64,
    missing: Vec<u64>,
    latency: Duration,
    trail: HashMap<String, u64>,
) -> Fixture {
    let keys = (0..n).map(|i| (1000 + i, vec![key_of(1000 + i)])).collect();
    let account = Arc::new(Account {
        keys,
        trail,
        missing,
        latency,
        ..Account::default()
    });
    let app = Router::new()
        .route("/", post(handle))
        .with_state(account.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let endpoint = Endpoint::custom(&format!("http://{addr}")).unwrap();
    let transport = Transport::new(
        TransportConfig::new(endpoint),
        Credential::new("AKIDtestcaller0000000", "secret"),
    )
    .unwrap();
    let users = (0..n)
        .map(|i| UserRef {
            uin: 1000 + i,
            name: format!("user{i}"),
            kind: UserKind::SubUser,
        })
        .collect();
    Fixture {
        account,
        client: Client::new(transport),
        users,
    }
}

fn key_of(uin: u64) -> String {
    format!("AKIDuser{uin}xxxxxxxxxxxx")
}

fn fast() -> WalkOptions {
    WalkOptions {
        concurrency: 4,
        requests_per_second: 500,
    }
}

fn requests(f: &Fixture) -> usize {
    f.account.arrivals.lock().unwrap().len()
}

#[tokio::test]
async fn finds_the_owner_and_remembers() {
    let f = fixture(12, vec![], Duration::ZERO).await;
    let cache = KeyOwnerCache::new();
    let wanted = SecretId::from_wire(key_of(1009));
    let mut reports = Vec::new();
    let outcome = owner::find_owner(
        &f.client,
        &wanted,
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |p| reports.push(p),
    )
    .await
    .unwrap();
    let SearchOutcome::Found { user, key, by } = outcome else {
        panic!("expected Found, got {outcome:?}")
    };
    assert_eq!((user.uin, user.name.as_str()), (1009, "user9"));
    assert_eq!(key.access_key_id, wanted);
    assert_eq!(by, FoundBy::Scan);
    // Progress starts at zero, only grows, and never passes the total.
    assert_eq!(reports[0].done, 0);
    assert!(reports.windows(2).all(|w| w[0].done < w[1].done));
    assert!(
        reports
            .iter()
            .all(|p: &Progress| p.total == 12 && p.done <= 12)
    );
    assert!(reports.last().unwrap().eta.is_some());
    let sent = requests(&f);
    assert!(sent <= 12, "{sent}");

    // Asking again is answered from the cache, without a request.
    let again = owner::find_owner(
        &f.client,
        &wanted,
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(matches!(
        again,
        SearchOutcome::Found {
            by: FoundBy::Cache,
            ..
        }
    ));
    assert_eq!(requests(&f), sent);
}

#[tokio::test]
async fn not_found_walks_everyone_once_and_skips_missing_users() {
    let f = fixture(15, vec![1003], Duration::from_millis(5)).await;
    let cache = KeyOwnerCache::new();
    let mut last = None;
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire("AKIDnobodyownsthis0000"),
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |p| last = Some(p),
    )
    .await
    .unwrap();
    let SearchOutcome::NotFound { searched, skipped } = outcome else {
        panic!("expected NotFound, got {outcome:?}")
    };
    assert_eq!(searched, 14);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].user.uin, 1003);
    assert_eq!(skipped[0].error.code(), "InvalidParameter.UserNotExist");
    assert_eq!(last.unwrap().done, 15);
    assert_eq!(requests(&f), 15);
    assert!(f.account.max_in_flight.load(Ordering::SeqCst) <= 4);
    assert_eq!(cache.len(), 14);

    // A second miss costs nothing but the user the endpoint could not list.
    let again = owner::find_owner(
        &f.client,
        &SecretId::from_wire("AKIDnobodyownsthis0001"),
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(matches!(
        again,
        SearchOutcome::NotFound { searched: 14, .. }
    ));
    assert_eq!(requests(&f), 16);
}

#[tokio::test]
async fn every_user_failing_is_an_error() {
    let f = fixture(3, vec![1000, 1001, 1002], Duration::ZERO).await;
    let e = owner::find_owner(
        &f.client,
        &SecretId::from_wire("AKIDnobodyownsthis0000"),
        Users::Listed(&f.users),
        &KeyOwnerCache::new(),
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "InvalidParameter.UserNotExist");
}

#[tokio::test]
async fn cancel_stops_the_walk() {
    let f = fixture(200, vec![], Duration::from_millis(2)).await;
    let cancel = CancellationToken::new();
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire(key_of(1199)),
        Users::Listed(&f.users),
        &KeyOwnerCache::new(),
        WalkOptions::default(),
        &cancel,
        |p| {
            if p.done >= 5 {
                cancel.cancel();
            }
        },
    )
    .await
    .unwrap();
    let SearchOutcome::Cancelled { done, total } = outcome else {
        panic!("expected Cancelled, got {outcome:?}")
    };
    assert_eq!(total, 200);
    assert!(done >= 5);
    // Nothing more is started once cancelled: give stragglers time to arrive, then count.
    let seen = requests(&f);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(requests(&f), seen);
    assert!(seen <= done + WalkOptions::default().concurrency, "{seen}");
}

#[tokio::test]
async fn request_rate_stays_within_twenty_a_second() {
    // 45 users at the default options: about 2.4 s of walking.
    let f = fixture(45, vec![], Duration::ZERO).await;
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire("AKIDnobodyownsthis0000"),
        Users::Listed(&f.users),
        &KeyOwnerCache::new(),
        WalkOptions::default(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(matches!(
        outcome,
        SearchOutcome::NotFound { searched: 45, .. }
    ));
    let arrivals = f.account.arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 45);
    // The most arrivals the server saw in any one-second window.
    let busiest = arrivals
        .iter()
        .map(|start| {
            arrivals
                .iter()
                .filter(|t| **t >= *start && t.duration_since(*start) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap();
    assert!(busiest <= 20, "{busiest} requests within one second");
}

#[tokio::test]
async fn the_audit_trail_names_the_owner_in_two_calls() {
    let wanted = key_of(1150);
    let f = with_trail(
        200,
        vec![],
        Duration::ZERO,
        HashMap::from([(wanted.clone(), 1150)]),
    )
    .await;
    let cache = KeyOwnerCache::new();
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire(&wanted),
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |_| panic!("no scan"),
    )
    .await
    .unwrap();
    let SearchOutcome::Found { user, key, by } = outcome else {
        panic!("expected Found, got {outcome:?}")
    };
    assert_eq!(
        (user.uin, key.access_key_id.as_str()),
        (1150, wanted.as_str())
    );
    assert_eq!(by, FoundBy::AuditTrail);
    // One DescribeEvents (the newest window named the principal), one ListAccessKeys to confirm.
    assert_eq!(f.account.audit_calls.load(Ordering::SeqCst), 1);
    assert_eq!(requests(&f), 1);
    // What the confirmation listed is remembered.
    assert_eq!(cache.keys_of(1150).unwrap()[0].access_key_id, wanted);
}

#[tokio::test]
async fn a_trail_that_disagrees_with_the_keys_falls_back_to_the_scan() {
    let wanted = key_of(1009);
    // The trail names user 1003, who does not own the key; and one a principal nobody listed.
    let f = with_trail(
        10,
        vec![],
        Duration::ZERO,
        HashMap::from([(wanted.clone(), 1003), (key_of(1008), 99)]),
    )
    .await;
    let cache = KeyOwnerCache::new();
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire(&wanted),
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        matches!(outcome, SearchOutcome::Found { ref user, by: FoundBy::Scan, .. } if user.uin == 1009),
        "{outcome:?}"
    );
    // Every user listed once: the confirmation's listing of 1003 is not repeated by the scan.
    assert_eq!(requests(&f), 10);
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire(key_of(1008)),
        Users::Listed(&f.users),
        &cache,
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        matches!(outcome, SearchOutcome::Found { ref user, by: FoundBy::Scan | FoundBy::Cache, .. } if user.uin == 1008),
        "{outcome:?}"
    );
}
