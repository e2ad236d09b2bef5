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
/// message and each audit record stays small, however large the request; a head beyond 64 KiB
/// (the 400,000-character service name) is refused by the HTTP layer, before any handler.
#[tokio::test]
async fn echoed_values_are_clipped_in_replies_and_records() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    let host = server.handle.addr.to_string();
    let root = Signing::cam(ROOT_ID, ROOT_KEY, &host);
    let huge = "x".repeat(1_000_000);
    // Unsigned: only the SecretId is known; the service name is 40,000 characters.
    let mut scope = root.clone();
    let service = "s".repeat(40_000);
    scope.service = &service;
    let mut huge_scope = root.clone();
    let huge_service = "s".repeat(400_000);
    huge_scope.service = &huge_service;
    let before = Dump::of(&server.db());
    let reply = exchange(server.handle.addr, &huge_scope.post("ListAccessKeys", "{}")).await;
    assert_eq!(reply.status, 431, "a head over 64 KiB");
    assert_eq!(before, Dump::of(&server.db()));
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
        (
            "InvalidParameter.ScopeError",
            root.post("ListPolicies", json!({"Scope": huge}).to_string()),
        ),
        (
            // A key as long as a policy document may be (6,144 characters).
            "InvalidParameter.PolicyDocumentError",
            root.post(
                "CreatePolicy",
                json!({"PolicyName": "p", "PolicyDocument": json!({&huge[..6000]: 1}).to_string()})
                    .to_string(),
            ),
        ),
    ];
    for (code, wire) in cases {
        server.handle.flush_audit().await.unwrap();
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
        assert!(
            !message.contains(&"x".repeat(65)) && !message.contains(&"s".repeat(65)),
            "{code}: the value is clipped to 64 characters: {message}"
        );
        server.handle.flush_audit().await.unwrap();
        assert_eq!(before.difference(&Dump::of(&server.db())), None, "{code}");
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
    let names = [
        ("\u{0430}lice", "InvalidParameter.UserNameIllegal"),
        ("alice\u{3164}", "InvalidParameter.UserNameIllegal"),
        ("\u{3164}", "InvalidParameter.UserNameIllegal"),
        ("ａｌｉｃｅ", "InvalidParameter.SubUserNameInUse"),
        ("𝐚𝐥𝐢𝐜𝐞", "InvalidParameter.SubUserNameInUse"),
    ];
    let refused = "AuthFailure.UnauthorizedOperation";
    let cases = names
        .into_iter()
        .map(|(name, code)| (&root, "AddUser", json!({"Name": name}), code))
        .chain([
            (
                &admin,
                "AddUser",
                json!({"Name": "mallory", "IsAdmin": 1}),
                refused,
            ),
            (
                &admin,
                "UpdateUser",
                json!({"Name": "alice", "IsAdmin": 1}),
                refused,
            ),
        ]);
    for (signing, action, body, code) in cases {
        server.handle.flush_audit().await.unwrap();
        let before = Dump::of(&server.db());
        let reply = exchange(server.handle.addr, &signing.post(action, body.to_string())).await;
        assert_eq!(reply.code(), code, "{action} {body}");
        server.handle.flush_audit().await.unwrap();
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

/// Starts a server again over the database of `dir` (the test root credential).
async fn restart(dir: &std::path::Path) -> camtui::server::ServerHandle {
    camtui::server::spawn(support::config(&dir.join("cam.db")))
        .await
        .unwrap()
}

/// The access records of `secret_id` (newest first): each event's code ("" for success),
/// user name and whether it authenticated.
async fn records(root: &camtui::cam::Client, secret_id: &str) -> Vec<(String, String, bool)> {
    let now = chrono::Utc::now().timestamp() as u64 + 1;
    let secret_id = camtui::cam::model::SecretId::from_wire(secret_id);
    root.latest_access_records(&secret_id, 50, now)
        .await
        .unwrap()
        .iter()
        .map(|event| {
            let document: serde_json::Value =
                serde_json::from_str(&event.cloud_audit_event).unwrap();
            let session: serde_json::Value =
                serde_json::from_str(document["userIdentity"]["sessionContext"].as_str().unwrap())
                    .unwrap();
            (
                event.failure().unwrap_or_default(),
                event.username.clone(),
                session["authenticated"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Attack 5: once a key was deleted, attempts with it left no event — exactly when a leaked
/// key matters most. Its tombstone keeps them on the record, across a restart and after its
/// user is deleted too.
#[tokio::test]
async fn attempts_with_a_deleted_key_stay_on_the_record() {
    let server = TestServer::start().await;
    let bob = server.add_user("bob", false).await;
    let (id, secret) = server.new_key(bob).await;
    let host = server.handle.addr.to_string();
    let leaked = Signing::cam(&id, &secret, &host);
    assert_eq!(
        exchange(server.handle.addr, &leaked.post("ListAccessKeys", "{}"))
            .await
            .code(),
        "OK"
    );
    server
        .root()
        .send(&camtui::cam::model::DeleteAccessKey {
            access_key_id: camtui::cam::model::SecretId::from_wire(&id),
            target_uin: Some(bob),
        })
        .await
        .unwrap();
    let attempt = |wire| async move { exchange(server.handle.addr, &wire).await.code() };
    assert_eq!(
        attempt(leaked.post("CreateAccessKey", "{}")).await,
        "AuthFailure.SecretIdNotFound"
    );
    assert_eq!(
        attempt(leaked.post("CreateAccessKey", "{}").method("PUT")).await,
        "UnsupportedProtocol"
    );
    server.handle.flush_audit().await.unwrap();
    let expected = vec![
        ("UnsupportedProtocol".to_owned(), "bob".to_owned(), false),
        (
            "AuthFailure.SecretIdNotFound".to_owned(),
            "bob".to_owned(),
            false,
        ),
        (String::new(), "bob".to_owned(), true),
    ];
    assert_eq!(records(&server.root(), &id).await, expected);

    // bob goes too; a restart reloads the tombstones from the database.
    server
        .root()
        .send(&camtui::cam::model::DeleteUser {
            name: "bob".into(),
            force: Some(1),
        })
        .await
        .unwrap();
    let TestServer { handle, dir } = server;
    handle.shutdown().await.unwrap();
    let handle = restart(dir.path()).await;
    let reply = exchange(
        handle.addr,
        &Signing::cam(&id, &secret, &handle.addr.to_string()).post("GetUserAppId", "{}"),
    )
    .await;
    assert_eq!(reply.code(), "AuthFailure.SecretIdNotFound");
    handle.flush_audit().await.unwrap();
    let root = support::root_client(&handle.endpoint());
    let after = records(&root, &id).await;
    assert_eq!(after.len(), 4, "{after:?}");
    assert_eq!(
        after[0],
        (
            "AuthFailure.SecretIdNotFound".to_owned(),
            "bob".to_owned(),
            false
        )
    );
    handle.shutdown().await.unwrap();
}

/// Attack 4: at start-up, "last used" counted every event not coded `AuthFailure.*`, so an
/// unsigned `InvalidAction` naming a key made it "used today" after a restart.
#[tokio::test]
async fn refusals_before_the_signature_are_not_a_use_of_the_key() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    let (id, _) = server.new_key(alice).await;
    let host = server.handle.addr.to_string();
    let forged = Signing::cam(&id, "not-the-secret-key-0000000000000", &host);
    for wire in [
        forged.post("NoSuchAction", "{}"),
        forged
            .post("ListAccessKeys", "{}")
            .set("X-TC-Version", "2000-01-01"),
        forged.post("ListAccessKeys", "{}").method("PUT"),
        forged.post("ListAccessKeys", "{}"),
    ] {
        assert_ne!(exchange(server.handle.addr, &wire).await.code(), "OK");
    }
    let last_used = |client: camtui::cam::Client, id: String| async move {
        client
            .last_used(&[camtui::cam::model::SecretId::from_wire(id)])
            .await
            .unwrap()[0]
            .last_used_date
            .clone()
    };
    assert_eq!(last_used(server.root(), id.clone()).await, None);
    let TestServer { handle, dir } = server;
    handle.shutdown().await.unwrap();
    let handle = restart(dir.path()).await;
    let root = support::root_client(&handle.endpoint());
    assert_eq!(
        last_used(root, id).await,
        None,
        "still never used after a restart"
    );
    handle.shutdown().await.unwrap();
}

/// Attack 6: the root credential file could give root a third key, and a root key deleted
/// (or disabled) through the API came back at the next start. Both are refused, with the
/// database unchanged; `--restore-root-key` brings the key back on purpose.
#[tokio::test]
async fn the_root_credential_cannot_add_a_third_key_or_undo_a_deletion() {
    use camtui::cam::model::{CreateAccessKey, DeleteAccessKey, KeyStatus, UpdateAccessKey};
    let server = TestServer::start().await;
    let second = server
        .root()
        .send(&CreateAccessKey::default())
        .await
        .unwrap()
        .access_key
        .unwrap();
    let TestServer { handle, dir } = server;
    handle.shutdown().await.unwrap();
    let db = dir.path().join("cam.db");
    let start = |credential: camtui::cam::Credential, restore: bool| {
        let mut config = support::config(&db);
        config.root_credential = credential;
        config.restore_root_key = restore;
        camtui::server::spawn(config)
    };

    // A third root key from a new credential file.
    let before = Dump::of(&db);
    let third = camtui::cam::Credential::new("IKIDthird000000000000000000000000000", ROOT_KEY);
    let error = start(third, false).await.expect_err("a third root key");
    assert!(error.to_string().contains("already has 2 keys"), "{error}");
    assert_eq!(before, Dump::of(&db));

    // Root's second key disables the first, then deletes it; each time a restart refuses.
    let by_second = |handle: &camtui::server::ServerHandle| {
        let credential = camtui::cam::Credential::new(
            second.access_key_id.as_str(),
            second.secret_access_key.expose(),
        );
        support::client(&handle.endpoint(), credential)
    };
    let handle = restart(dir.path()).await;
    by_second(&handle)
        .send(&UpdateAccessKey {
            access_key_id: camtui::cam::model::SecretId::from_wire(ROOT_ID),
            status: KeyStatus::Inactive,
            target_uin: None,
        })
        .await
        .unwrap();
    handle.shutdown().await.unwrap();
    let root = || camtui::cam::Credential::new(ROOT_ID, ROOT_KEY);
    let error = start(root(), false).await.expect_err("a disabled root key");
    assert!(error.to_string().contains("was disabled"), "{error}");

    let handle = start(root(), true).await.unwrap();
    by_second(&handle)
        .send(&DeleteAccessKey {
            access_key_id: camtui::cam::model::SecretId::from_wire(ROOT_ID),
            target_uin: None,
        })
        .await
        .unwrap();
    handle.shutdown().await.unwrap();
    let before = Dump::of(&db);
    let error = start(root(), false).await.expect_err("a deleted root key");
    assert!(
        error.to_string().contains("was deleted through the API on"),
        "{error}"
    );
    assert_eq!(before, Dump::of(&db));

    // On purpose: it signs again.
    let handle = start(root(), true).await.unwrap();
    let keys = support::root_client(&handle.endpoint())
        .access_keys(None)
        .await
        .unwrap();
    assert_eq!(keys.len(), 2);
    handle.shutdown().await.unwrap();
}

/// Attack 2: 1,003 unsigned requests naming a known SecretId in 5 s grew the database from 95
/// to 480 MB. Unauthenticated attempts are recorded at a bounded rate (a burst of 10 per
/// SecretId and address, then one every 10 s), and the next one recorded says how many were
/// not; the database grows by a few kilobytes.
#[tokio::test]
async fn a_flood_of_unsigned_attempts_is_recorded_at_a_bounded_rate() {
    let server = TestServer::start().await;
    let host = server.handle.addr.to_string();
    let mut forged = Signing::cam(ROOT_ID, "not-the-secret-key-0000000000000", &host);
    let service = "s".repeat(4_000);
    forged.service = &service;
    server.handle.flush_audit().await.unwrap();
    let before = Dump::of(&server.db());
    let size = |db: &std::path::Path| {
        ["", "-wal"]
            .iter()
            .map(|s| std::fs::metadata(format!("{}{s}", db.display())).map_or(0, |m| m.len()))
            .sum::<u64>()
    };
    let size_before = size(&server.db());
    for _ in 0..1_003 {
        let reply = exchange(server.handle.addr, &forged.post("ListAccessKeys", "{}")).await;
        assert_eq!(reply.code(), "NoSuchProduct");
    }
    server.handle.flush_audit().await.unwrap();
    assert_eq!(before.difference(&Dump::of(&server.db())), None);
    let events = new_events(&server.db(), &before);
    assert_eq!(events.len(), 10, "the burst of one SecretId and address");
    let grown = size(&server.db()).saturating_sub(size_before);
    assert!(grown < 200_000, "the database grew by {grown} bytes");
}

/// The audit trail has a size budget beyond its 90-day retention: the oldest events go first.
#[tokio::test]
async fn the_audit_trail_keeps_to_its_budget_oldest_first() {
    let server = TestServer::start_configured(|config| config.max_audit_events = 40).await;
    let root = server.root();
    let mut request_ids = Vec::new();
    for _ in 0..100 {
        let (_, request_id) = root
            .send_with_request_id(&camtui::cam::model::ListAccessKeys::default())
            .await
            .unwrap();
        request_ids.push(request_id);
        // Written a few at a time, so that the writer checks the budget as it goes.
        server.handle.flush_audit().await.unwrap();
    }
    server.handle.flush_audit().await.unwrap();
    let dump = Dump::of(&server.db());
    let kept: Vec<String> = dump
        .rows(EVENTS)
        .iter()
        .map(|row| dump.text(EVENTS, row, "request_id"))
        .collect();
    assert!(kept.len() <= 40, "{} events kept", kept.len());
    assert!(kept.len() >= 30, "{} events kept", kept.len());
    assert!(
        kept.contains(request_ids.last().unwrap()),
        "the newest is kept"
    );
    assert!(!kept.contains(&request_ids[0]), "the oldest went first");
}

/// Attack 1: the SDKs sign `content-type;host` only, so a captured request could be resent as
/// another action: root's `ListAccessKeys {}` as `CreateAccessKey` (a new root key for the
/// replayer), an administrator's `GetUser` as `DeleteUser`, and with `UNSIGNED-PAYLOAD` a
/// `ListAccessKeys` as `DeleteUser {"Name":"bob","Force":1}`. Each replay is now
/// `AuthFailure.SignatureFailure`, audited, with the database otherwise unchanged; a mutation's
/// signature is accepted once; byte-identical reads still repeat.
#[tokio::test]
async fn a_captured_signature_cannot_be_replayed_as_another_request() {
    let server = TestServer::start().await;
    let bob = server.add_user("bob", false).await;
    server.new_key(bob).await;
    let carol = server.add_user("carol", true).await;
    let (carol_id, carol_key) = server.new_key(carol).await;
    let host = server.handle.addr.to_string();
    let addr = server.handle.addr;
    // Signed before the fixture's own requests of this second, as the SDKs sign.
    let root = Signing::cam(ROOT_ID, ROOT_KEY, &host).earlier(2).sdk();
    let admin = Signing::cam(&carol_id, &carol_key, &host).earlier(2).sdk();
    let delete_bob = json!({"Name": "bob", "Force": 1}).to_string();
    let get_bob = json!({"Name": "bob"}).to_string();
    let captures = [
        (root.post("ListAccessKeys", "{}"), "CreateAccessKey", None),
        (admin.post("GetUser", get_bob.clone()), "DeleteUser", None),
        (
            root.clone().unsigned_payload().post("ListAccessKeys", "{}"),
            "DeleteUser",
            Some(delete_bob),
        ),
    ];
    for (captured, replayed_as, body) in captures {
        assert_eq!(exchange(addr, &captured).await.code(), "OK");
        // The byte-identical read may come again.
        assert_eq!(exchange(addr, &captured).await.code(), "OK");
        server.handle.flush_audit().await.unwrap();
        let before = Dump::of(&server.db());
        let mut replay = captured.set("X-TC-Action", replayed_as);
        if let Some(body) = body {
            replay = replay.body(body);
        }
        let reply = exchange(addr, &replay).await;
        assert_eq!(
            reply.code(),
            "AuthFailure.SignatureFailure",
            "as {replayed_as}"
        );
        server.handle.flush_audit().await.unwrap();
        let after = Dump::of(&server.db());
        assert_eq!(before.difference(&after), None, "as {replayed_as}");
        let events = new_events(&server.db(), &before);
        assert_eq!(events.len(), 1, "the replay is on the record");
    }
    // Not even the original goes through again once a rebinding was tried: the signature is spent.
    let listed = root.post("ListAccessKeys", "{}");
    assert_eq!(
        exchange(addr, &listed).await.code(),
        "AuthFailure.SignatureFailure"
    );

    // A mutation's signature is accepted once: its replay would hand out another SecretKey.
    let create = root.post("CreateAccessKey", json!({"TargetUin": carol}).to_string());
    assert_eq!(exchange(addr, &create).await.code(), "OK");
    let replayed = exchange(addr, &create).await;
    assert_eq!(replayed.code(), "AuthFailure.SignatureFailure");
    assert!(replayed.json()["Response"].get("AccessKey").is_none());
    let keys = server.root().access_keys(Some(carol)).await.unwrap();
    assert_eq!(keys.len(), 2, "one key created, not two");
}

/// `--require-signed-action`: a signature that does not cover `X-TC-Action` is refused (off
/// by default, since the official SDKs do not sign it).
#[tokio::test]
async fn the_server_can_require_the_action_to_be_signed() {
    let server = TestServer::start_configured(|config| config.require_signed_action = true).await;
    let host = server.handle.addr.to_string();
    let signing = Signing::cam(ROOT_ID, ROOT_KEY, &host);
    let sdk = exchange(
        server.handle.addr,
        &signing.clone().sdk().post("ListUsers", "{}"),
    )
    .await;
    assert_eq!(sdk.code(), "AuthFailure.InvalidAuthorization");
    let signed = exchange(server.handle.addr, &signing.post("ListUsers", "{}")).await;
    assert_eq!(signed.code(), "OK");
    // camtui's own client signs it.
    server
        .root()
        .send(&camtui::cam::model::ListUsers {})
        .await
        .unwrap();
}

/// Attack 3: 45 connections that sent only `POST / HTTP/1.1\r\n` stopped all service under a
/// 64-descriptor limit, and 40 that sent 1 MiB − 1 byte of body and stalled held their memory
/// forever. Here the server has a cap of 32 connections and a 3-second idle limit: 85 stalled
/// connections come in, each new one takes the place of the one that waited longest, a normal
/// client is served throughout, and every stalled connection is closed within the bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_connections_neither_stop_service_nor_hold_memory() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    let timeout = Duration::from_secs(3);
    let server = TestServer::start_configured(|config| {
        config.connection_limits.max_connections = 32;
        config.connection_limits.idle_timeout = timeout;
    })
    .await;
    let addr = server.handle.addr;
    let root = server.root();
    let mut usual = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        root.access_keys(None).await.unwrap();
        usual.push(started.elapsed());
    }

    let host = addr.to_string();
    let body_head = Signing::cam(ROOT_ID, ROOT_KEY, &host)
        .post("ListAccessKeys", vec![b' '; 1024 * 1024 - 1])
        .to_bytes();
    let mut stalled = Vec::new();
    for i in 0..85 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let bytes: &[u8] = if i < 45 {
            b"POST / HTTP/1.1\r\n"
        } else {
            // The whole request but its last byte.
            &body_head[..body_head.len() - 1]
        };
        let _ = stream.write_all(bytes).await;
        stalled.push((Instant::now(), stream));
    }

    // A normal client, while they stall.
    let mut during = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        root.access_keys(None).await.unwrap();
        during.push(started.elapsed());
    }
    let slowest = |v: &[Duration]| v.iter().max().copied().unwrap_or_default();
    println!(
        "slowloris: a normal request took at most {:?} before the stalls and {:?} during them",
        slowest(&usual),
        slowest(&during)
    );
    // Served at once, not after the stalled connections timed out.
    assert!(slowest(&during) < timeout / 2, "{:?}", slowest(&during));

    // Each stalled connection is closed: to make room, or by its timeout.
    for (opened, mut stream) in stalled {
        let mut sink = [0u8; 1024];
        let closed = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                match stream.read(&mut sink).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "a stalled connection is still open");
        assert!(opened.elapsed() < timeout + Duration::from_secs(10));
    }
    root.access_keys(None).await.unwrap();
}

/// `camtui serve` as a process in `dir` with root's credential file, started by `start` (with
/// the database, the credential file and the log), and its address.
fn serve_process(
    dir: &std::path::Path,
    start: impl FnOnce(
        &std::path::Path,
        &std::path::Path,
        &std::path::Path,
    ) -> support::process::ServeProcess,
) -> (support::process::ServeProcess, std::net::SocketAddr) {
    let root_file = dir.join("root.json");
    std::fs::write(
        &root_file,
        json!({"secretId": ROOT_ID, "secretKey": ROOT_KEY}).to_string(),
    )
    .unwrap();
    let server = start(&dir.join("cam.db"), &root_file, &dir.join("serve.log"));
    let addr = server
        .endpoint
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    (server, addr)
}

/// Attack 6: `action` and `secret_id` were written to the access log unquoted, so an
/// `X-TC-Action` of `x code=OK secret_id="IKIDroot"` forged fields of the line. `camtui serve`'s
/// own log shows what the client sent quoted and escaped, next to the real code.
#[tokio::test]
async fn the_access_log_cannot_be_forged() {
    let dir = tempfile::tempdir().unwrap();
    let (server, addr) = serve_process(dir.path(), |db, root, log| {
        support::process::ServeProcess::start(db, root, log, "camtui::access=info")
    });
    let forged = r#"x code=OK secret_id="IKIDroot""#;
    let wire = Signing::cam(ROOT_ID, ROOT_KEY, &addr.to_string())
        .post("ListUsers", "{}")
        .set("X-TC-Action", forged);
    assert_eq!(exchange(addr, &wire).await.code(), "InvalidAction");
    let log = server.log.clone();
    assert!(server.stop().success());
    let log = std::fs::read_to_string(log).unwrap();
    let line = log
        .lines()
        .find(|line| line.contains("camtui::access"))
        .unwrap_or_else(|| panic!("no access line in {log}"));
    assert!(
        line.contains(r#"action="x code=OK secret_id=\"IKIDroot\"""#),
        "{line}"
    );
    assert!(line.contains(&format!("secret_id={ROOT_ID:?}")), "{line}");
    assert!(line.contains(r#" code="InvalidAction""#), "{line}");
    assert_eq!(
        line.matches("code=").count(),
        2,
        "only the quoted copy: {line}"
    );
}

/// Attack 3 as it was found: `camtui serve` with 64 file descriptors, 45 connections that send
/// only `POST / HTTP/1.1\r\n`. The cap stays under the descriptor limit (32 here), new
/// connections take the place of stalled ones, and a normal client is served at once.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_five_stalled_connections_under_64_descriptors_stop_nothing() {
    use std::time::{Duration, Instant};
    use tokio::io::AsyncWriteExt as _;

    let dir = tempfile::tempdir().unwrap();
    let (server, addr) = serve_process(dir.path(), |db, root, log| {
        support::process::ServeProcess::start_with_descriptors(64, db, root, log, "warn")
    });
    let mut stalled = Vec::new();
    for _ in 0..45 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"POST / HTTP/1.1\r\n").await.unwrap();
        stalled.push(stream);
    }
    let started = Instant::now();
    for _ in 0..10 {
        // A new client each time: a new connection, as a fresh process would open.
        let root = support::root_client(&server.endpoint);
        root.access_keys(None).await.unwrap();
    }
    let took = started.elapsed();
    println!("45 stalled connections, 64 descriptors: 10 fresh clients served in {took:?}");
    assert!(
        took < Duration::from_secs(5),
        "{took:?}: served only after timeouts"
    );
    drop(stalled);
}
