//! The wire protocol, request by request through the router (no sockets) and over loopback:
//! GET and POST forms, every authentication failure, routing errors, parameter validation, the
//! reply's exact shape, and tccli's `Host: http://…` quirk.

use crate::support;

use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use camtui::cam::Credential;
use camtui::cam::signer::{self, Payload};
use camtui::server::{ServerConfig, ServerState, router};
use serde_json::Value;
use support::{ROOT_ID, ROOT_KEY, TestServer};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tower::ServiceExt as _;

struct Fixture {
    state: Arc<ServerState>,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let state = ServerState::open(ServerConfig::new(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        dir.path().join("cam.db"),
        Credential::new(ROOT_ID, ROOT_KEY),
    ))
    .unwrap();
    Fixture {
        state: Arc::new(state),
        _dir: dir,
    }
}

/// A signed request, with every part adjustable.
#[derive(Clone)]
struct Req {
    method: &'static str,
    service: &'static str,
    action: Option<&'static str>,
    version: Option<&'static str>,
    query: String,
    body: Vec<u8>,
    host: String,
    content_type: &'static str,
    timestamp: i64,
    secret_id: String,
    secret_key: String,
    unsigned_payload: bool,
    /// Signs `content-type;host` only, as the official SDKs do (else the action too).
    sdk: bool,
    extra: Vec<(&'static str, String)>,
    authorization: Option<String>,
}

impl Req {
    fn post(action: &'static str, body: &str) -> Self {
        Self {
            method: "POST",
            service: "cam",
            action: Some(action),
            version: Some("2019-01-16"),
            query: String::new(),
            body: body.as_bytes().to_vec(),
            host: "cam.tencentcloudapi.com".into(),
            content_type: "application/json",
            timestamp: chrono::Utc::now().timestamp(),
            secret_id: ROOT_ID.into(),
            secret_key: ROOT_KEY.into(),
            unsigned_payload: false,
            sdk: false,
            extra: vec![],
            authorization: None,
        }
    }

    fn get(action: &'static str, query: &str) -> Self {
        Self {
            method: "GET",
            query: query.into(),
            body: vec![],
            content_type: "application/x-www-form-urlencoded",
            ..Self::post(action, "")
        }
    }

    /// A CloudAudit request, in a region CloudAudit answers in (it requires one).
    fn audit(mut self) -> Self {
        self.service = "cloudaudit";
        self.version = Some("2019-03-19");
        self.extra.push(("x-tc-region", "ap-guangzhou".into()));
        self
    }

    fn build(&self) -> Request<Body> {
        let authorization = self.authorization.clone().unwrap_or_else(|| {
            // The action is signed as camtui signs it: requests of different actions with the
            // same parameters have different signatures (one signature is one request).
            let action = self.action.unwrap_or_default().to_ascii_lowercase();
            let headers = [
                ("content-type", self.content_type),
                ("host", &self.host),
                ("x-tc-action", &action),
            ];
            signer::sign(
                &self.secret_id,
                &self.secret_key,
                self.service,
                self.timestamp,
                &signer::Request {
                    method: self.method,
                    query: &self.query,
                    headers: &headers[..if self.action.is_some() && !self.sdk {
                        3
                    } else {
                        2
                    }],
                    payload: if self.unsigned_payload {
                        Payload::Unsigned
                    } else {
                        Payload::Body(&self.body)
                    },
                },
            )
        });
        let uri = if self.query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{}", self.query)
        };
        let mut builder = Request::builder()
            .method(self.method)
            .uri(uri)
            .header("content-type", self.content_type)
            .header("host", &self.host)
            .header("x-tc-timestamp", self.timestamp.to_string())
            .header("authorization", authorization);
        if let Some(action) = self.action {
            builder = builder.header("x-tc-action", action);
        }
        if let Some(version) = self.version {
            builder = builder.header("x-tc-version", version);
        }
        if self.unsigned_payload {
            builder = builder.header("x-tc-content-sha256", "UNSIGNED-PAYLOAD");
        }
        for (name, value) in &self.extra {
            builder = builder.header(*name, value);
        }
        builder.body(Body::from(self.body.clone())).unwrap()
    }
}

impl Fixture {
    async fn send(&self, request: Request<Body>) -> Value {
        let response = router(Arc::clone(&self.state))
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "application/json"
        );
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        let request_id = value["Response"]["RequestId"].as_str().unwrap();
        assert!(uuid::Uuid::parse_str(request_id).is_ok(), "{request_id}");
        value["Response"].clone()
    }

    async fn call(&self, request: &Req) -> Value {
        self.send(request.build()).await
    }

    /// The error code of a reply, or "OK".
    async fn code(&self, request: &Req) -> String {
        let response = self.call(request).await;
        response["Error"]["Code"]
            .as_str()
            .map_or_else(|| "OK".to_owned(), str::to_owned)
    }
}

