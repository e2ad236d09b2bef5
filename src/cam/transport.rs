//! Sends signed requests over HTTP and decodes the envelope. Owns the endpoint rules (public cloud
//! per service, one custom base URL for every service, or a custom URL per service), the headers
//! of spec §1.1 (the region each service needs), timeouts, retries of reads, and the record of
//! every call for the API-call log.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::credential::Credential;
use super::error::{ApiError, CallError, NetworkCause};
use super::model::Service;
use super::pace::Pace;
use super::signer;

pub const REQUEST_CLIENT: &str = concat!("camtui/", env!("CARGO_PKG_VERSION"));
const CONTENT_TYPE_JSON: &str = "application/json";
/// The most attempts a read makes (the SDK's `StandardRetryer` default).
pub const MAX_ATTEMPTS: u32 = 3;

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// `https://<service>.tencentcloudapi.com`, or `<service>.intl.tencentcloudapi.com`.
    Public { intl: bool },
    /// One base URL (`http://host:port` or `https://…`) that serves every service.
    Custom(reqwest::Url),
    /// A URL per service, as private deployments lay them out: the template's `{service}` stands
    /// for the service's name (`https://{service}.api.example.internal`).
    PerService(String),
}

/// What stands for the service's name in a per-service endpoint.
const SERVICE_PLACEHOLDER: &str = "{service}";

impl Endpoint {
    /// Parses `http://host:port`, `https://host`, or a bare `host[:port]` (→ https); with
    /// `{service}` in it, a template of one URL per service.
    pub fn custom(text: &str) -> Result<Self, EndpointError> {
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("https://{text}")
        };
        if !with_scheme.contains(SERVICE_PLACEHOLDER) {
            return parse_base_url(&with_scheme, text).map(Self::Custom);
        }
        // Every service's URL must be a good one, so `url` cannot fail later.
        for service in Service::ALL {
            parse_base_url(
                &with_scheme.replace(SERVICE_PLACEHOLDER, service.name()),
                text,
            )?;
        }
        Ok(Self::PerService(with_scheme))
    }

    /// The URL a request for `service` is sent to.
    pub fn url(&self, service: Service) -> reqwest::Url {
        match self {
            Self::Public { intl } => {
                let domain = if *intl {
                    "intl.tencentcloudapi.com"
                } else {
                    "tencentcloudapi.com"
                };
                reqwest::Url::parse(&format!("https://{}.{domain}/", service.name()))
                    .expect("a well-formed public endpoint")
            }
            Self::Custom(url) => url.clone(),
            Self::PerService(template) => {
                reqwest::Url::parse(&template.replace(SERVICE_PLACEHOLDER, service.name()))
                    .expect("checked for every service when parsed")
            }
        }
    }

    /// Whether every service is reached over plain http.
    fn plain_http(&self) -> bool {
        Service::ALL.iter().all(|s| self.url(*s).scheme() == "http")
    }

    /// Whether every service is on this machine.
    fn loopback(&self) -> bool {
        Service::ALL.iter().all(|s| {
            matches!(
                self.url(*s).host_str(),
                Some("127.0.0.1" | "localhost" | "[::1]")
            )
        })
    }

    /// The `Host` header (and signed host) for a URL: `host[:port]`, port only when not default.
    pub fn host_header(url: &reqwest::Url) -> String {
        let host = url.host_str().unwrap_or_default();
        match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }
}

