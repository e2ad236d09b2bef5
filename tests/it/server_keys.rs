//! The key actions end to end over loopback with camtui's own client: list, create, the 2-key
//! limit, enable/disable, delete, last use, and who may touch whose keys.

use crate::support;

use camtui::cam::Credential;
use camtui::cam::model::{
    CreateAccessKey, DeleteAccessKey, GetSecurityLastUsed, KeyStatus, ListAccessKeys, SecretId,
    UpdateAccessKey,
};
use support::{ROOT_ID, TestServer, code};

#[tokio::test]
async fn root_lists_and_creates_its_own_keys() {
    let server = TestServer::start().await;
    let root = server.root();
    let keys = root.access_keys(None).await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].access_key_id, ROOT_ID);
    assert_eq!(keys[0].status, KeyStatus::Active);

    let created = root
        .send(&CreateAccessKey {
            target_uin: None,
            description: Some("ci-key".into()),
        })
        .await
        .unwrap()
        .access_key
        .unwrap();
    assert!(created.access_key_id.as_str().starts_with("IKID"));
    assert_eq!(created.access_key_id.as_str().len(), 36);
    assert_eq!(created.secret_access_key.expose().len(), 32);
    assert_eq!(created.status, KeyStatus::Active);
    assert_eq!(created.description.as_deref(), Some("ci-key"));

    let keys = root
        .send(&ListAccessKeys {
            target_uin: Some(server.owner_uin()),
        })
        .await
        .unwrap()
        .access_keys;
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1].access_key_id, created.access_key_id);
    assert_eq!(keys[1].description.as_deref(), Some("ci-key"));
    assert_eq!(keys[1].create_time, created.create_time);

    // The new key works on its own.
    let second = server.client(Credential::new(
        created.access_key_id.clone(),
        created.secret_access_key.expose(),
    ));
    assert_eq!(second.access_keys(None).await.unwrap().len(), 2);
}

// The Terraform provider sends TargetUin 0 when it is unset: it means the caller, as omitting it
// does, and never "no such user".
#[tokio::test]
async fn target_uin_zero_means_the_caller() {
    let server = TestServer::start().await;
    let uin = server.add_user("alice", false).await;
    let (alice, alice_key) = server.key_client(uin).await;
    let own = alice
        .send(&ListAccessKeys {
            target_uin: Some(0),
        })
        .await
        .unwrap()
        .access_keys;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].access_key_id, alice_key);
    let created = alice
        .send(&CreateAccessKey {
            target_uin: Some(0),
            description: None,
        })
        .await
        .unwrap()
        .access_key
        .unwrap();
    assert_eq!(server.root().access_keys(Some(uin)).await.unwrap().len(), 2);
    alice
        .send(&DeleteAccessKey {
            access_key_id: created.access_key_id,
            target_uin: Some(0),
        })
        .await
        .unwrap();
    let root_keys = server.root().access_keys(Some(0)).await.unwrap();
    assert_eq!(root_keys[0].access_key_id, ROOT_ID);
}

#[tokio::test]
async fn third_key_is_refused_counting_disabled_ones() {
    let server = TestServer::start().await;
    let uin = server.add_user("alice", false).await;
    let root = server.root();
    let create = || CreateAccessKey {
        target_uin: Some(uin),
        description: None,
    };
    let first = root.send(&create()).await.unwrap().access_key.unwrap();
    root.send(&create()).await.unwrap();
    root.send(&UpdateAccessKey {
        access_key_id: first.access_key_id.clone(),
        status: KeyStatus::Inactive,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    assert_eq!(
        code(root.send(&create()).await),
        "OperationDenied.AccessKeyOverLimit"
    );
    let keys = root.access_keys(Some(uin)).await.unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].status, KeyStatus::Inactive);

    // Deleting one makes room again.
    root.send(&DeleteAccessKey {
        access_key_id: first.access_key_id,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    root.send(&create()).await.unwrap();
}

#[tokio::test]
async fn fifty_parallel_creates_leave_exactly_two_keys() {
    let server = TestServer::start().await;
    let uin = server.add_user("racer", false).await;
    let root = server.root();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let root = root.clone();
            tokio::spawn(async move {
                root.send(&CreateAccessKey {
                    target_uin: Some(uin),
                    description: None,
                })
                .await
            })
        })
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => created += 1,
            Err(e) => {
                assert_eq!(e.code(), "OperationDenied.AccessKeyOverLimit");
                refused += 1;
            }
        }
    }
    assert_eq!((created, refused), (2, 48));
    assert_eq!(root.access_keys(Some(uin)).await.unwrap().len(), 2);
}

