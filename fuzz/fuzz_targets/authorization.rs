//! The Authorization-header parser and the TC3 verifier never panic, and a parsed header that
//! verifies must carry the signature the signer computes for the same request.
#![no_main]

use camtui::cam::signer::{self, Payload, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // First line: the header; the rest: the body.
    let (header, body) = text.split_once('\n').unwrap_or((text, ""));
    let Ok(parsed) = signer::parse_authorization(header) else {
        return;
    };
    let headers = [
        ("content-type", "application/json"),
        ("host", "127.0.0.1:9000"),
    ];
    let request = Request {
        method: "POST",
        query: "",
        headers: &headers,
        payload: Payload::Body(body.as_bytes()),
    };
    let timestamp = 1_700_000_000;
    if signer::verify(&parsed, "fuzz-secret-key", timestamp, &request) {
        let expected = signer::sign(
            parsed.secret_id,
            "fuzz-secret-key",
            parsed.service,
            timestamp,
            &request,
        );
        assert!(expected.ends_with(&hex_of(&parsed.signature)));
    }
});

fn hex_of(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
