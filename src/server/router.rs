//! From raw request to reply: method and size checks, TC3 verification, routing by the
//! credential-scope service, `X-TC-Version` and `X-TC-Action` through the action table,
//! parameter validation, the handler, the audit record and the access-log line. Every reply is
//! HTTP 200 with `Content-Type: application/json` and a `RequestId`.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::response::Response;
use futures::StreamExt as _;
use tokio::sync::{Semaphore, SemaphorePermit};

use super::attempts::Verdict;
use super::auth;
use super::error::{Code, ServerError, echo, error_envelope, success_envelope};
use super::handlers;
use super::ids;
use super::listener::Connection;
use super::params::{self, Input};
use super::replay::{Binding, Refusal};
use super::request::{self, RequestMeta};
use super::state::ServerState;
use super::store::StoredKey;
use crate::cam::model::Service;
use crate::cam::signer::Authorization;
use crate::cam::transport::Language;

/// Bodies over 1 MiB are refused (`RequestSizeLimitExceeded`).
pub const MAX_BODY: usize = 1024 * 1024;
/// An oversized body is read and dropped up to this size so the client still gets the answer;
/// beyond it the connection is cut.
const DRAIN_LIMIT: usize = 16 * MAX_BODY;

/// The whole API on one route: every path and method lands in `handle`.
pub fn router(state: Arc<ServerState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// What the access log says about a request. Never a secret.
#[derive(Default)]
struct AccessLog {
    action: String,
    secret_id: String,
}

impl AccessLog {
    /// The request's line. What the client sent is written quoted and escaped (`?`), so a
    /// value holding spaces, quotes or `code=OK` cannot pose as another field or line.
    fn write(&self, code: &str, latency_us: u64, peer: &str, request_id: &str) {
        tracing::info!(
            target: "camtui::access",
            action = ?self.action,
            secret_id = ?self.secret_id,
            code,
            latency_us,
            peer,
            request_id,
        );
    }
}

async fn handle(
    axum::extract::State(state): axum::extract::State<Arc<ServerState>>,
    request: Request,
) -> Response {
    let started = Instant::now();
    let request_id = ids::random_uuid().to_string();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let (parts, body) = request.into_parts();
    let language = header_text(&parts.headers, "x-tc-language")
        .and_then(Language::from_tag)
        .unwrap_or_default();
    let mut log = AccessLog::default();
    let result = process(&state, &parts, body, &peer, &request_id, &mut log).await;
    let (bytes, code) = match &result {
        Ok(body) => (success_envelope(body, &request_id), "OK"),
        Err(error) => {
            if error.code() == Code::InternalError {
                tracing::error!(%request_id, action = %log.action, %error, "internal error");
            }
            (
                error_envelope(error, &request_id, language),
                error.code().as_str(),
            )
        }
    };
    log.write(
        code,
        started.elapsed().as_micros() as u64,
        &peer,
        &request_id,
    );
    let mut response = Response::new(Body::from(bytes));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A header that is present but not visible ASCII, as printable text for a message: it names
/// something that does not exist rather than nothing.
fn unreadable_header(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?;
    value
        .to_str()
        .is_err()
        .then(|| echo(&String::from_utf8_lossy(value.as_bytes())))
}

/// Headers a request may carry once. With two copies, this server and anything in front of it
/// (a proxy, a log) could each act on a different one, so such a request is refused.
fn check_single_headers(headers: &HeaderMap) -> Result<(), ServerError> {
    let repeated = headers.keys().find(|name| {
        let text = name.as_str();
        let single =
            matches!(text, "authorization" | "host" | "content-type") || text.starts_with("x-tc-");
        single && headers.get_all(*name).iter().nth(1).is_some()
    });
    match repeated {
        None => Ok(()),
        Some(name) if *name == AUTHORIZATION => Err(ServerError::new(
            Code::InvalidAuthorization,
            "The request has more than one Authorization header.",
        )),
        Some(name) => Err(ServerError::new(
            Code::InvalidParameter,
            format!("The header {name} is given more than once."),
        )),
    }
}

async fn process(
    state: &Arc<ServerState>,
    parts: &Parts,
    body: Body,
    peer: &str,
    request_id: &str,
    log: &mut AccessLog,
) -> Result<Vec<u8>, ServerError> {
    let now = chrono::Utc::now();
    let headers = &parts.headers;
    log.action = echo(header_text(headers, "x-tc-action").unwrap_or("-"));
    // The credential is read first: from here on every request naming a known (or recently
    // deleted) key is audited, whatever its fate and however early it is refused.
    let claim = auth::claim(headers);
    if let Some(claim) = &claim {
        log.secret_id = echo(claim.secret_id);
    }
    // Another process may have changed the keys since the last request.
    state.directory.catch_up(&state.store)?;
    let owner =
        claim.and_then(|claim| Some((claim, state.directory.audited_owner(claim.secret_id)?)));
    let (key, mut meta) = match owner {
        None => (None, None),
        Some((claim, (key, caller))) => (
            key,
            Some(RequestMeta {
                request_id: request_id.to_owned(),
                now: now.timestamp(),
                action: log.action.clone(),
                service: echo(claim.service),
                mutates: false,
                source_ip: peer.to_owned(),
                region: echo(header_text(headers, "x-tc-region").unwrap_or_default()),
                http_method: echo(parts.method.as_str()),
                user_agent: echo(
                    header_text(headers, "x-tc-requestclient")
                        .or_else(|| header_text(headers, USER_AGENT.as_str()))
                        .unwrap_or_default(),
                ),
                resource_name: String::new(),
                secret_id: claim.secret_id.to_owned(),
                caller,
                authenticated: false,
            }),
        ),
    };
    let result = admit(state, parts, body, key, now, &mut meta).await;
    if let Some(meta) = meta {
        audit(state, meta, result.as_ref().err()).await?;
    }
    result
}

/// Leaves the audit record of a request naming a known key.
async fn audit(
    state: &ServerState,
    meta: RequestMeta,
    error: Option<&ServerError>,
) -> Result<(), ServerError> {
    let Some(error) = error else {
        // A successful mutation committed its own record in its transaction; a successful
        // read is batched (a crash may lose the last few).
        if !meta.mutates {
            state.audit.record(meta.into_record(None));
        }
        return Ok(());
    };
    // Anyone who knows the SecretId can send unauthenticated ones: recorded at a bounded rate.
    let verdict = (!meta.authenticated).then(|| {
        state
            .attempts
            .admit(&meta.secret_id, &meta.source_ip, Instant::now())
    });
    let mut record = meta.into_record(Some(error));
    match verdict {
        Some(Verdict::Skip) => return Ok(()),
        Some(Verdict::Record { unrecorded }) if unrecorded > 0 => {
            let _ = write!(
                record.api_error_message,
                " ({unrecorded} earlier unauthenticated attempts with this SecretId from this address were not recorded one by one.)"
            );
        }
        _ => {}
    }
    // A refusal, authenticated or not: on the record before it is answered.
    Ok(state.audit.record_durable(record).await?)
}

/// Spec §2.1 steps 1–2 (the method, headers given once, the body, the Authorization header),
/// then the [`Call`].
async fn admit(
    state: &Arc<ServerState>,
    parts: &Parts,
    body: Body,
    key: Option<Arc<StoredKey>>,
    now: chrono::DateTime<chrono::Utc>,
    meta: &mut Option<RequestMeta>,
) -> Result<Vec<u8>, ServerError> {
    let headers = &parts.headers;
    let method = match parts.method {
        Method::GET => "GET",
        Method::POST => "POST",
        _ => {
            return Err(ServerError::new(
                Code::UnsupportedProtocol,
                "Only GET and POST are supported.",
            ));
        }
    };
    check_single_headers(headers)?;
    // A body that stalls is ended with its connection (`listener`).
    let (body, _budget) = read_body(headers, body, &state.body_budget).await?;
    let authorization = auth::parse(headers)?;
    let call = Call {
        state,
        parts,
        method,
        body: &body,
        authorization: &authorization,
        key,
        now_ms: now.timestamp_millis(),
    };
    call.run(meta).await
}

/// Reads the body, refusing more than [`MAX_BODY`] bytes. What it buffers it takes from
/// `budget` (kibibytes shared by every request not yet authenticated), waiting if it must; the
/// permit is held until the request is done.
async fn read_body<'b>(
    headers: &HeaderMap,
    body: Body,
    budget: &'b Semaphore,
) -> Result<(Bytes, Option<SemaphorePermit<'b>>), ServerError> {
    let too_large = || {
        ServerError::new(
            Code::RequestSizeLimitExceeded,
            format!("The request body exceeds {MAX_BODY} bytes."),
        )
    };
    let declared =
        header_text(headers, CONTENT_LENGTH.as_str()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > DRAIN_LIMIT as u64) {
        return Err(too_large());
    }
    let mut stream = body.into_data_stream();
    let mut buffer = Vec::new();
    let mut held: Option<SemaphorePermit<'b>> = None;
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ServerError::new(
                Code::InvalidParameter,
                format!("The request body could not be read: {e}."),
            )
        })?;
        total += chunk.len();
        if total > DRAIN_LIMIT {
            return Err(too_large());
        }
        if total <= MAX_BODY {
            let held_kib = held.as_ref().map_or(0, SemaphorePermit::num_permits);
            let more = total.div_ceil(1024).saturating_sub(held_kib);
            if more > 0 {
                let permit = budget
                    .acquire_many(more as u32)
                    .await
                    .map_err(|_| ServerError::Bug("the body budget was closed"))?;
                match &mut held {
                    Some(held) => held.merge(permit),
                    None => held = Some(permit),
                }
            }
            buffer.extend_from_slice(&chunk);
        }
    }
    if total > MAX_BODY {
        return Err(too_large());
    }
    Ok((Bytes::from(buffer), held))
}