fn parse_base_url(url: &str, endpoint: &str) -> Result<reqwest::Url, EndpointError> {
    let error = |reason: String| EndpointError {
        endpoint: endpoint.to_owned(),
        reason,
    };
    let url = reqwest::Url::parse(url).map_err(|e| error(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(error(
            "expected http://host[:port] or https://host[:port], {service} standing for the service's name if each has its own".into(),
        ));
    }
    Ok(url)
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Public { intl: false } => f.write_str("https://<service>.tencentcloudapi.com"),
            Self::Public { intl: true } => {
                f.write_str("https://<service>.intl.tencentcloudapi.com")
            }
            Self::Custom(url) => f.write_str(url.as_str().trim_end_matches('/')),
            Self::PerService(template) => f.write_str(template.trim_end_matches('/')),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid endpoint {endpoint:?}: {reason}")]
pub struct EndpointError {
    pub endpoint: String,
    pub reason: String,
}

/// The language of the API's messages, sent as `X-TC-Language`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    EnUs,
    ZhCn,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::EnUs, Language::ZhCn];

    /// `en-US` or `zh-CN`: the header's value, and how flags and config files write it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::EnUs => "en-US",
            Self::ZhCn => "zh-CN",
        }
    }

    /// A tag in any letter case.
    pub fn from_tag(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(text))
    }
}

/// Everything needed to build a [`Transport`].
#[derive(Debug, Clone)]
pub struct TransportConfig {
    pub endpoint: Endpoint,
    /// The configured region. CAM gets it as is, if any; CloudAudit gets it when it answers
    /// there, else `ap-guangzhou` ([`Service::region`]).
    pub region: Option<String>,
    pub language: Language,
    /// An extra CA certificate (PEM) to trust, for private deployments.
    pub ca_cert: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Base delay between read retries; doubles each attempt.
    pub retry_backoff: Duration,
    /// Base delay before retrying a read refused with `RequestLimitExceeded`; doubles each
    /// attempt. The documented limits count requests a second, so by default a second: less
    /// would meet the same full window again (the SDK's `StandardRetryer` waits 1 s, then 2 s).
    pub rate_limit_backoff: Duration,
}

impl TransportConfig {
    pub fn new(endpoint: Endpoint) -> Self {
        Self {
            endpoint,
            region: None,
            language: Language::EnUs,
            ca_cert: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            retry_backoff: Duration::from_millis(250),
            rate_limit_backoff: Duration::from_secs(1),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("cannot read CA certificate {path}: {reason}")]
    CaCert { path: PathBuf, reason: String },
    #[error("cannot build the HTTP client: {0}")]
    Build(String),
}

/// One call as the API-call log shows it. Never holds a secret.
#[derive(Debug, Clone)]
pub struct CallRecord {
    pub at: chrono::DateTime<chrono::Utc>,
    pub service: Service,
    pub action: String,
    pub url: String,
    /// A short description of what the call was about (a UIN, a SecretId).
    pub target: String,
    pub latency: Duration,
    pub attempts: u32,
    pub http_status: Option<u16>,
    pub request_id: Option<String>,
    /// `"OK"` or the error code.
    pub result: String,
}

pub type CallObserver = Arc<dyn Fn(CallRecord) + Send + Sync>;

/// The second a change is signed for: `now`, unless this process already signed the same change
/// (key, service, action, body) for it — the two would carry one signature, and a server that
/// binds signatures to their first request (`camtui serve`) refuses the second as a replay. A
/// repeat gets the latest earlier second not yet used for it, within the last
/// [`CHANGE_SPREAD`] seconds (well inside the ±300 s the API accepts), so parallel identical
/// changes are each sent at once with a signature of their own.
fn change_stamp(secret_id: &str, spec: &CallSpec<'_>, now: i64) -> i64 {
    static STAMPS: std::sync::Mutex<std::collections::BTreeMap<[u8; 32], Vec<i64>>> =
        std::sync::Mutex::new(std::collections::BTreeMap::new());
    let change: [u8; 32] = {
        use sha2::Digest as _;
        let mut hash = sha2::Sha256::new();
        for part in [
            secret_id.as_bytes(),
            spec.service.name().as_bytes(),
            spec.action.as_bytes(),
        ] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        hash.update(&spec.body);
        hash.finalize().into()
    };
    let oldest = now - CHANGE_SPREAD;
    let mut stamps = STAMPS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    stamps.retain(|_, used| {
        used.retain(|stamp| *stamp >= oldest);
        !used.is_empty()
    });
    let used = stamps.entry(change).or_default();
    // Past the spread (hundreds of the same change within seconds) it is `now` again, and the
    // server decides.
    let stamp = (oldest..=now)
        .rev()
        .find(|stamp| !used.contains(stamp))
        .unwrap_or(now);
    used.push(stamp);
    stamp
}

/// How far back a repeated change may be stamped (the API accepts ±300 s of clock skew).
const CHANGE_SPREAD: i64 = 240;

/// A signing HTTP transport bound to one endpoint and one credential.
#[derive(Clone)]
pub struct Transport {
    http: reqwest::Client,
    config: TransportConfig,
    credential: Credential,
    observer: Option<CallObserver>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("endpoint", &self.config.endpoint)
            .field("secret_id", &self.credential.secret_id)
            .finish_non_exhaustive()
    }
}

