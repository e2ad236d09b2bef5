//! The audit trail and what reads it: `DescribeEvents` and `LookUpEvents` (paging, filters, limits),
//! the client's 90-day walk, audit records of mutations and refusals; and storage: restart,
//! encryption at rest, file modes, the sandbox.

use crate::support;

use camtui::cam::Credential;
use camtui::cam::model::{
    CreateAccessKey, DescribeEvents, GetSecurityLastUsed, KeyStatus, LookUpEvents, LookupAttribute,
    SecretId, UpdateAccessKey,
};
use camtui::server::seed::Seed;
use camtui::server::{ServerConfig, sandbox, spawn};
use support::{ROOT_ID, ROOT_KEY, TestServer, code};

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

fn window(days_back: u64) -> (u64, u64) {
    let end = now() - days_back * 86_400;
    (end - 30 * 86_400 + 1, end)
}

#[tokio::test]
async fn describe_events_pages_newest_first_without_gaps() {
    let server = TestServer::start_with(Some(Seed::demo())).await;
    let root = server.root();
    let (start, end) = window(0);
    let mut token = None;
    let mut seen = Vec::new();
    loop {
        let page = root
            .send(&DescribeEvents {
                start_time: start,
                end_time: end,
                next_token: token,
                max_results: Some(50),
                ..DescribeEvents::default()
            })
            .await
            .unwrap();
        assert!(page.events.len() <= 50);
        seen.extend(page.events);
        if page.list_over {
            break;
        }
        token = page.next_token;
    }
    assert!(seen.len() > 100, "{}", seen.len());
    assert!(seen.windows(2).all(|w| w[0].event_time >= w[1].event_time));
    let mut ids: Vec<&str> = seen.iter().map(|e| e.event_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), seen.len(), "no event twice");
    assert!(
        seen.iter()
            .all(|e| (start as i64..=end as i64).contains(&e.event_time.0))
    );
    assert!(seen.iter().any(|e| e.failure().is_some()));
    let event = &seen[0];
    assert_eq!(
        event.event_source,
        format!(
            "{}.tencentcloudapi.com",
            if event.event_name == "DescribeEvents" {
                "cloudaudit"
            } else {
                "cam"
            }
        )
    );
    assert_eq!(event.account_id, 100_000_000_001);
    assert!(!event.event_name_cn.is_empty());
}

#[tokio::test]
async fn filters_and_limits() {
    let server = TestServer::start_with(Some(Seed::demo())).await;
    let root = server.root();
    let (start, end) = window(0);
    let query = |attributes: Vec<LookupAttribute>| DescribeEvents {
        start_time: start,
        end_time: end,
        max_results: Some(50),
        lookup_attributes: attributes,
        ..DescribeEvents::default()
    };
    let attribute = |key: &str, value: &str| LookupAttribute {
        attribute_key: key.into(),
        attribute_value: Some(value.into()),
    };
    let all = root.send(&query(vec![])).await.unwrap().events;
    let some = &all[0];
    let by_key = root
        .send(&query(vec![attribute(
            "AccessKeyId",
            some.secret_id.as_str(),
        )]))
        .await
        .unwrap()
        .events;
    assert!(!by_key.is_empty() && by_key.iter().all(|e| e.secret_id == some.secret_id));
    let two_names = root
        .send(&query(vec![
            attribute("EventName", "ListUsers"),
            attribute("EventName", "GetUser"),
        ]))
        .await
        .unwrap()
        .events;
    assert!(!two_names.is_empty());
    assert!(
        two_names
            .iter()
            .all(|e| e.event_name == "ListUsers" || e.event_name == "GetUser")
    );
    let failures = root
        .send(&query(vec![attribute(
            "ApiErrorCode",
            "AuthFailure.SignatureFailure",
        )]))
        .await
        .unwrap()
        .events;
    assert!(
        failures
            .iter()
            .all(|e| e.failure().as_deref() == Some("AuthFailure.SignatureFailure"))
    );
    let tagged = root
        .send(&query(vec![attribute("Tags", "x")]))
        .await
        .unwrap();
    assert!(tagged.events.is_empty() && tagged.list_over);

    // DescribeEvents documents no parameter code finer than InvalidParameter; the message says
    // which rule the request broke.
    let refuse = |q: DescribeEvents| {
        let root = root.clone();
        async move {
            let error = root.send(&q).await.unwrap_err();
            let api = error.api().expect("an API error");
            assert_eq!(api.code, "InvalidParameter", "{api:?}");
            api.message.clone()
        }
    };
    let (old_start, old_end) = window(61);
    for (request, says) in [
        (
            DescribeEvents {
                max_results: Some(51),
                ..query(vec![])
            },
            "MaxResults",
        ),
        (
            DescribeEvents {
                start_time: end - 30 * 86_400,
                ..query(vec![])
            },
            "less than 30 days",
        ),
        (
            DescribeEvents {
                start_time: old_start,
                end_time: old_end,
                ..query(vec![])
            },
            "90 days",
        ),
        (
            DescribeEvents {
                start_time: end,
                end_time: start,
                ..query(vec![])
            },
            "after EndTime",
        ),
        (query(vec![attribute("Colour", "blue")]), "Colour"),
        (
            DescribeEvents {
                next_token: Some(987_654_321),
                ..query(vec![])
            },
            "NextToken",
        ),
    ] {
        let message = refuse(request).await;
        assert!(message.contains(says), "{message}");
    }
}

