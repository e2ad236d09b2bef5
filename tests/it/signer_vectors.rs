//! Every known-answer vector of `fixtures/tc3-vectors.json` through signing and verification, and
//! tampering with any signed part fails verification.

use camtui::cam::signer::{self, Payload, Request};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Vectors {
    vectors: Vec<Vector>,
}

#[derive(Debug, Deserialize)]
struct Vector {
    name: String,
    secret_id: String,
    secret_key: String,
    timestamp: i64,
    service: String,
    method: String,
    host: String,
    content_type: String,
    query: String,
    body: String,
    unsigned_payload: bool,
    canonical_request: String,
    string_to_sign: String,
    signature: String,
    authorization: String,
}

fn vectors() -> Vec<Vector> {
    let text = include_str!("../fixtures/tc3-vectors.json");
    serde_json::from_str::<Vectors>(text).unwrap().vectors
}

impl Vector {
    fn request<'a>(&'a self, headers: &'a [(&'a str, &'a str)]) -> Request<'a> {
        Request {
            method: &self.method,
            query: &self.query,
            headers,
            payload: if self.unsigned_payload {
                Payload::Unsigned
            } else {
                Payload::Body(self.body.as_bytes())
            },
        }
    }
}

#[test]
fn every_vector_signs() {
    let all = vectors();
    assert!(all.len() >= 8, "expected the full vector set");
    for v in &all {
        let headers = [
            ("content-type", v.content_type.as_str()),
            ("host", v.host.as_str()),
        ];
        let request = v.request(&headers);
        let canonical = signer::canonical_request(&request);
        assert_eq!(
            canonical, v.canonical_request,
            "{}: canonical request",
            v.name
        );
        let to_sign = signer::string_to_sign(v.timestamp, &v.service, &canonical);
        assert_eq!(to_sign, v.string_to_sign, "{}: string to sign", v.name);
        let key = signer::signing_key(
            &v.secret_key,
            &signer::credential_date(v.timestamp),
            &v.service,
        );
        assert_eq!(
            hex::encode(signer::signature(&key, &to_sign)),
            v.signature,
            "{}: signature",
            v.name
        );
        let auth = signer::sign(
            &v.secret_id,
            &v.secret_key,
            &v.service,
            v.timestamp,
            &request,
        );
        assert_eq!(auth, v.authorization, "{}: authorization", v.name);
    }
}

#[test]
fn every_vector_verifies_and_tampering_fails() {
    for v in &vectors() {
        let parsed = signer::parse_authorization(&v.authorization)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(parsed.secret_id, v.secret_id);
        assert_eq!(parsed.service, v.service);
        assert_eq!(
            parsed.signed_header_names().collect::<Vec<_>>(),
            ["content-type", "host"]
        );
        let headers = [
            ("content-type", v.content_type.as_str()),
            ("host", v.host.as_str()),
        ];
        assert!(
            signer::verify(&parsed, &v.secret_key, v.timestamp, &v.request(&headers)),
            "{}: genuine request must verify",
            v.name
        );

        // The wrong key.
        let wrong_key = format!("{}x", v.secret_key);
        assert!(
            !signer::verify(&parsed, &wrong_key, v.timestamp, &v.request(&headers)),
            "{}: key",
            v.name
        );
        // Another timestamp.
        assert!(
            !signer::verify(
                &parsed,
                &v.secret_key,
                v.timestamp + 1,
                &v.request(&headers)
            ),
            "{}: timestamp",
            v.name
        );
        // Another host header.
        let other_host = [
            ("content-type", v.content_type.as_str()),
            ("host", "evil.example.com"),
        ];
        assert!(
            !signer::verify(&parsed, &v.secret_key, v.timestamp, &v.request(&other_host)),
            "{}: host",
            v.name
        );
        // Another content type.
        let other_type = [("content-type", "text/plain"), ("host", v.host.as_str())];
        assert!(
            !signer::verify(&parsed, &v.secret_key, v.timestamp, &v.request(&other_type)),
            "{}: content type",
            v.name
        );
        // Another body or query (an unsigned payload does not cover the body, by design).
        let tampered_body = format!("{} ", v.body);
        let tampered_query = format!("{}&x=1", v.query);
        let mut tampered = v.request(&headers);
        if v.method == "GET" {
            tampered.query = &tampered_query;
        } else if !v.unsigned_payload {
            tampered.payload = Payload::Body(tampered_body.as_bytes());
        } else {
            tampered.method = "GET";
        }
        assert!(
            !signer::verify(&parsed, &v.secret_key, v.timestamp, &tampered),
            "{}: body/query",
            v.name
        );
        // A flipped signature bit.
        let mut flipped = parsed.clone();
        flipped.signature[0] ^= 1;
        assert!(
            !signer::verify(&flipped, &v.secret_key, v.timestamp, &v.request(&headers)),
            "{}: signature",
            v.name
        );
    }
}
