//! Crash safety: `camtui serve` is killed with SIGKILL at a random moment of a write load, again
//! and again over the same database (loopback only, a bounded number of rounds). After every kill
//! the database opens, passes `PRAGMA integrity_check`, and holds every mutation that was
//! answered with success — the users added, each key as last acknowledged (created, enabled,
//! disabled, deleted) and each acknowledged mutation's audit event — and the audit event of
//! every refusal that was answered (the 2-key limit, a failed signature), and the server starts
//! again on it. Requests in flight at the kill may land either way; they are not counted.
//!
//! `CAMTUI_CRASH_KILLS` sets the number of kills (default 12; the README's figures are for 100).

use crate::support;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Duration;

use camtui::cam::model::Service;
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};
use rand::{RngExt as _, SeedableRng as _};
use serde_json::{Value, json};
use support::process::ServeProcess;
use support::{ROOT_ID, ROOT_KEY};

const WORKERS: usize = 4;
const FORGED_KEY: &str = "forgedSecretKey00000000000000000";

/// What a worker knows for certain: only it touches its own users and their keys.
#[derive(Debug, Default)]
struct Model {
    /// Users it added (acknowledged).
    users: Vec<(String, u64)>,
    /// SecretId → (owner, Some(active)) or (owner, None) once deleted (acknowledged).
    keys: BTreeMap<String, (u64, Option<bool>)>,
    /// Request ids of acknowledged mutations, whose audit events must be stored.
    acknowledged: Vec<String>,
    /// Request ids of answered reads; their audit events are written in batches after the reply.
    reads: Vec<String>,
    /// Request ids of answered refusals, whose audit events must be stored.
    refusals: Vec<String>,
    next_user: usize,
}

/// What one round of load did.
#[derive(Debug, Default)]
struct RoundTally {
    acknowledged: usize,
    /// Requests unanswered when the server died (they may or may not have landed).
    in_flight: usize,
}

fn client(endpoint: &str, secret_key: &str) -> Client {
    let mut config = TransportConfig::new(Endpoint::custom(endpoint).unwrap());
    config.timeout = Duration::from_secs(10);
    config.connect_timeout = Duration::from_secs(2);
    Client::new(Transport::new(config, Credential::new(ROOT_ID, secret_key)).unwrap())
}

/// A request signed with root's SecretId and a wrong SecretKey per round and worker: each
/// answered with `AuthFailure.SignatureFailure`, an unauthenticated attempt the audit keeps.
const FORGED_PER_ROUND: usize = 2;

/// Runs mutations until the server stops answering. Anything unanswered makes the entity it
/// touched uncertain, so the model forgets it.
async fn write_load(
    worker: usize,
    (client, forger): (Client, Client),
    mut model: Model,
    seed: u64,
) -> (Model, RoundTally) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut tally = RoundTally::default();
    let mut forged = 0;
    loop {
        if forged < FORGED_PER_ROUND && rng.random_range(0..20) == 0 {
            forged += 1;
            match forger.access_keys(None).await {
                Err(e) if e.api().is_some() => {
                    model.refusals.push(e.api().unwrap().request_id.clone());
                }
                Ok(_) => panic!("a wrong SecretKey signed"),
                Err(_) => return (model, tally),
            }
            continue;
        }
        let live: Vec<String> = model
            .keys
            .iter()
            .filter(|(_, (_, state))| state.is_some())
            .map(|(id, _)| id.clone())
            .collect();
        let roll = if model.users.is_empty() {
            0
        } else {
            rng.random_range(0..100)
        };
        let (action, params, touched) = if roll < 15 {
            model.next_user += 1;
            let name = format!("w{worker}-u{}", model.next_user);
            ("AddUser", json!({"Name": name}), None)
        } else if roll < 50 || live.is_empty() {
            let (_, uin) = model.users[rng.random_range(0..model.users.len())];
            ("CreateAccessKey", json!({"TargetUin": uin}), None)
        } else if roll < 75 {
            let id = live[rng.random_range(0..live.len())].clone();
            let owner = model.keys[&id].0;
            let status = if rng.random_bool(0.5) {
                "Active"
            } else {
                "Inactive"
            };
            (
                "UpdateAccessKey",
                json!({"AccessKeyId": id, "Status": status, "TargetUin": owner}),
                Some(id),
            )
        } else if roll < 90 {
            let id = live[rng.random_range(0..live.len())].clone();
            let owner = model.keys[&id].0;
            (
                "DeleteAccessKey",
                json!({"AccessKeyId": id, "TargetUin": owner}),
                Some(id),
            )
        } else {
            let (_, uin) = model.users[rng.random_range(0..model.users.len())];
            ("ListAccessKeys", json!({"TargetUin": uin}), None)
        };
        match client.call_raw(Service::Cam, action, &params).await {
            Ok(response) => {
                let request_id = response["RequestId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                if action == "ListAccessKeys" {
                    model.reads.push(request_id);
                    continue;
                }
                tally.acknowledged += 1;
                model.acknowledged.push(request_id);
                apply(&mut model, action, &params, &response);
            }
            // Refused (e.g. the 2-key limit): answered, and nothing changed.
            Err(e) if e.api().is_some() => {
                model.refusals.push(e.api().unwrap().request_id.clone());
            }
            Err(_) => {
                // The server is gone: this request may or may not have committed.
                tally.in_flight += 1;
                if let Some(id) = touched {
                    model.keys.remove(&id);
                }
                return (model, tally);
            }
        }
    }
}

