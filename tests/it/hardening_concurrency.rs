//! Concurrency against a server on a real socket: races on one rule or one key end in one
//! consistent outcome, and a mixed load of 8 clients leaves every invariant intact — at most two
//! keys per user at every moment, every answered mutation visible (in memory, in the database and
//! after a restart), and exactly one audit event per request made.
//!
//! The load runs `CAMTUI_LOAD_SECS` seconds (default 5; the README's figures are for 30).

use crate::support;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use camtui::cam::model::Service;
use camtui::cam::{Client, Credential};
use camtui::server::{ServerConfig, spawn};
use rand::{RngExt as _, SeedableRng as _};
use serde_json::{Value, json};
use support::{ROOT_ID, ROOT_KEY, TestServer};

/// One answered request.
#[derive(Debug, Clone)]
struct Outcome {
    /// `OK` or the error code.
    code: String,
    request_id: Option<String>,
    response: Value,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.code == "OK"
    }
}

/// Sends one request, never retried (`call_raw`), so one call is exactly one request.
async fn call(client: &Client, service: Service, action: &str, params: Value) -> Outcome {
    match client.call_raw(service, action, &params).await {
        Ok(response) => Outcome {
            code: "OK".into(),
            request_id: response["RequestId"].as_str().map(str::to_owned),
            response,
        },
        Err(e) => Outcome {
            code: e.code().to_owned(),
            request_id: e.api().map(|a| a.request_id.clone()),
            response: Value::Null,
        },
    }
}

async fn cam(client: &Client, action: &str, params: Value) -> Outcome {
    call(client, Service::Cam, action, params).await
}