/// What a call sends besides the action name.
pub struct CallSpec<'a> {
    pub service: Service,
    pub action: &'a str,
    pub body: Vec<u8>,
    pub mutates: bool,
    pub target: &'a str,
    /// A walk's pace, which every attempt waits for — a retry after `RequestLimitExceeded` too,
    /// or it would arrive on top of the walk's own calls and be refused in turn.
    pub pace: Option<&'a Pace>,
}

fn install_crypto_provider() {
    // reqwest is built without a default provider; ring is the one we compile in.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Transport {
    pub fn new(config: TransportConfig, credential: Credential) -> Result<Self, TransportError> {
        install_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .tcp_nodelay(true)
            // Shorter than the idle timeout of the servers it talks to (camtui serve closes a
            // connection idle 20 s), so a request is never sent on one being closed.
            .pool_idle_timeout(Duration::from_secs(15))
            .no_proxy_for_loopback(&config.endpoint);
        if config.endpoint.plain_http() {
            // A plain-http endpoint never needs the system's CA roots; loading them reads hundreds
            // of files, a few milliseconds of every `camtui keys list` against the sandbox or a
            // private http deployment. A redirect to https then fails closed, as it should.
            builder = builder.tls_certs_only([]);
        }
        if let Some(path) = &config.ca_cert {
            let pem = std::fs::read(path).map_err(|e| TransportError::CaCert {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            let cert =
                reqwest::Certificate::from_pem(&pem).map_err(|e| TransportError::CaCert {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            builder = builder.tls_certs_merge([cert]);
        }
        let http = builder
            .build()
            .map_err(|e| TransportError::Build(e.to_string()))?;
        Ok(Self {
            http,
            config,
            credential,
            observer: None,
        })
    }

    #[must_use]
    pub fn with_observer(mut self, observer: CallObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.config.endpoint
    }

    /// The language the API is asked to answer in.
    pub fn language(&self) -> Language {
        self.config.language
    }

    /// The same connection pool, settings and observer, signing with `credential`.
    #[must_use]
    pub fn with_credential(&self, credential: Credential) -> Self {
        Self {
            credential,
            ..self.clone()
        }
    }

    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// Sends one action with a JSON body, retrying reads on network errors and rate limiting,
    /// and returns the `Response` object (without `RequestId`) and the RequestId.
    pub async fn call(&self, spec: CallSpec<'_>) -> Result<Reply, CallError> {
        let url = self.config.endpoint.url(spec.service);
        let started = Instant::now();
        let at = chrono::Utc::now();
        let max_attempts = if spec.mutates { 1 } else { MAX_ATTEMPTS };
        let mut attempt = 0;
        let (result, http_status) = loop {
            attempt += 1;
            if let Some(pace) = spec.pace {
                pace.ready().await;
            }
            let (result, status) = self.send_once(&url, &spec).await;
            match &result {
                // A change refused for its signature was not applied. Another process may have
                // sent the same change in the same second — the same signature, which a server
                // that accepts a change's signature once refuses — so it is signed again with
                // another second ([`change_stamp`]) and sent once more.
                Err(e)
                    if spec.mutates
                        && attempt == 1
                        && e.api().is_some_and(ApiError::is_signature_failure) =>
                {
                    tracing::debug!(
                        action = spec.action,
                        "re-signing a change refused for its signature"
                    );
                }
                Err(e) if e.is_retryable() && attempt < max_attempts => {
                    tracing::debug!(action = spec.action, attempt, error = %e, "retrying read");
                    let base = if e.api().is_some_and(ApiError::is_rate_limit) {
                        self.config.rate_limit_backoff
                    } else {
                        self.config.retry_backoff
                    };
                    tokio::time::sleep(base * 2u32.pow(attempt - 1)).await;
                }
                _ => break (result, status),
            }
        };
        if let Some(observer) = &self.observer {
            observer(CallRecord {
                at,
                service: spec.service,
                action: spec.action.to_owned(),
                url: url.to_string(),
                target: spec.target.to_owned(),
                latency: started.elapsed(),
                attempts: attempt,
                http_status,
                request_id: match &result {
                    Ok(reply) => Some(reply.request_id.clone()),
                    Err(CallError::Api(e)) => Some(e.request_id.clone()),
                    Err(_) => None,
                },
                result: match &result {
                    Ok(_) => "OK".to_owned(),
                    Err(e) => e.code().to_owned(),
                },
            });
        }
        tracing::info!(
            service = %spec.service,
            action = spec.action,
            latency_ms = started.elapsed().as_millis() as u64,
            attempts = attempt,
            result = match &result { Ok(_) => "OK", Err(e) => e.code() },
            "call"
        );
        result
    }

    async fn send_once(
        &self,
        url: &reqwest::Url,
        spec: &CallSpec<'_>,
    ) -> (Result<Reply, CallError>, Option<u16>) {
        let host = Endpoint::host_header(url);
        let now = chrono::Utc::now().timestamp();
        let timestamp = if spec.mutates {
            change_stamp(&self.credential.secret_id, spec, now)
        } else {
            now
        };
        // X-TC-Action is signed too (lower-cased, as the documentation's example does), so a
        // captured request cannot be resent as another action.
        let action = spec.action.to_ascii_lowercase();
        let authorization = signer::sign(
            &self.credential.secret_id,
            self.credential.secret_key.expose(),
            spec.service.name(),
            timestamp,
            &signer::Request {
                method: "POST",
                query: "",
                headers: &[
                    ("content-type", CONTENT_TYPE_JSON),
                    ("host", &host),
                    ("x-tc-action", &action),
                ],
                payload: signer::Payload::Body(&spec.body),
            },
        );
        let mut request = self
            .http
            .post(url.clone())
            .header("Authorization", authorization)
            .header("Content-Type", CONTENT_TYPE_JSON)
            .header("Host", &host)
            .header("X-TC-Action", spec.action)
            .header("X-TC-Version", spec.service.version())
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("X-TC-Language", self.config.language.tag())
            .header("X-TC-RequestClient", REQUEST_CLIENT)
            .body(spec.body.clone());
        if let Some(region) = spec.service.region(self.config.region.as_deref()) {
            request = request.header("X-TC-Region", region);
        }
        if let Some(token) = &self.credential.token {
            request = request.header("X-TC-Token", token.expose());
        }
        let url_text = url.as_str().trim_end_matches('/').to_owned();
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => return (Err(self.network_error(&url_text, &e, spec)), None),
        };
        let status = response.status().as_u16();
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return (Err(self.network_error(&url_text, &e, spec)), Some(status)),
        };
        if status != 200 {
            return (
                Err(CallError::HttpStatus {
                    url: url_text,
                    status,
                    body: excerpt(&bytes),
                }),
                Some(status),
            );
        }
        (decode_envelope(&url_text, &bytes), Some(status))
    }

    fn network_error(&self, url: &str, e: &reqwest::Error, spec: &CallSpec<'_>) -> CallError {
        // Past the connect, a write may have reached the server: saying it "could not reach"
        // it would invite a second, duplicate change.
        if spec.mutates && !e.is_connect() {
            return CallError::Unconfirmed {
                url: url.to_owned(),
                action: spec.action.to_owned(),
                reason: if e.is_timeout() {
                    format!("nothing within {} s", self.config.timeout.as_secs())
                } else {
                    error_chain(e)
                },
            };
        }
        if e.is_timeout() {
            CallError::Timeout {
                url: url.to_owned(),
                seconds: self.config.timeout.as_secs(),
            }
        } else {
            CallError::Network {
                url: url.to_owned(),
                cause: network_cause(e),
            }
        }
    }
}

trait NoProxyForLoopback {
    fn no_proxy_for_loopback(self, endpoint: &Endpoint) -> Self;
}

impl NoProxyForLoopback for reqwest::ClientBuilder {
    /// A proxy never serves the local server: the sandbox must work whatever `HTTP_PROXY` says.
    fn no_proxy_for_loopback(self, endpoint: &Endpoint) -> Self {
        if endpoint.loopback() {
            self.no_proxy()
        } else {
            self
        }
    }
}

/// The cause of a failed connection, named from the I/O error at the bottom of reqwest's chain
/// (the chain itself reads "error sending request for url (…): client error (Connect): tcp
/// connect error: Connection refused (os error 111)").
fn network_cause(e: &reqwest::Error) -> NetworkCause {
    let mut innermost: &dyn std::error::Error = e;
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return NetworkCause::Refused,
                std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::UnexpectedEof => return NetworkCause::Reset,
                _ => {}
            }
        }
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return NetworkCause::Tls(tls.to_string());
        }
        innermost = inner;
        source = inner.source();
    }
    let text = error_chain(e);
    if text.contains("dns error") {
        NetworkCause::Unresolved
    } else if text.contains("connection closed before message completed") {
        NetworkCause::Reset
    } else {
        NetworkCause::Other(innermost.to_string())
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        source = inner.source();
    }
    text
}