/// A regional service needs `X-TC-Region`, one of its regions (CloudAudit's documentation: "Region
/// — Yes"); a global one (CAM) takes whatever it is given.
fn check_region(service: Service, headers: &HeaderMap) -> Result<(), ServerError> {
    let Some(regions) = service.regions() else {
        return Ok(());
    };
    match header_text(headers, "x-tc-region") {
        None => Err(ServerError::new(
            Code::MissingParameter,
            "The request is missing a required parameter `Region`.",
        )),
        Some(region) if regions.contains(&region) => Ok(()),
        Some(region) => Err(ServerError::new(
            Code::UnsupportedRegion,
            format!(
                "{service} does not answer in the region `{}`; it does in {}.",
                echo(region),
                regions.join(", ")
            ),
        )),
    }
}

/// A request whose Authorization header parsed, on its way through verification to a handler.
struct Call<'a> {
    state: &'a Arc<ServerState>,
    parts: &'a Parts,
    method: &'static str,
    body: &'a [u8],
    authorization: &'a Authorization<'a>,
    /// The key the request names, if it exists (enabled or not).
    key: Option<Arc<StoredKey>>,
    now_ms: i64,
}

impl Call<'_> {
    /// Binds the verified signature to this request, or refuses it (see [`replay`]).
    fn admit_signature(&self, timestamp: i64, mutates: bool) -> Result<(), ServerError> {
        let headers = &self.parts.headers;
        let raw = |name: &str| headers.get(name).map_or(&[][..], HeaderValue::as_bytes);
        let ledger = &self.state.signatures;
        let digest = ledger.digest(&Binding {
            secret_id: self.authorization.secret_id,
            action: raw("x-tc-action"),
            version: raw("x-tc-version"),
            region: raw("x-tc-region"),
            body: self.body,
        });
        let now = self.now_ms / 1000;
        ledger
            .admit(&self.authorization.signature, timestamp, digest, mutates, now)
            .map_err(|refusal| match refusal {
                Refusal::Rebound => ServerError::new(
                    Code::SignatureFailure,
                    "This signature was first used for another request (action, version, region or body): a signature is good for one request.",
                ),
                Refusal::Spent => ServerError::new(
                    Code::SignatureFailure,
                    "This signature was already used, for a change or for another request: sign each request anew.",
                ),
                Refusal::Forgotten => ServerError::new(
                    Code::SignatureExpire,
                    "The request was signed too long ago for this server to tell whether its signature was used: sign it again.",
                ),
            })
    }

    /// Spec §2.1 steps 3–9, in order.
    async fn run(&self, meta: &mut Option<RequestMeta>) -> Result<Vec<u8>, ServerError> {
        let headers = &self.parts.headers;
        let service = Service::from_name(self.authorization.service).ok_or_else(|| {
            ServerError::new(
                Code::NoSuchProduct,
                format!(
                    "The credential scope names the service {}, which this server does not provide.",
                    echo(self.authorization.service)
                ),
            )
        })?;
        let no_such_action = |action: &str| {
            ServerError::new(
                Code::InvalidAction,
                format!("The action {} does not exist for {service}.", echo(action)),
            )
        };
        let action =
            header_text(headers, "x-tc-action").ok_or_else(|| {
                match unreadable_header(headers, "x-tc-action") {
                    Some(text) => no_such_action(&text),
                    None => ServerError::new(
                        Code::MissingParameter,
                        "The header X-TC-Action is missing.",
                    ),
                }
            })?;
        let spec = handlers::find(service, action).ok_or_else(|| no_such_action(action))?;
        if let Some(meta) = meta.as_mut() {
            meta.mutates = spec.mutates;
        }
        let no_such_version = |version: &str| {
            ServerError::new(
                Code::NoSuchVersion,
                format!(
                    "The version {} does not exist for {service}; use {}.",
                    echo(version),
                    service.version()
                ),
            )
        };
        let version =
            header_text(headers, "x-tc-version").ok_or_else(|| {
                match unreadable_header(headers, "x-tc-version") {
                    Some(text) => no_such_version(&text),
                    None => ServerError::new(
                        Code::MissingParameter,
                        "The header X-TC-Version is missing.",
                    ),
                }
            })?;
        if version != service.version() {
            return Err(no_such_version(version));
        }
        check_region(service, headers)?;
        let timestamp = auth::check_timestamp(headers, self.authorization, self.now_ms / 1000)?;
        auth::check_secret_id_shape(self.authorization.secret_id)?;
        let key = self
            .key
            .as_ref()
            .filter(|key| key.active)
            .ok_or_else(ServerError::secret_id_not_found)?;
        if self.state.require_signed_action
            && !self
                .authorization
                .signed_header_names()
                .any(|name| name == "x-tc-action")
        {
            return Err(ServerError::new(
                Code::InvalidAuthorization,
                "This server requires X-TC-Action among the SignedHeaders (content-type;host;x-tc-action).",
            ));
        }
        let query = self.parts.uri.query().unwrap_or("");
        auth::verify(
            self.authorization,
            key.secret_key.expose(),
            timestamp,
            auth::Signed {
                method: self.method,
                query,
                headers,
                body: self.body,
            },
        )?;
        self.admit_signature(timestamp, spec.mutates)?;
        if headers.contains_key("x-tc-token") {
            return Err(ServerError::new(
                Code::TokenFailure,
                "This server issues no temporary credentials; the token is not valid.",
            ));
        }
        let Some(meta) = meta.as_mut() else {
            return Err(ServerError::Bug("an authenticated request has no caller"));
        };
        meta.authenticated = true;
        // Authenticated: its connection is not closed to make room while it is served.
        let _serving = self
            .parts
            .extensions
            .get::<Arc<Connection>>()
            .map(Connection::serve);

        if !spec.access.permits(&meta.caller) {
            return Err(ServerError::unauthorized(spec.name));
        }
        if let Some(limits) = &self.state.limits {
            limits.admit(service, spec.name, tokio::time::Instant::now())?;
        }
        let input = if self.method == "GET" {
            Input::Query(query)
        } else {
            Input::Json(self.body)
        };
        let params = params::normalize(&spec.fields, input)?;
        meta.resource_name = echo(&request::resource_name(&params));

        if spec.inline {
            return spec.run(&self.state.context(meta), params);
        }
        let state = Arc::clone(self.state);
        let meta = meta.clone();
        let run = move || spec.run(&state.context(&meta), params);
        if spec.mutates {
            return self
                .state
                .mutations
                .run(run)
                .await
                .ok_or(ServerError::Bug("a mutation panicked"))?;
        }
        tokio::task::spawn_blocking(run)
            .await
            .map_err(ServerError::Task)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    // Regression (bad-input matrix): a second Authorization, Host or X-TC-* header was ignored,
    // so a request whose first copy was valid went through whatever the second said.
    #[test]
    fn repeated_single_headers_are_refused() {
        let code = |pairs: &[(&'static str, &[u8])]| {
            check_single_headers(&headers(pairs)).map_err(|e| e.code())
        };
        assert_eq!(
            code(&[("authorization", b"a"), ("authorization", b"b")]),
            Err(Code::InvalidAuthorization)
        );
        for name in [
            "host",
            "content-type",
            "x-tc-action",
            "x-tc-timestamp",
            "x-tc-region",
        ] {
            assert_eq!(
                code(&[(name, b"a"), (name, b"a")]),
                Err(Code::InvalidParameter),
                "{name}"
            );
        }
        assert_eq!(
            code(&[
                ("authorization", b"a"),
                ("host", b"h"),
                ("accept", b"x"),
                ("accept", b"y")
            ]),
            Ok(())
        );
    }

    // Regression (bad-input matrix): an X-TC-Action of non-ASCII bytes was "missing".
    #[test]
    fn unreadable_headers_are_named_not_missing() {
        let map = headers(&[("x-tc-action", b"Create\xffKey"), ("x-tc-version", b"v")]);
        assert_eq!(
            unreadable_header(&map, "x-tc-action").as_deref(),
            Some("Create\u{fffd}Key")
        );
        assert_eq!(unreadable_header(&map, "x-tc-version"), None);
        assert_eq!(unreadable_header(&map, "x-tc-region"), None);
    }
}
