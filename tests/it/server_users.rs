//! The user actions over loopback: `ListUsers`, `GetUser`, `AddUser`, `UpdateUser`, `DeleteUser`,
//! `ListCollaborators`, `DescribeSubAccounts`, `GetUserAppId`, and the `IsAdmin` extension.

use crate::support;

use camtui::cam::Secret;
use camtui::cam::model::{
    AddUser, CreateAccessKey, DeleteUser, DescribeSubAccounts, GetUser, GetUserAppId,
    ListCollaborators, ListUsers, USER_TYPE_COLLABORATOR, USER_TYPE_SUB_USER, UpdateUser,
};
use camtui::server::seed::Seed;
use support::{TestServer, code};

#[tokio::test]
async fn add_get_update_list_delete() {
    let server = TestServer::start().await;
    let root = server.root();
    assert!(root.send(&ListUsers {}).await.unwrap().data.is_empty());

    let added = root
        .send(&AddUser {
            name: "张伟".into(),
            remark: Some("运维负责人".into()),
            console_login: Some(1),
            phone_num: Some("13912345601".into()),
            country_code: Some("86".into()),
            email: Some("zw@example.cn".into()),
            ..AddUser::default()
        })
        .await
        .unwrap();
    assert!((100_000_000_000..1_000_000_000_000).contains(&added.uin));
    // Console login without a password: a generated one that meets the rule, shown once.
    assert_eq!(added.password.expose().len(), 32);
    assert!(added.secret_id.as_str().is_empty() && added.secret_key.is_empty());

    let user = root
        .send(&GetUser {
            name: "张伟".into(),
        })
        .await
        .unwrap();
    assert_eq!(user.uin, added.uin);
    assert_eq!(user.uid, added.uid);
    assert_eq!(user.remark.as_deref(), Some("运维负责人"));
    assert_eq!(user.console_login, 1);
    assert_eq!(user.email, "zw@example.cn");
    assert_eq!(user.recently_login_time, "");

    root.send(&UpdateUser {
        name: "张伟".into(),
        remark: Some("SRE".into()),
        console_login: Some(0),
        email: Some("new@example.cn".into()),
        ..UpdateUser::default()
    })
    .await
    .unwrap();
    let user = root
        .send(&GetUser {
            name: "张伟".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        (
            user.remark.as_deref(),
            user.console_login,
            user.email.as_str(),
            user.phone_num.as_str()
        ),
        (Some("SRE"), 0, "new@example.cn", "13912345601")
    );

    let listed = root.send(&ListUsers {}).await.unwrap().data;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "张伟");
    assert_eq!(listed[0].create_time.len(), 19);

    root.send(&DeleteUser {
        name: "张伟".into(),
        force: None,
    })
    .await
    .unwrap();
    assert_eq!(
        code(
            root.send(&GetUser {
                name: "张伟".into()
            })
            .await
        ),
        "ResourceNotFound.UserNotExist"
    );
}

#[tokio::test]
async fn user_errors_change_nothing() {
    let server = TestServer::start().await;
    let root = server.root();
    server.add_user("alice", false).await;
    let add = |name: &str| AddUser {
        name: name.into(),
        ..AddUser::default()
    };
    assert_eq!(
        code(root.send(&add("alice")).await),
        "InvalidParameter.SubUserNameInUse"
    );
    assert_eq!(
        code(root.send(&add("has space")).await),
        "InvalidParameter.UserNameIllegal"
    );
    assert_eq!(
        code(
            root.send(&AddUser {
                password: Some(Secret::new("weak")),
                ..add("bob")
            })
            .await
        ),
        "InvalidParameter.PasswordViolatedRules"
    );
    assert_eq!(
        code(
            root.send(&AddUser {
                console_login: Some(2),
                ..add("bob")
            })
            .await
        ),
        "InvalidParameterValue"
    );
    for missing in ["nobody"] {
        assert_eq!(
            code(
                root.send(&GetUser {
                    name: missing.into()
                })
                .await
            ),
            "ResourceNotFound.UserNotExist"
        );
        assert_eq!(
            code(
                root.send(&UpdateUser {
                    name: missing.into(),
                    ..UpdateUser::default()
                })
                .await
            ),
            "ResourceNotFound.UserNotExist"
        );
        assert_eq!(
            code(
                root.send(&DeleteUser {
                    name: missing.into(),
                    force: Some(1),
                })
                .await
            ),
            "ResourceNotFound.UserNotExist"
        );
    }
    let names: Vec<String> = root
        .send(&ListUsers {})
        .await
        .unwrap()
        .data
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, ["alice"]);
}

#[tokio::test]
async fn delete_user_with_keys_needs_force() {
    let server = TestServer::start().await;
    let root = server.root();
    let uin = server.add_user("carol", false).await;
    let (carol, _) = server.key_client(uin).await;
    assert_eq!(
        code(
            root.send(&DeleteUser {
                name: "carol".into(),
                force: Some(0),
            })
            .await
        ),
        "OperationDenied.HaveKeys"
    );
    assert_eq!(carol.access_keys(None).await.unwrap().len(), 1);
    root.send(&DeleteUser {
        name: "carol".into(),
        force: Some(1),
    })
    .await
    .unwrap();
    // The user's keys went with it.
    assert_eq!(
        code(carol.access_keys(None).await),
        "AuthFailure.SecretIdNotFound"
    );
    assert_eq!(
        code(root.access_keys(Some(uin)).await),
        "InvalidParameter.UserNotExist"
    );
}

