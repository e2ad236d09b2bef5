//! Several processes over one database see one account: two `camtui serve` processes on one file
//! (a change made through either is what the other answers from its next request on, and the
//! rules that span rows hold across both, for keys and users as for groups and policies), a
//! mutation authenticated before another process
//! disabled its key, and sandbox processes starting together on a new data directory.

use crate::support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use camtui::cam::model::{
    AddUser, AddUserToGroup, AttachUserPolicy, CreateAccessKey, CreateGroup, CreatePolicy,
    DeleteAccessKey, DeleteUser, GetUser, GroupIdOfUidInfo, KeyStatus, ListAttachedUserPolicies,
    ListGroups, ListGroupsForUser, ListUsers, SecretId, Service, UpdateAccessKey,
};
use camtui::cam::{Client, Credential};
use camtui::server::directory::Principal;
use camtui::server::request::RequestMeta;
use camtui::server::{ServerConfig, ServerState, handlers};
use support::process::ServeProcess;
use support::{ROOT_ID, ROOT_KEY, client, code, root_client};

/// How long another process's batched audit records may take to appear (a bound, not an
/// assertion on time).
const AUDIT_BOUND: Duration = Duration::from_secs(20);

/// Two `camtui serve` processes over one database and one root credential.
struct TwoServers {
    a: ServeProcess,
    b: ServeProcess,
    _dir: tempfile::TempDir,
}

impl TwoServers {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root.json");
        std::fs::write(
            &root,
            serde_json::json!({"secretId": ROOT_ID, "secretKey": ROOT_KEY}).to_string(),
        )
        .unwrap();
        let db = dir.path().join("cam.db");
        let a = ServeProcess::start(&db, &root, &dir.path().join("a.log"), "warn");
        let b = ServeProcess::start(&db, &root, &dir.path().join("b.log"), "warn");
        Self { a, b, _dir: dir }
    }

    fn root_a(&self) -> Client {
        root_client(&self.a.endpoint)
    }

    fn root_b(&self) -> Client {
        root_client(&self.b.endpoint)
    }
}

async fn add_user(client: &Client, name: &str) -> u64 {
    client
        .send(&AddUser {
            name: name.into(),
            ..AddUser::default()
        })
        .await
        .unwrap()
        .uin
}

