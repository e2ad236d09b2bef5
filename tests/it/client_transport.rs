//! The client's transport against a scripted local responder: what it sends (headers of spec §1.1,
//! a signature that verifies), how it reads envelopes, HTTP errors and garbage, timeouts, and that
//! reads are retried within their bound while writes never are.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use camtui::cam::model::{
    CreateAccessKey, KeyStatus, ListAccessKeys, SecretId, Service, UpdateAccessKey,
};
use camtui::cam::signer;
use camtui::cam::transport::{CallRecord, Endpoint, TransportConfig};
use camtui::cam::{CallError, Client, Credential, NetworkCause, Transport};

const SECRET_ID: &str = "AKIDTESTVECTOR00000000000000000001";
const SECRET_KEY: &str = "TestVectorSecretKey000000000000001";

/// What the responder answers, in order; the last one repeats.
#[derive(Clone)]
enum Reply {
    Json(&'static str),
    Status(u16, &'static str),
    Hang,
}

#[derive(Default)]
struct Seen {
    requests: Vec<(HeaderMap, Bytes)>,
}

async fn responder(script: Vec<Reply>) -> (String, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let seen_in_handler = seen.clone();
    let app = axum::Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
        let seen = seen_in_handler.clone();
        let script = script.clone();
        async move {
            let n = {
                let mut seen = seen.lock().unwrap();
                seen.requests.push((headers, body));
                seen.requests.len()
            };
            match script[(n - 1).min(script.len() - 1)].clone() {
                Reply::Json(body) => ([("content-type", "application/json")], body).into_response(),
                Reply::Status(code, body) => {
                    (StatusCode::from_u16(code).unwrap(), body).into_response()
                }
                Reply::Hang => {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "late".into_response()
                }
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

fn client(url: &str, records: Arc<Mutex<Vec<CallRecord>>>) -> Client {
    let mut config = TransportConfig::new(Endpoint::custom(url).unwrap());
    config.timeout = Duration::from_millis(500);
    config.retry_backoff = Duration::from_millis(10);
    config.rate_limit_backoff = Duration::from_millis(10);
    config.region = Some("ap-guangzhou".into());
    let transport = Transport::new(config, Credential::new(SECRET_ID, SECRET_KEY))
        .unwrap()
        .with_observer(Arc::new(move |r| records.lock().unwrap().push(r)));
    Client::new(transport)
}

const KEYS: &str = r#"{"Response": {"AccessKeys": [{"AccessKeyId": "IKIDa", "Status": "Active", "CreateTime": "2024-01-02 03:04:05", "Description": null}, {"AccessKeyId": "IKIDb", "Status": "Inactive", "CreateTime": "2024-01-02 03:04:05"}], "RequestId": "req-1"}}"#;

#[tokio::test]
async fn sends_the_sdk_headers_and_a_signature_that_verifies() {
    let (url, seen) = responder(vec![Reply::Json(KEYS)]).await;
    let records = Arc::default();
    let keys = client(&url, records)
        .access_keys(Some(100_013_065_917))
        .await
        .unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1].status.label(), "Disabled");

    let seen = seen.lock().unwrap();
    let (headers, body) = &seen.requests[0];
    let h = |name: &str| headers.get(name).unwrap().to_str().unwrap().to_owned();
    assert_eq!(h("content-type"), "application/json");
    assert_eq!(h("x-tc-action"), "ListAccessKeys");
    assert_eq!(h("x-tc-version"), "2019-01-16");
    assert_eq!(h("x-tc-region"), "ap-guangzhou");
    assert_eq!(h("x-tc-language"), "en-US");
    assert!(h("x-tc-requestclient").starts_with("camtui/"));
    assert!(headers.get("x-tc-token").is_none());
    assert_eq!(body.as_ref(), br#"{"TargetUin":100013065917}"#);

    let host = h("host");
    assert_eq!(format!("http://{host}"), url);
    let authorization = h("authorization");
    let parsed = signer::parse_authorization(&authorization).unwrap();
    assert_eq!(parsed.secret_id, SECRET_ID);
    assert_eq!(parsed.service, "cam");
    // The action is signed too (lower-cased, as in the documentation's example).
    assert_eq!(parsed.signed_headers, "content-type;host;x-tc-action");
    let timestamp: i64 = h("x-tc-timestamp").parse().unwrap();
    assert!(signer::verify(
        &parsed,
        SECRET_KEY,
        timestamp,
        &signer::Request {
            method: "POST",
            query: "",
            headers: &[
                ("content-type", "application/json"),
                ("host", &host),
                ("x-tc-action", "listaccesskeys")
            ],
            payload: signer::Payload::Body(body),
        }
    ));
}

// CloudAudit requires a region it serves; CAM is global and gets one only when configured.
#[tokio::test]
async fn cloudaudit_always_carries_a_region_and_cam_only_a_configured_one() {
    let (url, seen) = responder(vec![Reply::Json(r#"{"Response": {"RequestId": "r"}}"#)]).await;
    for configured in [None, Some("ap-beijing"), Some("ap-tokyo")] {
        let mut config = TransportConfig::new(Endpoint::custom(&url).unwrap());
        config.region = configured.map(str::to_owned);
        let client =
            Client::new(Transport::new(config, Credential::new(SECRET_ID, SECRET_KEY)).unwrap());
        for service in Service::ALL {
            client
                .call_raw(service, "Probe", &serde_json::json!({}))
                .await
                .unwrap();
        }
    }
    let seen = seen.lock().unwrap();
    let regions: Vec<Option<&str>> = seen
        .requests
        .iter()
        .map(|(headers, _)| headers.get("x-tc-region").map(|v| v.to_str().unwrap()))
        .collect();
    assert_eq!(
        regions,
        [
            None,
            Some("ap-guangzhou"),
            Some("ap-beijing"),
            Some("ap-guangzhou"),
            Some("ap-tokyo"),
            Some("ap-tokyo"),
        ]
    );
}

#[tokio::test]
async fn api_errors_carry_code_message_and_request_id() {
    let (url, seen) = responder(vec![Reply::Json(
        r#"{"Response": {"Error": {"Code": "OperationDenied.AccessKeyOverLimit", "Message": "at most two"}, "RequestId": "req-9"}}"#,
    )])
    .await;
    let records = Arc::new(Mutex::new(Vec::new()));
    let err = client(&url, records.clone())
        .send(&CreateAccessKey::default())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "OperationDenied.AccessKeyOverLimit: at most two (RequestId req-9)"
    );
    assert_eq!(seen.lock().unwrap().requests.len(), 1);
    let record = &records.lock().unwrap()[0];
    assert_eq!(record.action, "CreateAccessKey");
    assert_eq!(record.result, "OperationDenied.AccessKeyOverLimit");
    assert_eq!(record.request_id.as_deref(), Some("req-9"));
    assert_eq!(record.http_status, Some(200));
}

#[tokio::test]
async fn reads_retry_rate_limits_and_http_errors_then_succeed() {
    let (url, seen) = responder(vec![
        Reply::Json(
            r#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "r1"}}"#,
        ),
        Reply::Status(502, "bad gateway"),
        Reply::Json(KEYS),
    ])
    .await;
    let records = Arc::new(Mutex::new(Vec::new()));
    let keys = client(&url, records.clone())
        .access_keys(None)
        .await
        .unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(seen.lock().unwrap().requests.len(), 3);
    assert_eq!(records.lock().unwrap()[0].attempts, 3);
}

#[tokio::test]
async fn reads_give_up_after_three_attempts() {
    let (url, seen) = responder(vec![Reply::Status(500, "boom")]).await;
    let err = client(&url, Arc::default())
        .send(&ListAccessKeys::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, CallError::HttpStatus { status: 500, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    assert!(err.to_string().contains("boom"), "{err}");
    assert_eq!(seen.lock().unwrap().requests.len(), 3);
}

#[tokio::test]
async fn writes_are_never_retried() {
    let (url, seen) = responder(vec![Reply::Status(503, "unavailable")]).await;
    let err = client(&url, Arc::default())
        .send(&CreateAccessKey::default())
        .await
        .unwrap_err();
    assert!(matches!(err, CallError::HttpStatus { status: 503, .. }));
    assert_eq!(seen.lock().unwrap().requests.len(), 1);
}

/// Two processes sending the same change in the same second sign it alike, and `camtui serve`
/// accepts a change's signature once: a change refused for its signature (so not applied) is
/// signed again with another second and sent once more — once only.
#[tokio::test]
async fn a_change_refused_for_its_signature_is_re_signed_once() {
    const REFUSED: &str = r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "already used"}, "RequestId": "r1"}}"#;
    let done = r#"{"Response": {"RequestId": "r2"}}"#;
    let (url, seen) = responder(vec![Reply::Json(REFUSED), Reply::Json(done)]).await;
    let records = Arc::new(Mutex::new(Vec::new()));
    let disable = UpdateAccessKey {
        target_uin: Some(1),
        access_key_id: SecretId::parse("IKIDsignedTwiceOver").unwrap(),
        status: KeyStatus::Inactive,
    };
    client(&url, records.clone()).send(&disable).await.unwrap();
    let timestamps: Vec<String> = seen
        .lock()
        .unwrap()
        .requests
        .iter()
        .map(|(headers, _)| headers["x-tc-timestamp"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(timestamps.len(), 2);
    assert_ne!(timestamps[0], timestamps[1], "signed anew");
    assert_eq!(records.lock().unwrap()[0].attempts, 2);

    let (url, seen) = responder(vec![Reply::Json(REFUSED)]).await;
    let err = client(&url, Arc::default())
        .send(&disable)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "AuthFailure.SignatureFailure");
    assert_eq!(
        seen.lock().unwrap().requests.len(),
        2,
        "once more, not again"
    );

    let (url, seen) = responder(vec![Reply::Json(REFUSED)]).await;
    let err = client(&url, Arc::default())
        .send(&ListAccessKeys::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "AuthFailure.SignatureFailure");
    assert_eq!(
        seen.lock().unwrap().requests.len(),
        1,
        "a read's signature was fine to repeat"
    );
}

#[tokio::test]
async fn garbage_is_reported_not_decoded() {
    let (url, _) = responder(vec![Reply::Json("<html>proxy error</html>")]).await;
    let err = client(&url, Arc::default())
        .send(&CreateAccessKey::default())
        .await
        .unwrap_err();
    assert!(matches!(err, CallError::Envelope { .. }), "{err:?}");
    assert!(err.to_string().contains("proxy error"), "{err}");
}

#[tokio::test]
async fn timeouts_say_so() {
    let (url, seen) = responder(vec![Reply::Hang]).await;
    let err = client(&url, Arc::default())
        .send(&CreateAccessKey::default())
        .await
        .unwrap_err();
    // A write that timed out may have landed: it says so (reads say Timeout; see
    // tests/hardening_faults.rs) and is not repeated.
    assert!(matches!(err, CallError::Unconfirmed { .. }), "{err:?}");
    assert!(err.to_string().contains("may have been applied"), "{err}");
    assert_eq!(err.code(), "ClientNetworkError");
    assert_eq!(seen.lock().unwrap().requests.len(), 1);
}

#[tokio::test]
async fn a_closed_port_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&url, Arc::default())
        .send(&CreateAccessKey::default())
        .await
        .unwrap_err();
    // In words a person acts on, not the HTTP stack's chain of errors.
    assert!(
        matches!(
            &err,
            CallError::Network {
                cause: NetworkCause::Refused,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("could not reach {url}: connection refused")
    );
    assert_eq!(err.code(), "ClientNetworkError");
}

#[tokio::test]
async fn raw_calls_return_the_response_with_its_request_id() {
    let (url, seen) = responder(vec![Reply::Json(
        r#"{"Response": {"Events": [], "ListOver": true, "RequestId": "r-raw"}}"#,
    )])
    .await;
    let reply = client(&url, Arc::default())
        .call_raw(
            Service::CloudAudit,
            "DescribeEvents",
            &serde_json::json!({"StartTime": 1, "EndTime": 2}),
        )
        .await
        .unwrap();
    assert_eq!(reply["RequestId"], "r-raw");
    assert_eq!(reply["ListOver"], true);
    let seen = seen.lock().unwrap();
    let headers = &seen.requests[0].0;
    assert_eq!(headers["x-tc-version"], "2019-03-19");
    assert!(
        headers["authorization"]
            .to_str()
            .unwrap()
            .contains("/cloudaudit/tc3_request")
    );
}

#[tokio::test]
async fn access_records_walk_back_in_30_day_windows_until_the_limit() {
    let (url, seen) = responder(vec![
        // [now-30d, now]: two pages.
        Reply::Json(
            r#"{"Response": {"Events": [{"EventName": "A", "EventTime": "100"}, {"EventName": "B", "EventTime": "99"}], "ListOver": false, "NextToken": 7, "RequestId": "r1"}}"#,
        ),
        Reply::Json(
            r#"{"Response": {"Events": [{"EventName": "C", "EventTime": "98"}], "ListOver": true, "RequestId": "r2"}}"#,
        ),
        // [now-60d, now-30d]: nothing.
        Reply::Json(r#"{"Response": {"Events": [], "ListOver": true, "RequestId": "r3"}}"#),
        // [now-90d, now-60d]: more than the limit needs.
        Reply::Json(
            r#"{"Response": {"Events": [{"EventName": "D", "EventTime": "50"}, {"EventName": "E", "EventTime": "49"}, {"EventName": "F", "EventTime": "48"}], "ListOver": false, "NextToken": 3, "RequestId": "r4"}}"#,
        ),
    ])
    .await;
    let now = 1_800_000_000;
    let records = client(&url, Arc::default())
        .latest_access_records(&SecretId::from_wire("IKIDkey"), 5, now)
        .await
        .unwrap();
    let names: Vec<_> = records.iter().map(|e| e.event_name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E"]);

    let seen = seen.lock().unwrap();
    let bodies: Vec<serde_json::Value> = seen
        .requests
        .iter()
        .map(|(_, body)| serde_json::from_slice(body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 4, "stops as soon as the limit is reached");
    let day = 24 * 3600;
    for (body, (end, next_token, max)) in bodies.iter().zip([
        (now, None, 5),
        (now, Some(7), 3),
        (now - 30 * day, None, 2),
        (now - 60 * day, None, 2),
    ]) {
        assert_eq!(body["EndTime"], end);
        assert!(end - body["StartTime"].as_u64().unwrap() < 30 * day);
        assert_eq!(body["NextToken"].as_u64(), next_token);
        assert_eq!(body["MaxResults"], max);
        assert_eq!(
            body["LookupAttributes"],
            serde_json::json!([{"AttributeKey": "AccessKeyId", "AttributeValue": "IKIDkey"}])
        );
    }
}