#[tokio::test]
async fn post_json_succeeds_with_the_exact_envelope() {
    let f = fixture();
    let response = f.call(&Req::post("ListAccessKeys", "{}")).await;
    assert_eq!(response["AccessKeys"][0]["AccessKeyId"], ROOT_ID);
    assert_eq!(response["AccessKeys"][0]["Status"], "Active");
    assert!(response.get("Error").is_none());
    // Empty and absent bodies are both "no parameters"; JSON null means absent.
    assert_eq!(f.code(&Req::post("ListAccessKeys", "")).await, "OK");
    assert_eq!(
        f.code(&Req::post("ListAccessKeys", r#"{"TargetUin": null}"#))
            .await,
        "OK"
    );
    // The Python SDK's separators and a numeric string.
    assert_eq!(
        f.code(&Req::post(
            "ListAccessKeys",
            r#"{"TargetUin": "100000000001"}"#
        ))
        .await,
        "OK"
    );
}

#[tokio::test]
async fn get_form_with_flattened_lists() {
    let f = fixture();
    let response = f
        .call(&Req::get(
            "GetSecurityLastUsed",
            &format!("SecretIdList.0={ROOT_ID}&SecretIdList.1=IKIDother"),
        ))
        .await;
    let rows = response["SecretIdLastUsedRows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["SecretId"], ROOT_ID);
    assert_eq!(rows[1]["LastUsedDate"], Value::Null);

    let now = chrono::Utc::now().timestamp();
    let query = format!(
        "StartTime={}&EndTime={now}&LookupAttributes.0.AttributeKey=AccessKeyId&LookupAttributes.0.AttributeValue={ROOT_ID}&MaxResults=5",
        now - 3600
    );
    let response = f.call(&Req::get("DescribeEvents", &query).audit()).await;
    assert!(response["Events"].is_array(), "{response}");
    assert_eq!(
        f.code(&Req::get("ListAccessKeys", "TargetUin=100000000001"))
            .await,
        "OK"
    );
    assert_eq!(
        f.code(&Req::get("ListAccessKeys", "Bogus=1")).await,
        "UnknownParameter"
    );
}

#[tokio::test]
async fn methods_sizes_and_routing() {
    let f = fixture();
    let put = Request::builder()
        .method("PUT")
        .uri("/")
        .body(Body::empty())
        .unwrap();
    assert_eq!(f.send(put).await["Error"]["Code"], "UnsupportedProtocol");
    let big = format!(r#"{{"Description": "{}"}}"#, "x".repeat(1024 * 1024));
    assert_eq!(
        f.code(&Req::post("CreateAccessKey", &big)).await,
        "RequestSizeLimitExceeded"
    );
    let mut no_action = Req::post("ListAccessKeys", "{}");
    no_action.action = None;
    assert_eq!(f.code(&no_action).await, "MissingParameter");
    assert_eq!(
        f.code(&Req::post("CreateUser", "{}")).await,
        "InvalidAction"
    );
    // Routing is by the credential scope: DescribeEvents is not a CAM action.
    assert_eq!(
        f.code(&Req::post("DescribeEvents", "{}")).await,
        "InvalidAction"
    );
    let mut old = Req::post("ListAccessKeys", "{}");
    old.version = Some("2017-03-12");
    assert_eq!(f.code(&old).await, "NoSuchVersion");
    let mut no_version = Req::post("ListAccessKeys", "{}");
    no_version.version = None;
    assert_eq!(f.code(&no_version).await, "MissingParameter");
    let mut cvm = Req::post("DescribeInstances", "{}");
    cvm.service = "cvm";
    assert_eq!(f.code(&cvm).await, "NoSuchProduct");
}

#[tokio::test]
async fn authentication_failures() {
    let f = fixture();
    let mut none = Req::post("ListAccessKeys", "{}");
    none.authorization = Some(String::new());
    let request = {
        let mut r = none.build();
        r.headers_mut().remove("authorization");
        r
    };
    assert_eq!(
        f.send(request).await["Error"]["Code"],
        "AuthFailure.InvalidAuthorization"
    );
    for garbled in ["TC3-HMAC-SHA256 garbage", "HMAC-SHA1 Credential=x", "SKIP"] {
        let mut r = Req::post("ListAccessKeys", "{}");
        r.authorization = Some(garbled.into());
        assert_eq!(f.code(&r).await, "AuthFailure.InvalidAuthorization");
    }

    let mut expired = Req::post("ListAccessKeys", "{}");
    expired.timestamp -= 301;
    assert_eq!(f.code(&expired).await, "AuthFailure.SignatureExpire");
    let mut future = Req::post("ListAccessKeys", "{}");
    future.timestamp += 301;
    assert_eq!(f.code(&future).await, "AuthFailure.SignatureExpire");
    let mut edge = Req::post("ListAccessKeys", "{}");
    edge.timestamp -= 250;
    assert_eq!(f.code(&edge).await, "OK");

    let mut shape = Req::post("ListAccessKeys", "{}");
    shape.secret_id = "notakey".into();
    assert_eq!(f.code(&shape).await, "AuthFailure.InvalidSecretId");
    let mut unknown = Req::post("ListAccessKeys", "{}");
    unknown.secret_id = "IKIDunknownunknownunknownunknown0000".into();
    assert_eq!(f.code(&unknown).await, "AuthFailure.SecretIdNotFound");

    let mut wrong_key = Req::post("ListAccessKeys", "{}");
    wrong_key.secret_key = "another-secret-key-0000000000000".into();
    assert_eq!(f.code(&wrong_key).await, "AuthFailure.SignatureFailure");

    // The body is signed: changing it after signing fails.
    let mut tampered = Req::post("ListAccessKeys", "{}").build();
    *tampered.body_mut() = Body::from(r#"{"TargetUin": 1}"#);
    assert_eq!(
        f.send(tampered).await["Error"]["Code"],
        "AuthFailure.SignatureFailure"
    );
    // So is the Host.
    let mut moved = Req::post("ListAccessKeys", "{}").build();
    moved
        .headers_mut()
        .insert("host", "127.0.0.1:1".parse().unwrap());
    assert_eq!(
        f.send(moved).await["Error"]["Code"],
        "AuthFailure.SignatureFailure"
    );

    let mut token = Req::post("ListAccessKeys", "{}");
    token.extra.push(("x-tc-token", "tmp-session-token".into()));
    assert_eq!(f.code(&token).await, "AuthFailure.TokenFailure");
}

#[tokio::test]
async fn signing_variants_that_verify() {
    let f = fixture();
    let mut unsigned = Req::post("ListAccessKeys", r#"{"TargetUin": 100000000001}"#);
    unsigned.unsigned_payload = true;
    assert_eq!(f.code(&unsigned).await, "OK");
    let mut tccli = Req::post("ListAccessKeys", "{}");
    tccli.host = "http://127.0.0.1:18765".into();
    assert_eq!(f.code(&tccli).await, "OK");
    let mut mixed = Req::post("ListAccessKeys", "{}");
    mixed.host = "CAM.Example.com".into();
    mixed.sdk = true;
    assert_eq!(f.code(&mixed).await, "OK");
    // The request path is not signed (tccli posts to the endpoint's path, signs "/").
    let mut on_path = Req::post("ListAccessKeys", "{}").build();
    *on_path.uri_mut() = "/err".parse().unwrap();
    assert!(f.send(on_path).await.get("Error").is_none());
}

#[tokio::test]
async fn parameter_validation() {
    let f = fixture();
    let cases = [
        ("ListAccessKeys", r#"{"Target": 1}"#, "UnknownParameter"),
        (
            "ListAccessKeys",
            r#"{"TargetUin": "abc"}"#,
            "InvalidParameter",
        ),
        ("ListAccessKeys", r#"{"TargetUin": -5}"#, "InvalidParameter"),
        (
            "ListAccessKeys",
            r#"{"TargetUin": true}"#,
            "InvalidParameter",
        ),
        ("ListAccessKeys", "[1, 2]", "InvalidParameter"),
        ("ListAccessKeys", "{not json", "InvalidParameter"),
        (
            "UpdateAccessKey",
            r#"{"Status": "Active"}"#,
            "MissingParameter",
        ),
        (
            "UpdateAccessKey",
            &format!(r#"{{"AccessKeyId": "{ROOT_ID}", "Status": "Paused"}}"#),
            "InvalidParameterValue",
        ),
        ("GetUser", "{}", "MissingParameter"),
        (
            "GetSecurityLastUsed",
            r#"{"SecretIdList": "x"}"#,
            "InvalidParameter",
        ),
        (
            "GetSecurityLastUsed",
            r#"{"SecretIdList": [1]}"#,
            "InvalidParameter",
        ),
        (
            "DescribeSubAccounts",
            r#"{"FilterSubAccountUin": ["x"]}"#,
            "InvalidParameter",
        ),
    ];
    for (action, body, expected) in cases {
        assert_eq!(
            f.code(&Req::post(action, body)).await,
            expected,
            "{action} {body}"
        );
    }
    // Nothing was changed by any of them.
    let keys = f.call(&Req::post("ListAccessKeys", "{}")).await;
    assert_eq!(keys["AccessKeys"].as_array().unwrap().len(), 1);
    assert_eq!(keys["AccessKeys"][0]["Status"], "Active");
}

// CloudAudit requires X-TC-Region, one it answers in (its documentation's Region: "Yes"); CAM is
// global and takes any region or none.
#[tokio::test]
async fn cloudaudit_requires_a_region_it_answers_in() {
    let f = fixture();
    let now = chrono::Utc::now().timestamp();
    let body = format!(r#"{{"StartTime": {}, "EndTime": {now}}}"#, now - 3600);
    let in_region = |region: Option<&str>| {
        let mut request = Req::post("DescribeEvents", &body).audit();
        request.extra.retain(|(name, _)| *name != "x-tc-region");
        request
            .extra
            .extend(region.map(|r| ("x-tc-region", r.to_owned())));
        request
    };
    let missing = f.call(&in_region(None)).await;
    assert_eq!(missing["Error"]["Code"], "MissingParameter");
    assert!(
        missing["Error"]["Message"]
            .as_str()
            .unwrap()
            .contains("`Region`")
    );
    assert_eq!(f.code(&in_region(Some(""))).await, "MissingParameter");
    assert_eq!(
        f.code(&in_region(Some("na-ashburn"))).await,
        "UnsupportedRegion"
    );
    // A signature is bound to the region it first came with: each request is signed anew.
    for (earlier, region) in ["ap-guangzhou", "ap-singapore", "eu-frankfurt"]
        .into_iter()
        .enumerate()
    {
        let mut request = in_region(Some(region));
        request.timestamp -= earlier as i64 + 1;
        assert_eq!(f.code(&request).await, "OK", "{region}");
    }
    let mut cam = Req::post("ListAccessKeys", "{}");
    assert_eq!(f.code(&cam).await, "OK");
    cam.extra.push(("x-tc-region", "na-ashburn".into()));
    cam.timestamp -= 1;
    assert_eq!(f.code(&cam).await, "OK");
}

#[tokio::test]
async fn failed_signatures_of_known_keys_are_audited() {
    let f = fixture();
    let mut wrong_key = Req::post("ListAccessKeys", "{}");
    wrong_key.secret_key = "another-secret-key-0000000000000".into();
    wrong_key.extra.push(("x-tc-region", "ap-shanghai".into()));
    let failed_at = chrono::Utc::now().timestamp();
    assert_eq!(f.code(&wrong_key).await, "AuthFailure.SignatureFailure");
    // An unknown key is not anyone's event.
    let mut unknown = Req::post("ListAccessKeys", "{}");
    unknown.secret_id = "IKIDunknownunknownunknownunknown0000".into();
    f.call(&unknown).await;
    f.state.audit.flush().await.unwrap();

    let body = format!(
        r#"{{"StartTime": {}, "EndTime": {}, "LookupAttributes": [{{"AttributeKey": "AccessKeyId", "AttributeValue": "{ROOT_ID}"}}]}}"#,
        failed_at - 60,
        failed_at + 60
    );
    let events = f.call(&Req::post("DescribeEvents", &body).audit()).await;
    let events = events["Events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event["EventName"], "ListAccessKeys");
    assert_eq!(event["SecretId"], ROOT_ID);
    assert_eq!(event["EventRegion"], "ap-shanghai");
    assert_eq!(event["Username"], "root");
    assert_ne!(event["ErrorCode"], 0);
    let json = |text: &Value| serde_json::from_str::<Value>(text.as_str().unwrap()).unwrap();
    let inner = json(&event["CloudAuditEvent"]);
    let answer = json(&inner["responseElements"]);
    assert_eq!(answer["Error"]["Code"], "AuthFailure.SignatureFailure");
    assert_eq!(inner["userIdentity"]["secretId"], ROOT_ID);
}

#[tokio::test]
async fn over_loopback_hyper_accepts_a_host_with_a_scheme() {
    let server = TestServer::start().await;
    let addr = server.handle.addr;
    let mut req = Req::post("ListAccessKeys", r#"{"TargetUin": 100000000001}"#);
    req.host = format!("http://{addr}");
    let built = req.build();
    let (parts, body) = built.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    // Raw bytes on a socket, as python-requests sends them (spec V7).
    let mut raw = String::from("POST / HTTP/1.1\r\n");
    for (name, value) in &parts.headers {
        let _ = write!(raw, "{}: {}\r\n", name, value.to_str().unwrap());
    }
    let _ = write!(
        raw,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(raw.as_bytes()).await.unwrap();
    stream.write_all(&body).await.unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.unwrap();
    let reply = String::from_utf8(reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(
        head.lines()
            .any(|l| l.eq_ignore_ascii_case("content-type: application/json")),
        "{head}"
    );
    let value: Value = serde_json::from_str(body).unwrap();
    assert_eq!(value["Response"]["AccessKeys"][0]["AccessKeyId"], ROOT_ID);
}