#[tokio::test]
async fn disabled_and_deleted_keys_stop_working() {
    let server = TestServer::start().await;
    let uin = server.add_user("bob", false).await;
    let (bob, bob_key) = server.key_client(uin).await;
    assert_eq!(bob.access_keys(None).await.unwrap().len(), 1);

    let root = server.root();
    root.send(&UpdateAccessKey {
        access_key_id: SecretId::from_wire(bob_key.clone()),
        status: KeyStatus::Inactive,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    assert_eq!(
        code(bob.access_keys(None).await),
        "AuthFailure.SecretIdNotFound"
    );
    root.send(&UpdateAccessKey {
        access_key_id: SecretId::from_wire(bob_key.clone()),
        status: KeyStatus::Active,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    assert_eq!(bob.access_keys(None).await.unwrap().len(), 1);

    // Deleting an enabled key is allowed (spec §8.13 recommendation).
    root.send(&DeleteAccessKey {
        access_key_id: SecretId::from_wire(bob_key),
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    assert_eq!(
        code(bob.access_keys(None).await),
        "AuthFailure.SecretIdNotFound"
    );
}

#[tokio::test]
async fn key_errors() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    let bob = server.add_user("bob", false).await;
    let (_, alice_key) = server.key_client(alice).await;
    let root = server.root();

    // Unknown key, key of someone else, unknown user.
    assert_eq!(
        code(
            root.send(&UpdateAccessKey {
                access_key_id: SecretId::from_wire("IKIDdoesnotexist"),
                status: KeyStatus::Inactive,
                target_uin: Some(alice),
            })
            .await
        ),
        "ResourceNotFound.SecretNotExist"
    );
    assert_eq!(
        code(
            root.send(&DeleteAccessKey {
                access_key_id: SecretId::from_wire("IKIDdoesnotexist"),
                target_uin: None,
            })
            .await
        ),
        "ResourceNotFound.SecretNotExist"
    );
    assert_eq!(
        code(
            root.send(&DeleteAccessKey {
                access_key_id: SecretId::from_wire(alice_key.clone()),
                target_uin: Some(bob),
            })
            .await
        ),
        "OperationDenied.UinNotMatch"
    );
    // Omitted TargetUin means root here, and the key is alice's.
    assert_eq!(
        code(
            root.send(&UpdateAccessKey {
                access_key_id: SecretId::from_wire(alice_key.clone()),
                status: KeyStatus::Inactive,
                target_uin: None,
            })
            .await
        ),
        "OperationDenied.UinNotMatch"
    );
    for result in [
        root.access_keys(Some(123_456)).await.map(|_| ()),
        root.send(&CreateAccessKey {
            target_uin: Some(123_456),
            description: None,
        })
        .await
        .map(|_| ()),
        root.send(&DeleteAccessKey {
            access_key_id: SecretId::from_wire(alice_key.clone()),
            target_uin: Some(123_456),
        })
        .await
        .map(|_| ()),
    ] {
        assert_eq!(code(result), "InvalidParameter.UserNotExist");
    }
    assert_eq!(
        code(
            root.send(&CreateAccessKey {
                target_uin: Some(alice),
                description: Some("no spaces allowed".into()),
            })
            .await
        ),
        "InvalidParameter.ParamError"
    );
    assert_eq!(
        code(
            root.send(&CreateAccessKey {
                target_uin: Some(alice),
                description: Some("x".repeat(1025)),
            })
            .await
        ),
        "InvalidParameter.ParamError"
    );
    // Nothing changed.
    assert_eq!(root.access_keys(Some(alice)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn sub_users_manage_only_their_own_keys() {
    let server = TestServer::start().await;
    let alice = server.add_user("alice", false).await;
    let bob = server.add_user("bob", false).await;
    let (alice_client, alice_key) = server.key_client(alice).await;
    let (_, bob_key) = server.key_client(bob).await;

    // Own keys: list, create, disable, delete.
    let own = alice_client
        .send(&CreateAccessKey::default())
        .await
        .unwrap()
        .access_key
        .unwrap();
    assert_eq!(alice_client.access_keys(None).await.unwrap().len(), 2);
    assert_eq!(
        alice_client.access_keys(Some(alice)).await.unwrap().len(),
        2
    );
    alice_client
        .send(&UpdateAccessKey {
            access_key_id: own.access_key_id.clone(),
            status: KeyStatus::Inactive,
            target_uin: None,
        })
        .await
        .unwrap();
    alice_client
        .send(&DeleteAccessKey {
            access_key_id: own.access_key_id,
            target_uin: None,
        })
        .await
        .unwrap();
    alice_client
        .send(&GetSecurityLastUsed {
            secret_id_list: vec![SecretId::from_wire(alice_key.clone())],
        })
        .await
        .unwrap();
    let app = alice_client
        .send(&camtui::cam::model::GetUserAppId {})
        .await
        .unwrap();
    assert_eq!(app.uin, alice.to_string());
    assert_eq!(app.owner_uin, server.owner_uin().to_string());

    // Someone else's keys: refused.
    assert_eq!(
        code(alice_client.access_keys(Some(bob)).await),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(
        code(
            alice_client
                .send(&CreateAccessKey {
                    target_uin: Some(bob),
                    description: None,
                })
                .await
        ),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(
        code(
            alice_client
                .send(&DeleteAccessKey {
                    access_key_id: SecretId::from_wire(bob_key.clone()),
                    target_uin: None,
                })
                .await
        ),
        "OperationDenied.UinNotMatch"
    );
    assert_eq!(
        code(
            alice_client
                .send(&GetSecurityLastUsed {
                    secret_id_list: vec![SecretId::from_wire(bob_key.clone())],
                })
                .await
        ),
        "AuthFailure.UnauthorizedOperation"
    );
    // Root's keys: OperationDenied.SubUin.
    assert_eq!(
        code(alice_client.access_keys(Some(server.owner_uin())).await),
        "OperationDenied.SubUin"
    );
    assert_eq!(
        code(
            alice_client
                .send(&DeleteAccessKey {
                    access_key_id: SecretId::from_wire(ROOT_ID),
                    target_uin: Some(server.owner_uin()),
                })
                .await
        ),
        "OperationDenied.SubUin"
    );
    // User administration: refused.
    assert_eq!(
        code(alice_client.send(&camtui::cam::model::ListUsers {}).await),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(server.root().access_keys(Some(bob)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn administrators_manage_everyone_but_root() {
    let server = TestServer::start().await;
    let admin = server.add_user("admin", true).await;
    let bob = server.add_user("bob", false).await;
    let (admin_client, _) = server.key_client(admin).await;
    let created = admin_client
        .send(&CreateAccessKey {
            target_uin: Some(bob),
            description: None,
        })
        .await
        .unwrap()
        .access_key
        .unwrap();
    assert_eq!(admin_client.access_keys(Some(bob)).await.unwrap().len(), 1);
    admin_client
        .send(&DeleteAccessKey {
            access_key_id: created.access_key_id,
            target_uin: Some(bob),
        })
        .await
        .unwrap();
    assert_eq!(
        admin_client
            .send(&camtui::cam::model::ListUsers {})
            .await
            .unwrap()
            .data
            .len(),
        2
    );
    assert_eq!(
        code(admin_client.access_keys(Some(server.owner_uin())).await),
        "OperationDenied.SubUin"
    );
}

#[tokio::test]
async fn last_used_tracks_authenticated_calls() {
    let server = TestServer::start().await;
    let uin = server.add_user("carol", false).await;
    let (carol, carol_key) = server.key_client(uin).await;
    let root = server.root();
    let before = root
        .send(&GetSecurityLastUsed {
            secret_id_list: vec![
                SecretId::from_wire(carol_key.clone()),
                SecretId::from_wire("IKIDunknown"),
            ],
        })
        .await
        .unwrap()
        .secret_id_last_used_rows;
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].secret_id, carol_key);
    assert_eq!(before[0].last_used_date, None);
    assert_eq!(before[0].last_secret_used_date, None);
    assert_eq!(before[1].last_secret_used_date, None);

    let start_ms = chrono::Utc::now().timestamp_millis();
    carol.access_keys(None).await.unwrap();
    let after = root
        .send(&GetSecurityLastUsed {
            secret_id_list: vec![SecretId::from_wire(carol_key.clone())],
        })
        .await
        .unwrap()
        .secret_id_last_used_rows;
    let used = after[0].last_secret_used_date.unwrap();
    assert!(used >= start_ms - 1000, "{used} < {start_ms}");
    assert_eq!(after[0].last_used_date.as_deref().map(str::len), Some(10));

    // A failed signature is not a use.
    let forged = server.client(Credential::new(
        carol_key.clone(),
        "wrong-secret-key-000000000000000",
    ));
    assert_eq!(
        code(forged.access_keys(None).await),
        "AuthFailure.SignatureFailure"
    );
    let again = root
        .send(&GetSecurityLastUsed {
            secret_id_list: vec![SecretId::from_wire(carol_key.clone())],
        })
        .await
        .unwrap()
        .secret_id_last_used_rows;
    assert_eq!(again[0].last_secret_used_date, Some(used));

    let eleven: Vec<SecretId> = (0..11)
        .map(|i| SecretId::from_wire(format!("IKID{i}")))
        .collect();
    assert_eq!(
        code(
            root.send(&GetSecurityLastUsed {
                secret_id_list: eleven
            })
            .await
        ),
        "InvalidParameter"
    );
    assert_eq!(
        code(
            root.send(&GetSecurityLastUsed {
                secret_id_list: vec![]
            })
            .await
        ),
        "InvalidParameter"
    );
}
