//! What User Details shows, over loopback: policies (`CreatePolicy`, `GetPolicy`,
//! `ListPolicies`), attaching them to users and groups, user groups and their members, what
//! applies to a user (`ListAttachedUserPolicies`, `ListAttachedUserAllPolicies`,
//! `ListGroupsForUser`), and security settings (`DescribeSafeAuthFlagColl`, `SetMfaFlag`) —
//! every rule and refusal code, who may do what, and that a refusal changes nothing.

use serde_json::{Value, json};

use crate::support::dump::Dump;
use crate::support::wire::{Signing, exchange};
use crate::support::{ROOT_ID, ROOT_KEY, TestServer, code};
use camtui::cam::model::{
    ATTACH_TYPE_ALL, ATTACH_TYPE_DIRECT, ATTACH_TYPE_GROUPS, AddUserToGroup, AttachGroupPolicy,
    AttachUserPolicy, CreateGroup, CreatePolicy, DeleteUser, DescribeSafeAuthFlagColl,
    DetachGroupPolicy, DetachUserPolicy, GetPolicy, GroupIdOfUidInfo, ListAttachedUserAllPolicies,
    ListAttachedUserPolicies, ListGroups, ListGroupsForUser, ListPolicies, LoginActionFlag,
    LoginActionMfaFlag, POLICY_TYPE_CUSTOM, POLICY_TYPE_PRESET, RemoveUserFromGroup, Service,
    SetMfaFlag, Tag, Verification,
};
use camtui::cam::{Client, Credential};
use camtui::server::seed::Seed;

const ALICE: u64 = 100_000_000_011;
const ALICE_UID: u64 = 11_000_011;
const BOB: u64 = 100_000_000_012;
const DAVE: u64 = 100_000_000_013;
const CAROL: u64 = 100_000_000_021;
const ALICE_ID: &str = "IKIDaliceIam00000000000000000000001";
const DAVE_ID: &str = "IKIDdaveAdmin0000000000000000000002";
// Each key its own SecretKey: two keys sharing one would sign a request of the same second
// identically, and camtui serve binds a signature to the first key it came with.
const ALICE_KEY: &str = "iamTestSecretKeyAlice00000000000";
const DAVE_KEY: &str = "iamTestSecretKeyDave000000000000";
const ADMINISTRATOR_ACCESS: u64 = 1;
const READ_ONLY_ACCESS: u64 = 400_411;
const UNAUTHORIZED: &str = "AuthFailure.UnauthorizedOperation";

/// alice (a sub-user with a phone and a key), bob (no phone), dave (an administrator with a
/// key), carol (a collaborator); no policies, groups or protection of their own yet.
fn seed() -> Seed {
    let text = json!({
        "account": {"ownerUin": 100_000_000_001_u64, "appId": 1_250_000_001},
        "users": [
            {"uin": ALICE, "uid": ALICE_UID, "type": "subUser", "name": "alice", "phoneNum": "13800000011",
             "email": "alice@example.com", "createdDaysAgo": 100,
             "keys": [{"secretId": ALICE_ID, "status": "Active", "createdDaysAgo": 10, "secretKey": ALICE_KEY}]},
            {"uin": BOB, "uid": 11_000_012, "type": "subUser", "name": "bob", "createdDaysAgo": 50},
            {"uin": DAVE, "uid": 11_000_013, "type": "subUser", "name": "dave", "isAdmin": true,
             "createdDaysAgo": 300,
             "keys": [{"secretId": DAVE_ID, "status": "Active", "createdDaysAgo": 10, "secretKey": DAVE_KEY}]},
            {"uin": CAROL, "uid": 11_000_021, "type": "collaborator", "name": "carol", "createdDaysAgo": 5}
        ]
    });
    Seed::parse(&text.to_string()).unwrap()
}

async fn start() -> TestServer {
    TestServer::start_with(Some(seed())).await
}

fn alice(server: &TestServer) -> Client {
    server.client(Credential::new(ALICE_ID, ALICE_KEY))
}

fn dave(server: &TestServer) -> Client {
    server.client(Credential::new(DAVE_ID, DAVE_KEY))
}

fn allow_cos_document() -> String {
    json!({"version": "2.0", "statement": [{"effect": "allow", "action": ["name/cos:*"], "resource": ["*"]}]})
        .to_string()
}

fn create_policy(name: &str) -> CreatePolicy {
    CreatePolicy {
        policy_name: name.into(),
        policy_document: allow_cos_document(),
        description: Some("COS for the web shop".into()),
        tags: Vec::new(),
    }
}

async fn new_policy(root: &Client, name: &str) -> u64 {
    root.send(&create_policy(name)).await.unwrap().policy_id
}

async fn new_group(root: &Client, name: &str) -> u64 {
    root.send(&CreateGroup {
        group_name: name.into(),
        remark: Some(format!("{name} team")),
    })
    .await
    .unwrap()
    .group_id
}

fn membership(group_id: u64, uin: u64) -> GroupIdOfUidInfo {
    GroupIdOfUidInfo {
        group_id,
        uid: None,
        uin: Some(uin),
    }
}

async fn join(root: &Client, group_id: u64, uin: u64) {
    root.send(&AddUserToGroup {
        info: vec![membership(group_id, uin)],
    })
    .await
    .unwrap();
}

fn all_policies(uin: u64, attach_type: u64) -> ListAttachedUserAllPolicies {
    ListAttachedUserAllPolicies {
        target_uin: uin,
        rp: 200,
        page: 1,
        attach_type,
        strategy_type: None,
        keyword: None,
    }
}

