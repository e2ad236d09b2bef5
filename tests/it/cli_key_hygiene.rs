//! Key hygiene from the command line, end to end against the CLI fixture (see `cli_e2e`):
//! `camtui report` as a table, JSON and CSV with its flags; `camtui keys rotate` creating the
//! successor, `--finish` retiring the old key, and refusing — with the evidence — when the old
//! key was used after the new one was created; `whois` answered by the audit trail in a handful
//! of calls, counted by a proxy in front of the server.

use std::sync::Arc;

use camtui::cam::model::GetUserAppId;
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};

use crate::cli_e2e::{
    ALICE_DISABLED, ALICE_ENABLED, CAROL_KEY, Harness, ROOT_ID, ROOT_KEY, assert_aligned,
};
use crate::support::faulty::FaultyProxy;

const ZHANG_KEY: &str = "IKIDzhangwei000000000000000000000003";

fn flags_of(report: &serde_json::Value, secret_id: &str) -> Vec<String> {
    let row = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["secret_id"] == secret_id)
        .unwrap_or_else(|| panic!("{secret_id} is in the report"));
    row["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_table_json_and_csv() {
    let h = Harness::start().await;
    let json = h.run(&["report", "-o", "json"]).await.ok().json();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4, "{json:#}");
    // In the order `camtui users` lists the users, each user's keys oldest first.
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["secret_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [ALICE_DISABLED, ALICE_ENABLED, ZHANG_KEY, CAROL_KEY]);
    let alice = &rows[1];
    assert_eq!(alice["user"], "alice");
    assert_eq!(alice["uin"], 100_000_000_011_u64);
    assert_eq!(alice["type"], "sub-user");
    assert_eq!(alice["status"], "Active");
    assert_eq!(alice["description"], "ci-deploy");
    assert_eq!(alice["age_days"], 100);
    assert_eq!(alice["idle_days"], 0);
    assert!(alice["last_used"].as_str().unwrap().len() == 19, "{alice}");
    assert_eq!(rows[3]["type"], "collaborator");
    assert_eq!(rows[3]["last_used"], serde_json::Value::Null);
    assert_eq!(flags_of(&json, ALICE_ENABLED), ["older-than-90d"]);
    assert_eq!(
        flags_of(&json, ALICE_DISABLED),
        ["never-used", "older-than-90d", "disabled"]
    );
    assert_eq!(flags_of(&json, ZHANG_KEY), ["never-used"]);
    let keys: Vec<&str> = alice
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // Every field, in the order docs/json-output.md shows them (and the CSV's columns).
    assert_eq!(
        keys,
        [
            "user",
            "uin",
            "type",
            "secret_id",
            "status",
            "description",
            "created",
            "age_days",
            "last_used",
            "idle_days",
            "flags"
        ]
    );

    // The threshold names the flags.
    let json = h
        .run(&["report", "--stale-days", "10", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(flags_of(&json, ZHANG_KEY), ["never-used", "older-than-10d"]);

    let out = h.run(&["report"]).await.ok();
    // Not a terminal: no progress on stderr.
    assert!(out.stderr().is_empty(), "{}", out.stderr());
    let table = out.stdout();
    assert!(table.starts_with("USER "), "{table}");
    assert_aligned(&table);
    assert_eq!(table.lines().count(), 5, "{table}");
    let line = table.lines().find(|l| l.contains(ALICE_DISABLED)).unwrap();
    assert!(
        line.contains("Disabled")
            && line.contains("never")
            && line.contains("never-used,older-than-90d,disabled"),
        "{line}"
    );

    let csv = h.run(&["report", "-o", "csv"]).await.ok().stdout();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "user,uin,type,secret_id,status,description,created,age_days,last_used,idle_days,flags"
    );
    let zhang = csv.lines().find(|l| l.contains(ZHANG_KEY)).unwrap();
    assert!(
        zhang.starts_with(&format!("张伟,100000000012,Sub-user,{ZHANG_KEY},Active,,")),
        "{zhang}"
    );
    assert!(zhang.ends_with(",20,,,never-used"), "{zhang}");
    assert_eq!(csv.lines().count(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotate_creates_the_successor_and_finish_retires_the_old_key() {
    let h = Harness::start().await;
    let started = h
        .run(&["keys", "rotate", "张伟", "--old", ZHANG_KEY, "-o", "json"])
        .await
        .ok();
    let new = started.json();
    assert_eq!(new["replaces"], ZHANG_KEY);
    assert_eq!(new["user"]["name"], "张伟");
    let new_id = new["secret_id"].as_str().unwrap().to_owned();
    let new_key = new["secret_key"].as_str().unwrap();
    assert!(
        started.stderr().contains("--finish"),
        "{}",
        started.stderr()
    );
    // The SecretKey printed is the new key's: it signs.
    let as_new = Client::new(
        Transport::new(
            TransportConfig::new(Endpoint::custom(&h.endpoint()).unwrap()),
            Credential::new(&new_id, new_key),
        )
        .unwrap(),
    );
    as_new.send(&GetUserAppId {}).await.unwrap();

    // Again: the rotation is under way, no third key.
    let again = h
        .run(&["keys", "rotate", "张伟", "--old", ZHANG_KEY])
        .await
        .fails(1);
    assert!(again.stderr().contains("under way"), "{}", again.stderr());

    let finished = h
        .run(&[
            "keys",
            "rotate",
            "100000000012",
            "--old",
            ZHANG_KEY,
            "--finish",
            "-o",
            "json",
        ])
        .await
        .ok()
        .json();
    assert_eq!(finished["old_secret_id"], ZHANG_KEY);
    assert_eq!(finished["new_secret_id"], new_id.as_str());
    assert!(finished["disabled_request_id"].is_string());
    assert!(finished["deleted_request_id"].is_string());
    let left = h
        .run(&["keys", "list", "张伟", "-o", "json"])
        .await
        .ok()
        .json();
    let left: Vec<&str> = left
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["secret_id"].as_str().unwrap())
        .collect();
    assert_eq!(left, [new_id.as_str()]);

    // A user with two keys and no successor must free a slot first; nothing to finish there.
    let full = h
        .run(&["keys", "rotate", "alice", "--old", ALICE_ENABLED])
        .await
        .fails(1);
    assert!(
        full.stderr()
            .contains(&format!("retire {ALICE_DISABLED} first")),
        "{}",
        full.stderr()
    );
    let nothing = h
        .run(&[
            "keys",
            "rotate",
            "alice",
            "--old",
            ALICE_ENABLED,
            "--finish",
        ])
        .await
        .fails(1);
    assert!(
        nothing.stderr().contains("no successor yet"),
        "{}",
        nothing.stderr()
    );
    let usage = h
        .run(&["keys", "rotate", "alice", "--old", ALICE_ENABLED, "--force"])
        .await
        .fails(64);
    assert!(usage.stderr().contains("--finish"), "{}", usage.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finish_refuses_while_the_old_key_is_still_used() {
    let h = Harness::start().await;
    // bob gets a key and signs with it; then its rotation starts.
    let created = h
        .run(&["keys", "create", "bob", "-o", "json"])
        .await
        .ok()
        .json();
    let old = created["secret_id"].as_str().unwrap().to_owned();
    let as_old = Client::new(
        Transport::new(
            TransportConfig::new(Endpoint::custom(&h.endpoint()).unwrap()),
            Credential::new(&old, created["secret_key"].as_str().unwrap()),
        )
        .unwrap(),
    );
    let new = h
        .run(&["keys", "rotate", "bob", "--old", &old, "-o", "json"])
        .await
        .ok()
        .json();
    let new_id = new["secret_id"].as_str().unwrap().to_owned();
    // Something still signs with the old key after the new one exists.
    as_old.send(&GetUserAppId {}).await.unwrap();

    let refused = h
        .run(&["keys", "rotate", "bob", "--old", &old, "--finish"])
        .await
        .fails(1);
    let why = refused.stderr();
    assert!(why.contains("refused:") && why.contains(&new_id), "{why}");
    assert!(
        why.contains("last used") && why.contains("GetUserAppId"),
        "{why}"
    );
    assert!(
        why.contains("Nothing was changed") && why.contains("--force"),
        "{why}"
    );
    let keys = h
        .run(&["keys", "list", "bob", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert!(
        keys.as_array()
            .unwrap()
            .iter()
            .all(|k| k["status"] == "Active")
    );

    let forced = h
        .run(&[
            "keys", "rotate", "bob", "--old", &old, "--finish", "--force",
        ])
        .await
        .ok();
    assert!(
        forced.stderr().contains("finishing anyway"),
        "{}",
        forced.stderr()
    );
    assert!(
        forced.stdout().contains(&format!("Deleted {old}")),
        "{}",
        forced.stdout()
    );
    let keys = h
        .run(&["keys", "list", "bob", "-o", "json"])
        .await
        .ok()
        .json();
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["secret_id"], new_id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whois_asks_the_audit_trail_first() {
    let h = Harness::start().await;
    // Every call goes through a proxy that counts them.
    let proxy = FaultyProxy::start(h.server.addr, Arc::new(|_| None)).await;
    let whois = |secret_id: &'static str| {
        let endpoint = proxy.endpoint();
        let h = &h;
        async move {
            h.run_with(
                &["--endpoint", &endpoint, "whois", secret_id, "-o", "json"],
                &[
                    ("TENCENTCLOUD_SECRET_ID", ROOT_ID),
                    ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY),
                ],
            )
            .await
            .ok()
            .json()
        }
    };
    // alice's key was used in the past 90 days: the trail names her, her keys confirm it, and
    // one DescribeSubAccounts says who she is.
    let json = whois(ALICE_ENABLED).await;
    assert_eq!(json["user"]["name"], "alice");
    assert_eq!(json["user"]["type"], "sub-user");
    let mut calls = proxy.seen();
    assert_eq!(calls[0], "DescribeEvents");
    calls.sort_unstable();
    assert_eq!(
        calls,
        ["DescribeEvents", "DescribeSubAccounts", "ListAccessKeys"]
    );

    // carol's key has no records: three windows of the trail, then the users and their keys.
    let json = whois(CAROL_KEY).await;
    assert_eq!(json["user"]["type"], "collaborator");
    let calls = proxy.seen()[3..].to_vec();
    assert_eq!(calls[..3], ["DescribeEvents"; 3], "{calls:?}");
    assert_eq!(calls[3], "ListUsers", "{calls:?}");
    assert!(calls.contains(&"ListAccessKeys".to_owned()), "{calls:?}");
}
