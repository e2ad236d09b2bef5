//! The bad-input matrix against a server on a real socket: every case is a request broken in one
//! way — malformed JSON, wrong types, unknown and missing parameters, oversized bodies, empty,
//! missing and duplicated headers, non-UTF-8 bytes, wrong methods, signatures for another
//! service, date or host, requests replayed outside the skew window, disabled and deleted keys,
//! sub-users reaching for other users' or root's keys — and gets its exact error code.
//!
//! After every case the database must be unchanged: the logical dump (schema, `user_version` and
//! every row of `account`, `users`, `access_keys`, sealed SecretKeys byte for byte) is equal to
//! the one before, and the audit table `events` is unchanged except for exactly one new row
//! when the request named an existing SecretId (that row carries the same error code and
//! RequestId as the reply). When no event is expected, the database and WAL files are also
//! byte-for-byte identical.

use crate::support;

use std::path::Path;

use camtui::cam::model::{DeleteAccessKey, SecretId, UpdateAccessKey};
use serde_json::json;
use sha2::{Digest as _, Sha256};
use support::dump::{Dump, EVENTS};
use support::wire::{Signing, Wire, exchange};
use support::{ROOT_ID, ROOT_KEY, TestServer};

/// What a case must get back.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// HTTP 200 with this `Response.Error.Code`; `audited` when the request names an existing
    /// SecretId and so leaves one audit event.
    Code { code: &'static str, audited: bool },
    /// Refused by the HTTP layer before any handler runs (unparsable HTTP).
    Http(u16),
}

struct Case {
    name: String,
    wire: Wire,
    expect: Expect,
}

fn case(name: impl Into<String>, wire: Wire, code: &'static str, audited: bool) -> Case {
    Case {
        name: name.into(),
        wire,
        expect: Expect::Code { code, audited },
    }
}

/// A key of the fixture.
struct Key {
    id: String,
    secret: String,
}

struct Fixture {
    server: TestServer,
    host: String,
    alice_uin: u64,
    bob_uin: u64,
    /// alice's enabled key.
    alice: Key,
    /// alice's disabled key.
    alice_disabled: Key,
    /// bob's enabled key.
    bob: Key,
    /// bob's deleted key.
    bob_deleted: Key,
    /// carol is an administrator.
    carol: Key,
}

async fn fixture() -> Fixture {
    // Each case must leave its own event: the budget of unauthenticated attempts (what an
    // attacker gets recorded, `hardening_attacks`) is lifted.
    let server = TestServer::start_configured(|config| {
        config.attempt_limits.pair_burst = f64::MAX;
        config.attempt_limits.total_per_sec = 1e9;
    })
    .await;
    let alice_uin = server.add_user("alice", false).await;
    let bob_uin = server.add_user("bob", false).await;
    let carol_uin = server.add_user("carol", true).await;
    let key = |(id, secret)| Key { id, secret };
    let alice = key(server.new_key(alice_uin).await);
    let alice_disabled = key(server.new_key(alice_uin).await);
    let bob = key(server.new_key(bob_uin).await);
    let bob_deleted = key(server.new_key(bob_uin).await);
    let carol = key(server.new_key(carol_uin).await);
    let root = server.root();
    root.send(&UpdateAccessKey {
        access_key_id: SecretId::from_wire(alice_disabled.id.clone()),
        status: camtui::cam::model::KeyStatus::Inactive,
        target_uin: Some(alice_uin),
    })
    .await
    .unwrap();
    root.send(&DeleteAccessKey {
        access_key_id: SecretId::from_wire(bob_deleted.id.clone()),
        target_uin: Some(bob_uin),
    })
    .await
    .unwrap();
    let host = server.handle.addr.to_string();
    Fixture {
        server,
        host,
        alice_uin,
        bob_uin,
        alice,
        alice_disabled,
        bob,
        bob_deleted,
        carol,
    }
}

fn chunked(body: &[u8], chunk: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / chunk * 8 + 8);
    for piece in body.chunks(chunk) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// Every case, built against the fixture's keys and users.
