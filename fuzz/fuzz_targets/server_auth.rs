//! The server's reading of the Authorization header (`server::auth`): from raw header bytes,
//! the credential claim read before anything else, the full parse, the timestamp check and the
//! verification never panic; where the parse succeeds the claim names the same key; and what
//! verifies carries the signature the signer computes.
#![no_main]

use axum::http::{HeaderMap, HeaderValue};
use camtui::cam::signer::{self, Payload, Request};
use camtui::server::auth;
use libfuzzer_sys::fuzz_target;

const SECRET_KEY: &str = "fuzz-secret-key";
const NOW: i64 = 1_700_000_000;

fuzz_target!(|data: &[u8]| {
    // Lines: Authorization values (one or more, as sent), then `--` and the body.
    let (head, body) = match data.windows(3).position(|w| w == b"\n--") {
        Some(at) => (&data[..at], &data[at + 3..]),
        None => (data, &[][..]),
    };
    let mut headers = HeaderMap::new();
    for line in head.split(|b| *b == b'\n') {
        if let Ok(value) = HeaderValue::from_bytes(line) {
            headers.append("authorization", value);
        }
    }
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("host", HeaderValue::from_static("127.0.0.1:9000"));
    headers.insert("x-tc-action", HeaderValue::from_static("ListAccessKeys"));
    headers.insert("x-tc-timestamp", HeaderValue::from_static("1700000000"));

    let claim = auth::claim(&headers);
    let Ok(parsed) = auth::parse(&headers) else {
        return;
    };
    // The audit trail is told the key the verification will use.
    assert_eq!(
        claim.map(|c| c.secret_id),
        Some(parsed.secret_id),
        "the claim names another key than the header"
    );
    let _ = auth::check_secret_id_shape(parsed.secret_id);
    let Ok(timestamp) = auth::check_timestamp(&headers, &parsed, NOW) else {
        return;
    };
    let signed = auth::Signed {
        method: "POST",
        query: "",
        headers: &headers,
        body,
    };
    if auth::verify(&parsed, SECRET_KEY, timestamp, signed).is_ok() {
        // The verifier takes the signed values lower-cased (the documented rule) or as sent.
        let as_sent: Vec<(&str, String)> = parsed
            .signed_header_names()
            .map(|name| {
                let value = headers.get(name).and_then(|v| v.to_str().ok());
                (name, value.unwrap_or_default().trim().to_owned())
            })
            .collect();
        let lowered: Vec<(&str, String)> = as_sent
            .iter()
            .map(|(name, value)| (*name, value.to_ascii_lowercase()))
            .collect();
        let signature_over = |values: &[(&str, String)]| {
            let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
            signer::sign(
                parsed.secret_id,
                SECRET_KEY,
                parsed.service,
                timestamp,
                &Request {
                    method: "POST",
                    query: "",
                    headers: &pairs,
                    payload: Payload::Body(body),
                },
            )
        };
        let hex: String = parsed
            .signature
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(
            signature_over(&lowered).ends_with(&hex) || signature_over(&as_sent).ends_with(&hex),
            "verified a signature the signer does not make"
        );
    }
});