/// A successful reply: the `Response` object and its RequestId.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The `Response` object's JSON text as received (its RequestId included), decoded only into
    /// the type the caller asks for: a `serde_json::Value` tree of 50,000 users takes 40 MB more
    /// than the typed rows, and the allocator keeps that memory.
    pub response: Box<RawValue>,
    pub request_id: String,
}

impl Reply {
    /// The `Response` object as `T` (a typed response, or a `serde_json::Value`).
    pub fn decode<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.response.get())
    }
}

fn excerpt(bytes: &[u8]) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text.is_empty() {
        return "(empty body)".into();
    }
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Decodes `{"Response": {..., "RequestId": ...}}`: an `Error` inside becomes [`CallError::Api`].
pub fn decode_envelope(url: &str, bytes: &[u8]) -> Result<Reply, CallError> {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(rename = "Response")]
        response: Box<RawValue>,
    }
    /// What every `Response` object has; the rest is skipped, not built.
    #[derive(Deserialize)]
    struct Head {
        #[serde(rename = "RequestId")]
        request_id: Option<serde_json::Value>,
        #[serde(rename = "Error")]
        error: Option<serde_json::Value>,
    }
    let not_envelope = |reason: String| CallError::Envelope {
        url: url.to_owned(),
        reason,
        body: excerpt(bytes),
    };
    let Envelope { response } =
        serde_json::from_slice(bytes).map_err(|e| not_envelope(e.to_string()))?;
    let head: Head =
        serde_json::from_str(response.get()).map_err(|e| not_envelope(e.to_string()))?;
    let Some(serde_json::Value::String(request_id)) = head.request_id else {
        return Err(not_envelope("no RequestId".into()));
    };
    if let Some(error) = head.error {
        let mut error: ApiError = serde_json::from_value(error)
            .map_err(|e| not_envelope(format!("malformed Error: {e}")))?;
        error.request_id = request_id;
        return Err(CallError::Api(error));
    }
    Ok(Reply {
        response,
        request_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let public = Endpoint::Public { intl: false };
        assert_eq!(
            public.url(Service::Cam).as_str(),
            "https://cam.tencentcloudapi.com/"
        );
        let intl = Endpoint::Public { intl: true };
        assert_eq!(
            intl.url(Service::CloudAudit).as_str(),
            "https://cloudaudit.intl.tencentcloudapi.com/"
        );
        let local = Endpoint::custom("http://127.0.0.1:9000").unwrap();
        let url = local.url(Service::CloudAudit);
        assert_eq!(url.as_str(), "http://127.0.0.1:9000/");
        assert_eq!(Endpoint::host_header(&url), "127.0.0.1:9000");
        let bare = Endpoint::custom("cam.example.com").unwrap();
        assert_eq!(
            Endpoint::host_header(&bare.url(Service::Cam)),
            "cam.example.com"
        );
        assert!(Endpoint::custom("ftp://x").is_err());
        assert!(Endpoint::custom("http://").is_err());
    }

    #[test]
    fn per_service_endpoints() {
        let template = Endpoint::custom("https://{service}.api.example.internal").unwrap();
        assert_eq!(
            template.url(Service::Cam).as_str(),
            "https://cam.api.example.internal/"
        );
        assert_eq!(
            Endpoint::host_header(&template.url(Service::CloudAudit)),
            "cloudaudit.api.example.internal"
        );
        assert_eq!(
            template.to_string(),
            "https://{service}.api.example.internal"
        );
        let bare = Endpoint::custom("{service}.example.internal:8443").unwrap();
        assert_eq!(
            bare.url(Service::CloudAudit).as_str(),
            "https://cloudaudit.example.internal:8443/"
        );
        assert!(!bare.plain_http());
        let path = Endpoint::custom("http://127.0.0.1:9000/{service}").unwrap();
        assert_eq!(path.url(Service::Cam).as_str(), "http://127.0.0.1:9000/cam");
        assert!(path.plain_http() && path.loopback());
        assert!(Endpoint::custom("http://{service}:port").is_err());
        assert!(Endpoint::custom("ftp://{service}.example").is_err());
    }

    #[test]
    fn envelope_success_and_error() {
        let ok = decode_envelope(
            "u",
            br#"{"Response": {"AccessKeys": [], "RequestId": "r-1"}}"#,
        )
        .unwrap();
        assert_eq!(ok.request_id, "r-1");
        let value: serde_json::Value = ok.decode().unwrap();
        assert!(value.get("AccessKeys").is_some());

        let err = decode_envelope(
            "u",
            br#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}, "RequestId": "r-2"}}"#,
        )
        .unwrap_err();
        let api = err.api().unwrap();
        assert_eq!(
            (
                api.code.as_str(),
                api.message.as_str(),
                api.request_id.as_str()
            ),
            ("AuthFailure.SignatureFailure", "bad", "r-2")
        );
        assert_eq!(
            err.to_string(),
            "AuthFailure.SignatureFailure: bad (RequestId r-2)"
        );
    }

    #[test]
    fn envelope_garbage_is_a_transport_error() {
        for body in [
            &b"<html>502</html>"[..],
            b"{}",
            b"{\"Response\": {}}",
            b"{\"Response\": {\"Error\": 1, \"RequestId\": \"x\"}}",
        ] {
            let e = decode_envelope("http://h", body).unwrap_err();
            assert!(matches!(e, CallError::Envelope { .. }), "{e:?}");
            assert_eq!(e.code(), "ServerNetworkError");
        }
    }
}