#[allow(clippy::vec_init_then_push)]
fn cases(f: &Fixture) -> Vec<Case> {
    let host = f.host.as_str();
    // Signed a few seconds back: the fixture's own requests (camtui's client, this second)
    // include some of the same, and one signature is one request.
    let root = Signing::cam(ROOT_ID, ROOT_KEY, host).earlier(5);
    let alice = Signing::cam(&f.alice.id, &f.alice.secret, host);
    let carol = Signing::cam(&f.carol.id, &f.carol.secret, host);
    let owner = f.server.owner_uin();
    let (alice_uin, bob_uin) = (f.alice_uin, f.bob_uin);
    let create_for_bob = json!({"TargetUin": bob_uin}).to_string();
    let mut c = Vec::new();

    // Methods: refused first, but the credential is read before anything, so it is audited.
    for method in ["PUT", "DELETE", "PATCH", "OPTIONS"] {
        c.push(case(
            format!("method {method}"),
            root.post("CreateAccessKey", "{}").method(method),
            "UnsupportedProtocol",
            true,
        ));
    }

    // Malformed JSON (correctly signed, so every one reaches parameter parsing).
    for (name, body) in [
        ("not JSON", &b"{not json"[..]),
        ("truncated object", br#"{"TargetUin": 1"#),
        ("array", b"[1, 2]"),
        ("string", br#""TargetUin""#),
        ("null", b"null"),
        ("number", b"42"),
        ("trailing garbage", br#"{"TargetUin": 1} x"#),
        ("two objects", b"{}{}"),
        ("byte order mark", b"\xef\xbb\xbf{}"),
        ("non-UTF-8 in a string", b"{\"Description\": \"\xff\xfe\"}"),
        ("non-UTF-8 outside strings", b"{\xff}"),
        ("NUL byte", b"{\"Description\": \"a\0b\"}"),
        ("lone surrogate escape", br#"{"Description": "\ud800"}"#),
        ("deep nesting", &[b'['; 4096][..]),
    ] {
        c.push(case(
            format!("JSON: {name}"),
            root.post("CreateAccessKey", body),
            "InvalidParameter",
            true,
        ));
    }

    // Wrong types.
    for (action, body) in [
        ("CreateAccessKey", json!({"TargetUin": "abc"})),
        ("CreateAccessKey", json!({"TargetUin": -5})),
        ("CreateAccessKey", json!({"TargetUin": true})),
        ("CreateAccessKey", json!({"TargetUin": 1.5})),
        ("CreateAccessKey", json!({"TargetUin": {}})),
        ("CreateAccessKey", json!({"TargetUin": [alice_uin]})),
        (
            "CreateAccessKey",
            json!({"TargetUin": "18446744073709551616"}),
        ),
        ("CreateAccessKey", json!({"TargetUin": 1e30})),
        ("CreateAccessKey", json!({"Description": 5})),
        ("CreateAccessKey", json!({"Description": ["a"]})),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": f.alice.id, "Status": 1}),
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": [f.alice.id], "Status": "Inactive"}),
        ),
        ("DeleteAccessKey", json!({"AccessKeyId": 7})),
        ("AddUser", json!({"Name": 7})),
        ("AddUser", json!({"Name": "dave", "ConsoleLogin": "yes"})),
        ("DeleteUser", json!({"Name": "bob", "Force": "x"})),
        ("GetSecurityLastUsed", json!({"SecretIdList": "x"})),
        ("GetSecurityLastUsed", json!({"SecretIdList": [1]})),
        ("GetSecurityLastUsed", json!({"SecretIdList": [null]})),
        ("DescribeSubAccounts", json!({"FilterSubAccountUin": ["x"]})),
    ] {
        c.push(case(
            format!("wrong type: {action} {body}"),
            root.post(action, body.to_string()),
            "InvalidParameter",
            true,
        ));
    }
    let audit = root.clone().audit();
    c.push(case(
        "wrong type: DescribeEvents StartTime",
        audit.post(
            "DescribeEvents",
            json!({"StartTime": "yesterday", "EndTime": 1}).to_string(),
        ),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "wrong type: DescribeEvents LookupAttributes",
        audit.post(
            "DescribeEvents",
            json!({"StartTime": 1, "EndTime": 2, "LookupAttributes": {"AttributeKey": "x"}})
                .to_string(),
        ),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "wrong type: GET TargetUin",
        root.get("CreateAccessKey", "TargetUin=abc"),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "wrong shape: GET list given as a scalar",
        root.get("GetSecurityLastUsed", "SecretIdList=x"),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "wrong shape: GET list with a gap",
        root.get(
            "GetSecurityLastUsed",
            &format!("SecretIdList.0={}&SecretIdList.2=x", f.alice.id),
        ),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "wrong shape: GET list index with a leading zero",
        root.get("GetSecurityLastUsed", "SecretIdList.00=x"),
        "InvalidParameter",
        true,
    ));

    // A name repeated in a JSON object (last-one-wins would let two readers disagree).
    c.push(case(
        "JSON: a repeated name",
        root.post(
            "DeleteAccessKey",
            format!(
                r#"{{"AccessKeyId": "{}", "TargetUin": {alice_uin}, "TargetUin": {bob_uin}}}"#,
                f.bob.id
            ),
        ),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "JSON: a repeated name inside a list item",
        audit.post(
            "DescribeEvents",
            r#"{"StartTime": 1, "EndTime": 2, "LookupAttributes": [{"AttributeKey": "EventName", "AttributeKey": "Username"}]}"#,
        ),
        "InvalidParameter",
        true,
    ));

    // Unknown parameters.
    for (action, body) in [
        ("CreateAccessKey", json!({"Bogus": 1})),
        ("CreateAccessKey", json!({"targetuin": alice_uin})),
        (
            "CreateAccessKey",
            json!({"TargetUin": alice_uin, "Status": "Active"}),
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": f.bob.id, "TargetUin": bob_uin, "Force": 1}),
        ),
        ("ListUsers", json!({"Limit": 1})),
    ] {
        c.push(case(
            format!("unknown parameter: {action} {body}"),
            root.post(action, body.to_string()),
            "UnknownParameter",
            true,
        ));
    }
    c.push(case(
        "unknown parameter: nested LookupAttributes member",
        audit.post(
            "DescribeEvents",
            json!({"StartTime": 1, "EndTime": 2,
                   "LookupAttributes": [{"AttributeKey": "EventName", "Nope": 1}]})
            .to_string(),
        ),
        "UnknownParameter",
        true,
    ));
    c.push(case(
        "unknown parameter: GET",
        root.get("CreateAccessKey", "Foo=1"),
        "UnknownParameter",
        true,
    ));
    c.push(case(
        "unknown parameter: GET nested member",
        audit.get(
            "DescribeEvents",
            "StartTime=1&EndTime=2&LookupAttributes.0.Nope=x",
        ),
        "UnknownParameter",
        true,
    ));

    // Missing parameters (null means absent).
    for (action, body) in [
        ("UpdateAccessKey", json!({"Status": "Inactive"})),
        ("UpdateAccessKey", json!({"AccessKeyId": f.alice.id})),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": f.alice.id, "Status": null}),
        ),
        ("DeleteAccessKey", json!({})),
        ("DeleteAccessKey", json!({"TargetUin": alice_uin})),
        ("AddUser", json!({"Remark": "x"})),
        ("DeleteUser", json!({})),
        ("UpdateUser", json!({"Remark": "x"})),
        ("GetUser", json!({})),
        ("GetSecurityLastUsed", json!({})),
        ("DescribeSubAccounts", json!({})),
    ] {
        c.push(case(
            format!("missing parameter: {action} {body}"),
            root.post(action, body.to_string()),
            "MissingParameter",
            true,
        ));
    }
    c.push(case(
        "missing parameter: empty body",
        root.post("DeleteAccessKey", ""),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "missing parameter: DescribeEvents EndTime",
        audit.post("DescribeEvents", json!({"StartTime": 1}).to_string()),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "missing parameter: GET",
        root.get("DeleteAccessKey", ""),
        "MissingParameter",
        true,
    ));

    // Values outside what the action allows.
    c.push(case(
        "value: Status Paused",
        root.post(
            "UpdateAccessKey",
            json!({"AccessKeyId": f.alice.id, "Status": "Paused", "TargetUin": alice_uin})
                .to_string(),
        ),
        "InvalidParameterValue",
        true,
    ));
    c.push(case(
        "value: Status lower case",
        root.get(
            "UpdateAccessKey",
            &format!(
                "AccessKeyId={}&Status=inactive&TargetUin={alice_uin}",
                f.alice.id
            ),
        ),
        "InvalidParameterValue",
        true,
    ));
    c.push(case(
        "value: Description of 1025 characters",
        root.post(
            "CreateAccessKey",
            json!({"TargetUin": bob_uin, "Description": "d".repeat(1025)}).to_string(),
        ),
        "InvalidParameter.ParamError",
        true,
    ));
    c.push(case(
        "value: Description with a space",
        root.post(
            "CreateAccessKey",
            json!({"TargetUin": bob_uin, "Description": "two words"}).to_string(),
        ),
        "InvalidParameter.ParamError",
        true,
    ));
    c.push(case(
        "value: user name with a space",
        root.post("AddUser", json!({"Name": "dave smith"}).to_string()),
        "InvalidParameter.UserNameIllegal",
        true,
    ));
    c.push(case(
        "value: SecretIdList of 11",
        root.post(
            "GetSecurityLastUsed",
            json!({"SecretIdList": vec![f.alice.id.clone(); 11]}).to_string(),
        ),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "value: a query value of non-UTF-8 percent escapes",
        root.get(
            "DeleteAccessKey",
            &format!("AccessKeyId=%FF%FE&TargetUin={bob_uin}"),
        ),
        "ResourceNotFound.SecretNotExist",
        true,
    ));
    c.push(case(
        "value: a query number of non-UTF-8 percent escapes",
        root.get("CreateAccessKey", "TargetUin=%FF"),
        "InvalidParameter",
        true,
    ));

    // Oversized bodies: refused before the signature is checked, audited (the credential names
    // a key).
    let big = json!({"TargetUin": bob_uin, "Description": "x".repeat(1024 * 1024)}).to_string();
    c.push(case(
        "oversized: 1 MiB + 50 bytes, signed",
        root.post("CreateAccessKey", big.clone()),
        "RequestSizeLimitExceeded",
        true,
    ));
    c.push(case(
        "oversized: declared 100 MiB, nothing sent",
        root.post("CreateAccessKey", create_for_bob.clone())
            .body(Vec::new())
            .set("Content-Length", "104857600"),
        "RequestSizeLimitExceeded",
        true,
    ));
    c.push(case(
        "oversized: 2 MiB chunked",
        root.post("CreateAccessKey", create_for_bob.clone())
            .remove("Content-Length")
            .add("Transfer-Encoding", "chunked")
            .raw_body(chunked(&vec![b' '; 2 * 1024 * 1024], 64 * 1024)),
        "RequestSizeLimitExceeded",
        true,
    ));

    // Empty headers.
    let good = || root.post("CreateAccessKey", create_for_bob.clone());
    c.push(case(
        "empty Authorization",
        good().set("Authorization", ""),
        "AuthFailure.InvalidAuthorization",
        false,
    ));
    c.push(case(
        "empty X-TC-Action",
        good().set("X-TC-Action", ""),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "empty X-TC-Version",
        good().set("X-TC-Version", ""),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "empty X-TC-Timestamp",
        good().set("X-TC-Timestamp", ""),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "empty Host",
        good().set("Host", ""),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "empty Content-Type",
        good().set("Content-Type", ""),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "empty X-TC-Token",
        good().set("X-TC-Token", ""),
        "AuthFailure.TokenFailure",
        true,
    ));

    // Missing headers.
    c.push(case(
        "no Authorization",
        good().remove("Authorization"),
        "AuthFailure.InvalidAuthorization",
        false,
    ));
    c.push(case(
        "no X-TC-Action",
        good().remove("X-TC-Action"),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "no X-TC-Version",
        good().remove("X-TC-Version"),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "no X-TC-Timestamp",
        good().remove("X-TC-Timestamp"),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "no Host",
        good().remove("Host"),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "no Content-Type",
        good().remove("Content-Type"),
        "AuthFailure.SignatureFailure",
        true,
    ));

    // Duplicated headers: ambiguous requests are refused, whichever copy is the valid one.
    let signed = good();
    let authorization = signed.headers[5].1.clone();
    c.push(case(
        "duplicated Authorization (valid first)",
        good().add("Authorization", "TC3-HMAC-SHA256 garbage"),
        "AuthFailure.InvalidAuthorization",
        true,
    ));
    c.push(case(
        "duplicated Authorization (valid last)",
        good()
            .set("Authorization", "TC3-HMAC-SHA256 garbage")
            .add("Authorization", authorization),
        "AuthFailure.InvalidAuthorization",
        true,
    ));
    for (name, second) in [
        ("X-TC-Action", "DeleteUser"),
        ("X-TC-Action", "CreateAccessKey"),
        ("X-TC-Version", "2019-01-16"),
        ("X-TC-Timestamp", "1"),
        ("X-TC-Region", "ap-guangzhou"),
        ("X-TC-Token", "t"),
        ("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD"),
        ("Host", "evil.example.com"),
        ("Content-Type", "application/json"),
    ] {
        let mut wire = good();
        if !wire
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            wire = wire.set(name, second);
        }
        c.push(case(
            format!("duplicated {name}"),
            wire.add(name, second),
            "InvalidParameter",
            true,
        ));
    }

    // Non-UTF-8 and non-ASCII header bytes.
    c.push(case(
        "non-UTF-8 Authorization",
        good().set("Authorization", b"TC3-HMAC-SHA256 \xff\xfe".to_vec()),
        "AuthFailure.InvalidAuthorization",
        false,
    ));
    c.push(case(
        "non-UTF-8 X-TC-Action",
        good().set("X-TC-Action", b"Create\xffKey".to_vec()),
        "InvalidAction",
        true,
    ));
    c.push(case(
        "non-UTF-8 X-TC-Version",
        good().set("X-TC-Version", b"2019-01-16\xff".to_vec()),
        "NoSuchVersion",
        true,
    ));
    c.push(case(
        "non-UTF-8 X-TC-Timestamp",
        good().set("X-TC-Timestamp", b"17\xff".to_vec()),
        "InvalidParameter",
        true,
    ));
    c.push(case(
        "non-UTF-8 Host",
        good().set("Host", b"127.0.0.1\xff".to_vec()),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(Case {
        name: "non-UTF-8 byte in the request target".into(),
        wire: root
            .get("CreateAccessKey", "")
            .target(b"/?TargetUin=\xff".to_vec()),
        expect: Expect::Http(400),
    });
    c.push(Case {
        name: "control byte in a header value".into(),
        wire: good().set("X-TC-Region", b"ap\x01gz".to_vec()),
        expect: Expect::Http(400),
    });
    c.push(Case {
        name: "conflicting Content-Length headers".into(),
        wire: good().add("Content-Length", "1"),
        expect: Expect::Http(400),
    });

    // Signatures for another service, date or host; tampering; replays.
    let mut other_service = root.clone();
    other_service.service = "cloudaudit";
    c.push(case(
        "signed for cloudaudit, sent as a CAM action",
        other_service.post("CreateAccessKey", create_for_bob.clone()),
        "InvalidAction",
        true,
    ));
    let cam_signed = good();
    let rescoped = String::from_utf8(cam_signed.headers[5].1.clone())
        .unwrap()
        .replace("/cam/tc3_request", "/cloudaudit/tc3_request");
    c.push(case(
        "credential scope edited from cam to cloudaudit",
        audit
            .post(
                "DescribeEvents",
                json!({"StartTime": 1, "EndTime": 2}).to_string(),
            )
            .set("Authorization", rescoped),
        "AuthFailure.SignatureFailure",
        true,
    ));
    let window = json!({"StartTime": 1, "EndTime": 2}).to_string();
    c.push(case(
        "CloudAudit without X-TC-Region",
        audit
            .post("DescribeEvents", window.clone())
            .remove("X-TC-Region"),
        "MissingParameter",
        true,
    ));
    c.push(case(
        "CloudAudit in a region it does not answer in",
        audit
            .post("DescribeEvents", window)
            .set("X-TC-Region", "na-ashburn"),
        "UnsupportedRegion",
        true,
    ));
    let mut cvm = root.clone();
    cvm.service = "cvm";
    c.push(case(
        "signed for an unknown service",
        cvm.post("CreateAccessKey", create_for_bob.clone()),
        "NoSuchProduct",
        true,
    ));
    let yesterday = {
        let text = String::from_utf8(good().headers[5].1.clone()).unwrap();
        let date = camtui::cam::signer::credential_date(root.timestamp);
        let other = camtui::cam::signer::credential_date(root.timestamp - 86_400);
        text.replace(&date, &other)
    };
    c.push(case(
        "credential date of another day",
        good().set("Authorization", yesterday),
        "AuthFailure.SignatureFailure",
        true,
    ));
    let mut other_host = root.clone();
    other_host.host = "cam.tencentcloudapi.com";
    c.push(case(
        "signed for another host",
        other_host
            .post("CreateAccessKey", create_for_bob.clone())
            .set("Host", host),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "signed with another SecretKey",
        Signing {
            secret_key: "another-secret-key-0000000000000",
            ..root.clone()
        }
        .post("CreateAccessKey", create_for_bob.clone()),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "body changed after signing",
        good().body(json!({"TargetUin": alice_uin}).to_string()),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "query changed after signing",
        root.get("CreateAccessKey", &format!("TargetUin={bob_uin}"))
            .target(format!("/?TargetUin={alice_uin}")),
        "AuthFailure.SignatureFailure",
        true,
    ));
    let delete_bobs_key = json!({"AccessKeyId": f.bob.id, "TargetUin": bob_uin}).to_string();
    c.push(case(
        "action changed after signing (signed, as camtui signs it)",
        root.post("DeleteAccessKey", delete_bobs_key.clone())
            .set("X-TC-Action", "DeleteUser"),
        "AuthFailure.SignatureFailure",
        true,
    ));
    c.push(case(
        "action changed after signing (the SDKs leave it unsigned; first seen as DeleteUser)",
        root.clone()
            .sdk()
            .post("DeleteAccessKey", delete_bobs_key)
            .set("X-TC-Action", "DeleteUser"),
        "UnknownParameter",
        true,
    ));
    for (name, shift) in [
        // The cases run a moment after they are signed: the margins keep them outside the
        // ±300 s window however long that moment is.
        ("replayed 400 s later", -400),
        ("replayed an hour later", -3600),
        ("replayed a day later", -86_400),
        ("timestamp 400 s ahead", 400),
    ] {
        let mut old = root.clone();
        old.timestamp += shift;
        c.push(case(
            name,
            old.post(
                "DeleteAccessKey",
                json!({"AccessKeyId": f.bob.id, "TargetUin": bob_uin}).to_string(),
            ),
            "AuthFailure.SignatureExpire",
            true,
        ));
    }
    c.push(case(
        "timestamp not a number",
        good().set("X-TC-Timestamp", "17e8"),
        "InvalidParameter",
        true,
    ));
    // Signed a second earlier: the request of "empty X-TC-Token" above under its own
    // signature (one signature is one request).
    c.push(case(
        "temporary-credential token",
        root.clone()
            .earlier(1)
            .post("CreateAccessKey", create_for_bob.clone())
            .set("X-TC-Token", "session-token"),
        "AuthFailure.TokenFailure",
        true,
    ));
    c.push(case(
        "unknown action",
        root.post("CreateUser", "{}"),
        "InvalidAction",
        true,
    ));
    c.push(case(
        "unknown version",
        good().set("X-TC-Version", "2017-03-12"),
        "NoSuchVersion",
        true,
    ));

    // Keys that cannot sign.
    c.push(case(
        "disabled key",
        Signing::cam(&f.alice_disabled.id, &f.alice_disabled.secret, host)
            .post("CreateAccessKey", "{}"),
        "AuthFailure.SecretIdNotFound",
        true,
    ));
    // A deleted key's tombstone keeps attempts with it on the record.
    c.push(case(
        "deleted key",
        Signing::cam(&f.bob_deleted.id, &f.bob_deleted.secret, host).post("CreateAccessKey", "{}"),
        "AuthFailure.SecretIdNotFound",
        true,
    ));
    c.push(case(
        "unknown SecretId",
        Signing::cam("IKIDunknownunknownunknownunknown0000", ROOT_KEY, host)
            .post("CreateAccessKey", "{}"),
        "AuthFailure.SecretIdNotFound",
        false,
    ));
    c.push(case(
        "SecretId of the wrong shape",
        Signing::cam("not-a-key", ROOT_KEY, host).post("CreateAccessKey", "{}"),
        "AuthFailure.InvalidSecretId",
        false,
    ));

    // A sub-user reaching for other users' keys, root's keys, or admin actions.
    for (action, body, code) in [
        (
            "CreateAccessKey",
            json!({"TargetUin": bob_uin}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "ListAccessKeys",
            json!({"TargetUin": bob_uin}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": f.bob.id, "Status": "Inactive", "TargetUin": bob_uin}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": f.bob.id, "TargetUin": bob_uin}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": f.bob.id, "Status": "Inactive"}),
            "OperationDenied.UinNotMatch",
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": f.bob.id}),
            "OperationDenied.UinNotMatch",
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": ROOT_ID}),
            "OperationDenied.UinNotMatch",
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": ROOT_ID, "TargetUin": owner}),
            "OperationDenied.SubUin",
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": ROOT_ID, "Status": "Inactive", "TargetUin": owner}),
            "OperationDenied.SubUin",
        ),
        (
            "CreateAccessKey",
            json!({"TargetUin": owner}),
            "OperationDenied.SubUin",
        ),
        (
            "ListAccessKeys",
            json!({"TargetUin": owner}),
            "OperationDenied.SubUin",
        ),
        (
            "GetSecurityLastUsed",
            json!({"SecretIdList": [f.bob.id]}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "AddUser",
            json!({"Name": "mallory", "IsAdmin": 1}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "UpdateUser",
            json!({"Name": "alice", "IsAdmin": 1}),
            "AuthFailure.UnauthorizedOperation",
        ),
        (
            "DeleteUser",
            json!({"Name": "bob", "Force": 1}),
            "AuthFailure.UnauthorizedOperation",
        ),
        ("ListUsers", json!({}), "AuthFailure.UnauthorizedOperation"),
    ] {
        c.push(case(
            format!("sub-user: {action} {body}"),
            alice.post(action, body.to_string()),
            code,
            true,
        ));
    }
    c.push(case(
        "sub-user: DescribeEvents",
        alice.clone().audit().post(
            "DescribeEvents",
            json!({"StartTime": 1, "EndTime": 2}).to_string(),
        ),
        "AuthFailure.UnauthorizedOperation",
        true,
    ));
    for (action, body) in [
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": ROOT_ID, "TargetUin": owner}),
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": ROOT_ID, "Status": "Inactive", "TargetUin": owner}),
        ),
        ("CreateAccessKey", json!({"TargetUin": owner})),
    ] {
        c.push(case(
            format!("administrator on root's keys: {action}"),
            carol.post(action, body.to_string()),
            "OperationDenied.SubUin",
            true,
        ));
    }

    // Refusals of well-formed requests by the rules, signed a few seconds earlier than the
    // cases above that send the same request (one signature is one request).
    let root = root.clone().earlier(3);
    for (action, body, code) in [
        (
            "CreateAccessKey",
            json!({"TargetUin": alice_uin}),
            "OperationDenied.AccessKeyOverLimit",
        ),
        (
            "CreateAccessKey",
            json!({"TargetUin": 999}),
            "InvalidParameter.UserNotExist",
        ),
        (
            "DeleteAccessKey",
            json!({"AccessKeyId": f.bob_deleted.id, "TargetUin": bob_uin}),
            "ResourceNotFound.SecretNotExist",
        ),
        (
            "UpdateAccessKey",
            json!({"AccessKeyId": f.alice.id, "Status": "Inactive", "TargetUin": bob_uin}),
            "OperationDenied.UinNotMatch",
        ),
        (
            "DeleteUser",
            json!({"Name": "alice"}),
            "OperationDenied.HaveKeys",
        ),
        (
            "DeleteUser",
            json!({"Name": "nobody"}),
            "ResourceNotFound.UserNotExist",
        ),
        (
            "AddUser",
            json!({"Name": "bob"}),
            "InvalidParameter.SubUserNameInUse",
        ),
    ] {
        c.push(case(
            format!("rule: {action} {body}"),
            root.post(action, body.to_string()),
            code,
            true,
        ));
    }
    c
}

fn file_digest(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path).ok().map(|b| Sha256::digest(&b).into())
}

fn files_digest(db: &Path) -> Vec<Option<[u8; 32]>> {
    ["", "-wal"]
        .iter()
        .map(|suffix| file_digest(Path::new(&format!("{}{suffix}", db.display()))))
        .collect()
}

#[tokio::test]
async fn every_bad_request_gets_its_code_and_changes_nothing() {
    let f = fixture().await;
    let db = f.server.db();
    let addr = f.server.handle.addr;
    let cases = cases(&f);
    f.server.handle.flush_audit().await.unwrap();
    let initial = Dump::of(&db);
    let mut failures = Vec::new();
    let mut audited = 0;
    for case in &cases {
        f.server.handle.flush_audit().await.unwrap();
        let before = Dump::of(&db);
        let files_before = files_digest(&db);
        let reply = exchange(addr, &case.wire).await;
        f.server.handle.flush_audit().await.unwrap();
        let after = Dump::of(&db);
        let mut problems = Vec::new();
        if let Some(change) = before.difference(&after) {
            problems.push(format!("the database changed: {change}"));
        }
        let new_events = after.new_events(&before);
        match case.expect {
            Expect::Code {
                code,
                audited: expect_event,
            } => {
                if reply.status != 200 {
                    problems.push(format!("HTTP {}", reply.status));
                }
                if reply.header("content-type") != Some("application/json") {
                    problems.push(format!("content-type {:?}", reply.header("content-type")));
                }
                let json = reply.json();
                let request_id = json["Response"]["RequestId"].as_str().unwrap_or_default();
                if uuid::Uuid::parse_str(request_id).is_err() {
                    problems.push(format!("RequestId {request_id:?}"));
                }
                let got = reply.code();
                if got != code {
                    problems.push(format!("answered {got}, expected {code}: {json}"));
                }
                if expect_event {
                    audited += 1;
                    let event = new_events.first();
                    let matches = new_events.len() == 1
                        && event.is_some_and(|row| {
                            after.text(EVENTS, row, "api_error_code") == code
                                && after.text(EVENTS, row, "request_id") == request_id
                        });
                    if !matches {
                        problems.push(format!(
                            "expected one audit event with {code}, got {new_events:?}"
                        ));
                    }
                } else {
                    if !new_events.is_empty() {
                        problems.push(format!("unexpected audit events {new_events:?}"));
                    }
                    if files_digest(&db) != files_before {
                        problems.push("the database files changed".to_owned());
                    }
                }
            }
            Expect::Http(status) => {
                if reply.status != status {
                    problems.push(format!("HTTP {}, expected {status}", reply.status));
                }
                if !new_events.is_empty() || files_digest(&db) != files_before {
                    problems.push("the database changed".to_owned());
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
        }
    }
    // The server is still up and the data is exactly what it was.
    let keys = f.server.root().access_keys(Some(f.bob_uin)).await.unwrap();
    if keys.len() != 1 {
        failures.push(format!("bob has {} keys after the run, not 1", keys.len()));
    }
    f.server.handle.flush_audit().await.unwrap();
    if let Some(change) = initial.difference(&Dump::of(&db)) {
        failures.push(format!("over the whole run the database changed: {change}"));
    }
    println!(
        "bad-input matrix: {} cases, {} audited, {} failed",
        cases.len(),
        audited,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
