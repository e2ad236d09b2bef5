//! The SecretId owner search against a small counting CAM stand-in on 127.0.0.1: found, not
//! found, cancelled, skipped users, the cache, and the request rate the server actually saw.

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

use camtui::cam::model::SecretId;
use camtui::cam::owner::{self, KeyOwnerCache, Progress, SearchOptions, SearchOutcome, UserRef};
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};

/// What the stand-in knows and what it saw.
#[derive(Default)]
struct Account {
    keys: HashMap<u64, Vec<String>>,
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
    account.arrivals.lock().unwrap().push(Instant::now());
    let now = account.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    account.max_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(account.latency).await;
    account.in_flight.fetch_sub(1, Ordering::SeqCst);
    let action = headers
        .get("X-TC-Action")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let request_id = uuid::Uuid::new_v4().to_string();
    assert_eq!(action, "ListAccessKeys", "the search only lists keys");
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

/// `n` users with UINs 1000.., each with one key `AKIDuser<uin>xxxxxxxx`.
async fn fixture(n: u64, missing: Vec<u64>, latency: Duration) -> Fixture {
    let keys = (0..n).map(|i| (1000 + i, vec![key_of(1000 + i)])).collect();
    let account = Arc::new(Account {
        keys,
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

fn fast() -> SearchOptions {
    SearchOptions {
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
        &f.users,
        &cache,
        fast(),
        &CancellationToken::new(),
        |p| reports.push(p),
    )
    .await
    .unwrap();
    let SearchOutcome::Found {
        user,
        key,
        from_cache,
    } = outcome
    else {
        panic!("expected Found, got {outcome:?}")
    };
    assert_eq!((user.uin, user.name.as_str()), (1009, "user9"));
    assert_eq!(key.access_key_id, wanted);
    assert!(!from_cache);
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
        &f.users,
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
            from_cache: true,
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
        &f.users,
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
        &f.users,
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
        &f.users,
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
        &f.users,
        &KeyOwnerCache::new(),
        SearchOptions::default(),
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
    assert!(
        seen <= done + SearchOptions::default().concurrency,
        "{seen}"
    );
}

#[tokio::test]
async fn request_rate_stays_within_twenty_a_second() {
    // 45 users at the default options: about 2.4 s of walking.
    let f = fixture(45, vec![], Duration::ZERO).await;
    let outcome = owner::find_owner(
        &f.client,
        &SecretId::from_wire("AKIDnobodyownsthis0000"),
        &f.users,
        &KeyOwnerCache::new(),
        SearchOptions::default(),
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