fn apply(model: &mut Model, action: &str, params: &Value, response: &Value) {
    match action {
        "AddUser" => model.users.push((
            params["Name"].as_str().unwrap().to_owned(),
            response["Uin"].as_u64().unwrap(),
        )),
        "CreateAccessKey" => {
            let id = response["AccessKey"]["AccessKeyId"].as_str().unwrap();
            let owner = params["TargetUin"].as_u64().unwrap();
            model.keys.insert(id.to_owned(), (owner, Some(true)));
        }
        "UpdateAccessKey" => {
            let id = params["AccessKeyId"].as_str().unwrap();
            let entry = model.keys.get_mut(id).unwrap();
            entry.1 = Some(params["Status"] == "Active");
        }
        "DeleteAccessKey" => {
            let id = params["AccessKeyId"].as_str().unwrap();
            model.keys.get_mut(id).unwrap().1 = None;
        }
        _ => unreachable!("{action}"),
    }
}

/// Checks the database of a killed server against the models: returns the losses, and how many
/// read audit events did not make it.
fn verify(db: &Path, models: &[Model]) -> (Vec<String>, usize, usize) {
    let conn = rusqlite::Connection::open(db).expect("the database opens after a kill");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let mut losses = Vec::new();
    if check != "ok" {
        losses.push(format!("integrity_check: {check}"));
    }
    let users: HashSet<(String, u64)> = conn
        .prepare("SELECT name, uin FROM users")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let keys: BTreeMap<String, (u64, bool)> = conn
        .prepare("SELECT secret_id, owner_uin, active FROM access_keys WHERE deleted IS NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let events: HashSet<String> = conn
        .prepare("SELECT request_id FROM events")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut reads_lost = 0;
    let mut reads = 0;
    for model in models {
        reads += model.reads.len();
        for user in &model.users {
            if !users.contains(user) {
                losses.push(format!("user {user:?} is gone"));
            }
        }
        for (id, (owner, state)) in &model.keys {
            match (state, keys.get(id)) {
                (None, None) => {}
                (Some(active), Some((stored_owner, stored_active)))
                    if stored_owner == owner && stored_active == active => {}
                (want, got) => {
                    losses.push(format!("key {id}: acknowledged {want:?}, stored {got:?}"));
                }
            }
        }
        for request_id in model.acknowledged.iter().chain(&model.refusals) {
            if !events.contains(request_id) {
                losses.push(format!("the audit event of {request_id} is gone"));
            }
        }
        reads_lost += model.reads.iter().filter(|r| !events.contains(*r)).count();
    }
    (losses, reads, reads_lost)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_servers_lose_nothing_they_acknowledged() {
    let kills: usize = std::env::var("CAMTUI_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12)
        .clamp(1, 1000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cam.db");
    let root = dir.path().join("root.json");
    std::fs::write(
        &root,
        json!({"secretId": ROOT_ID, "secretKey": ROOT_KEY}).to_string(),
    )
    .unwrap();
    let log = dir.path().join("serve.log");
    let mut rng = rand::rngs::StdRng::seed_from_u64(
        std::env::var("CAMTUI_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(7),
    );
    let mut models: Vec<Model> = (0..WORKERS).map(|_| Model::default()).collect();
    let mut acknowledged = 0;
    let mut in_flight = 0;
    let mut reads = 0;
    let mut reads_lost = 0;
    let mut all_losses = Vec::new();
    for round in 0..kills {
        let server = ServeProcess::start(&db, &root, &log, "warn");
        let endpoint = server.endpoint.clone();
        let tasks: Vec<_> = std::mem::take(&mut models)
            .into_iter()
            .enumerate()
            .map(|(worker, model)| {
                let seed = rng.random::<u64>();
                let clients = (client(&endpoint, ROOT_KEY), client(&endpoint, FORGED_KEY));
                tokio::spawn(write_load(worker, clients, model, seed))
            })
            .collect();
        // A random moment of the load, then SIGKILL.
        let delay = Duration::from_millis(rng.random_range(30..400));
        tokio::time::sleep(delay).await;
        tokio::task::spawn_blocking(move || server.kill())
            .await
            .unwrap();
        for task in tasks {
            let (model, tally) = task.await.unwrap();
            acknowledged += tally.acknowledged;
            in_flight += tally.in_flight;
            models.push(model);
        }
        let (losses, answered_reads, lost_reads) = verify(&db, &models);
        reads += answered_reads;
        reads_lost += lost_reads;
        for model in &mut models {
            model.reads.clear();
        }
        all_losses.extend(
            losses
                .into_iter()
                .map(|l| format!("kill {}: {l}", round + 1)),
        );
    }
    // The last kill's database also serves again.
    let server = ServeProcess::start(&db, &root, &log, "warn");
    let keys = client(&server.endpoint, ROOT_KEY)
        .access_keys(None)
        .await
        .unwrap();
    assert_eq!(keys[0].access_key_id, ROOT_ID);
    server.kill();

    let refusals: usize = models.iter().map(|m| m.refusals.len()).sum();
    let users: usize = models.iter().map(|m| m.users.len()).sum();
    let live_keys: usize = models
        .iter()
        .flat_map(|m| m.keys.values())
        .filter(|(_, s)| s.is_some())
        .count();
    println!(
        "crash safety: {kills} kills, {acknowledged} acknowledged mutations and {refusals} answered \
         refusals, {in_flight} in flight at a kill, {users} users and {live_keys} keys tracked, {} \
         losses; of {reads} answered reads, {reads_lost} had their audit event still queued at a kill",
        all_losses.len()
    );
    assert!(
        all_losses.is_empty(),
        "{} losses:\n{}",
        all_losses.len(),
        all_losses.join("\n")
    );
}
