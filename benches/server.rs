//! The server's own cost per request, in process (no sockets, no HTTP parsing): TC3
//! verification alone, and whole requests through the router — parsing, verification,
//! routing, the handler, the envelope and the audit record (and for mutations the write
//! transaction). Run with `cargo bench --bench server`;
//! BENCHMARKS.md has the figures.

use std::hint::black_box;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Request};
use camtui::cam::signer::{self, Payload};
use camtui::cam::{Credential, model::Service};
use camtui::server::{ServerConfig, ServerState, auth, router};
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt as _;

const ROOT_ID: &str = "IKIDbench000000000000000000000000000";
const ROOT_KEY: &str = "benchSecretKey000000000000000000";
const HOST: &str = "127.0.0.1:9000";

/// A request signed once, built afresh for every iteration (the router consumes it).
struct Signed {
    service: Service,
    action: &'static str,
    body: String,
    timestamp: i64,
    authorization: String,
}

fn signed(service: Service, action: &'static str, body: String, timestamp: i64) -> Signed {
    let authorization = signer::sign(
        ROOT_ID,
        ROOT_KEY,
        service.name(),
        timestamp,
        &signer::Request {
            method: "POST",
            query: "",
            headers: &[("content-type", "application/json"), ("host", HOST)],
            payload: Payload::Body(body.as_bytes()),
        },
    );
    Signed {
        service,
        action,
        body,
        timestamp,
        authorization,
    }
}

impl Signed {
    fn build(&self) -> Request<Body> {
        Request::post("/")
            .header("content-type", "application/json")
            .header("host", HOST)
            .header("authorization", &self.authorization)
            .header("x-tc-action", self.action)
            .header("x-tc-version", self.service.version())
            .header("x-tc-timestamp", self.timestamp.to_string())
            .header("x-tc-region", "ap-guangzhou")
            .body(Body::from(self.body.clone()))
            .expect("a valid request")
    }
}

fn verification(c: &mut Criterion) {
    let body = br#"{"TargetUin":100000000001}"#;
    let timestamp = 1_700_000_000;
    let authorization = signer::sign(
        ROOT_ID,
        ROOT_KEY,
        "cam",
        timestamp,
        &signer::Request {
            method: "POST",
            query: "",
            headers: &[("content-type", "application/json"), ("host", HOST)],
            payload: Payload::Body(body),
        },
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        "authorization",
        HeaderValue::from_str(&authorization).unwrap(),
    );
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("host", HeaderValue::from_static(HOST));
    c.bench_function("server/verify_tc3", |b| {
        b.iter(|| {
            let parsed = auth::parse(black_box(&headers)).unwrap();
            auth::verify(
                &parsed,
                ROOT_KEY,
                timestamp,
                auth::Signed {
                    method: "POST",
                    query: "",
                    headers: &headers,
                    body,
                },
            )
            .unwrap();
        });
    });
}

fn requests(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let state = Arc::new(
        ServerState::open(ServerConfig {
            seed: Some(camtui::server::seed::SeedSource::Demo),
            ..ServerConfig::new(
                SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                dir.path().join("bench.db"),
                Credential::new(ROOT_ID, ROOT_KEY),
            )
        })
        .unwrap(),
    );
    let app = router(Arc::clone(&state));
    let owner = state.account.owner_uin;
    let now = chrono::Utc::now().timestamp();
    let list = signed(
        Service::Cam,
        "ListAccessKeys",
        format!(r#"{{"TargetUin":{owner}}}"#),
        now,
    );
    c.bench_function("server/request/ListAccessKeys", |b| {
        b.iter(|| {
            let response = runtime.block_on(app.clone().oneshot(list.build())).unwrap();
            black_box(response);
        });
    });
    let events = signed(
        Service::CloudAudit,
        "DescribeEvents",
        format!(
            r#"{{"StartTime":{},"EndTime":{now},"MaxResults":20,"LookupAttributes":[{{"AttributeKey":"AccessKeyId","AttributeValue":"{ROOT_ID}"}}]}}"#,
            now - 29 * 24 * 3600
        ),
        now,
    );
    c.bench_function("server/request/DescribeEvents", |b| {
        b.iter(|| {
            let response = runtime
                .block_on(app.clone().oneshot(events.build()))
                .unwrap();
            black_box(response);
        });
    });
    // A key created and deleted again: two write transactions, each with its audit event. Each
    // create differs (its description), since a change's signature is accepted once.
    let mut cycle = 0u64;
    c.bench_function("server/request/CreateAccessKey+DeleteAccessKey", |b| {
        b.iter(|| {
            cycle += 1;
            let body = format!(r#"{{"Description":"bench-{cycle}"}}"#);
            let create = signed(Service::Cam, "CreateAccessKey", body, now);
            let response = runtime
                .block_on(app.clone().oneshot(create.build()))
                .unwrap();
            let body = runtime
                .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
                .unwrap();
            let reply: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let id = reply["Response"]["AccessKey"]["AccessKeyId"]
                .as_str()
                .expect("a new key")
                .to_owned();
            let delete = signed(
                Service::Cam,
                "DeleteAccessKey",
                format!(r#"{{"AccessKeyId":"{id}"}}"#),
                now,
            );
            let response = runtime
                .block_on(app.clone().oneshot(delete.build()))
                .unwrap();
            black_box(response);
        });
    });
    runtime.block_on(state.audit.flush()).unwrap();
}

criterion_group!(benches, verification, requests);
criterion_main!(benches);