/// A new key for `uin`, created by `root`: its SecretId and credential.
async fn new_key(root: &Client, uin: u64) -> (SecretId, Credential) {
    let created = support::create_key(root, uin).await;
    let credential = Credential::new(
        created.access_key_id.clone(),
        created.secret_access_key.expose(),
    );
    (created.access_key_id, credential)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_changed_through_one_process_is_what_the_other_answers_next() {
    let servers = TwoServers::start();
    let (root_a, root_b) = (servers.root_a(), servers.root_b());
    let uin = add_user(&root_a, "alice").await;

    // Created through A: listed by B, and it signs requests to both.
    let (id, alice) = new_key(&root_a, uin).await;
    let listed = root_b.access_keys(Some(uin)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].access_key_id, id);
    assert_eq!(listed[0].status, KeyStatus::Active);
    let alice_a = client(&servers.a.endpoint, alice.clone());
    let alice_b = client(&servers.b.endpoint, alice);
    assert_eq!(alice_b.access_keys(None).await.unwrap().len(), 1);
    assert_eq!(alice_a.access_keys(None).await.unwrap().len(), 1);

    // Disabled through B: refused by both right after B's answer.
    root_b
        .send(&UpdateAccessKey {
            access_key_id: id.clone(),
            status: KeyStatus::Inactive,
            target_uin: Some(uin),
        })
        .await
        .unwrap();
    for (server, alice) in [("A", &alice_a), ("B", &alice_b)] {
        assert_eq!(
            code(alice.access_keys(None).await),
            "AuthFailure.SecretIdNotFound",
            "served by {server}"
        );
    }
    assert_eq!(
        root_a.access_keys(Some(uin)).await.unwrap()[0].status,
        KeyStatus::Inactive
    );

    // Enabled through A, then deleted through B: gone from A's answers.
    root_a
        .send(&UpdateAccessKey {
            access_key_id: id.clone(),
            status: KeyStatus::Active,
            target_uin: Some(uin),
        })
        .await
        .unwrap();
    assert_eq!(alice_b.access_keys(None).await.unwrap().len(), 1);
    root_b
        .send(&DeleteAccessKey {
            access_key_id: id.clone(),
            target_uin: Some(uin),
        })
        .await
        .unwrap();
    assert!(root_a.access_keys(Some(uin)).await.unwrap().is_empty());
    assert_eq!(
        code(alice_a.access_keys(None).await),
        "AuthFailure.SecretIdNotFound"
    );
    // The key's tombstone came to A with the deletion: A put that refusal on the record under
    // alice's name, as both did the two while the key was disabled.
    let now = chrono::Utc::now().timestamp() as u64 + 5;
    let refused: Vec<_> = root_b
        .latest_access_records(&id, 20, now)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.error_code != 0)
        .collect();
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(refused.iter().all(|r| r.username == "alice"), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_creates_for_one_user_split_across_two_processes_leave_two_keys() {
    let servers = TwoServers::start();
    let uin = add_user(&servers.root_a(), "bob").await;
    let clients = Arc::new([servers.root_a(), servers.root_b()]);
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let clients = Arc::clone(&clients);
            tokio::spawn(async move {
                clients[i % 2]
                    .send(&CreateAccessKey {
                        target_uin: Some(uin),
                        description: None,
                    })
                    .await
            })
        })
        .collect();
    let mut created: Vec<SecretId> = Vec::new();
    let mut refusals = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(reply) => created.push(reply.access_key.unwrap().access_key_id),
            Err(e) => refusals.push(e.code().to_owned()),
        }
    }
    assert_eq!(created.len(), 2, "refusals: {refusals:?}");
    assert!(
        refusals
            .iter()
            .all(|c| c == "OperationDenied.AccessKeyOverLimit"),
        "{refusals:?}"
    );
    created.sort();
    for root in [servers.root_a(), servers.root_b()] {
        let mut listed: Vec<SecretId> = root
            .access_keys(Some(uin))
            .await
            .unwrap()
            .into_iter()
            .map(|k| k.access_key_id)
            .collect();
        listed.sort();
        assert_eq!(listed, created);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_added_through_one_process_is_read_and_deleted_through_the_other() {
    let servers = TwoServers::start();
    let (root_a, root_b) = (servers.root_a(), servers.root_b());
    let uin = add_user(&root_a, "carol").await;

    let read = root_b
        .send(&GetUser {
            name: "carol".into(),
        })
        .await
        .unwrap();
    assert_eq!(read.uin, uin);
    // B's own index knows her too: her (empty) keys, and one created for her.
    assert!(root_b.access_keys(Some(uin)).await.unwrap().is_empty());
    new_key(&root_b, uin).await;
    // The name is taken in both.
    assert_eq!(
        code(
            root_b
                .send(&AddUser {
                    name: "carol".into(),
                    ..AddUser::default()
                })
                .await
        ),
        "InvalidParameter.SubUserNameInUse"
    );

    root_b
        .send(&DeleteUser {
            name: "carol".into(),
            force: Some(1),
        })
        .await
        .unwrap();
    assert_eq!(
        code(
            root_a
                .send(&GetUser {
                    name: "carol".into()
                })
                .await
        ),
        "ResourceNotFound.UserNotExist"
    );
    assert_eq!(
        code(root_a.access_keys(Some(uin)).await),
        "InvalidParameter.UserNotExist"
    );
    let users = root_a.send(&ListUsers {}).await.unwrap().data;
    assert!(users.iter().all(|u| u.uin != uin));
    // And the name is free again, in both.
    add_user(&root_a, "carol").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_and_policies_are_one_account_across_two_processes() {
    let servers = TwoServers::start();
    let (root_a, root_b) = (servers.root_a(), servers.root_b());
    // Twenty creates of one group name split across both: one group, the rest refused.
    let clients = Arc::new([servers.root_a(), servers.root_b()]);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let clients = Arc::clone(&clients);
            tokio::spawn(async move {
                clients[i % 2]
                    .send(&CreateGroup {
                        group_name: "ops".into(),
                        remark: None,
                    })
                    .await
            })
        })
        .collect();
    let (mut made, mut refusals) = (Vec::new(), Vec::new());
    for task in tasks {
        match task.await.unwrap() {
            Ok(reply) => made.push(reply.group_id),
            Err(e) => refusals.push(e.code().to_owned()),
        }
    }
    assert_eq!(made.len(), 1, "refusals: {refusals:?}");
    assert!(
        refusals
            .iter()
            .all(|c| c == "InvalidParameter.GroupNameInUse"),
        "{refusals:?}"
    );
    let group = made[0];
    for root in [&root_a, &root_b] {
        let groups = root.send(&ListGroups::default()).await.unwrap().group_info;
        let groups: Vec<_> = groups
            .iter()
            .map(|g| (g.group_id, g.group_name.as_str()))
            .collect();
        assert_eq!(groups, [(group, "ops")]);
    }

    // A user added through A joins the group through B; a policy created through B is
    // attached through A; each is what the other process reads.
    let uin = add_user(&root_a, "erin").await;
    root_b
        .send(&AddUserToGroup {
            info: vec![GroupIdOfUidInfo {
                group_id: group,
                uid: None,
                uin: Some(uin),
            }],
        })
        .await
        .unwrap();
    let groups_of_erin = ListGroupsForUser {
        sub_uin: Some(uin),
        ..ListGroupsForUser::default()
    };
    let joined = root_a.send(&groups_of_erin).await.unwrap().group_info;
    assert_eq!(
        joined.iter().map(|g| g.group_id).collect::<Vec<_>>(),
        [group]
    );
    let policy = root_b
        .send(&CreatePolicy {
            policy_name: "cos-read".into(),
            policy_document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:GetObject"],"resource":["*"]}]}"#.into(),
            description: None,
            tags: Vec::new(),
        })
        .await
        .unwrap()
        .policy_id;
    root_a
        .send(&AttachUserPolicy {
            policy_id: policy,
            attach_uin: uin,
        })
        .await
        .unwrap();
    let attached = root_b
        .send(&ListAttachedUserPolicies {
            target_uin: uin,
            page: None,
            rp: None,
        })
        .await
        .unwrap()
        .list;
    assert_eq!(
        attached.iter().map(|p| p.policy_id).collect::<Vec<_>>(),
        [policy]
    );

    // Deleted through B, she is gone from A's answers, memberships and all.
    root_b
        .send(&DeleteUser {
            name: "erin".into(),
            force: None,
        })
        .await
        .unwrap();
    assert_eq!(
        code(root_a.send(&groups_of_erin).await),
        "ResourceNotFound.UserNotExist"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_events_of_one_process_are_found_through_the_other() {
    let servers = TwoServers::start();
    let root_a = servers.root_a();
    let uin = add_user(&root_a, "dave").await;
    let (id, credential) = new_key(&root_a, uin).await;
    let dave = client(&servers.a.endpoint, credential);
    // A mutation's event commits with it; a read's is queued and written in A's next batch.
    dave.send(&CreateAccessKey::default()).await.unwrap();
    dave.access_keys(None).await.unwrap();

    let now = || chrono::Utc::now().timestamp() as u64 + 5;
    let root_b = servers.root_b();
    let records = root_b.latest_access_records(&id, 10, now()).await.unwrap();
    assert!(
        records.iter().any(|r| r.event_name == "CreateAccessKey"),
        "{records:?}"
    );
    let started = Instant::now();
    loop {
        let records = root_b.latest_access_records(&id, 10, now()).await.unwrap();
        if records.iter().any(|r| r.event_name == "ListAccessKeys") {
            break;
        }
        assert!(
            started.elapsed() < AUDIT_BOUND,
            "A's read event never reached the database: {records:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Last use is read from the audit trail, so B knows what A served.
    let rows = root_b.last_used(std::slice::from_ref(&id)).await.unwrap();
    assert!(rows[0].last_secret_used_date.is_some(), "{rows:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mutation_whose_key_another_process_disabled_after_authentication_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cam.db");
    let config = move || {
        ServerConfig::new(
            "127.0.0.1:0".parse().unwrap(),
            db.clone(),
            Credential::new(ROOT_ID, ROOT_KEY),
        )
    };
    let server = camtui::server::spawn(config()).await.unwrap();
    let root = root_client(&server.endpoint());
    let uin = add_user(&root, "erin").await;
    let (key, _) = new_key(&root, uin).await;

    // Another server over the same file lets erin's CreateAccessKey in...
    let other = tokio::task::spawn_blocking(move || ServerState::open(config()))
        .await
        .unwrap()
        .unwrap();
    let meta = RequestMeta {
        request_id: "r-stale".into(),
        now: chrono::Utc::now().timestamp(),
        action: "CreateAccessKey".into(),
        service: "cam".into(),
        mutates: true,
        source_ip: "127.0.0.1".into(),
        region: String::new(),
        http_method: "POST".into(),
        user_agent: String::new(),
        resource_name: String::new(),
        secret_id: key.to_string(),
        caller: Principal {
            uin,
            name: "erin".into(),
            kind: camtui::server::directory::PrincipalKind::SubUser,
            is_admin: false,
        },
        authenticated: true,
    };
    // ...and before its handler runs, the first server disables the key.
    root.send(&UpdateAccessKey {
        access_key_id: key.clone(),
        status: KeyStatus::Inactive,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    let action = handlers::find(Service::Cam, "CreateAccessKey").unwrap();
    let refused = tokio::task::spawn_blocking(move || {
        action
            .run(&other.context(&meta), serde_json::json!({}))
            .map_err(|e| e.code().as_str())
    })
    .await
    .unwrap();
    assert_eq!(refused, Err("AuthFailure.SecretIdNotFound"));
    assert_eq!(root.access_keys(Some(uin)).await.unwrap().len(), 1);
    server.shutdown().await.unwrap();
}

/// Runs `camtui --sandbox ARGS` over the data directory `data`.
async fn sandbox_command(data: &Path, args: &[&str]) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_camtui"))
        .arg("--sandbox")
        .args(args)
        .env_clear()
        .env("HOME", data.join("home"))
        .env("CAMTUI_DATA_DIR", data)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_processes_starting_together_create_one_sandbox() {
    const ROUNDS: usize = 4;
    const PROCESSES: usize = 6;
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("camtui");
        // Each process creates (or finds) the data directory, the root credential, the key
        // file and the database, migrates, seeds and makes the root key: all at once.
        let runs: Vec<_> = (0..PROCESSES)
            .map(|_| {
                let data = data.clone();
                tokio::spawn(async move { sandbox_command(&data, &["call", "GetUserAppId"]).await })
            })
            .collect();
        let mut answers = Vec::new();
        for run in runs {
            let out = run.await.unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let reply: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            answers.push((reply["OwnerUin"].clone(), reply["AppId"].clone()));
        }
        assert!(
            answers.iter().all(|a| *a == answers[0]),
            "round {round}: {answers:?}"
        );

        // One account, the demo data once, nothing half-written left behind.
        let users = sandbox_command(&data, &["users", "-o", "json"]).await;
        assert!(users.status.success());
        let users: serde_json::Value = serde_json::from_slice(&users.stdout).unwrap();
        let demo = camtui::server::seed::Seed::demo();
        assert_eq!(users.as_array().unwrap().len(), demo.users.len());
        assert_eq!(
            std::fs::read(data.join("sandbox.db.key")).unwrap().len(),
            32
        );
        let files: Vec<String> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let expected = [
            "root-credential.json",
            "sandbox.db",
            "sandbox.db.changes",
            "sandbox.db.processes",
            "sandbox.db-shm",
            "sandbox.db-wal",
            "sandbox.db.key",
        ];
        assert!(
            files.iter().all(|f| expected.contains(&f.as_str())),
            "round {round}: {files:?}"
        );
    }
}
