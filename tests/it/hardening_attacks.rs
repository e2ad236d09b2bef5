//! The attacks of issue 11, each scripted against `camtui serve` on a real socket with
//! hand-signed raw requests: each is refused or bounded, nothing answered is lost, and the
//! database is unchanged where nothing should change. README "Reliability" lists the outcomes.

use crate::support;

use serde_json::json;
use support::dump::{Dump, EVENTS};
use support::wire::{Signing, exchange};
use support::{ROOT_ID, ROOT_KEY, TestServer};

/// Every row of `events` added since `before`: its code and its size in bytes (all columns).
fn new_events(db: &std::path::Path, before: &Dump) -> Vec<(String, usize)> {
    let after = Dump::of(db);
    after
        .new_events(before)
        .iter()
        .map(|row| {
            let size = row
                .iter()
                .map(|value| match value {
                    rusqlite::types::Value::Text(t) => t.len(),
                    _ => 8,
                })
                .sum();
            (after.text(EVENTS, row, "api_error_code"), size)
        })
        .collect()
}

/// Attack 2: values of any size echoed in messages and stored in the audit trail. Each reply's
/// message and each audit record stays under a kilobyte, however large the request.
#[tokio::test]
async fn echoed_values_are_clipped_in_replies_and_records() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    let host = server.handle.addr.to_string();
    let root = Signing::cam(ROOT_ID, ROOT_KEY, &host);
    let huge = "x".repeat(1_000_000);
    // Unsigned: only the SecretId is known; the service name is 400,000 characters.
    let mut scope = root.clone();
    let service = "s".repeat(400_000);
    scope.service = &service;
    let cases = [
        ("NoSuchProduct", scope.post("ListAccessKeys", "{}")),
        (
            "UnknownParameter",
            root.post("ListAccessKeys", format!(r#"{{"{huge}": 1}}"#)),
        ),
        (
            "ResourceNotFound.SecretNotExist",
            root.post(
                "DeleteAccessKey",
                json!({"AccessKeyId": huge, "TargetUin": alice}).to_string(),
            ),
        ),
        (
            "InvalidParameterValue",
            root.post(
                "UpdateAccessKey",
                json!({"AccessKeyId": "IKIDx", "Status": huge}).to_string(),
            ),
        ),
        (
            "ResourceNotFound.UserNotExist",
            root.post("GetUser", json!({"Name": huge}).to_string()),
        ),
    ];
    for (code, wire) in cases {
        server.handle.flush_audit().await;
        let before = Dump::of(&server.db());
        let reply = exchange(server.handle.addr, &wire).await;
        assert_eq!(reply.code(), code);
        let message = reply.json()["Response"]["Error"]["Message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.len() < 1024,
            "{code}: a {}-byte message",
            message.len()
        );
        assert!(
            message.contains('…'),
            "{code}: the clipped value is marked: {message}"
        );
        server.handle.flush_audit().await;
        let events = new_events(&server.db(), &before);
        assert_eq!(events.len(), 1, "{code}: one audit record");
        assert_eq!(events[0].0, code);
        assert!(events[0].1 < 2048, "{code}: a {}-byte record", events[0].1);
    }
}

/// Attack 6: a UIN above `i64::MAX` and 999 lookup attributes were `InternalError`.
#[tokio::test]
async fn out_of_range_parameters_are_invalid_parameter_not_internal_error() {
    let server = TestServer::start().await;
    let host = server.handle.addr.to_string();
    let root = Signing::cam(ROOT_ID, ROOT_KEY, &host);
    let now = chrono::Utc::now().timestamp();
    let attributes: Vec<_> = (0..999)
        .map(|_| json!({"AttributeKey": "EventName", "AttributeValue": "ListUsers"}))
        .collect();
    let window = json!({"StartTime": now - 3600, "EndTime": now, "LookupAttributes": attributes});
    for wire in [
        root.post(
            "DescribeSubAccounts",
            json!({"FilterSubAccountUin": [u64::MAX]}).to_string(),
        ),
        root.clone()
            .audit()
            .post("DescribeEvents", window.to_string()),
        root.clone()
            .audit()
            .post("LookUpEvents", window.to_string()),
    ] {
        let reply = exchange(server.handle.addr, &wire).await;
        assert_eq!(reply.code(), "InvalidParameter", "{}", reply.json());
    }
}

/// Attack 6: look-alike names were distinct users, and an administrator's `IsAdmin` was
/// silently ignored. Each is refused (or is the same user) and the database is unchanged.
#[tokio::test]
async fn look_alike_names_and_a_borrowed_is_admin_are_refused() {
    let server = TestServer::start().await;
    server.add_user("alice", false).await;
    let carol = server.add_user("carol", true).await;
    let (carol_id, carol_key) = server.new_key(carol).await;
    let host = server.handle.addr.to_string();
    let root = Signing::cam(ROOT_ID, ROOT_KEY, &host);
    let admin = Signing::cam(&carol_id, &carol_key, &host);
    let cases = [
        (
            &root,
            "AddUser",
            json!({"Name": "\u{0430}lice"}),
            "InvalidParameter.UserNameIllegal",
        ),
        (
            &root,
            "AddUser",
            json!({"Name": "alice\u{3164}"}),
            "InvalidParameter.UserNameIllegal",
        ),
        (
            &root,
            "AddUser",
            json!({"Name": "\u{3164}"}),
            "InvalidParameter.UserNameIllegal",
        ),
        (
            &root,
            "AddUser",
            json!({"Name": "ａｌｉｃｅ"}),
            "InvalidParameter.SubUserNameInUse",
        ),
        (
            &root,
            "AddUser",
            json!({"Name": "𝐚𝐥𝐢𝐜𝐞"}),
            "InvalidParameter.SubUserNameInUse",
        ),
        (
            &admin,
            "AddUser",
            json!({"Name": "mallory", "IsAdmin": 1}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            &admin,
            "UpdateUser",
            json!({"Name": "alice", "IsAdmin": 1}),
            "AuthFailure.UnauthorizedOperation",
        ),
    ];
    for (signing, action, body, code) in cases {
        server.handle.flush_audit().await;
        let before = Dump::of(&server.db());
        let reply = exchange(server.handle.addr, &signing.post(action, body.to_string())).await;
        assert_eq!(reply.code(), code, "{action} {body}");
        server.handle.flush_audit().await;
        assert_eq!(
            before.difference(&Dump::of(&server.db())),
            None,
            "{action} {body}"
        );
    }
    // The full-width name finds the user it normalises to.
    let reply = exchange(
        server.handle.addr,
        &root.post("GetUser", json!({"Name": "ａｌｉｃｅ"}).to_string()),
    )
    .await;
    assert_eq!(reply.json()["Response"]["Name"], "alice");
}

/// Attack 6: with the key file gone, start-up wrote a new one (which cannot open the sealed
/// SecretKeys) and then failed, leaving the wrong key file behind. Now it refuses first.
#[tokio::test]
async fn a_missing_key_file_is_refused_and_never_replaced() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    server.new_key(alice).await;
    let TestServer { handle, dir } = server;
    handle.shutdown().await.unwrap();
    let db = dir.path().join("cam.db");
    let key_file = dir.path().join("cam.db.key");
    std::fs::remove_file(&key_file).unwrap();
    let before = Dump::of(&db);
    let error = camtui::server::spawn(support::config(&db))
        .await
        .expect_err("a database with sealed keys and no key file");
    let message = error.to_string();
    assert!(
        message.contains("cam.db.key") && message.contains("missing"),
        "{message}"
    );
    assert!(!key_file.exists(), "no key file was written");
    assert_eq!(before, Dump::of(&db));
}