/// Audit events by RequestId: (row id, error code). Mutations commit their event in their own
/// transaction, so the row ids of successful mutations are their commit order.
fn events_by_request(db: &Path) -> HashMap<String, (i64, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.prepare("SELECT request_id, id, api_error_code FROM events")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// (SecretId → active) of one owner's keys (not their tombstones), straight from the database.
fn stored_keys(db: &Path, owner: u64) -> BTreeMap<String, bool> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.prepare(
        "SELECT secret_id, active FROM access_keys WHERE owner_uin = ?1 AND deleted IS NULL",
    )
    .unwrap()
    .query_map([owner], |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// (SecretId → active) of one owner, as the API lists them.
async fn listed_keys(client: &Client, owner: u64) -> BTreeMap<String, bool> {
    client
        .access_keys(Some(owner))
        .await
        .unwrap()
        .into_iter()
        .map(|k| {
            (
                k.access_key_id.into(),
                k.status == camtui::cam::model::KeyStatus::Active,
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_creates_by_the_user_itself_leave_two_keys() {
    // tests/server_keys.rs covers root creating for a user; here the user's own key races,
    // and the audit trail must hold one event per request with the right outcome.
    let server = TestServer::start().await;
    let uin = server.add_user("racer", false).await;
    let (user, own_key) = server.key_client(uin).await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let user = user.clone();
            tokio::spawn(async move { cam(&user, "CreateAccessKey", json!({})).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    let created = outcomes.iter().filter(|o| o.ok()).count();
    let refused = outcomes
        .iter()
        .filter(|o| o.code == "OperationDenied.AccessKeyOverLimit")
        .count();
    assert_eq!((created, refused), (1, 49), "{outcomes:?}");
    let stored = stored_keys(&server.db(), uin);
    assert_eq!(stored.len(), 2);
    assert!(stored.contains_key(&own_key));
    assert_eq!(listed_keys(&server.root(), uin).await, stored);

    server.handle.flush_audit().await.unwrap();
    let events = events_by_request(&server.db());
    for outcome in &outcomes {
        let id = outcome
            .request_id
            .as_ref()
            .expect("every reply has a RequestId");
        let (_, code) = &events[id];
        assert_eq!(
            if code.is_empty() { "OK" } else { code },
            outcome.code,
            "{id}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_parallel_add_users_of_one_name_leave_one_user() {
    let server = TestServer::start().await;
    let root = server.root();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let root = root.clone();
            tokio::spawn(async move { cam(&root, "AddUser", json!({"Name": "twin"})).await })
        })
        .collect();
    let mut codes = BTreeMap::<String, usize>::new();
    for task in tasks {
        *codes.entry(task.await.unwrap().code).or_default() += 1;
    }
    assert_eq!(
        codes,
        BTreeMap::from([
            ("InvalidParameter.SubUserNameInUse".to_owned(), 19),
            ("OK".to_owned(), 1)
        ])
    );
    let users = cam(&root, "ListUsers", json!({})).await;
    assert_eq!(users.response["Data"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_disable_enable_and_delete_of_one_key_end_consistently() {
    let server = TestServer::start().await;
    let uin = server.add_user("contested", false).await;
    let root = server.root();
    let db = server.db();
    for round in 0..5 {
        let (key, secret) = server.new_key(uin).await;
        // 10 disables, 5 enables and 10 deletes of the same key, all at once.
        let tasks: Vec<_> = (0..25)
            .map(|i| {
                let root = root.clone();
                let key = key.clone();
                tokio::spawn(async move {
                    let (action, params) = match i % 5 {
                        0 | 2 => (
                            "UpdateAccessKey",
                            json!({"AccessKeyId": key, "Status": "Inactive", "TargetUin": uin}),
                        ),
                        4 => (
                            "UpdateAccessKey",
                            json!({"AccessKeyId": key, "Status": "Active", "TargetUin": uin}),
                        ),
                        _ => (
                            "DeleteAccessKey",
                            json!({"AccessKeyId": key, "TargetUin": uin}),
                        ),
                    };
                    (action, cam(&root, action, params).await)
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        for (action, outcome) in &outcomes {
            assert!(
                outcome.ok() || outcome.code == "ResourceNotFound.SecretNotExist",
                "round {round}: {action} answered {}",
                outcome.code
            );
        }
        let deleted: Vec<_> = outcomes
            .iter()
            .filter(|(a, o)| *a == "DeleteAccessKey" && o.ok())
            .collect();
        assert_eq!(deleted.len(), 1, "round {round}: exactly one delete wins");

        // In commit order, no update landed after the delete.
        server.handle.flush_audit().await.unwrap();
        let events = events_by_request(&db);
        let commit = |o: &Outcome| events[o.request_id.as_ref().unwrap()].0;
        let delete_at = commit(&deleted[0].1);
        for (action, outcome) in &outcomes {
            if *action == "UpdateAccessKey" && outcome.ok() {
                assert!(
                    commit(outcome) < delete_at,
                    "round {round}: update after delete"
                );
            }
        }
        // Gone everywhere: database, listing, authentication.
        assert!(!stored_keys(&db, uin).contains_key(&key));
        assert!(!listed_keys(&root, uin).await.contains_key(&key));
        let orphan = server.client(Credential::new(key.clone(), secret));
        assert_eq!(
            cam(&orphan, "ListAccessKeys", json!({})).await.code,
            "AuthFailure.SecretIdNotFound"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_enable_and_disable_end_as_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cam.db");
    let config = || {
        ServerConfig::new(
            "127.0.0.1:0".parse().unwrap(),
            db.clone(),
            Credential::new(ROOT_ID, ROOT_KEY),
        )
    };
    let handle = spawn(config()).await.unwrap();
    let client = |endpoint: &str| {
        let mut config =
            camtui::cam::TransportConfig::new(camtui::cam::Endpoint::custom(endpoint).unwrap());
        config.retry_backoff = Duration::from_millis(1);
        Client::new(
            camtui::cam::Transport::new(config, Credential::new(ROOT_ID, ROOT_KEY)).unwrap(),
        )
    };
    let root = client(&handle.endpoint());
    let uin = cam(&root, "AddUser", json!({"Name": "flip"}))
        .await
        .response["Uin"]
        .as_u64()
        .unwrap();
    let created = cam(&root, "CreateAccessKey", json!({"TargetUin": uin})).await;
    let key = created.response["AccessKey"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .to_owned();
    for round in 0..5 {
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let root = root.clone();
                let key = key.clone();
                let status = if i % 2 == 0 { "Active" } else { "Inactive" };
                tokio::spawn(async move {
                    let params = json!({"AccessKeyId": key, "Status": status, "TargetUin": uin});
                    (status, cam(&root, "UpdateAccessKey", params).await)
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            let (status, outcome) = task.await.unwrap();
            assert!(outcome.ok(), "round {round}: {}", outcome.code);
            outcomes.push((status, outcome));
        }
        handle.flush_audit().await.unwrap();
        let events = events_by_request(&db);
        let (last_status, _) = outcomes
            .iter()
            .max_by_key(|(_, o)| events[o.request_id.as_ref().unwrap()].0)
            .unwrap();
        let expected = *last_status == "Active";
        assert_eq!(
            stored_keys(&db, uin)[&key],
            expected,
            "round {round}: database"
        );
        assert_eq!(
            listed_keys(&root, uin).await[&key],
            expected,
            "round {round}: memory"
        );
    }
    // What memory said is what the database says after a restart.
    let before = listed_keys(&root, uin).await;
    handle.shutdown().await.unwrap();
    let again = spawn(config()).await.unwrap();
    assert_eq!(listed_keys(&client(&again.endpoint()), uin).await, before);
    again.shutdown().await.unwrap();
}

/// What one load client believes about the keys it created: SecretId → (owner, active).
type Model = BTreeMap<String, (u64, bool)>;

#[derive(Debug, Default)]
struct Tally {
    requests: u64,
    /// (action, code) → count.
    outcomes: BTreeMap<(String, String), u64>,
    /// Successful mutations: (RequestId, action).
    acknowledged: Vec<(String, &'static str)>,
    deleted: Vec<String>,
    model: Model,
    /// Anything that broke an invariant while the load ran.
    violations: Vec<String>,
}

impl Tally {
    fn note(&mut self, action: &'static str, outcome: &Outcome) {
        self.requests += 1;
        *self
            .outcomes
            .entry((action.to_owned(), outcome.code.clone()))
            .or_default() += 1;
        if outcome.request_id.is_none() {
            self.violations
                .push(format!("{action}: no API answer ({})", outcome.code));
        }
    }
}

const LOAD_USERS: usize = 6;
const LOAD_CLIENTS: usize = 8;

/// One client of the mixed load: creates keys for any pool user (racing the others for the
/// two slots), flips and deletes only the keys it created (so its model is exact), and reads.
async fn load_client(
    index: usize,
    client: Client,
    users: Arc<Vec<u64>>,
    deadline: Instant,
) -> Tally {
    let mut rng = rand::rngs::StdRng::seed_from_u64(1000 + index as u64);
    let mut tally = Tally::default();
    while Instant::now() < deadline {
        let user = users[rng.random_range(0..users.len())];
        let own: Vec<String> = tally.model.keys().cloned().collect();
        // 30 % create, 25 % enable/disable, 15 % delete, 25 % list, 5 % other reads; a
        // client with no key of its own creates instead of changing one.
        let mut roll = rng.random_range(0..100);
        if own.is_empty() && (30..70).contains(&roll) {
            roll = 0;
        }
        if roll < 30 {
            // Each create its own request: a signature is accepted once, and without a nonce
            // the same change can have only so many (one per second of the window).
            let description = format!("load-{:08x}", rng.random::<u32>());
            let create = json!({"TargetUin": user, "Description": description});
            let outcome = cam(&client, "CreateAccessKey", create).await;
            tally.note("CreateAccessKey", &outcome);
            if outcome.ok() {
                let id = outcome.response["AccessKey"]["AccessKeyId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                tally.model.insert(id, (user, true));
                tally
                    .acknowledged
                    .push((outcome.request_id.unwrap_or_default(), "CreateAccessKey"));
            } else if outcome.code != "OperationDenied.AccessKeyOverLimit" {
                tally
                    .violations
                    .push(format!("CreateAccessKey answered {}", outcome.code));
            }
        } else if roll < 55 {
            let id = &own[rng.random_range(0..own.len())];
            let (owner, _) = tally.model[id];
            let active = rng.random_bool(0.5);
            let status = if active { "Active" } else { "Inactive" };
            let outcome = cam(
                &client,
                "UpdateAccessKey",
                json!({"AccessKeyId": id, "Status": status, "TargetUin": owner}),
            )
            .await;
            tally.note("UpdateAccessKey", &outcome);
            if outcome.ok() {
                tally.model.insert(id.clone(), (owner, active));
                tally
                    .acknowledged
                    .push((outcome.request_id.unwrap_or_default(), "UpdateAccessKey"));
            } else {
                tally
                    .violations
                    .push(format!("UpdateAccessKey of its own key: {}", outcome.code));
            }
        } else if roll < 70 {
            let id = own[rng.random_range(0..own.len())].clone();
            let (owner, _) = tally.model[&id];
            let outcome = cam(
                &client,
                "DeleteAccessKey",
                json!({"AccessKeyId": id, "TargetUin": owner}),
            )
            .await;
            tally.note("DeleteAccessKey", &outcome);
            if outcome.ok() {
                tally.model.remove(&id);
                tally.deleted.push(id);
                tally
                    .acknowledged
                    .push((outcome.request_id.unwrap_or_default(), "DeleteAccessKey"));
            } else {
                tally
                    .violations
                    .push(format!("DeleteAccessKey of its own key: {}", outcome.code));
            }
        } else if roll < 95 {
            let outcome = cam(&client, "ListAccessKeys", json!({"TargetUin": user})).await;
            tally.note("ListAccessKeys", &outcome);
            let listed = outcome.response["AccessKeys"]
                .as_array()
                .map_or(0, Vec::len);
            if !outcome.ok() || listed > 2 {
                tally.violations.push(format!(
                    "ListAccessKeys of {user}: {} with {listed} keys",
                    outcome.code
                ));
            }
            // Its own keys of this user are all there, with the status it last set.
            for (id, (owner, active)) in &tally.model {
                let shown = outcome.response["AccessKeys"]
                    .as_array()
                    .and_then(|keys| keys.iter().find(|k| k["AccessKeyId"] == id.as_str()));
                if *owner == user && shown.is_none_or(|k| (k["Status"] == "Active") != *active) {
                    tally
                        .violations
                        .push(format!("{id} not listed as last set: {shown:?}"));
                }
            }
        } else {
            let ids: Vec<String> = own.iter().take(10).cloned().collect();
            let outcome = if ids.is_empty() {
                cam(&client, "GetUserAppId", json!({})).await
            } else {
                cam(&client, "GetSecurityLastUsed", json!({"SecretIdList": ids})).await
            };
            tally.note(
                if ids.is_empty() {
                    "GetUserAppId"
                } else {
                    "GetSecurityLastUsed"
                },
                &outcome,
            );
            if !outcome.ok() {
                tally
                    .violations
                    .push(format!("read answered {}", outcome.code));
            }
        }
    }
    tally
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mixed_load_of_eight_clients_keeps_every_invariant() {
    let seconds: u64 = std::env::var("CAMTUI_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .clamp(1, 600);
    let server = TestServer::start().await;
    let mut users = Vec::new();
    for i in 0..LOAD_USERS {
        users.push(server.add_user(&format!("load{i}"), false).await);
    }
    let users = Arc::new(users);
    // Two administrators sign for two of the clients, root for the rest.
    let admin_a = server.add_user("ops-a", true).await;
    let admin_b = server.add_user("ops-b", true).await;
    let (admin_a, _) = server.key_client(admin_a).await;
    let (admin_b, _) = server.key_client(admin_b).await;
    server.handle.flush_audit().await.unwrap();
    let events_before: i64 = rusqlite::Connection::open(server.db())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();

    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..LOAD_CLIENTS)
        .map(|i| {
            let client = match i {
                0 => admin_a.clone(),
                1 => admin_b.clone(),
                _ => server.root(),
            };
            tokio::spawn(load_client(i, client, Arc::clone(&users), deadline))
        })
        .collect();
    let mut tallies = Vec::new();
    for task in tasks {
        tallies.push(task.await.unwrap());
    }
    let elapsed = started.elapsed();
    server.handle.flush_audit().await.unwrap();

    let mut violations: Vec<String> = tallies
        .iter()
        .flat_map(|t| t.violations.iter().cloned())
        .collect();
    let requests: u64 = tallies.iter().map(|t| t.requests).sum();
    let mut outcomes = BTreeMap::<(String, String), u64>::new();
    for tally in &tallies {
        for (k, v) in &tally.outcomes {
            *outcomes.entry(k.clone()).or_default() += v;
        }
    }

    // One audit event per request made (counted before the checks below add their own)...
    let db = server.db();
    let events = events_by_request(&db);
    let events_after: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    let audited = (events_after - events_before) as u64;
    if audited != requests {
        violations.push(format!("{requests} requests made, {audited} audit events"));
    }
    // At most two keys per user, and exactly the keys the clients believe exist, with the
    // status each last set: in the database, in memory, and after a restart.
    let mut expected: BTreeMap<u64, BTreeMap<String, bool>> = BTreeMap::new();
    for tally in &tallies {
        for (id, (owner, active)) in &tally.model {
            expected
                .entry(*owner)
                .or_default()
                .insert(id.clone(), *active);
        }
    }
    let root = server.root();
    let mut snapshot = BTreeMap::new();
    for user in users.iter() {
        let want = expected.remove(user).unwrap_or_default();
        let stored = stored_keys(&db, *user);
        let listed = listed_keys(&root, *user).await;
        if stored.len() > 2 {
            violations.push(format!("user {user} has {} keys", stored.len()));
        }
        if stored != want {
            violations.push(format!(
                "user {user}: database {stored:?}, clients {want:?}"
            ));
        }
        if listed != stored {
            violations.push(format!("user {user}: listed {listed:?}, stored {stored:?}"));
        }
        snapshot.insert(*user, stored);
    }
    for tally in &tallies {
        for id in &tally.deleted {
            if rusqlite::Connection::open(&db)
                .unwrap()
                .query_row(
                    // A tombstone is left, without the SecretKey.
                    "SELECT COUNT(*) FROM access_keys
                     WHERE secret_id = ?1 AND (deleted IS NULL OR length(secret_key) > 0)",
                    [id],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                != 0
            {
                violations.push(format!("deleted key {id} is still stored"));
            }
        }
    }

    // ... and each acknowledged mutation's own event.
    let acknowledged: Vec<&(String, &str)> =
        tallies.iter().flat_map(|t| t.acknowledged.iter()).collect();
    for (request_id, action) in &acknowledged {
        match events.get(request_id) {
            Some((_, code)) if code.is_empty() => {}
            other => violations.push(format!("{action} {request_id}: audit event {other:?}")),
        }
    }

    let restarted = {
        let dir = &server.dir;
        let handle_db = dir.path().join("cam.db");
        server.handle.shutdown().await.unwrap();
        let again = spawn(ServerConfig::new(
            "127.0.0.1:0".parse().unwrap(),
            handle_db.clone(),
            Credential::new(ROOT_ID, ROOT_KEY),
        ))
        .await
        .unwrap();
        let mut config = camtui::cam::TransportConfig::new(
            camtui::cam::Endpoint::custom(&again.endpoint()).unwrap(),
        );
        config.retry_backoff = Duration::from_millis(1);
        let root = Client::new(
            camtui::cam::Transport::new(config, Credential::new(ROOT_ID, ROOT_KEY)).unwrap(),
        );
        let mut after = BTreeMap::new();
        for user in users.iter() {
            after.insert(*user, listed_keys(&root, *user).await);
        }
        again.shutdown().await.unwrap();
        after
    };
    if restarted != snapshot {
        violations.push("the keys after a restart differ from before".into());
    }

    let mutations = acknowledged.len();
    println!(
        "mixed load: {LOAD_CLIENTS} clients, {LOAD_USERS} users, {:.1} s, {requests} requests \
         ({:.0}/s), {mutations} acknowledged mutations, {audited} audit events, {} violations",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64(),
        violations.len()
    );
    for ((action, code), count) in &outcomes {
        println!("  {action:<20} {code:<36} {count}");
    }
    assert!(
        violations.is_empty(),
        "{} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
