//! Requests as bytes on a real socket: a signed request any part of which can be broken
//! (headers removed, emptied, duplicated, made of non-UTF-8 bytes), sent over one HTTP/1.1
//! connection, and the reply read back raw.

use std::net::SocketAddr;
use std::time::Duration;

use camtui::cam::signer::{self, Payload};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

/// How long a reply may take before the exchange is abandoned (a bound, not an assertion).
const REPLY_BOUND: Duration = Duration::from_secs(20);

/// A request as it goes on the wire.
#[derive(Debug, Clone)]
pub struct Wire {
    pub method: String,
    /// Request target: `/` or `/?query`.
    pub target: Vec<u8>,
    /// In order, duplicates allowed, values as raw bytes.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

/// What to sign and how.
#[derive(Debug, Clone)]
pub struct Signing<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub service: &'a str,
    pub version: &'a str,
    pub host: &'a str,
    pub timestamp: i64,
    /// Whether `X-TC-Action` is among the signed headers, as camtui signs (the official SDKs
    /// sign `content-type;host` only: [`sdk`](Self::sdk)).
    pub signs_action: bool,
    /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`: the body is not signed (an SDK option).
    pub unsigned_payload: bool,
    /// `X-TC-Region`: CloudAudit requires one, CAM takes none.
    pub region: Option<&'a str>,
}

impl<'a> Signing<'a> {
    pub fn cam(secret_id: &'a str, secret_key: &'a str, host: &'a str) -> Self {
        Self {
            secret_id,
            secret_key,
            service: "cam",
            version: "2019-01-16",
            host,
            timestamp: chrono::Utc::now().timestamp(),
            signs_action: true,
            unsigned_payload: false,
            region: None,
        }
    }

    /// Leaves the body out of the signature (`X-TC-Content-SHA256: UNSIGNED-PAYLOAD`).
    pub fn unsigned_payload(mut self) -> Self {
        self.unsigned_payload = true;
        self
    }

    /// Signs as the official SDKs do: `content-type;host`, the action left out.
    pub fn sdk(mut self) -> Self {
        self.signs_action = false;
        self
    }

    /// Signed `seconds` earlier (a distinct signature for the same request).
    pub fn earlier(mut self, seconds: i64) -> Self {
        self.timestamp -= seconds;
        self
    }

    /// CloudAudit, in the region the SDKs default to.
    pub fn audit(mut self) -> Self {
        self.service = "cloudaudit";
        self.version = "2019-03-19";
        self.region = Some("ap-guangzhou");
        self
    }

    fn authorization(
        &self,
        method: &str,
        action: &str,
        query: &str,
        content_type: &str,
        body: &[u8],
    ) -> String {
        let action = action.to_ascii_lowercase();
        let headers = [
            ("content-type", content_type),
            ("host", self.host),
            ("x-tc-action", &action),
        ];
        signer::sign(
            self.secret_id,
            self.secret_key,
            self.service,
            self.timestamp,
            &signer::Request {
                method,
                query,
                headers: &headers[..if self.signs_action { 3 } else { 2 }],
                payload: if self.unsigned_payload {
                    Payload::Unsigned
                } else {
                    Payload::Body(body)
                },
            },
        )
    }

    /// A correctly signed POST with a JSON body.
    pub fn post(&self, action: &str, body: impl Into<Vec<u8>>) -> Wire {
        let body = body.into();
        let content_type = "application/json";
        let authorization = self.authorization("POST", action, "", content_type, &body);
        Wire {
            method: "POST".into(),
            target: b"/".to_vec(),
            headers: self.headers(action, content_type, authorization, body.len()),
            body,
        }
    }

    /// A correctly signed GET with the parameters in `query` (already encoded).
    pub fn get(&self, action: &str, query: &str) -> Wire {
        let content_type = "application/x-www-form-urlencoded";
        let authorization = self.authorization("GET", action, query, content_type, b"");
        Wire {
            method: "GET".into(),
            target: if query.is_empty() {
                b"/".to_vec()
            } else {
                format!("/?{query}").into_bytes()
            },
            headers: self.headers(action, content_type, authorization, 0),
            body: Vec::new(),
        }
    }

    fn headers(
        &self,
        action: &str,
        content_type: &str,
        authorization: String,
        length: usize,
    ) -> Vec<(String, Vec<u8>)> {
        [
            ("Host", self.host.to_owned()),
            ("Content-Type", content_type.to_owned()),
            ("X-TC-Action", action.to_owned()),
            ("X-TC-Version", self.version.to_owned()),
            ("X-TC-Timestamp", self.timestamp.to_string()),
            ("Authorization", authorization),
            ("Content-Length", length.to_string()),
        ]
        .into_iter()
        .chain(
            self.unsigned_payload
                .then(|| ("X-TC-Content-SHA256", signer::UNSIGNED_PAYLOAD.to_owned())),
        )
        .chain(self.region.map(|region| ("X-TC-Region", region.to_owned())))
        .map(|(name, value)| (name.to_owned(), value.into_bytes()))
        .collect()
    }
}

impl Wire {
    fn position(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Replaces the value of `name` (added if absent).
    pub fn set(mut self, name: &str, value: impl Into<Vec<u8>>) -> Self {
        match self.position(name) {
            Some(i) => self.headers[i].1 = value.into(),
            None => self.headers.push((name.to_owned(), value.into())),
        }
        self
    }

    /// Adds another `name` header after the existing ones.
    pub fn add(mut self, name: &str, value: impl Into<Vec<u8>>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn remove(mut self, name: &str) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    /// Swaps the body (after signing), fixing Content-Length.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        let length = self.body.len().to_string();
        self.set("Content-Length", length)
    }

    /// Swaps the bytes after the head, leaving the headers alone (e.g. a chunked body).
    pub fn raw_body(mut self, bytes: Vec<u8>) -> Self {
        self.body = bytes;
        self
    }

    pub fn method(mut self, method: &str) -> Self {
        self.method = method.into();
        self
    }

    pub fn target(mut self, target: impl Into<Vec<u8>>) -> Self {
        self.target = target.into();
        self
    }

    /// The bytes sent: request line, headers, `Connection: close`, body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 512);
        out.extend_from_slice(self.method.as_bytes());
        out.push(b' ');
        out.extend_from_slice(&self.target);
        out.extend_from_slice(b" HTTP/1.1\r\n");
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"Connection: close\r\n\r\n");
        out.extend_from_slice(&self.body);
        out
    }
}

/// A reply as read from the socket.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The parsed JSON body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "reply body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// `Response.Error.Code`, or `OK` for a success.
    pub fn code(&self) -> String {
        self.json()["Response"]["Error"]["Code"]
            .as_str()
            .map_or_else(|| "OK".to_owned(), str::to_owned)
    }
}

/// Sends `request` bytes on a new connection and reads the reply until the server closes it.
pub async fn exchange_bytes(addr: SocketAddr, request: &[u8]) -> RawReply {
    let run = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        // A server that answers before reading the whole body may reset the connection while
        // we are still writing; the reply is read either way.
        let _ = stream.write_all(request).await;
        let mut raw = Vec::new();
        let mut buffer = vec![0u8; 16 * 1024];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) => break,
                Ok(n) => raw.extend_from_slice(&buffer[..n]),
                // A reset after the reply arrived (unread request body) still leaves the reply.
                Err(e) if !raw.is_empty() => {
                    let _ = e;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok::<_, std::io::Error>(raw)
    };
    let raw = tokio::time::timeout(REPLY_BOUND, run)
        .await
        .expect("the server replies within the bound")
        .expect("the exchange completes");
    parse_reply(&raw)
}

pub async fn exchange(addr: SocketAddr, request: &Wire) -> RawReply {
    exchange_bytes(addr, &request.to_bytes()).await
}

fn parse_reply(raw: &[u8]) -> RawReply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    RawReply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        raw = &raw[line_end + 2..];
        if size == 0 || raw.len() < size {
            break;
        }
        body.extend_from_slice(&raw[..size]);
        raw = raw.get(size + 2..).unwrap_or_default();
    }
    body
}
