//! The walks over every user against a small counting CAM and CloudAudit stand-in on 127.0.0.1.
//! The owner search: found by the audit trail in two calls, a trail that disagrees, found by the
//! scan, not found, cancelled, skipped users, the cache. The key report: every user and key, last
//! use ten at a time, rows as users complete, cancelled. The bulk disable: one at a time, failures
//! reported and not stopping it, cancelled. And the request rate of each action the server saw.

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
use camtui::cam::report::{self, ReportOptions, ReportOutcome, Staleness};
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
    /// SecretIds `UpdateAccessKey` refuses.
    refused: Vec<String>,
    /// How many more `ListAccessKeys` to refuse with `RequestLimitExceeded`.
    rate_limited: AtomicUsize,
    /// `ListAccessKeys` answers are delayed this long (to make concurrency visible).
    latency: Duration,
    /// Every call but the audit trail's: its action and when it arrived.
    arrivals: Mutex<Vec<(String, Instant)>>,
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
    account
        .arrivals
        .lock()
        .unwrap()
        .push((action.to_owned(), Instant::now()));
    let ids = || -> Vec<&str> {
        body["SecretIdList"]
            .as_array()
            .expect("SecretIdList")
            .iter()
            .map(|id| id.as_str().unwrap())
            .collect()
    };
    match action {
        "GetSecurityLastUsed" => {
            assert!(ids().len() <= 10, "at most ten a call");
            let rows: Vec<Value> = ids()
                .into_iter()
                .map(|id| json!({"SecretId": id, "LastUsedDate": "2024-05-01", "LastSecretUsedDate": 1_714_550_400_000_i64}))
                .collect();
            return Json(
                json!({"Response": {"SecretIdLastUsedRows": rows, "RequestId": request_id}}),
            );
        }
        "UpdateAccessKey" => {
            let id = body["AccessKeyId"].as_str().unwrap_or_default();
            assert_eq!(body["Status"], "Inactive");
            let response = if account.refused.iter().any(|r| r == id) {
                json!({"Error": {"Code": "AuthFailure.UnauthorizedOperation", "Message": "not yours"},
                       "RequestId": request_id})
            } else {
                json!({"RequestId": request_id})
            };
            return Json(json!({ "Response": response }));
        }
        "ListAccessKeys"
            if account
                .rate_limited
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok() =>
        {
            return Json(json!({"Response": {
                "Error": {"Code": "RequestLimitExceeded", "Message": "slow down"},
                "RequestId": request_id,
            }}));
        }
        "ListAccessKeys" => {}
        other => panic!("the walks do not call {other}"),
    }
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
    serve(
        n,
        Account {
            keys,
            trail,
            missing,
            latency,
            ..Account::default()
        },
    )
    .await
}

