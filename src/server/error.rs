//! The server's one error type and the Tencent Cloud envelope it becomes (spec §6.1): every
//! refusal is a [`Code`] plus a message; anything unexpected is logged and answered `InternalError`.

use std::fmt::Write as _;

use super::vault::VaultError;

/// Every error code the server answers with (spec §7, §7.1, §8, §9, §14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    UnsupportedProtocol,
    UnsupportedRegion,
    RequestSizeLimitExceeded,
    RequestLimitExceeded,
    InvalidAuthorization,
    InvalidSecretId,
    SecretIdNotFound,
    SignatureExpire,
    SignatureFailure,
    TokenFailure,
    UnauthorizedOperation,
    MissingParameter,
    InvalidParameter,
    InvalidParameterValue,
    UnknownParameter,
    InvalidAction,
    NoSuchProduct,
    NoSuchVersion,
    InternalError,
    // CAM
    ParamError,
    PasswordViolatedRules,
    SubUserNameInUse,
    UserNameIllegal,
    InvalidParameterUserNotExist,
    ResourceUserNotExist,
    SecretNotExist,
    AccessKeyOverLimit,
    HaveKeys,
    SubUin,
    UinNotMatch,
    // CAM policies, groups and security settings
    DescriptionLengthOverlimit,
    FailedOperation,
    PolicyNameError,
    PolicyNameInUse,
    PolicyFull,
    PolicyDocumentError,
    PolicyDocumentLengthOverLimit,
    VersionError,
    StatementError,
    EffectError,
    ActionError,
    ResourceError,
    ConditionError,
    PrincipalError,
    PolicyIdError,
    PolicyIdNotExist,
    PolicyIdNotFound,
    ScopeError,
    AttachmentFull,
    GroupNameInUse,
    GroupFull,
    GroupUserFull,
    UserGroupFull,
    InvalidParameterGroupNotExist,
    ResourceGroupNotExist,
    UserUinAndUinNotAllNull,
    UserNotBindPhone,
    UserNotBindWechat,
    MfaTokenError,
    // CloudAudit
    InvalidParameterTime,
    InvalidTimeValue,
    InvalidMaxResult,
    InvalidAttributeKey,
    OverTime,
}

impl Code {
    /// Every code, for looking one up by name.
    pub const ALL: [Code; 64] = [
        Self::UnsupportedProtocol,
        Self::UnsupportedRegion,
        Self::RequestSizeLimitExceeded,
        Self::RequestLimitExceeded,
        Self::InvalidAuthorization,
        Self::InvalidSecretId,
        Self::SecretIdNotFound,
        Self::SignatureExpire,
        Self::SignatureFailure,
        Self::TokenFailure,
        Self::UnauthorizedOperation,
        Self::MissingParameter,
        Self::InvalidParameter,
        Self::InvalidParameterValue,
        Self::UnknownParameter,
        Self::InvalidAction,
        Self::NoSuchProduct,
        Self::NoSuchVersion,
        Self::InternalError,
        Self::ParamError,
        Self::PasswordViolatedRules,
        Self::SubUserNameInUse,
        Self::UserNameIllegal,
        Self::InvalidParameterUserNotExist,
        Self::ResourceUserNotExist,
        Self::SecretNotExist,
        Self::AccessKeyOverLimit,
        Self::HaveKeys,
        Self::SubUin,
        Self::UinNotMatch,
        Self::DescriptionLengthOverlimit,
        Self::FailedOperation,
        Self::PolicyNameError,
        Self::PolicyNameInUse,
        Self::PolicyFull,
        Self::PolicyDocumentError,
        Self::PolicyDocumentLengthOverLimit,
        Self::VersionError,
        Self::StatementError,
        Self::EffectError,
        Self::ActionError,
        Self::ResourceError,
        Self::ConditionError,
        Self::PrincipalError,
        Self::PolicyIdError,
        Self::PolicyIdNotExist,
        Self::PolicyIdNotFound,
        Self::ScopeError,
        Self::AttachmentFull,
        Self::GroupNameInUse,
        Self::GroupFull,
        Self::GroupUserFull,
        Self::UserGroupFull,
        Self::InvalidParameterGroupNotExist,
        Self::ResourceGroupNotExist,
        Self::UserUinAndUinNotAllNull,
        Self::UserNotBindPhone,
        Self::UserNotBindWechat,
        Self::MfaTokenError,
        Self::InvalidParameterTime,
        Self::InvalidTimeValue,
        Self::InvalidMaxResult,
        Self::InvalidAttributeKey,
        Self::OverTime,
    ];

