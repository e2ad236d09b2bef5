//! TC3-HMAC-SHA256 as pure functions with the time passed in (spec §2). The client signs with
//! [`sign`]; the server parses with [`parse_authorization`] and checks with [`verify`] — one
//! implementation for both sides.

use std::fmt::Write as _;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// The header that asks for the payload not to be hashed (spec §2, V6).
pub const UNSIGNED_PAYLOAD_HEADER: &str = "x-tc-content-sha256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// What the payload contributes to the canonical request.
#[derive(Debug, Clone, Copy)]
pub enum Payload<'a> {
    /// The exact body bytes (empty for GET).
    Body(&'a [u8]),
    /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`: the hash of that literal string.
    Unsigned,
}

/// The parts of an HTTP request that TC3 signs.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// The raw query string as sent, without `?` (empty for POST).
    pub query: &'a str,
    /// Signed headers as `(lower-case name, value)`, in ASCII order of name.
    pub headers: &'a [(&'a str, &'a str)],
    pub payload: Payload<'a>,
}

/// The UTC date of a Unix timestamp, as the credential scope wants it (`YYYY-MM-DD`).
pub fn credential_date(timestamp: i64) -> String {
    use chrono::Datelike as _;
    // Written field by field: a strftime string is parsed anew on each call, and the server
    // computes this twice per request.
    let date = chrono::DateTime::from_timestamp(timestamp, 0)
        .unwrap_or_default()
        .date_naive();
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut text = [0u8; 64];
    hex::encode_to_slice(Sha256::digest(bytes), &mut text).expect("64 digits for 32 bytes");
    // Hex digits are ASCII.
    String::from_utf8_lossy(&text).into_owned()
}

/// Step 1: the canonical request.
pub fn canonical_request(request: &Request<'_>) -> String {
    let payload_hash = match request.payload {
        Payload::Body(body) => sha256_hex(body),
        Payload::Unsigned => sha256_hex(UNSIGNED_PAYLOAD.as_bytes()),
    };
    let mut out = String::with_capacity(256);
    out.push_str(request.method);
    out.push_str("\n/\n");
    out.push_str(request.query);
    out.push('\n');
    for (name, value) in request.headers {
        let _ = writeln!(out, "{name}:{value}");
    }
    out.push('\n');
    out.push_str(&signed_headers(request.headers));
    out.push('\n');
    out.push_str(&payload_hash);
    out
}

fn signed_headers(headers: &[(&str, &str)]) -> String {
    headers
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(";")
}

/// Step 2: the string to sign.
pub fn string_to_sign(timestamp: i64, service: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{}/{service}/tc3_request\n{}",
        credential_date(timestamp),
        sha256_hex(canonical_request.as_bytes())
    )
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Step 3: the signing key derived from the SecretKey, the date and the service.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let mut tc3_key = Vec::with_capacity(3 + secret_key.len());
    tc3_key.extend_from_slice(b"TC3");
    tc3_key.extend_from_slice(secret_key.as_bytes());
    let secret_date = hmac(&tc3_key, date.as_bytes());
    zeroize::Zeroize::zeroize(&mut tc3_key);
    let secret_service = hmac(&secret_date, service.as_bytes());
    hmac(&secret_service, b"tc3_request")
}

/// Step 4: the signature bytes.
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> [u8; 32] {
    hmac(signing_key, string_to_sign.as_bytes())
}

/// Step 5: the `Authorization` header value.
pub fn authorization(
    secret_id: &str,
    date: &str,
    service: &str,
    signed_headers: &str,
    signature: &[u8; 32],
) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{date}/{service}/tc3_request, SignedHeaders={signed_headers}, Signature={}",
        hex::encode(signature)
    )
}

/// Signs a request and returns the `Authorization` header value.
pub fn sign(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    timestamp: i64,
    request: &Request<'_>,
) -> String {
    let date = credential_date(timestamp);
    let to_sign = string_to_sign(timestamp, service, &canonical_request(request));
    let sig = signature(&signing_key(secret_key, &date, service), &to_sign);
    authorization(
        secret_id,
        &date,
        service,
        &signed_headers(request.headers),
        &sig,
    )
}

/// A parsed `Authorization` header, borrowing from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization<'a> {
    pub secret_id: &'a str,
    pub date: &'a str,
    pub service: &'a str,
    /// Lower-case header names, `;`-separated, as sent.
    pub signed_headers: &'a str,
    pub signature: [u8; 32],
}

impl Authorization<'_> {
    pub fn signed_header_names(&self) -> impl Iterator<Item = &str> {
        self.signed_headers.split(';')
    }
}

/// Why an `Authorization` header could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizationError {
    #[error("the Authorization header does not start with TC3-HMAC-SHA256")]
    Algorithm,
    #[error("the Authorization header has no well-formed Credential")]
    Credential,
    #[error(
        "the Authorization header has no well-formed SignedHeaders including content-type and host"
    )]
    SignedHeaders,
    #[error("the Authorization header has no 64-digit lower-case hex Signature")]
    Signature,
}

/// Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX`
/// tolerating a missing space after each comma (spec §2.1 step 2).
pub fn parse_authorization(header: &str) -> Result<Authorization<'_>, AuthorizationError> {
    let rest = header
        .strip_prefix(ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or(AuthorizationError::Algorithm)?;
    let mut parts = rest.split(',').map(str::trim_start);
    let credential = parts
        .next()
        .and_then(|p| p.strip_prefix("Credential="))
        .ok_or(AuthorizationError::Credential)?;
    let signed_headers = parts
        .next()
        .and_then(|p| p.strip_prefix("SignedHeaders="))
        .ok_or(AuthorizationError::SignedHeaders)?;
    let signature_hex = parts
        .next()
        .and_then(|p| p.strip_prefix("Signature="))
        .ok_or(AuthorizationError::Signature)?;
    if parts.next().is_some() {
        return Err(AuthorizationError::Signature);
    }

    let mut scope = credential.split('/');
    let (Some(secret_id), Some(date), Some(service), Some("tc3_request"), None) = (
        scope.next(),
        scope.next(),
        scope.next(),
        scope.next(),
        scope.next(),
    ) else {
        return Err(AuthorizationError::Credential);
    };
    let date_ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if secret_id.is_empty() || service.is_empty() || !date_ok {
        return Err(AuthorizationError::Credential);
    }

    let names_ok = !signed_headers.is_empty()
        && signed_headers.split(';').all(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        });
    let has = |wanted: &str| signed_headers.split(';').any(|name| name == wanted);
    if !names_ok || !has("content-type") || !has("host") {
        return Err(AuthorizationError::SignedHeaders);
    }

    let mut signature = [0u8; 32];
    if signature_hex.len() != 64
        || signature_hex.bytes().any(|b| b.is_ascii_uppercase())
        || hex::decode_to_slice(signature_hex, &mut signature).is_err()
    {
        return Err(AuthorizationError::Signature);
    }
    Ok(Authorization {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

/// Recomputes the signature for `request` and compares it with the one in `authorization` in
/// constant time. `request.headers` must be the headers that `authorization` names, in its order.
/// The date and service of the scope are taken from the header; the caller checks they agree
/// with the timestamp and the routed service.
pub fn verify(
    authorization: &Authorization<'_>,
    secret_key: &str,
    timestamp: i64,
    request: &Request<'_>,
) -> bool {
    let to_sign = string_to_sign(
        timestamp,
        authorization.service,
        &canonical_request(request),
    );
    let key = signing_key(secret_key, authorization.date, authorization.service);
    let expected = signature(&key, &to_sign);
    expected.ct_eq(&authorization.signature).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_date_is_utc() {
        // 2019-02-26 00:44:25 +08:00 is still the 25th in UTC (spec §2).
        assert_eq!(credential_date(1_551_113_065), "2019-02-25");
    }

    #[test]
    fn parse_rejects_malformed_headers() {
        let good = "TC3-HMAC-SHA256 Credential=AKID/2023-11-14/cam/tc3_request, SignedHeaders=content-type;host, Signature=21cca29f24af712ca263809518b806878cf6b94594f85f008418c9dfe2a00d6b";
        assert!(parse_authorization(good).is_ok());
        let compact = good.replace(", ", ",");
        assert!(parse_authorization(&compact).is_ok());
        for bad in [
            "",
            "SKIP",
            "TC3-HMAC-SHA1 Credential=AKID/2023-11-14/cam/tc3_request, SignedHeaders=content-type;host, Signature=00",
            &good.replace("tc3_request", "tc4_request"),
            &good.replace("2023-11-14", "2023-1-14"),
            &good.replace("content-type;host", "host"),
            &good.replace("content-type;host", "Content-Type;host"),
            &good.replace("d6b", "d6"),
            &good.replace("21cca", "21CCA"),
            &good.replace("Credential=AKID", "Credential="),
            &format!("{good}, Extra=1"),
        ] {
            assert!(parse_authorization(bad).is_err(), "accepted {bad:?}");
        }
    }
}