#[tokio::test]
async fn look_up_events_pages_with_string_tokens() {
    let server = TestServer::start_with(Some(Seed::demo())).await;
    let root = server.root();
    // LookUpEvents searches at most 7 days at a time.
    let end = now();
    let start = end - 7 * 86_400;
    let first = root
        .send(&LookUpEvents {
            start_time: start as i64,
            end_time: end as i64,
            max_results: Some(3),
            ..LookUpEvents::default()
        })
        .await
        .unwrap();
    assert_eq!(first.events.len(), 3);
    assert!(!first.list_over);
    let second = root
        .send(&LookUpEvents {
            start_time: start as i64,
            end_time: end as i64,
            max_results: Some(3),
            next_token: first.next_token.clone(),
            ..LookUpEvents::default()
        })
        .await
        .unwrap();
    assert!(second.events[0].event_time <= first.events[2].event_time);
    assert_ne!(second.events[0].event_id, first.events[2].event_id);
    assert_eq!(
        code(
            root.send(&LookUpEvents {
                start_time: start as i64,
                end_time: end as i64,
                mode: Some("turbo".into()),
                ..LookUpEvents::default()
            })
            .await
        ),
        "InvalidParameterValue"
    );
    // Its own codes, not DescribeEvents's.
    let refused = |start: u64, end: u64, max_results: Option<i64>| {
        let root = root.clone();
        async move {
            code(
                root.send(&LookUpEvents {
                    start_time: start as i64,
                    end_time: end as i64,
                    max_results,
                    ..LookUpEvents::default()
                })
                .await,
            )
        }
    };
    assert_eq!(
        refused(start - 1, end, None).await,
        "LimitExceeded.OverTime"
    );
    assert_eq!(
        refused(end, start, None).await,
        "InvalidParameterValue.Time"
    );
    assert_eq!(
        refused(start, end, Some(51)).await,
        "InvalidParameterValue.MaxResult"
    );
    // The last page's NextToken is empty, never null.
    let last = root
        .send(&LookUpEvents {
            start_time: start as i64,
            end_time: end as i64,
            max_results: Some(50),
            lookup_attributes: vec![LookupAttribute::access_key_id(&SecretId::from_wire(
                "IKIDnobody",
            ))],
            ..LookUpEvents::default()
        })
        .await
        .unwrap();
    assert!(last.list_over && last.events.is_empty());
    assert_eq!(last.next_token.as_deref(), Some(""));
}

#[tokio::test]
async fn the_clients_walk_finds_the_latest_twenty_over_ninety_days() {
    let server = TestServer::start_with(Some(Seed::demo())).await;
    let root = server.root();
    // The busiest seeded key.
    let data = Seed::demo().rows(now() as i64).unwrap();
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for e in &data.events {
        *counts.entry(e.secret_id.as_str()).or_default() += 1;
    }
    let (busiest, total) = counts.into_iter().max_by_key(|(_, n)| *n).unwrap();
    let records = root
        .latest_access_records(&SecretId::from_wire(busiest), 20, now())
        .await
        .unwrap();
    assert_eq!(records.len(), total.min(20));
    assert!(
        records
            .windows(2)
            .all(|w| w[0].event_time >= w[1].event_time)
    );
    assert!(records.iter().all(|r| r.secret_id == busiest));
}

#[tokio::test]
async fn mutations_and_refusals_are_recorded() {
    let server = TestServer::start().await;
    let uin = server.add_user("dave", false).await;
    let (dave, dave_key) = server.key_client(uin).await;
    let root = server.root();
    dave.send(&CreateAccessKey {
        target_uin: None,
        description: Some("second".into()),
    })
    .await
    .unwrap();
    assert_eq!(
        code(dave.send(&CreateAccessKey::default()).await),
        "OperationDenied.AccessKeyOverLimit"
    );
    root.send(&UpdateAccessKey {
        access_key_id: SecretId::from_wire(dave_key.clone()),
        status: KeyStatus::Inactive,
        target_uin: Some(uin),
    })
    .await
    .unwrap();
    assert_eq!(
        code(dave.access_keys(None).await),
        "AuthFailure.SecretIdNotFound"
    );

    let records = root
        .latest_access_records(&SecretId::from_wire(dave_key), 20, now())
        .await
        .unwrap();
    let summary: Vec<(String, Option<String>)> = records
        .iter()
        .map(|r| (r.event_name.clone(), r.failure()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "ListAccessKeys".into(),
                Some("AuthFailure.SecretIdNotFound".into())
            ),
            (
                "CreateAccessKey".into(),
                Some("OperationDenied.AccessKeyOverLimit".into())
            ),
            ("CreateAccessKey".into(), None),
        ]
    );
    let created: serde_json::Value = serde_json::from_str(&records[2].cloud_audit_event).unwrap();
    assert_eq!(created["actionType"], "Write");
    assert_eq!(created["sensitiveAction"], "1");
    assert_eq!(created["userIdentity"]["userName"], "dave");
    assert_eq!(records[2].username, "dave");
    assert_eq!(records[2].error_code, 0);
    assert_ne!(records[1].error_code, 0);
    // Root's own UpdateAccessKey is root's event.
    let root_records = root
        .latest_access_records(&SecretId::from_wire(ROOT_ID), 5, now())
        .await
        .unwrap();
    assert!(
        root_records
            .iter()
            .any(|r| r.event_name == "UpdateAccessKey" && r.username == "root")
    );
}

