//! TC3-HMAC-SHA256 verification (spec §2.1) with the client's own signer: the Authorization
//! header, the timestamp window, the SecretId's shape, and the signature recomputed over the
//! Host exactly as received, the raw query and the raw body bytes.

use axum::http::HeaderMap;

use super::error::{Code, ServerError};
use crate::cam::signer::{self, Authorization, Payload};

/// Requests more than this far from the server's clock are refused (spec §1.1: five minutes).
pub const MAX_SKEW_SECS: i64 = 300;

/// What an Authorization header claims: the key and the service of its credential scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim<'a> {
    pub secret_id: &'a str,
    pub service: &'a str,
}

/// Step 0: the `Credential=ID/DATE/SERVICE/…` of the first Authorization header that has one,
/// however broken the rest — read before anything else is checked, so that every refusal of
/// a request naming a known key is audited. Where [`parse`] succeeds it names the same key.
pub fn claim(headers: &HeaderMap) -> Option<Claim<'_>> {
    headers
        .get_all(axum::http::header::AUTHORIZATION)
        .iter()
        .find_map(|value| {
            let text = value.to_str().ok()?;
            let first = text.split(',').next()?;
            let scope = &first[first.find("Credential=")? + "Credential=".len()..];
            let mut parts = scope.split('/');
            let secret_id = parts.next().filter(|id| !id.is_empty())?;
            let service = parts.nth(1).unwrap_or_default();
            Some(Claim { secret_id, service })
        })
}

/// Step 2: the Authorization header.
pub fn parse(headers: &HeaderMap) -> Result<Authorization<'_>, ServerError> {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Err(ServerError::new(
            Code::InvalidAuthorization,
            "The request has no Authorization header; sign it with TC3-HMAC-SHA256.",
        ));
    };
    let text = value.to_str().map_err(|_| {
        ServerError::new(
            Code::InvalidAuthorization,
            "The Authorization header is not printable ASCII.",
        )
    })?;
    signer::parse_authorization(text).map_err(|e| {
        ServerError::new(
            Code::InvalidAuthorization,
            format!("The Authorization header does not follow the Tencent Cloud standard: {e}."),
        )
    })
}

/// Step 4: `X-TC-Timestamp` is an integer within ±300 s of `now`, and the credential date is
/// its UTC date.
pub fn check_timestamp(
    headers: &HeaderMap,
    authorization: &Authorization<'_>,
    now: i64,
) -> Result<i64, ServerError> {
    let Some(value) = headers.get("x-tc-timestamp") else {
        return Err(ServerError::new(
            Code::MissingParameter,
            "The header X-TC-Timestamp is missing.",
        ));
    };
    let timestamp = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<i64>().ok())
        .ok_or_else(|| {
            ServerError::new(
                Code::InvalidParameter,
                "The header X-TC-Timestamp must be Unix seconds.",
            )
        })?;
    if (now - timestamp).abs() > MAX_SKEW_SECS {
        return Err(ServerError::new(
            Code::SignatureExpire,
            format!(
                "The request timestamp {timestamp} differs from the server time {now} by more than {MAX_SKEW_SECS} seconds."
            ),
        ));
    }
    if signer::credential_date(timestamp) != authorization.date {
        return Err(ServerError::new(
            Code::SignatureFailure,
            "The credential date is not the UTC date of X-TC-Timestamp.",
        ));
    }
    Ok(timestamp)
}

/// Step 5: a SecretId looks like `AKID…`/`IKID…` followed by letters and digits.
pub fn check_secret_id_shape(secret_id: &str) -> Result<(), ServerError> {
    let shaped = secret_id.len() <= 128
        && (secret_id.starts_with("AKID") || secret_id.starts_with("IKID"))
        && secret_id.len() > 4
        && secret_id.bytes().all(|b| b.is_ascii_alphanumeric());
    if shaped {
        Ok(())
    } else {
        Err(ServerError::new(
            Code::InvalidSecretId,
            "The SecretId is not of an API key type (expected AKID… or IKID…).",
        ))
    }
}

/// The parts of the request the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    pub method: &'a str,
    pub query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// Step 6: recomputes the signature. Header values are tried trimmed and lower-cased (the