/// Runs `refused` and checks that it failed with `expected` and left the database as it was.
async fn refused_changes_nothing<T: std::fmt::Debug>(
    server: &TestServer,
    expected: &str,
    refused: impl std::future::Future<Output = Result<T, camtui::cam::CallError>>,
) {
    let before = Dump::of(&server.db());
    assert_eq!(code(refused.await), expected);
    server.handle.flush_audit().await.unwrap();
    if let Some(change) = before.difference(&Dump::of(&server.db())) {
        panic!("{expected} changed {change}");
    }
}

#[tokio::test]
async fn policies_are_created_read_and_listed_with_the_presets() {
    let server = start().await;
    let root = server.root();
    let created = root
        .send(&CreatePolicy {
            tags: vec![Tag {
                key: "team".into(),
                value: "web".into(),
            }],
            ..create_policy("cos-web")
        })
        .await
        .unwrap();
    let policy = root
        .send(&GetPolicy {
            policy_id: created.policy_id,
        })
        .await
        .unwrap();
    assert_eq!(policy.policy_name, "cos-web");
    assert_eq!(policy.policy_type, POLICY_TYPE_CUSTOM);
    assert_eq!(policy.description, "COS for the web shop");
    assert_eq!(policy.add_time, policy.update_time);
    assert_eq!(policy.tags[0].value, "web");
    // Stored as CAM writes it — slashes escaped — and the same document.
    assert!(policy.policy_document.contains(r"name\/cos:*"));
    let stored: Value = serde_json::from_str(&policy.policy_document).unwrap();
    assert_eq!(
        stored,
        serde_json::from_str::<Value>(&allow_cos_document()).unwrap()
    );

    // The presets are in every account, read-only, with CAM's ids.
    let admin = root
        .send(&GetPolicy {
            policy_id: ADMINISTRATOR_ACCESS,
        })
        .await
        .unwrap();
    assert_eq!(
        (
            admin.policy_name.as_str(),
            admin.policy_type,
            admin.add_time.as_str()
        ),
        (
            "AdministratorAccess",
            POLICY_TYPE_PRESET,
            "2016-06-02 19:40:09"
        )
    );
    let presets = root
        .send(&ListPolicies {
            scope: Some("QCS".into()),
            rp: Some(200),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = presets
        .list
        .iter()
        .map(|p| p.policy_name.as_str())
        .collect();
    for name in [
        "AdministratorAccess",
        "ReadOnlyAccess",
        "QcloudCamFullAccess",
        "QcloudCOSReadOnlyAccess",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(
        presets
            .list
            .iter()
            .all(|p| p.policy_type == POLICY_TYPE_PRESET)
    );
    assert_eq!(presets.total_num, presets.list.len() as u64);

    new_policy(&root, "cvm-ops").await;
    let local = root
        .send(&ListPolicies {
            scope: Some("Local".into()),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    assert_eq!(local.total_num, 2);
    assert_eq!(local.list[0].policy_name, "cos-web");
    assert_eq!(
        local.list[0].description.as_deref(),
        Some("COS for the web shop")
    );
    let all = root.send(&ListPolicies::default()).await.unwrap();
    assert_eq!(all.total_num, presets.total_num + 2);
    assert_eq!(all.list.len() as u64, all.total_num.min(20));
    // Custom first, then presets; pages follow on.
    let page_two = root
        .send(&ListPolicies {
            rp: Some(1),
            page: Some(2),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    assert_eq!(page_two.list[0].policy_name, "cvm-ops");
    let by_keyword = root
        .send(&ListPolicies {
            keyword: Some("readonly".into()),
            rp: Some(200),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    assert!(by_keyword.total_num >= 3);
    assert!(
        by_keyword
            .list
            .iter()
            .all(|p| p.policy_name.to_lowercase().contains("readonly"))
    );

    // Attached users are counted.
    root.send(&AttachUserPolicy {
        policy_id: created.policy_id,
        attach_uin: ALICE,
    })
    .await
    .unwrap();
    let local = root
        .send(&ListPolicies {
            scope: Some("Local".into()),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (local.list[0].attachments, local.list[0].attach_entity_count),
        (1, Some(1))
    );

    // The wire shape: nullable fields present, numbers as numbers.
    let raw = root
        .call_raw(
            Service::Cam,
            "ListPolicies",
            &json!({"Scope": "Local", "Rp": 1}),
        )
        .await
        .unwrap();
    let row = &raw["List"][0];
    for field in [
        "IsAttached",
        "Description",
        "ServiceType",
        "UpdateTime",
        "DeactivedDetail",
    ] {
        assert!(row.get(field).is_some(), "{field} missing from {row}");
    }
    assert!(row["PolicyId"].is_u64() && row["IsAttached"].is_null());
}

#[tokio::test]
async fn create_policy_refusals_change_nothing() {
    let server = start().await;
    let root = server.root();
    new_policy(&root, "taken").await;
    let with = |name: &str, document: &str| CreatePolicy {
        policy_document: document.into(),
        ..create_policy(name)
    };
    let good = allow_cos_document();
    for (request, expected) in [
        (with("has space", &good), "InvalidParameter.PolicyNameError"),
        (
            with(&"x".repeat(129), &good),
            "InvalidParameter.PolicyNameError",
        ),
        (with("taken", &good), "FailedOperation.PolicyNameInUse"),
        (
            with("AdministratorAccess", &good),
            "FailedOperation.PolicyNameInUse",
        ),
        (
            with("new", "{not json"),
            "InvalidParameter.PolicyDocumentError",
        ),
        (
            with("new", r#"{"version":"1.0","statement":[]}"#),
            "InvalidParameter.VersionError",
        ),
        (
            with(
                "new",
                r#"{"version":"2.0","statement":[{"effect":"permit","action":"*","resource":"*"}]}"#,
            ),
            "InvalidParameter.EffectError",
        ),
        (
            CreatePolicy {
                description: Some("长".repeat(101)),
                ..with("new", &good)
            },
            "InvalidParameter.DescriptionLengthOverlimit",
        ),
        (
            CreatePolicy {
                tags: vec![Tag {
                    key: String::new(),
                    value: "v".into(),
                }],
                ..with("new", &good)
            },
            "InvalidParameter.ParamError",
        ),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    refused_changes_nothing(
        &server,
        "InvalidParameter.ScopeError",
        root.send(&ListPolicies {
            scope: Some("Mine".into()),
            ..ListPolicies::default()
        }),
    )
    .await;
    for (rp, page) in [(0, 1), (201, 1), (20, 0), (20, 201)] {
        let request = ListPolicies {
            rp: Some(rp),
            page: Some(page),
            ..ListPolicies::default()
        };
        assert_eq!(
            code(root.send(&request).await),
            "InvalidParameter.ParamError"
        );
    }
    assert_eq!(
        code(root.send(&GetPolicy { policy_id: 0 }).await),
        "InvalidParameter.PolicyIdError"
    );
    assert_eq!(
        code(root.send(&GetPolicy { policy_id: 999 }).await),
        "ResourceNotFound.PolicyIdNotFound"
    );
}

#[tokio::test]
async fn attaching_and_detaching_follow_the_rules() {
    let server = start().await;
    let root = server.root();
    let policy = new_policy(&root, "cos-web").await;
    let attach = |policy_id, attach_uin| AttachUserPolicy {
        policy_id,
        attach_uin,
    };
    root.send(&attach(policy, ALICE)).await.unwrap();
    root.send(&attach(READ_ONLY_ACCESS, ALICE)).await.unwrap();
    // Attaching again changes nothing, not even the time.
    let before = Dump::of(&server.db());
    root.send(&attach(policy, ALICE)).await.unwrap();
    assert_eq!(before.difference(&Dump::of(&server.db())), None);

    let listed = root
        .send(&ListAttachedUserPolicies {
            target_uin: ALICE,
            page: None,
            rp: None,
        })
        .await
        .unwrap();
    assert_eq!(listed.total_num, 2);
    let kinds: Vec<(&str, &str)> = listed
        .list
        .iter()
        .map(|p| (p.policy_name.as_str(), p.policy_type.as_str()))
        .collect();
    assert!(kinds.contains(&("cos-web", "User")) && kinds.contains(&("ReadOnlyAccess", "QCS")));
    let owner = server.owner_uin().to_string();
    assert!(
        listed
            .list
            .iter()
            .all(|p| p.operate_uin.as_deref() == Some(owner.as_str())
                && p.operate_owner_uin.as_deref() == Some(owner.as_str()))
    );
    // Who attached it is recorded: an administrator here.
    dave(&server)
        .send(&attach(READ_ONLY_ACCESS, CAROL))
        .await
        .unwrap();
    let carol = root
        .send(&ListAttachedUserPolicies {
            target_uin: CAROL,
            page: None,
            rp: None,
        })
        .await
        .unwrap();
    assert_eq!(carol.list[0].operate_uin, Some(DAVE.to_string()));

    for (request, expected) in [
        (attach(0, ALICE), "InvalidParameter.PolicyIdError"),
        (attach(999, ALICE), "ResourceNotFound.PolicyIdNotFound"),
        (attach(policy, 42), "ResourceNotFound.UserNotExist"),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    let detach = |policy_id, detach_uin| DetachUserPolicy {
        policy_id,
        detach_uin,
    };
    root.send(&detach(policy, ALICE)).await.unwrap();
    for (request, expected) in [
        (detach(policy, ALICE), "InvalidParameter.ParamError"),
        (detach(999, ALICE), "InvalidParameter.PolicyIdNotExist"),
        (detach(policy, 42), "ResourceNotFound.UserNotExist"),
        (detach(0, ALICE), "InvalidParameter.PolicyIdError"),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }

    let group = new_group(&root, "ops").await;
    let attach_group = |policy_id, attach_group_id| AttachGroupPolicy {
        policy_id,
        attach_group_id,
    };
    root.send(&attach_group(policy, group)).await.unwrap();
    root.send(&attach_group(policy, group)).await.unwrap();
    for (request, expected) in [
        (attach_group(policy, 7), "ResourceNotFound.GroupNotExist"),
        (
            attach_group(999, group),
            "ResourceNotFound.PolicyIdNotFound",
        ),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    let detach_group = |policy_id, detach_group_id| DetachGroupPolicy {
        policy_id,
        detach_group_id,
    };
    root.send(&detach_group(policy, group)).await.unwrap();
    for (request, expected) in [
        (detach_group(policy, group), "InvalidParameter.ParamError"),
        (detach_group(policy, 7), "ResourceNotFound.GroupNotExist"),
        (
            detach_group(999, group),
            "InvalidParameter.PolicyIdNotExist",
        ),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
}

#[tokio::test]
async fn all_policies_of_a_user_directly_and_through_groups() {
    let server = start().await;
    let root = server.root();
    let direct = new_policy(&root, "direct-only").await;
    let both = new_policy(&root, "direct-and-group").await;
    let dev = new_group(&root, "开发组").await;
    let ops = new_group(&root, "ops").await;
    join(&root, dev, ALICE).await;
    join(&root, ops, ALICE).await;
    for policy in [direct, both] {
        root.send(&AttachUserPolicy {
            policy_id: policy,
            attach_uin: ALICE,
        })
        .await
        .unwrap();
    }
    for (policy, group) in [
        (both, ops),
        (READ_ONLY_ACCESS, dev),
        (READ_ONLY_ACCESS, ops),
    ] {
        root.send(&AttachGroupPolicy {
            policy_id: policy,
            attach_group_id: group,
        })
        .await
        .unwrap();
    }
    let groups_of = |list: &[camtui::cam::model::AttachedUserPolicy], name: &str| {
        let row = list.iter().find(|p| p.policy_name == name).unwrap();
        let mut groups: Vec<String> = row.groups.iter().map(|g| g.group_name.clone()).collect();
        groups.sort();
        groups
    };

    let all = root
        .send(&all_policies(ALICE, ATTACH_TYPE_ALL))
        .await
        .unwrap();
    assert_eq!(all.total_num, 3);
    assert_eq!(
        groups_of(&all.policy_list, "direct-only"),
        Vec::<String>::new()
    );
    assert_eq!(groups_of(&all.policy_list, "direct-and-group"), ["ops"]);
    assert_eq!(
        groups_of(&all.policy_list, "ReadOnlyAccess"),
        ["ops", "开发组"]
    );
    let read_only = all
        .policy_list
        .iter()
        .find(|p| p.policy_id == READ_ONLY_ACCESS)
        .unwrap();
    assert_eq!(read_only.strategy_type, POLICY_TYPE_PRESET);
    assert_eq!(read_only.add_time.len(), 19);

    let direct_rows = root
        .send(&all_policies(ALICE, ATTACH_TYPE_DIRECT))
        .await
        .unwrap();
    let mut names: Vec<&str> = direct_rows
        .policy_list
        .iter()
        .map(|p| p.policy_name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["direct-and-group", "direct-only"]);
    assert!(direct_rows.policy_list.iter().all(|p| p.groups.is_empty()));
    let through = root
        .send(&all_policies(ALICE, ATTACH_TYPE_GROUPS))
        .await
        .unwrap();
    assert_eq!(through.total_num, 2);

    let custom = root
        .send(&ListAttachedUserAllPolicies {
            strategy_type: Some(POLICY_TYPE_CUSTOM),
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        })
        .await
        .unwrap();
    assert_eq!(custom.total_num, 2);
    let keyword = root
        .send(&ListAttachedUserAllPolicies {
            keyword: Some("READONLY".into()),
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        })
        .await
        .unwrap();
    assert_eq!(keyword.policy_list.len(), 1);
    let page = root
        .send(&ListAttachedUserAllPolicies {
            rp: 2,
            page: 2,
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        })
        .await
        .unwrap();
    assert_eq!((page.total_num, page.policy_list.len()), (3, 1));

    // On the wire, as the official definitions type it: ids and types as strings.
    let raw = root
        .call_raw(
            Service::Cam,
            "ListAttachedUserAllPolicies",
            &json!({"TargetUin": ALICE, "Rp": 10, "Page": 1, "AttachType": 0, "StrategyType": 2}),
        )
        .await
        .unwrap();
    let row = &raw["PolicyList"][0];
    assert_eq!(row["PolicyId"], READ_ONLY_ACCESS.to_string());
    assert_eq!(
        (row["StrategyType"].as_str(), row["CreateMode"].as_str()),
        (Some("2"), Some("2"))
    );
    assert!(row["Groups"][0]["GroupId"].is_u64());

    // Every paging field is required; their bounds are documented.
    assert_eq!(
        code(
            root.call_raw(
                Service::Cam,
                "ListAttachedUserAllPolicies",
                &json!({"TargetUin": ALICE, "Rp": 10, "Page": 1})
            )
            .await
        ),
        "MissingParameter"
    );
    for request in [
        ListAttachedUserAllPolicies {
            rp: 0,
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        },
        ListAttachedUserAllPolicies {
            rp: 201,
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        },
        ListAttachedUserAllPolicies {
            page: 201,
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        },
        all_policies(ALICE, 3),
        ListAttachedUserAllPolicies {
            strategy_type: Some(3),
            ..all_policies(ALICE, ATTACH_TYPE_ALL)
        },
    ] {
        assert_eq!(
            code(root.send(&request).await),
            "InvalidParameter.ParamError"
        );
    }
    assert_eq!(
        code(root.send(&all_policies(42, ATTACH_TYPE_ALL)).await),
        "ResourceNotFound.UserNotExist"
    );
    assert_eq!(
        code(
            root.send(&ListAttachedUserPolicies {
                target_uin: 42,
                page: None,
                rp: None
            })
            .await
        ),
        "InvalidParameter.ParamError"
    );
}

#[tokio::test]
async fn groups_and_their_members() {
    let server = start().await;
    let root = server.root();
    let dev = new_group(&root, "开发组").await;
    let ops = new_group(&root, "ops").await;
    assert!(ops > dev);
    for (name, expected) in [
        ("ops", "InvalidParameter.GroupNameInUse"),
        ("has space", "InvalidParameter.ParamError"),
        ("", "InvalidParameter.ParamError"),
    ] {
        let request = CreateGroup {
            group_name: name.into(),
            remark: None,
        };
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    let groups = root.send(&ListGroups::default()).await.unwrap();
    assert_eq!(groups.total_num, 2);
    assert_eq!(groups.group_info[0].group_name, "开发组");
    assert_eq!(groups.group_info[0].remark, "开发组 team");
    let found = root
        .send(&ListGroups {
            keyword: Some("OP".into()),
            ..ListGroups::default()
        })
        .await
        .unwrap();
    assert_eq!(found.group_info.len(), 1);
    assert_eq!(
        code(
            root.send(&ListGroups {
                page: Some(0),
                ..ListGroups::default()
            })
            .await
        ),
        "InvalidParameterValue"
    );

    // The official example: Uid and GroupId as strings.
    root.call_raw(
        Service::Cam,
        "AddUserToGroup",
        &json!({"Info": [{"Uid": ALICE_UID.to_string(), "GroupId": dev.to_string()}]}),
    )
    .await
    .unwrap();
    root.send(&AddUserToGroup {
        info: vec![
            membership(ops, ALICE),
            membership(dev, ALICE),
            membership(ops, CAROL),
        ],
    })
    .await
    .unwrap();
    let by_uin = root
        .send(&ListGroupsForUser {
            sub_uin: Some(ALICE),
            ..ListGroupsForUser::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = by_uin
        .group_info
        .iter()
        .map(|g| g.group_name.as_str())
        .collect();
    assert_eq!((by_uin.total_num, names), (2, vec!["开发组", "ops"]));
    let by_uid = root
        .send(&ListGroupsForUser {
            uid: Some(ALICE_UID),
            rp: Some(1),
            page: Some(2),
            ..ListGroupsForUser::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (by_uid.total_num, by_uid.group_info[0].group_name.as_str()),
        (2, "ops")
    );

    let bad = |item: GroupIdOfUidInfo| AddUserToGroup {
        // The good first item must not stay behind when the second is refused.
        info: vec![membership(dev, BOB), item],
    };
    for (request, expected) in [
        (
            bad(GroupIdOfUidInfo {
                group_id: dev,
                uid: None,
                uin: None,
            }),
            "InvalidParameter.UserUinAndUinNotAllNull",
        ),
        (bad(membership(7, ALICE)), "InvalidParameter.GroupNotExist"),
        (bad(membership(dev, 42)), "ResourceNotFound.UserNotExist"),
        (
            bad(GroupIdOfUidInfo {
                group_id: dev,
                uid: Some(11_000_012),
                uin: Some(ALICE),
            }),
            "ResourceNotFound.UserNotExist",
        ),
        (AddUserToGroup { info: Vec::new() }, "InvalidParameter"),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    assert_eq!(
        code(root.send(&ListGroupsForUser::default()).await),
        "MissingParameter"
    );
    assert_eq!(
        code(
            root.send(&ListGroupsForUser {
                sub_uin: Some(42),
                ..ListGroupsForUser::default()
            })
            .await
        ),
        "ResourceNotFound.UserNotExist"
    );

    root.send(&RemoveUserFromGroup {
        info: vec![membership(ops, ALICE)],
    })
    .await
    .unwrap();
    for (item, expected) in [
        (membership(ops, ALICE), "FailedOperation"),
        (membership(7, ALICE), "FailedOperation"),
        (membership(ops, 42), "ResourceNotFound.UserNotExist"),
    ] {
        let request = RemoveUserFromGroup { info: vec![item] };
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    let left = root
        .send(&ListGroupsForUser {
            sub_uin: Some(ALICE),
            ..ListGroupsForUser::default()
        })
        .await
        .unwrap();
    assert_eq!(left.total_num, 1);
}

/// A data set at the limits: 1500 custom policies, 300 groups, a group of 100 users, and a
/// user in 10 groups with 200 policies attached.
fn full_seed() -> Seed {
    let document = json!({"version": "2.0", "statement": {"effect": "allow", "action": "cos:*", "resource": "*"}});
    let policies: Vec<Value> = (0..1500)
        .map(|i| json!({"name": format!("p{i}"), "document": document, "createdDaysAgo": 10}))
        .collect();
    let groups: Vec<Value> = (0..300)
        .map(|i| json!({"name": format!("g{i}"), "createdDaysAgo": 10}))
        .collect();
    let mut users: Vec<Value> = (0..100_u64)
        .map(|i| {
            json!({"uin": 200_000_000_000 + i, "uid": 20_000_000 + i, "type": "subUser",
                   "name": format!("member{i}"), "createdDaysAgo": 5, "groups": ["g0"]})
        })
        .collect();
    let ten: Vec<String> = (1..=10).map(|i| format!("g{i}")).collect();
    let attached: Vec<Value> = (0..200)
        .map(|i| json!({"policy": format!("p{i}"), "attachedDaysAgo": 1}))
        .collect();
    users.push(
        json!({"uin": ALICE, "uid": ALICE_UID, "type": "subUser", "name": "alice",
                      "createdDaysAgo": 5, "groups": ten, "policies": attached}),
    );
    users.push(json!({"uin": BOB, "uid": 11_000_012, "type": "subUser", "name": "bob", "createdDaysAgo": 5}));
    let text = json!({
        "account": {"ownerUin": 100_000_000_001_u64, "appId": 1_250_000_001},
        "policies": policies,
        "groups": groups,
        "users": users,
    });
    Seed::parse(&text.to_string()).unwrap()
}

#[tokio::test]
async fn quotas_refuse_the_one_too_many() {
    let server = TestServer::start_with(Some(full_seed())).await;
    let root = server.root();
    refused_changes_nothing(
        &server,
        "FailedOperation.PolicyFull",
        root.send(&create_policy("one-more")),
    )
    .await;
    refused_changes_nothing(
        &server,
        "InvalidParameter.GroupFull",
        root.send(&CreateGroup {
            group_name: "one-more".into(),
            remark: None,
        }),
    )
    .await;
    refused_changes_nothing(
        &server,
        "InvalidParameter.GroupUserFull",
        root.send(&AddUserToGroup {
            info: vec![membership(10_001, BOB)],
        }),
    )
    .await;
    refused_changes_nothing(
        &server,
        "InvalidParameter.UserGroupFull",
        root.send(&AddUserToGroup {
            info: vec![membership(10_020, ALICE)],
        }),
    )
    .await;
    refused_changes_nothing(
        &server,
        "InvalidParameter.AttachmentFull",
        root.send(&AttachUserPolicy {
            policy_id: READ_ONLY_ACCESS,
            attach_uin: ALICE,
        }),
    )
    .await;
    // What is there already is no more than the limit: attaching it again is fine.
    root.send(&AttachUserPolicy {
        policy_id: 100_000_001,
        attach_uin: ALICE,
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn concurrent_mutations_keep_the_rules() {
    let server = start().await;
    let root = server.root();
    let creates = (0..20).map(|_| {
        let root = root.clone();
        async move {
            root.send(&CreateGroup {
                group_name: "race".into(),
                remark: None,
            })
            .await
        }
    });
    let results = futures::future::join_all(creates).await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    let mut groups = Vec::new();
    for i in 0..11 {
        groups.push(new_group(&root, &format!("g{i}")).await);
    }
    let joins = groups.iter().map(|&group| {
        let root = root.clone();
        async move {
            root.send(&AddUserToGroup {
                info: vec![membership(group, BOB)],
            })
            .await
        }
    });
    let results = futures::future::join_all(joins).await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 10);
    let bob = root
        .send(&ListGroupsForUser {
            sub_uin: Some(BOB),
            ..ListGroupsForUser::default()
        })
        .await
        .unwrap();
    assert_eq!(bob.total_num, 10);
}

#[tokio::test]
async fn security_settings_are_read_and_set() {
    let server = start().await;
    let root = server.root();
    let flags = |uin| DescribeSafeAuthFlagColl { sub_uin: uin };
    let fresh = root.send(&flags(ALICE)).await.unwrap();
    assert_eq!(fresh.login_flag, LoginActionFlag::default());
    assert_eq!(fresh.action_flag.methods(), []);
    // Unusual-location logins are reported where alice can be reached: phone and email.
    let offsite = fresh.offsite_flag;
    assert_eq!(
        (
            offsite.notify_phone,
            offsite.notify_email,
            offsite.notify_wechat
        ),
        (1, 1, 0)
    );
    let raw = root
        .call_raw(
            Service::Cam,
            "DescribeSafeAuthFlagColl",
            &json!({"SubUin": ALICE}),
        )
        .await
        .unwrap();
    for member in ["Phone", "Token", "Stoken", "Wechat", "Custom"] {
        assert_eq!(raw["LoginFlag"][member], 0, "{raw}");
    }

    let set = |uin: Option<u64>,
               login: Option<LoginActionMfaFlag>,
               action: Option<LoginActionMfaFlag>| SetMfaFlag {
        op_uin: uin,
        login_flag: login,
        action_flag: action,
    };
    let phone = LoginActionMfaFlag {
        phone: Some(1),
        ..LoginActionMfaFlag::default()
    };
    root.send(&set(Some(ALICE), Some(phone), Some(phone)))
        .await
        .unwrap();
    let now = root.send(&flags(ALICE)).await.unwrap();
    assert_eq!(now.login_flag.methods(), [Verification::Phone]);
    assert_eq!(now.action_flag.methods(), [Verification::Phone]);
    // A flag left out stays as it is; all zeros turns protection off.
    let off = LoginActionMfaFlag {
        phone: Some(0),
        ..LoginActionMfaFlag::default()
    };
    root.send(&set(Some(ALICE), None, Some(off))).await.unwrap();
    let now = root.send(&flags(ALICE)).await.unwrap();
    assert_eq!(now.login_flag.methods(), [Verification::Phone]);
    assert_eq!(now.action_flag.methods(), []);

    let wechat = LoginActionMfaFlag {
        wechat: Some(1),
        ..LoginActionMfaFlag::default()
    };
    let stoken = LoginActionMfaFlag {
        stoken: Some(1),
        ..LoginActionMfaFlag::default()
    };
    for (request, expected) in [
        (
            set(Some(BOB), Some(phone), None),
            "FailedOperation.UserNotBindPhone",
        ),
        (
            set(Some(ALICE), Some(wechat), None),
            "FailedOperation.UserNotBindWechat",
        ),
        (
            set(Some(ALICE), None, Some(stoken)),
            "InvalidParameter.MFATokenError",
        ),
        (
            set(Some(42), Some(off), None),
            "ResourceNotFound.UserNotExist",
        ),
        (set(Some(ALICE), None, None), "MissingParameter"),
        (
            set(
                Some(ALICE),
                Some(LoginActionMfaFlag {
                    phone: Some(1),
                    wechat: Some(1),
                    stoken: None,
                }),
                None,
            ),
            "InvalidParameterValue",
        ),
        (
            set(
                Some(ALICE),
                Some(LoginActionMfaFlag {
                    phone: Some(2),
                    ..LoginActionMfaFlag::default()
                }),
                None,
            ),
            "InvalidParameterValue",
        ),
        // Root has no sub-user settings to set.
        (set(None, Some(off), None), "ResourceNotFound.UserNotExist"),
    ] {
        refused_changes_nothing(&server, expected, root.send(&request)).await;
    }
    // The official example's shape, and the GET form of a nested flag.
    assert_eq!(
        code(
            root.call_raw(
                Service::Cam,
                "SetMfaFlag",
                &json!({"OpUin": ALICE, "LoginFlag": {"Wechat": 1}})
            )
            .await
        ),
        "FailedOperation.UserNotBindWechat"
    );
    let host = server.handle.addr.to_string();
    let get = Signing::cam(ROOT_ID, ROOT_KEY, &host)
        .get("SetMfaFlag", &format!("OpUin={ALICE}&ActionFlag.Phone=1"));
    assert_eq!(exchange(server.handle.addr, &get).await.code(), "OK");
    let now = root.send(&flags(ALICE)).await.unwrap();
    assert_eq!(now.action_flag.methods(), [Verification::Phone]);
    assert_eq!(
        code(root.send(&flags(42)).await),
        "ResourceNotFound.UserNotExist"
    );
}

#[tokio::test]
async fn a_sub_user_reads_its_own_and_nothing_else() {
    let server = start().await;
    let root = server.root();
    let alice = alice(&server);
    let dev = new_group(&root, "开发组").await;
    join(&root, dev, ALICE).await;
    let own = new_policy(&root, "alice-cos").await;
    let others = new_policy(&root, "bob-cos").await;
    root.send(&AttachUserPolicy {
        policy_id: own,
        attach_uin: ALICE,
    })
    .await
    .unwrap();
    root.send(&AttachGroupPolicy {
        policy_id: READ_ONLY_ACCESS,
        attach_group_id: dev,
    })
    .await
    .unwrap();

    // Her own: policies (and their documents), groups (by UIN or UID), security settings.
    let mine = alice
        .send(&all_policies(ALICE, ATTACH_TYPE_ALL))
        .await
        .unwrap();
    assert_eq!(mine.total_num, 2);
    alice
        .send(&ListAttachedUserPolicies {
            target_uin: ALICE,
            page: None,
            rp: None,
        })
        .await
        .unwrap();
    for policy_id in [own, READ_ONLY_ACCESS] {
        alice.send(&GetPolicy { policy_id }).await.unwrap();
    }
    for request in [
        ListGroupsForUser {
            sub_uin: Some(ALICE),
            ..ListGroupsForUser::default()
        },
        ListGroupsForUser {
            uid: Some(ALICE_UID),
            ..ListGroupsForUser::default()
        },
    ] {
        assert_eq!(alice.send(&request).await.unwrap().total_num, 1);
    }
    alice
        .send(&DescribeSafeAuthFlagColl { sub_uin: ALICE })
        .await
        .unwrap();

    // Anyone else's — existing or not — and anything that manages is refused.
    for uin in [BOB, 42] {
        assert_eq!(
            code(alice.send(&all_policies(uin, ATTACH_TYPE_ALL)).await),
            UNAUTHORIZED
        );
        assert_eq!(
            code(
                alice
                    .send(&ListAttachedUserPolicies {
                        target_uin: uin,
                        page: None,
                        rp: None
                    })
                    .await
            ),
            UNAUTHORIZED
        );
        assert_eq!(
            code(
                alice
                    .send(&ListGroupsForUser {
                        sub_uin: Some(uin),
                        ..ListGroupsForUser::default()
                    })
                    .await
            ),
            UNAUTHORIZED
        );
        assert_eq!(
            code(alice.send(&DescribeSafeAuthFlagColl { sub_uin: uin }).await),
            UNAUTHORIZED
        );
    }
    for uid in [11_000_012, 99] {
        let request = ListGroupsForUser {
            uid: Some(uid),
            ..ListGroupsForUser::default()
        };
        assert_eq!(code(alice.send(&request).await), UNAUTHORIZED);
    }
    for policy_id in [others, ADMINISTRATOR_ACCESS, 999] {
        assert_eq!(
            code(alice.send(&GetPolicy { policy_id }).await),
            UNAUTHORIZED
        );
    }
    let attach_self = AttachUserPolicy {
        policy_id: ADMINISTRATOR_ACCESS,
        attach_uin: ALICE,
    };
    refused_changes_nothing(&server, UNAUTHORIZED, alice.send(&attach_self)).await;
    refused_changes_nothing(&server, UNAUTHORIZED, alice.send(&create_policy("mine"))).await;
    refused_changes_nothing(
        &server,
        UNAUTHORIZED,
        alice.send(&AddUserToGroup {
            info: vec![membership(dev, BOB)],
        }),
    )
    .await;
    refused_changes_nothing(
        &server,
        UNAUTHORIZED,
        alice.send(&SetMfaFlag {
            op_uin: None,
            login_flag: Some(LoginActionMfaFlag::default()),
            action_flag: None,
        }),
    )
    .await;
    assert_eq!(
        code(alice.send(&ListPolicies::default()).await),
        UNAUTHORIZED
    );
    assert_eq!(code(alice.send(&ListGroups::default()).await), UNAUTHORIZED);

    // An administrator manages.
    let dave = dave(&server);
    dave.send(&attach_self).await.unwrap();
    dave.send(&all_policies(BOB, ATTACH_TYPE_ALL))
        .await
        .unwrap();
    dave.send(&GetPolicy { policy_id: others }).await.unwrap();
}

#[tokio::test]
async fn deleting_a_user_takes_its_memberships_attachments_and_settings() {
    let server = start().await;
    let root = server.root();
    let dev = new_group(&root, "开发组").await;
    join(&root, dev, BOB).await;
    root.send(&AttachUserPolicy {
        policy_id: READ_ONLY_ACCESS,
        attach_uin: BOB,
    })
    .await
    .unwrap();
    root.send(&SetMfaFlag {
        op_uin: Some(BOB),
        login_flag: Some(LoginActionMfaFlag::default()),
        action_flag: None,
    })
    .await
    .unwrap();
    let rows_of_bob = || {
        let dump = Dump::of(&server.db());
        ["group_members", "user_policies", "security"]
            .iter()
            .map(|table| {
                dump.rows(table)
                    .iter()
                    .filter(|row| {
                        row.contains(&rusqlite::types::Value::Integer(
                            i64::try_from(BOB).unwrap(),
                        ))
                    })
                    .count()
            })
            .sum::<usize>()
    };
    assert_eq!(rows_of_bob(), 3);
    root.send(&DeleteUser {
        name: "bob".into(),
        force: None,
    })
    .await
    .unwrap();
    assert_eq!(rows_of_bob(), 0);
    let policies = root
        .send(&ListPolicies {
            keyword: Some("ReadOnlyAccess".into()),
            ..ListPolicies::default()
        })
        .await
        .unwrap();
    let read_only = policies
        .list
        .iter()
        .find(|p| p.policy_id == READ_ONLY_ACCESS);
    assert_eq!(read_only.unwrap().attachments, 0);
}

/// alice in two groups of 150 policies each, one of them attached to her directly too.
fn crowded_seed() -> Seed {
    let document = json!({"version": "2.0", "statement": {"effect": "allow", "action": "cos:*", "resource": "*"}});
    let policies: Vec<Value> = (0..300)
        .map(|i| json!({"name": format!("p{i:03}"), "document": document, "createdDaysAgo": 10}))
        .collect();
    let group = |name: &str, from: usize| {
        let attached: Vec<Value> = (from..from + 150)
            .map(|i| json!({"policy": format!("p{i:03}"), "attachedDaysAgo": 2}))
            .collect();
        json!({"name": name, "createdDaysAgo": 10, "policies": attached})
    };
    let text = json!({
        "account": {"ownerUin": 100_000_000_001_u64, "appId": 1_250_000_001},
        "policies": policies,
        "groups": [group("ops", 0), group("开发组", 150)],
        "users": [{"uin": ALICE, "uid": ALICE_UID, "type": "subUser", "name": "alice",
                   "phoneNum": "13800000011", "createdDaysAgo": 20, "groups": ["ops", "开发组"],
                   "policies": [{"policy": "p000", "attachedDaysAgo": 1}],
                   "security": {"login": "phone"},
                   "keys": [{"secretId": ALICE_ID, "status": "Active", "createdDaysAgo": 10, "secretKey": ALICE_KEY}]},
                  {"uin": BOB, "uid": 11_000_012, "type": "subUser", "name": "bob", "createdDaysAgo": 5}]
    });
    Seed::parse(&text.to_string()).unwrap()
}

#[tokio::test]
async fn the_client_loads_every_section_of_user_details() {
    use camtui::cam::permissions::{PolicyKind, Via};

    let server = TestServer::start_with(Some(crowded_seed())).await;
    let loaded = server.root().user_permissions(ALICE).await;
    let grants = loaded.policies.unwrap();
    // One grant per way a policy applies, the newest first; 300 through groups take two pages.
    assert_eq!(grants.len(), 301);
    assert_eq!(
        (grants[0].policy_name.as_str(), &grants[0].via),
        ("p000", &Via::User)
    );
    assert_eq!(grants[0].kind, PolicyKind::Custom);
    assert!(grants.windows(2).all(|w| w[0].attached >= w[1].attached));
    let via_ops = grants
        .iter()
        .filter(|g| matches!(&g.via, Via::Group { group_name, .. } if group_name == "ops"))
        .count();
    assert_eq!(via_ops, 150);
    let groups = loaded.groups.unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g.group_name.as_str()).collect();
    assert_eq!(names, ["ops", "开发组"]);
    let security = loaded.security.unwrap();
    assert_eq!(security.login_protection, [Verification::Phone]);
    assert!(security.operation_protection.is_empty());

    let policy = server.root().policy(grants[0].policy_id).await.unwrap();
    assert_eq!(policy.policy_name, "p000");
    assert!(policy.pretty_document().contains("\"action\": \"cos:*\""));

    // A sub-user loads her own; anyone else's sections each fail, unauthorized.
    let alice = alice(&server);
    assert_eq!(
        alice.user_permissions(ALICE).await.policies.unwrap().len(),
        301
    );
    let bobs = alice.user_permissions(BOB).await;
    assert_eq!(code(bobs.policies), UNAUTHORIZED);
    assert_eq!(code(bobs.groups), UNAUTHORIZED);
    assert_eq!(code(bobs.security), UNAUTHORIZED);
}
