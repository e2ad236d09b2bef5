//! The client's own cost per call, without the network: encoding the typed request, signing it
//! (TC3-HMAC-SHA256), and decoding the envelope into the typed response — for `ListAccessKeys`
//! and for a page of 20 access records (`DescribeEvents`). Run with `cargo bench --bench client`.

use std::hint::black_box;

use camtui::cam::model::{
    DescribeEvents, DescribeEventsResponse, ListAccessKeys, ListAccessKeysResponse,
    LookupAttribute, SecretId,
};
use camtui::cam::signer::{self, Payload};
use camtui::cam::transport::decode_envelope;
use criterion::{Criterion, criterion_group, criterion_main};
use serde::de::DeserializeOwned;

const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const HOST: &str = "127.0.0.1:9000";

fn sign(service: &str, body: &[u8]) -> String {
    signer::sign(
        SECRET_ID,
        SECRET_KEY,
        service,
        1_700_000_000,
        &signer::Request {
            method: "POST",
            query: "",
            headers: &[("content-type", "application/json"), ("host", HOST)],
            payload: Payload::Body(body),
        },
    )
}

fn decode<R: DeserializeOwned>(reply: &[u8]) -> R {
    decode_envelope("http://127.0.0.1:9000", reply)
        .unwrap()
        .decode()
        .unwrap()
}

const LIST_REPLY: &str = r#"{"Response":{"AccessKeys":[{"AccessKeyId":"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE","Status":"Active","CreateTime":"2024-05-01 10:00:00","Description":"deploy"},{"AccessKeyId":"IKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPL2","Status":"Inactive","CreateTime":"2024-06-01 10:00:00"}],"RequestId":"6e7c1b2a-0c2b-4b8e-9d1e-3f1a2b3c4d5e"}}"#;

fn events_reply() -> String {
    let event = r#"{"EventId":"e1b2c3d4e5f60718293a4b5c6d7e8f90","Username":"deploy-bot","EventTime":"1700000000","CloudAuditEvent":"{\"userIdentity\":{\"accountId\":\"100000000001\",\"principalId\":\"100000000101\",\"secretId\":\"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\",\"type\":\"CAMUser\",\"userName\":\"deploy-bot\"},\"eventVersion\":2,\"eventType\":\"ApiCall\",\"eventTime\":\"2023-11-15 06:13:20\",\"eventSource\":\"cam.tencentcloudapi.com\",\"eventName\":\"ListAccessKeys\",\"eventRegion\":\"ap-guangzhou\",\"apiVersion\":\"2019-01-16\",\"actionType\":\"Read\",\"httpMethod\":\"POST\",\"sourceIPAddress\":\"10.0.0.7\",\"userAgent\":\"camtui/0.1.0\",\"requestID\":\"6e7c1b2a-0c2b-4b8e-9d1e-3f1a2b3c4d5e\",\"errorCode\":0,\"apiErrorCode\":\"\",\"apiErrorMessage\":\"\",\"resourceType\":\"cam\",\"resourceName\":\"\",\"sensitiveAction\":false}","ResourceTypeCn":"访问管理","ErrorCode":0,"EventName":"ListAccessKeys","SecretId":"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE","EventSource":"cam.tencentcloudapi.com","RequestID":"6e7c1b2a-0c2b-4b8e-9d1e-3f1a2b3c4d5e","ResourceRegion":"ap-guangzhou","AccountID":100000000001,"SourceIPAddress":"10.0.0.7","EventNameCn":"列出访问密钥","Resources":{"ResourceType":"cam","ResourceName":""},"EventRegion":"ap-guangzhou","Location":""}"#;
    let events = vec![event; 20].join(",");
    format!(
        r#"{{"Response":{{"ListOver":false,"NextToken":"123","Events":[{events}],"RequestId":"6e7c1b2a-0c2b-4b8e-9d1e-3f1a2b3c4d5e"}}}}"#
    )
}

fn client(c: &mut Criterion) {
    let list = ListAccessKeys {
        target_uin: Some(100_000_000_101),
    };
    c.bench_function("client/ListAccessKeys/encode", |b| {
        b.iter(|| serde_json::to_vec(black_box(&list)).unwrap());
    });
    let body = serde_json::to_vec(&list).unwrap();
    c.bench_function("client/ListAccessKeys/sign", |b| {
        b.iter(|| sign("cam", black_box(&body)));
    });
    c.bench_function("client/ListAccessKeys/decode", |b| {
        b.iter(|| decode::<ListAccessKeysResponse>(black_box(LIST_REPLY.as_bytes())));
    });
    c.bench_function("client/ListAccessKeys/encode+sign+decode", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(black_box(&list)).unwrap();
            black_box(sign("cam", &body));
            decode::<ListAccessKeysResponse>(black_box(LIST_REPLY.as_bytes()))
        });
    });

    let events = DescribeEvents {
        start_time: 1_697_408_000,
        end_time: 1_700_000_000,
        max_results: Some(20),
        lookup_attributes: vec![LookupAttribute::access_key_id(&SecretId::from_wire(
            SECRET_ID,
        ))],
        ..DescribeEvents::default()
    };
    let reply = events_reply();
    c.bench_function(
        "client/DescribeEvents(20 records)/encode+sign+decode",
        |b| {
            b.iter(|| {
                let body = serde_json::to_vec(black_box(&events)).unwrap();
                black_box(sign("cloudaudit", &body));
                decode::<DescribeEventsResponse>(black_box(reply.as_bytes()))
            });
        },
    );
}

criterion_group!(benches, client);
criterion_main!(benches);