#[tokio::test]
async fn data_survives_a_restart_and_secrets_are_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cam.db");
    let config = || {
        ServerConfig::new(
            "127.0.0.1:0".parse().unwrap(),
            db.clone(),
            Credential::new(ROOT_ID, ROOT_KEY),
        )
    };
    let first = spawn(config()).await.unwrap();
    let endpoint = first.endpoint();
    let client = |endpoint: &str, credential: Credential| {
        camtui::cam::Client::new(
            camtui::cam::Transport::new(
                camtui::cam::TransportConfig::new(camtui::cam::Endpoint::custom(endpoint).unwrap()),
                credential,
            )
            .unwrap(),
        )
    };
    let created = client(&endpoint, Credential::new(ROOT_ID, ROOT_KEY))
        .send(&CreateAccessKey::default())
        .await
        .unwrap()
        .access_key
        .unwrap();
    let secret = created.secret_access_key.expose().to_owned();
    let new_key = Credential::new(created.access_key_id.clone(), secret.clone());
    client(&endpoint, new_key.clone())
        .access_keys(None)
        .await
        .unwrap();
    first.shutdown().await.unwrap();

    for suffix in ["", "-wal"] {
        let path = format!("{}{suffix}", db.display());
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "SecretKey in plain text in {path}"
            );
            assert!(
                !bytes
                    .windows(ROOT_KEY.len())
                    .any(|w| w == ROOT_KEY.as_bytes())
            );
        }
    }
    #[cfg(unix)]
    for path in [db.clone(), dir.path().join("cam.db.key")] {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }

    let second = spawn(config()).await.unwrap();
    let again = client(&second.endpoint(), new_key);
    let keys = again.access_keys(None).await.unwrap();
    assert_eq!(keys.len(), 2);
    let rows = again
        .send(&GetSecurityLastUsed {
            secret_id_list: vec![created.access_key_id.clone()],
        })
        .await
        .unwrap()
        .secret_id_last_used_rows;
    assert!(
        rows[0].last_secret_used_date.is_some(),
        "last use survives from the audit trail"
    );
    second.shutdown().await.unwrap();

    // Without its key file the database yields no key.
    std::fs::remove_file(dir.path().join("cam.db.key")).unwrap();
    assert!(spawn(config()).await.is_err());
}

#[tokio::test]
async fn sandbox_seeds_once_keeps_changes_and_resets() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("camtui");
    let first = sandbox::start(&data_dir, false).await.unwrap();
    assert!(first.endpoint.starts_with("http://127.0.0.1:"));
    let client = |s: &sandbox::Sandbox| {
        camtui::cam::Client::new(
            camtui::cam::Transport::new(
                camtui::cam::TransportConfig::new(
                    camtui::cam::Endpoint::custom(&s.endpoint).unwrap(),
                ),
                s.credential.clone(),
            )
            .unwrap(),
        )
    };
    let users = client(&first)
        .send(&camtui::cam::model::ListUsers {})
        .await
        .unwrap()
        .data;
    assert_eq!(users.len(), 26);
    client(&first)
        .send(&camtui::cam::model::AddUser {
            name: "sandbox-extra".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let root_id = first.credential.secret_id.clone();
    first.shutdown().await.unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(data_dir.join("root-credential.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let second = sandbox::start(&data_dir, false).await.unwrap();
    assert_eq!(second.credential.secret_id, root_id);
    let users = client(&second)
        .send(&camtui::cam::model::ListUsers {})
        .await
        .unwrap()
        .data;
    assert_eq!(users.len(), 27, "changes are kept");
    second.shutdown().await.unwrap();

    let third = sandbox::start(&data_dir, true).await.unwrap();
    let users = client(&third)
        .send(&camtui::cam::model::ListUsers {})
        .await
        .unwrap()
        .data;
    assert_eq!(users.len(), 26, "reset starts from the demo data");
    third.shutdown().await.unwrap();
}
