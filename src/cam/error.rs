//! Errors a call can end with: the API's own (`Code`, `Message`, `RequestId`) or the transport's.

use std::fmt;

/// An error the API answered with, inside a well-formed envelope.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct ApiError {
    #[serde(rename = "Code")]
    pub code: String,
    #[serde(rename = "Message")]
    pub message: String,
    #[serde(skip)]
    pub request_id: String,
}

impl ApiError {
    /// Whether a read may be retried: the SDK's `StandardRetryer` codes (spec §6.4).
    pub fn is_rate_limit(&self) -> bool {
        self.code.starts_with("RequestLimitExceeded")
    }

    /// The request was not authenticated — so nothing it asked for was done.
    pub fn is_signature_failure(&self) -> bool {
        self.code == "AuthFailure.SignatureFailure"
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (RequestId {})",
            self.code, self.message, self.request_id
        )
    }
}

impl std::error::Error for ApiError {}

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("{0}")]
    Api(ApiError),
    #[error("could not reach {url}: {cause}")]
    Network { url: String, cause: NetworkCause },
    #[error("{url} did not answer within {seconds} s")]
    Timeout { url: String, seconds: u64 },
    /// A write went out but no answer came back (the connection dropped or timed out): it may
    /// have been applied, so it must not be repeated blindly.
    #[error(
        "{url} gave no answer to {action} ({reason}); the change may have been applied: check before repeating it"
    )]
    Unconfirmed {
        url: String,
        action: String,
        reason: String,
    },
    #[error("{url} answered HTTP {status}, not an API response: {body}")]
    HttpStatus {
        url: String,
        status: u16,
        body: String,
    },
    #[error("{url} answered something that is not a Tencent Cloud API response ({reason}): {body}")]
    Envelope {
        url: String,
        reason: String,
        body: String,
    },
    #[error("could not encode the request: {0}")]
    Encode(String),
}

impl CallError {
    /// The API's error, if that is what this is.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The API error code, or a client-side code in the SDK's vocabulary (spec §6.3).
    pub fn code(&self) -> &str {
        match self {
            Self::Api(e) => &e.code,
            Self::Network { .. } | Self::Timeout { .. } | Self::Unconfirmed { .. } => {
                "ClientNetworkError"
            }
            Self::HttpStatus { .. } | Self::Envelope { .. } => "ServerNetworkError",
            Self::Encode(_) => "ClientParamsError",
        }
    }

    /// Whether a read may be retried (network trouble or rate limiting; never for writes).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(e) => e.is_rate_limit(),
            Self::Network { .. } | Self::Timeout { .. } | Self::HttpStatus { .. } => true,
            Self::Envelope { .. } | Self::Encode(_) | Self::Unconfirmed { .. } => false,
        }
    }
}

/// Why a server could not be reached, in the words a person acts on (not the HTTP stack's
/// chain of errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkCause {
    #[error("connection refused")]
    Refused,
    #[error("the connection was reset")]
    Reset,
    #[error("the host name does not resolve")]
    Unresolved,
    #[error("TLS: {0}")]
    Tls(String),
    #[error("{0}")]
    Other(String),
}

impl From<ApiError> for CallError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}