/// documented rule), then trimmed as sent, so clients that signed a mixed-case Host still verify.
pub fn verify(
    authorization: &Authorization<'_>,
    secret_key: &str,
    timestamp: i64,
    request: Signed<'_>,
) -> Result<(), ServerError> {
    let failure = || {
        ServerError::new(
            Code::SignatureFailure,
            "The provided credentials could not be validated. Please check your signature is correct.",
        )
    };
    let mut raw: Vec<(&str, &str)> = Vec::with_capacity(4);
    for name in authorization.signed_header_names() {
        let value = request
            .headers
            .get(name)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
            .ok_or_else(failure)?;
        raw.push((name, value.trim()));
    }
    let payload = match request.headers.get(signer::UNSIGNED_PAYLOAD_HEADER) {
        Some(v) if v.as_bytes() == signer::UNSIGNED_PAYLOAD.as_bytes() => Payload::Unsigned,
        _ => Payload::Body(request.body),
    };
    let attempt = |headers: &[(&str, &str)]| {
        signer::verify(
            authorization,
            secret_key,
            timestamp,
            &signer::Request {
                method: request.method,
                query: request.query,
                headers,
                payload,
            },
        )
    };
    let lowered: Vec<String> = raw.iter().map(|(_, v)| v.to_ascii_lowercase()).collect();
    let lower: Vec<(&str, &str)> = raw
        .iter()
        .zip(&lowered)
        .map(|((name, _), value)| (*name, value.as_str()))
        .collect();
    if attempt(&lower) || (lower != raw && attempt(&raw)) {
        Ok(())
    } else {
        Err(failure())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    const ID: &str = "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE";
    const KEY: &str = "EXAMPLEsecretKeyEXAMPLEsecretKey";

    fn signed_with_host(host: &str, ts: i64) -> HeaderMap {
        let body = br#"{"TargetUin": 100013065917}"#;
        let auth = signer::sign(
            ID,
            KEY,
            "cam",
            ts,
            &signer::Request {
                method: "POST",
                query: "",
                headers: &[("content-type", "application/json"), ("host", host)],
                payload: Payload::Body(body),
            },
        );
        headers(&[
            ("authorization", &auth),
            ("content-type", "application/json"),
            ("host", host),
            ("x-tc-timestamp", &ts.to_string()),
        ])
    }

    fn check(map: &HeaderMap, ts: i64) -> Result<(), ServerError> {
        let auth = parse(map)?;
        verify(
            &auth,
            KEY,
            ts,
            Signed {
                method: "POST",
                query: "",
                headers: map,
                body: br#"{"TargetUin": 100013065917}"#,
            },
        )
    }

    #[test]
    fn tccli_host_with_scheme_verifies() {
        // Spec V7: tccli signs `host:http://127.0.0.1:18765`.
        let map = signed_with_host("http://127.0.0.1:18765", 1_795_716_457);
        let auth = parse(&map).unwrap();
        assert_eq!(
            hex::encode(auth.signature),
            "ca3f298500dc0bf9d2557a0dd65afa25a5c1b3e2ed5c5dbee0b01ccaea0a563a"
        );
        check(&map, 1_795_716_457).unwrap();
    }

    #[test]
    fn mixed_case_host_verifies_by_the_raw_retry() {
        let map = signed_with_host("Cam.Example.COM", 1_700_000_000);
        check(&map, 1_700_000_000).unwrap();
    }

    #[test]
    fn tampering_fails() {
        let mut map = signed_with_host("127.0.0.1:9000", 1_700_000_000);
        map.insert("host", HeaderValue::from_static("127.0.0.1:9001"));
        assert_eq!(
            check(&map, 1_700_000_000).unwrap_err().code(),
            Code::SignatureFailure
        );
        map.remove("host");
        assert_eq!(
            check(&map, 1_700_000_000).unwrap_err().code(),
            Code::SignatureFailure
        );
    }

    #[test]
    fn timestamps() {
        let map = signed_with_host("h", 1_700_000_000);
        let auth = parse(&map).unwrap();
        assert_eq!(
            check_timestamp(&map, &auth, 1_700_000_300).unwrap(),
            1_700_000_000
        );
        assert_eq!(
            check_timestamp(&map, &auth, 1_700_000_301)
                .unwrap_err()
                .code(),
            Code::SignatureExpire
        );
        assert_eq!(
            check_timestamp(&map, &auth, 1_699_999_699)
                .unwrap_err()
                .code(),
            Code::SignatureExpire
        );
        let mut bad = map.clone();
        bad.insert("x-tc-timestamp", HeaderValue::from_static("17e8"));
        assert_eq!(
            check_timestamp(&bad, &auth, 1_700_000_000)
                .unwrap_err()
                .code(),
            Code::InvalidParameter
        );
        bad.remove("x-tc-timestamp");
        assert_eq!(
            check_timestamp(&bad, &auth, 1_700_000_000)
                .unwrap_err()
                .code(),
            Code::MissingParameter
        );
    }

    #[test]
    fn the_claim_is_read_from_any_authorization() {
        let map = signed_with_host("h", 1_700_000_000);
        let claim = claim(&map).unwrap();
        assert_eq!(claim.secret_id, parse(&map).unwrap().secret_id);
        assert_eq!(claim.service, "cam");
        // Broken everywhere but the credential: still names its key.
        let broken = headers(&[(
            "authorization",
            "TC3-HMAC-SHA1 Credential=AKIDx/2024-01-01/svc, Signature=zz",
        )]);
        assert_eq!(
            super::claim(&broken),
            Some(Claim {
                secret_id: "AKIDx",
                service: "svc"
            })
        );
        let mut two = HeaderMap::new();
        two.append("authorization", HeaderValue::from_static("garbage"));
        two.append(
            "authorization",
            HeaderValue::from_static("TC3-HMAC-SHA256 Credential=AKIDy/d"),
        );
        assert_eq!(super::claim(&two).map(|c| c.secret_id), Some("AKIDy"));
        for nothing in ["", "Credential=", "Credential=/2024-01-01/cam", "SKIP"] {
            let map = headers(&[("authorization", nothing)]);
            assert_eq!(super::claim(&map), None, "{nothing:?}");
        }
        assert_eq!(super::claim(&HeaderMap::new()), None);
    }

    #[test]
    fn secret_id_shapes() {
        assert!(check_secret_id_shape("IKIDabc123").is_ok());
        assert!(check_secret_id_shape(ID).is_ok());
        for bad in ["", "AKID", "XKIDabc", "AKID abc", "AKID-abc"] {
            assert_eq!(
                check_secret_id_shape(bad).unwrap_err().code(),
                Code::InvalidSecretId,
                "{bad:?}"
            );
        }
    }
}
