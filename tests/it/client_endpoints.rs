//! Endpoints as private deployments lay them out: one host per service, given as a template
//! (`http://{service}.api.example.internal`) in `--endpoint` or in a profile. Two local servers
//! stand in for CAM and CloudAudit, and a proxy for the DNS that would name them.

use camtui::cam::model::GetUserAppId;
use camtui::server::seed::Seed;

use crate::support::hosts::HostProxy;
use crate::support::{ROOT_ID, TestServer, camtui_as_root};

const TEMPLATE: &str = "http://{service}.api.example.internal";
const CAM_HOST: &str = "cam.api.example.internal";
const AUDIT_HOST: &str = "cloudaudit.api.example.internal";

#[tokio::test]
async fn a_per_service_endpoint_reaches_each_service_at_its_own_host() {
    let cam = TestServer::start_with(Some(Seed::demo())).await;
    let audit = TestServer::start_with(Some(Seed::demo())).await;
    let proxy = HostProxy::start(vec![
        (CAM_HOST.to_owned(), cam.handle.addr),
        (AUDIT_HOST.to_owned(), audit.handle.addr),
    ])
    .await;
    // Something for CloudAudit to report, on the CloudAudit server only.
    audit.root().send(&GetUserAppId {}).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let proxy_url = proxy.url();
    let through_proxy = ("HTTP_PROXY", proxy_url.as_str());

    let records = camtui_as_root(
        home.path(),
        &["--endpoint", TEMPLATE, "records", ROOT_ID, "-o", "json"],
        &[through_proxy],
    )
    .await;
    let records: serde_json::Value = serde_json::from_str(&records).unwrap();
    assert_eq!(records[0]["action"], "GetUserAppId", "{records}");

    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[profiles.private]\nendpoint = \"{TEMPLATE}\"\ncredentials = \"env\"\n"),
    )
    .unwrap();
    let keys = camtui_as_root(
        home.path(),
        &["--profile", "private", "keys", "list", "alice.chen"],
        &[through_proxy, ("CAMTUI_CONFIG", config.to_str().unwrap())],
    )
    .await;
    let demo = Seed::demo();
    let alice = demo.users.iter().find(|u| u.name == "alice.chen").unwrap();
    assert!(keys.contains(&alice.keys[0].secret_id), "{keys}");

    let seen = proxy.seen();
    let hosts_of = |actions: &[&str]| -> Vec<&str> {
        seen.iter()
            .filter(|(_, action)| actions.contains(&action.as_str()))
            .map(|(host, _)| host.as_str())
            .collect()
    };
    // Every call went to its own service's host (the records walk makes one call a window).
    let audit_calls = hosts_of(&["DescribeEvents"]);
    let cam_calls = hosts_of(&["GetUser", "ListAccessKeys", "GetSecurityLastUsed"]);
    assert!(
        !audit_calls.is_empty() && audit_calls.iter().all(|h| *h == AUDIT_HOST),
        "{seen:?}"
    );
    assert!(
        cam_calls.len() >= 3 && cam_calls.iter().all(|h| *h == CAM_HOST),
        "{seen:?}"
    );
}