#[tokio::test]
async fn use_api_creates_a_working_key() {
    let server = TestServer::start().await;
    let added = server
        .root()
        .send(&AddUser {
            name: "ci".into(),
            use_api: Some(1),
            ..AddUser::default()
        })
        .await
        .unwrap();
    assert!(added.secret_id.as_str().starts_with("IKID"));
    assert_eq!(added.password.expose(), "");
    let ci = server.client(camtui::cam::Credential::new(
        added.secret_id.clone(),
        added.secret_key.expose(),
    ));
    let keys = ci.access_keys(None).await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].access_key_id, added.secret_id);
}

#[tokio::test]
async fn is_admin_comes_only_from_root() {
    let server = TestServer::start().await;
    let admin = server.add_user("admin", true).await;
    let (admin_client, _) = server.key_client(admin).await;
    // An administrator may add users, but cannot make administrators: asking is refused (it
    // was silently ignored), and nothing is created or changed.
    let with_flag = AddUser {
        name: "mallory".into(),
        is_admin: Some(1),
        ..AddUser::default()
    };
    assert_eq!(
        code(admin_client.send(&with_flag).await),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(
        code(
            admin_client
                .send(&AddUser {
                    is_admin: Some(0),
                    ..with_flag.clone()
                })
                .await
        ),
        "AuthFailure.UnauthorizedOperation"
    );
    let added = admin_client
        .send(&AddUser {
            is_admin: None,
            ..with_flag
        })
        .await
        .unwrap();
    let (mallory, _) = server.key_client(added.uin).await;
    assert_eq!(
        code(mallory.send(&ListUsers {}).await),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(
        code(
            admin_client
                .send(&UpdateUser {
                    name: "mallory".into(),
                    is_admin: Some(1),
                    ..UpdateUser::default()
                })
                .await
        ),
        "AuthFailure.UnauthorizedOperation"
    );
    assert_eq!(
        code(mallory.send(&ListUsers {}).await),
        "AuthFailure.UnauthorizedOperation"
    );
    // Root can, and take it back.
    let root = server.root();
    root.send(&UpdateUser {
        name: "mallory".into(),
        is_admin: Some(1),
        ..UpdateUser::default()
    })
    .await
    .unwrap();
    assert_eq!(mallory.send(&ListUsers {}).await.unwrap().data.len(), 2);
    root.send(&UpdateUser {
        name: "mallory".into(),
        is_admin: Some(0),
        ..UpdateUser::default()
    })
    .await
    .unwrap();
    assert_eq!(
        code(
            mallory
                .send(&CreateAccessKey {
                    target_uin: Some(admin),
                    description: None,
                })
                .await
        ),
        "AuthFailure.UnauthorizedOperation"
    );
}

#[tokio::test]
async fn seeded_collaborators_sub_accounts_and_app_id() {
    let server = TestServer::start_with(Some(Seed::demo())).await;
    let root = server.root();
    let all = root.all_collaborators().await.unwrap();
    assert_eq!(all.len(), 6);
    let page = root
        .send(&ListCollaborators {
            limit: Some(4),
            offset: Some(4),
        })
        .await
        .unwrap();
    assert_eq!(page.total_num, 6);
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.data, all[4..]);
    let default_page = root.send(&ListCollaborators::default()).await.unwrap();
    assert_eq!(default_page.data.len(), 6);

    let users = root.send(&ListUsers {}).await.unwrap().data;
    assert_eq!(users.len(), 26);
    assert!(users.iter().any(|u| u.name == "张伟"));
    let wanted = vec![users[0].uin, all[0].uin, 42];
    let described = root
        .send(&DescribeSubAccounts {
            filter_sub_account_uin: wanted,
        })
        .await
        .unwrap()
        .sub_accounts;
    assert_eq!(described.len(), 2);
    assert_eq!(described[0].uin, users[0].uin);
    assert_eq!(described[0].user_type, USER_TYPE_SUB_USER);
    assert_eq!(described[1].user_type, USER_TYPE_COLLABORATOR);
    assert_eq!(
        code(
            root.send(&DescribeSubAccounts {
                filter_sub_account_uin: (0..51).collect(),
            })
            .await
        ),
        "InvalidParameter"
    );

    let app = root.send(&GetUserAppId {}).await.unwrap();
    assert_eq!(
        (app.uin.as_str(), app.owner_uin.as_str(), app.app_id),
        ("100000000001", "100000000001", 1_250_000_001)
    );
    // Collaborators' keys behave like sub-users' keys.
    let mut with_room = None;
    for c in &all {
        if root.access_keys(Some(c.uin)).await.unwrap().len() < 2 {
            with_room = Some(c.uin);
        }
    }
    let uin = with_room.expect("a collaborator with room for a key");
    let (collaborator, _) = server.key_client(uin).await;
    let app = collaborator.send(&GetUserAppId {}).await.unwrap();
    assert_eq!(app.uin, uin.to_string());
    assert!(!collaborator.access_keys(None).await.unwrap().is_empty());
    assert_eq!(
        code(collaborator.send(&ListUsers {}).await),
        "AuthFailure.UnauthorizedOperation"
    );
}