/// The stand-in answering for `account`, whose users are UINs 1000..1000+n.
async fn serve(n: u64, account: Account) -> Fixture {
    let account = Arc::new(account);
    let app = Router::new()
        .route("/", post(handle))
        .with_state(account.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut config = TransportConfig::new(Endpoint::custom(&format!("http://{addr}")).unwrap());
    // Retries come at once: only the walk's pace may hold them back.
    config.rate_limit_backoff = Duration::from_millis(1);
    let transport =
        Transport::new(config, Credential::new("AKIDtestcaller0000000", "secret")).unwrap();
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

/// Searches `f`'s users for `secret_id` as fast as the stand-in answers, the audit trail first.
async fn search(f: &Fixture, secret_id: &SecretId, cache: &KeyOwnerCache) -> SearchOutcome {
    owner::find_owner(
        &f.client,
        secret_id,
        Users::Listed(&f.users),
        cache,
        fast(),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap()
}

fn fast() -> WalkOptions {
    WalkOptions {
        concurrency: 4,
        requests_per_second: 500,
    }
}

/// `ListAccessKeys` calls seen.
fn requests(f: &Fixture) -> usize {
    calls(f, "ListAccessKeys")
}

fn calls(f: &Fixture, action: &str) -> usize {
    f.account
        .arrivals
        .lock()
        .unwrap()
        .iter()
        .filter(|(a, _)| a == action)
        .count()
}

/// The most calls of `action` the server saw in any one-second window.
fn busiest(f: &Fixture, action: &str) -> usize {
    let arrivals: Vec<Instant> = f
        .account
        .arrivals
        .lock()
        .unwrap()
        .iter()
        .filter(|(a, _)| a == action)
        .map(|(_, t)| *t)
        .collect();
    arrivals
        .iter()
        .map(|start| {
            arrivals
                .iter()
                .filter(|t| **t >= *start && t.duration_since(*start) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0)
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
    let again = search(&f, &wanted, &cache).await;
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
    let again = search(&f, &SecretId::from_wire("AKIDnobodyownsthis0001"), &cache).await;
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
    assert_eq!(requests(&f), 45);
    let busiest = busiest(&f, "ListAccessKeys");
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
    let outcome = search(&f, &SecretId::from_wire(&wanted), &cache).await;
    assert!(
        matches!(outcome, SearchOutcome::Found { ref user, by: FoundBy::Scan, .. } if user.uin == 1009),
        "{outcome:?}"
    );
    // Every user listed once: the confirmation's listing of 1003 is not repeated by the scan.
    assert_eq!(requests(&f), 10);
    let outcome = search(&f, &SecretId::from_wire(key_of(1008)), &cache).await;
    assert!(
        matches!(outcome, SearchOutcome::Found { ref user, by: FoundBy::Scan | FoundBy::Cache, .. } if user.uin == 1008),
        "{outcome:?}"
    );
}

// ───────────────────────────── the key report ─────────────────────────────

/// `n` users, every third with a second key `AKIDuser<uin>yyyy…`; `missing` are deleted meanwhile.
async fn report_fixture(n: u64, missing: Vec<u64>) -> Fixture {
    let keys = (0..n)
        .map(|i| {
            let uin = 1000 + i;
            let mut keys = vec![key_of(uin)];
            if i % 3 == 0 {
                keys.push(format!("AKIDuser{uin}yyyyyyyyyyyy"));
            }
            (uin, keys)
        })
        .collect();
    serve(
        n,
        Account {
            keys,
            missing,
            ..Account::default()
        },
    )
    .await
}

fn options(walk: WalkOptions) -> ReportOptions {
    ReportOptions {
        walk,
        staleness: Staleness {
            now: 1_750_000_000,
            days: 90,
        },
    }
}

#[tokio::test]
async fn the_report_lists_every_user_and_asks_last_use_ten_keys_a_call_within_the_limits() {
    // 45 users, 60 keys at the default options: about 2.4 s of listing.
    let f = report_fixture(45, vec![1004]).await;
    let cache = KeyOwnerCache::new();
    let mut rows = Vec::new();
    let mut updates = Vec::new();
    let outcome = report::key_report(
        &f.client,
        f.users.clone(),
        &cache,
        options(WalkOptions::default()),
        &CancellationToken::new(),
        |update| {
            updates.push(update.progress);
            rows.extend(update.rows);
        },
    )
    .await
    .unwrap();
    let ReportOutcome::Complete { skipped } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].user.uin, 1004);
    // Every key of every other user, each once, with its last use.
    assert_eq!(rows.len(), 60 - 1);
    assert!(rows.iter().all(|r| r.last_used.is_some()));
    let mut ids: Vec<&str> = rows.iter().map(|r| r.key.access_key_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 59);
    // A user's rows come together, flagged with both keys known.
    let first = rows.iter().position(|r| r.owner.uin == 1000).unwrap();
    assert_eq!(rows[first + 1].owner.uin, 1000);
    assert_eq!(calls(&f, "ListAccessKeys"), 45);
    assert_eq!(calls(&f, "GetSecurityLastUsed"), 6, "59 keys, ten a call");
    assert!(busiest(&f, "ListAccessKeys") <= 20);
    assert!(busiest(&f, "GetSecurityLastUsed") <= 20);
    // Progress only grows, to every user.
    assert!(updates.windows(2).all(|w| w[0].done <= w[1].done));
    assert_eq!(updates.last().unwrap().done, 45);
    // What it listed answers the owner search.
    assert_eq!(cache.len(), 44);
}

#[tokio::test]
async fn a_stopped_report_keeps_what_it_sent_and_calls_no_more() {
    let f = report_fixture(200, vec![]).await;
    let cancel = CancellationToken::new();
    let mut rows = 0;
    let outcome = report::key_report(
        &f.client,
        f.users.clone(),
        &KeyOwnerCache::new(),
        options(WalkOptions::default()),
        &cancel,
        |update| {
            rows += update.rows.len();
            if update.progress.done >= 10 {
                cancel.cancel();
            }
        },
    )
    .await
    .unwrap();
    let ReportOutcome::Cancelled { done, total } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(total, 200);
    assert!(done >= 10 && rows >= 10, "{done} users, {rows} rows");
    let seen = f.account.arrivals.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(f.account.arrivals.lock().unwrap().len(), seen);
}

#[tokio::test]
async fn bulk_disable_goes_one_at_a_time_within_five_a_second_and_past_failures() {
    let keys: Vec<(u64, SecretId)> = (0..8)
        .map(|i| (1000 + i, SecretId::from_wire(key_of(1000 + i))))
        .collect();
    let f = serve(
        8,
        Account {
            refused: vec![key_of(1002)],
            ..Account::default()
        },
    )
    .await;
    let mut answers = Vec::new();
    let stopped =
        report::disable_keys(&f.client, &keys, &CancellationToken::new(), |at, result| {
            answers.push((at, result.map_err(|e| e.code().to_owned())));
        })
        .await;
    assert!(!stopped);
    assert_eq!(answers.len(), 8, "a failure does not stop the others");
    assert_eq!(
        answers[2],
        (2, Err("AuthFailure.UnauthorizedOperation".to_owned()))
    );
    assert!(
        answers.iter().enumerate().all(|(i, (at, _))| i == *at),
        "in order"
    );
    assert!(
        answers[3]
            .1
            .as_ref()
            .is_ok_and(|request_id| !request_id.is_empty())
    );
    assert_eq!(calls(&f, "UpdateAccessKey"), 8);
    assert!(busiest(&f, "UpdateAccessKey") <= 5);

    // Stopped: no call starts after it.
    let cancel = CancellationToken::new();
    let mut answered = 0;
    let stopped = report::disable_keys(&f.client, &keys, &cancel, |_, _| {
        answered += 1;
        if answered == 2 {
            cancel.cancel();
        }
    })
    .await;
    assert!(stopped);
    assert_eq!(answered, 2);
    assert_eq!(calls(&f, "UpdateAccessKey"), 10);
}

#[tokio::test]
async fn a_call_refused_for_its_rate_is_retried_within_the_walks_pace() {
    let f = serve(
        10,
        Account {
            keys: (0..10)
                .map(|i| (1000 + i, vec![key_of(1000 + i)]))
                .collect(),
            rate_limited: AtomicUsize::new(2),
            ..Account::default()
        },
    )
    .await;
    let slow = WalkOptions {
        concurrency: 4,
        requests_per_second: 4,
    };
    let outcome = report::key_report(
        &f.client,
        f.users.clone(),
        &KeyOwnerCache::new(),
        options(slow),
        &CancellationToken::new(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(matches!(outcome, ReportOutcome::Complete { ref skipped } if skipped.is_empty()));
    // Ten users and two retries: twelve arrivals, never more than the pace's four in a second.
    assert_eq!(calls(&f, "ListAccessKeys"), 12);
    assert!(
        busiest(&f, "ListAccessKeys") <= 4,
        "{}",
        busiest(&f, "ListAccessKeys")
    );
}