    /// The code named `text` (e.g. `"OperationDenied.SubUin"`).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnsupportedProtocol => "UnsupportedProtocol",
            Self::UnsupportedRegion => "UnsupportedRegion",
            Self::RequestSizeLimitExceeded => "RequestSizeLimitExceeded",
            Self::RequestLimitExceeded => "RequestLimitExceeded",
            Self::InvalidAuthorization => "AuthFailure.InvalidAuthorization",
            Self::InvalidSecretId => "AuthFailure.InvalidSecretId",
            Self::SecretIdNotFound => "AuthFailure.SecretIdNotFound",
            Self::SignatureExpire => "AuthFailure.SignatureExpire",
            Self::SignatureFailure => "AuthFailure.SignatureFailure",
            Self::TokenFailure => "AuthFailure.TokenFailure",
            Self::UnauthorizedOperation => "AuthFailure.UnauthorizedOperation",
            Self::MissingParameter => "MissingParameter",
            Self::InvalidParameter => "InvalidParameter",
            Self::InvalidParameterValue => "InvalidParameterValue",
            Self::UnknownParameter => "UnknownParameter",
            Self::InvalidAction => "InvalidAction",
            Self::NoSuchProduct => "NoSuchProduct",
            Self::NoSuchVersion => "NoSuchVersion",
            Self::InternalError => "InternalError",
            Self::ParamError => "InvalidParameter.ParamError",
            Self::PasswordViolatedRules => "InvalidParameter.PasswordViolatedRules",
            Self::SubUserNameInUse => "InvalidParameter.SubUserNameInUse",
            Self::UserNameIllegal => "InvalidParameter.UserNameIllegal",
            Self::InvalidParameterUserNotExist => "InvalidParameter.UserNotExist",
            Self::ResourceUserNotExist => "ResourceNotFound.UserNotExist",
            Self::SecretNotExist => "ResourceNotFound.SecretNotExist",
            Self::AccessKeyOverLimit => "OperationDenied.AccessKeyOverLimit",
            Self::HaveKeys => "OperationDenied.HaveKeys",
            Self::SubUin => "OperationDenied.SubUin",
            Self::UinNotMatch => "OperationDenied.UinNotMatch",
            Self::DescriptionLengthOverlimit => "InvalidParameter.DescriptionLengthOverlimit",
            Self::FailedOperation => "FailedOperation",
            Self::PolicyNameError => "InvalidParameter.PolicyNameError",
            Self::PolicyNameInUse => "FailedOperation.PolicyNameInUse",
            Self::PolicyFull => "FailedOperation.PolicyFull",
            Self::PolicyDocumentError => "InvalidParameter.PolicyDocumentError",
            Self::PolicyDocumentLengthOverLimit => "InvalidParameter.PolicyDocumentLengthOverLimit",
            Self::VersionError => "InvalidParameter.VersionError",
            Self::StatementError => "InvalidParameter.StatementError",
            Self::EffectError => "InvalidParameter.EffectError",
            Self::ActionError => "InvalidParameter.ActionError",
            Self::ResourceError => "InvalidParameter.ResourceError",
            Self::ConditionError => "InvalidParameter.ConditionError",
            Self::PrincipalError => "InvalidParameter.PrincipalError",
            Self::PolicyIdError => "InvalidParameter.PolicyIdError",
            Self::PolicyIdNotExist => "InvalidParameter.PolicyIdNotExist",
            Self::PolicyIdNotFound => "ResourceNotFound.PolicyIdNotFound",
            Self::ScopeError => "InvalidParameter.ScopeError",
            Self::AttachmentFull => "InvalidParameter.AttachmentFull",
            Self::GroupNameInUse => "InvalidParameter.GroupNameInUse",
            Self::GroupFull => "InvalidParameter.GroupFull",
            Self::GroupUserFull => "InvalidParameter.GroupUserFull",
            Self::UserGroupFull => "InvalidParameter.UserGroupFull",
            Self::InvalidParameterGroupNotExist => "InvalidParameter.GroupNotExist",
            Self::ResourceGroupNotExist => "ResourceNotFound.GroupNotExist",
            Self::UserUinAndUinNotAllNull => "InvalidParameter.UserUinAndUinNotAllNull",
            Self::UserNotBindPhone => "FailedOperation.UserNotBindPhone",
            Self::UserNotBindWechat => "FailedOperation.UserNotBindWechat",
            Self::MfaTokenError => "InvalidParameter.MFATokenError",
            Self::InvalidParameterTime => "InvalidParameter.Time",
            Self::InvalidTimeValue => "InvalidParameterValue.Time",
            Self::InvalidMaxResult => "InvalidParameterValue.MaxResult",
            Self::InvalidAttributeKey => "InvalidParameterValue.attributeKey",
            Self::OverTime => "LimitExceeded.OverTime",
        }
    }

    /// The numeric `ErrorCode` a CloudAudit event carries for a call that ended with this code
    /// (0 is success). Upstream does not document the numbers; these follow the API 2.0 families
    /// (4000 parameters, 4100 authentication, 4102 authorisation, 4300 refused, 4400 over a
    /// quota, 5000 internal).
    pub fn audit_number(self) -> i64 {
        match self {
            Self::InvalidAuthorization
            | Self::InvalidSecretId
            | Self::SecretIdNotFound
            | Self::SignatureExpire
            | Self::SignatureFailure
            | Self::TokenFailure => 4100,
            Self::UnauthorizedOperation => 4102,
            Self::SecretNotExist
            | Self::ResourceUserNotExist
            | Self::PolicyIdNotFound
            | Self::ResourceGroupNotExist => 4004,
            Self::AccessKeyOverLimit
            | Self::HaveKeys
            | Self::SubUin
            | Self::UinNotMatch
            | Self::FailedOperation
            | Self::PolicyNameInUse
            | Self::PolicyFull
            | Self::AttachmentFull
            | Self::GroupNameInUse
            | Self::GroupFull
            | Self::GroupUserFull
            | Self::UserGroupFull
            | Self::UserNotBindPhone
            | Self::UserNotBindWechat => 4300,
            Self::RequestLimitExceeded => 4400,
            Self::InternalError => 5000,
            Self::UnsupportedProtocol
            | Self::RequestSizeLimitExceeded
            | Self::InvalidAction
            | Self::NoSuchProduct
            | Self::NoSuchVersion
            | Self::UnsupportedRegion => 4001,
            _ => 4000,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A refusal the client is told about, with its code.
    #[error("{code}: {message}")]
    Api { code: Code, message: String },
    // The rest are bugs or failures of the environment: logged in full, answered
    // `InternalError`.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("a stored SecretKey: {0}")]
    Vault(#[from] VaultError),
    #[error("cannot encode the reply: {0}")]
    Encode(serde_json::Error),
    #[error("cannot start a thread: {0}")]
    Thread(std::io::Error),
    #[error("a blocking task failed: {0}")]
    Task(tokio::task::JoinError),
    #[error("{0}")]
    Bug(&'static str),
}

impl ServerError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self::Api {
            code,
            message: message.into(),
        }
    }

    /// The key's owner may not call `action` (or not on this target).
    pub fn unauthorized(action: &str) -> Self {
        Self::new(
            Code::UnauthorizedOperation,
            format!("The key is not authorized to perform cam:{action}; ask an administrator."),
        )
    }

    /// The signing key does not exist or is disabled.
    pub fn secret_id_not_found() -> Self {
        Self::new(
            Code::SecretIdNotFound,
            "The SecretId is not found, please ensure that your SecretId is correct (it may be disabled or deleted).",
        )
    }

    pub fn code(&self) -> Code {
        match self {
            Self::Api { code, .. } => *code,
            _ => Code::InternalError,
        }
    }

    /// The message the client sees: internal details stay in the log.
    pub fn public_message(&self) -> &str {
        match self {
            Self::Api { message, .. } => message,
            _ => "An internal error occurred; the request was not applied.",
        }
    }
}

/// `{"Response": {<fields of body>, "RequestId": "…"}}`. `body` is a serialised JSON object;
/// it is spliced rather than re-parsed so a reply costs one serialisation.
pub fn success_envelope(body: &[u8], request_id: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    out.extend_from_slice(b"{\"Response\":");
    let inner = body
        .strip_suffix(b"}")
        .filter(|b| b.starts_with(b"{"))
        .unwrap_or(b"{");
    out.extend_from_slice(inner);
    if inner.len() > 1 {
        out.push(b',');
    }
    out.extend_from_slice(b"\"RequestId\":\"");
    out.extend_from_slice(request_id.as_bytes());
    out.extend_from_slice(b"\"}}");
    out
}

/// `{"Response": {"Error": {"Code": …, "Message": …}, "RequestId": …}}`.
pub fn error_envelope(error: &ServerError, request_id: &str) -> Vec<u8> {
    let mut out = String::with_capacity(160);
    let message =
        serde_json::to_string(error.public_message()).unwrap_or_else(|_| "\"\"".to_owned());
    let _ = write!(
        out,
        "{{\"Response\":{{\"Error\":{{\"Code\":\"{}\",\"Message\":{message}}},\"RequestId\":\"{request_id}\"}}}}",
        error.code()
    );
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_are_well_formed() {
        let ok = success_envelope(br#"{"AccessKeys":[]}"#, "r-1");
        let v: serde_json::Value = serde_json::from_slice(&ok).unwrap();
        assert_eq!(v["Response"]["RequestId"], "r-1");
        assert!(v["Response"]["AccessKeys"].is_array());

        let empty = success_envelope(b"{}", "r-2");
        assert_eq!(empty, br#"{"Response":{"RequestId":"r-2"}}"#);

        let err = error_envelope(&ServerError::new(Code::SubUin, "say \"no\""), "r-3");
        let v: serde_json::Value = serde_json::from_slice(&err).unwrap();
        assert_eq!(v["Response"]["Error"]["Code"], "OperationDenied.SubUin");
        assert_eq!(v["Response"]["Error"]["Message"], "say \"no\"");
        assert_eq!(v["Response"]["RequestId"], "r-3");
    }

    #[test]
    fn every_code_parses_back() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::parse("NoSuchCode"), None);
    }

    #[test]
    fn internal_details_stay_private() {
        let e = ServerError::Thread(std::io::Error::other("disk on fire at /var/lib/x"));
        let body = error_envelope(&e, "r");
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains("\"InternalError\""));
        assert!(!text.contains("disk on fire"));
    }
}
