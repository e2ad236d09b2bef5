//! The server's one error type and the Tencent Cloud envelope it becomes (spec §6.1): every
//! refusal is a [`Code`] plus a message; anything unexpected is logged and answered `InternalError`.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::vault::VaultError;
use crate::cam::transport::Language;

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

    /// What the API says for this code in Chinese (`X-TC-Language: zh-CN`): the live message
    /// where one has been seen (`SecretIdNotFound`, `SignatureFailure`,
    /// `UnauthorizedOperation`), else the official description of the code (the Go/Python SDK's
    /// error lists, the common error-code page).
    pub fn zh_cn(self) -> &'static str {
        match self {
            Self::UnsupportedProtocol => "HTTP(S)请求协议错误。",
            Self::UnsupportedRegion => "接口不支持所传地域。",
            Self::RequestSizeLimitExceeded => "请求包超过限制大小。",
            Self::RequestLimitExceeded => "请求的次数超过了频率限制。",
            Self::InvalidAuthorization => "请求头部的 Authorization 不符合腾讯云标准。",
            Self::InvalidSecretId => "密钥非法（不是云 API 密钥类型）。",
            Self::SecretIdNotFound => "SecretId不存在，请输入正确的密钥。",
            Self::SignatureExpire => {
                "签名过期。Timestamp 和服务器时间相差不得超过五分钟，请检查本地时间是否和标准时间同步。"
            }
            Self::SignatureFailure => "请求签名验证失败，请检查您的签名计算是否正确。",
            Self::TokenFailure => "token 错误。",
            Self::UnauthorizedOperation => "操作未授权，请检查CAM策略。",
            Self::MissingParameter => "缺少参数错误。",
            Self::InvalidParameter => "参数错误。",
            Self::InvalidParameterValue => "参数取值错误。",
            Self::UnknownParameter => "未知参数错误。",
            Self::InvalidAction => "接口不存在。",
            Self::NoSuchProduct => "产品不存在。",
            Self::NoSuchVersion => "接口版本不存在。",
            Self::InternalError => "内部错误。",
            Self::ParamError => "非法入参。",
            Self::PasswordViolatedRules => "密码不符合用户安全设置。",
            Self::SubUserNameInUse => "子用户名称重复。",
            Self::UserNameIllegal => "用户名不合法。",
            Self::InvalidParameterUserNotExist => "用户对象不存在。",
            Self::ResourceUserNotExist => "用户不存在。",
            Self::SecretNotExist => "密钥不存在。",
            Self::AccessKeyOverLimit => "每个账号最多支持两个AccessKey。",
            Self::HaveKeys => "存在未删除的API密钥。",
            Self::SubUin => "子用户不允许操作主账号密钥。",
            Self::UinNotMatch => "被操作密钥与账号不匹配。",
            Self::DescriptionLengthOverlimit => "Description入参长度不能大于300字节。",
            Self::FailedOperation => "操作失败。",
            Self::PolicyNameError => "PolicyName字段不合法。",
            Self::PolicyNameInUse => "PolicyName字段指定的策略名已存在。",
            Self::PolicyFull => "用户策略数超过上限。",
            Self::PolicyDocumentError => "PolicyDocument字段不合法。",
            Self::PolicyDocumentLengthOverLimit => "PolicyDocument字段超过长度限制。",
            Self::VersionError => "策略文档的Version字段不合法。",
            Self::StatementError => "策略文档的Statement字段不合法。",
            Self::EffectError => "策略文档的Effect字段不合法。",
            Self::ActionError => "策略文档的Action字段不合法。",
            Self::ResourceError => "策略文档的Resource字段不合法。",
            Self::ConditionError => "策略文档的condition字段不合法。",
            Self::PrincipalError => "策略文档的principal字段不合法。",
            Self::PolicyIdError => "输入参数PolicyId不合法。",
            Self::PolicyIdNotExist => "策略ID不存在。",
            Self::PolicyIdNotFound => "PolicyId指定的资源不存在。",
            Self::ScopeError => "Scope字段不合法。",
            Self::AttachmentFull => "principal字段的授权对象关联策略数已达到上限。",
            Self::GroupNameInUse => "用户组名称重复。",
            Self::GroupFull => "用户组数量达到上限。",
            Self::GroupUserFull => "用户组中的子用户数量达到上限。",
            Self::UserGroupFull => "子用户加入的用户组数量达到上限。",
            Self::InvalidParameterGroupNotExist | Self::ResourceGroupNotExist => "用户组不存在。",
            Self::UserUinAndUinNotAllNull => "用户的Uin和Uid不能都为空。",
            Self::UserNotBindPhone => "用户未绑定手机。",
            Self::UserNotBindWechat => "用户未绑定微信。",
            Self::MfaTokenError => "多因子Token验证失败。",
            Self::InvalidParameterTime => {
                "必须包含开始时间和结束时间，且必须为整形时间戳（精确到秒）。"
            }
            Self::InvalidTimeValue => "开始时间不能大于结束时间。",
            Self::InvalidMaxResult => "单次检索支持的最大返回条数是50。",
            Self::InvalidAttributeKey => {
                "AttributeKey的有效取值范围是:RequestId、EventName、ReadOnly、Username、ResourceType、ResourceName和AccessKeyId。"
            }
            Self::OverTime => "检索支持的有效时间范围是7天。",
        }
    }

    /// Whether this code refuses the caller's identity (the Authorization header, the key, the
    /// signature, the token): a request refused with it did not authenticate.
    pub fn is_authentication_failure(self) -> bool {
        matches!(
            self,
            Self::InvalidAuthorization
                | Self::InvalidSecretId
                | Self::SecretIdNotFound
                | Self::SignatureExpire
                | Self::SignatureFailure
                | Self::TokenFailure
        )
    }

    /// The numeric `ErrorCode` a CloudAudit event carries for a call that ended with this code
    /// (0 is success). Upstream does not document the numbers; these follow the API 2.0 families
    /// (4000 parameters, 4100 authentication, 4102 authorisation, 4300 refused, 4400 over a
    /// quota, 5000 internal).
    pub fn audit_number(self) -> i64 {
        if self.is_authentication_failure() {
            return 4100;
        }
        match self {
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

/// Why audit records are not (yet) in the database. They stay queued and the audit writer
/// keeps trying; only a stop with the database still failing loses them (and says so in the log).
#[derive(Debug, Clone, thiserror::Error)]
pub enum AuditError {
    #[error("audit records could not be written (they stay queued and are retried): {0}")]
    Write(std::sync::Arc<rusqlite::Error>),
    #[error("the audit writer has stopped")]
    Stopped,
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
    #[error(transparent)]
    Audit(#[from] AuditError),
    #[error("{0}")]
    Bug(&'static str),
}

/// The most characters of request text (a name, a value, a header) a message repeats.
pub const ECHO_CHARS: usize = 64;
/// The longest message a refusal carries, whatever it repeats: replies and audit records stay
/// small however large the request.
pub const MESSAGE_CHARS: usize = 512;

/// Request text as a message repeats it: control characters dropped, at most [`ECHO_CHARS`]
/// characters, a clipped one marked with `…`.
pub fn echo(text: &str) -> String {
    clip(text, ECHO_CHARS)
}

/// `text` with every `` `quoted` `` part [`echo`]ed: serde's messages quote the values they
/// refuse.
pub fn clip_quoted(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                echo(part)
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

fn clip(text: &str, limit: usize) -> String {
    // What most requests carry, short and printable, is copied as it is.
    if text.len() <= limit && !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut printable = text.chars().filter(|c| !c.is_control());
    let mut out: String = printable.by_ref().take(limit).collect();
    if printable.next().is_some() {
        out.push('…');
    }
    out
}

impl ServerError {
    /// A refusal; a message longer than [`MESSAGE_CHARS`] is clipped (and marked).
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let message = message.into();
        let message = if message.chars().count() > MESSAGE_CHARS {
            clip(&message, MESSAGE_CHARS)
        } else {
            message
        };
        Self::Api { code, message }
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

/// `{"Response": {"Error": {"Code": …, "Message": …}, "RequestId": …}}`, the message in the
/// caller's `language`: in Chinese, the code's own words followed by the English specifics
/// (which parameter, which name), as the real API appends its details.
pub fn error_envelope(error: &ServerError, request_id: &str, language: Language) -> Vec<u8> {
    let mut out = String::with_capacity(160);
    let message = match language {
        Language::EnUs => Cow::Borrowed(error.public_message()),
        Language::ZhCn => Cow::Owned(format!(
            "{}（{}）",
            error.code().zh_cn(),
            error.public_message()
        )),
    };
    let message = serde_json::to_string(&message).unwrap_or_else(|_| "\"\"".to_owned());
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

        let err = error_envelope(
            &ServerError::new(Code::SubUin, "say \"no\""),
            "r-3",
            Language::EnUs,
        );
        let v: serde_json::Value = serde_json::from_slice(&err).unwrap();
        assert_eq!(v["Response"]["Error"]["Code"], "OperationDenied.SubUin");
        assert_eq!(v["Response"]["Error"]["Message"], "say \"no\"");
        assert_eq!(v["Response"]["RequestId"], "r-3");
    }

    #[test]
    fn a_chinese_caller_reads_the_code_in_chinese_and_the_specifics() {
        let error = ServerError::new(Code::AccessKeyOverLimit, "alice already has 2 keys.");
        let body = error_envelope(&error, "r", Language::ZhCn);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            v["Response"]["Error"]["Code"],
            "OperationDenied.AccessKeyOverLimit"
        );
        assert_eq!(
            v["Response"]["Error"]["Message"],
            "每个账号最多支持两个AccessKey。（alice already has 2 keys.）"
        );
    }

    #[test]
    fn every_code_has_chinese_words() {
        for code in Code::ALL {
            assert!(code.zh_cn().ends_with('。'), "{code}: {}", code.zh_cn());
        }
    }

    #[test]
    fn every_code_parses_back() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::parse("NoSuchCode"), None);
    }

    // Regression (issue 11, attack 2): a 400,000-character credential-scope service came back
    // whole in the message and in the audit record.
    #[test]
    fn echoes_and_messages_are_clipped_and_marked() {
        assert_eq!(echo("cam"), "cam");
        assert_eq!(echo("a\u{7}b\nc"), "abc");
        let long = "x".repeat(400_000);
        let echoed = echo(&long);
        assert_eq!(echoed.chars().count(), ECHO_CHARS + 1);
        assert!(echoed.ends_with('…'));
        assert_eq!(echo(&"y".repeat(ECHO_CHARS)), "y".repeat(ECHO_CHARS));
        let error = ServerError::new(Code::InvalidParameter, long);
        assert_eq!(error.public_message().chars().count(), MESSAGE_CHARS + 1);
        assert!(error.public_message().ends_with('…'));
    }

    #[test]
    fn internal_details_stay_private() {
        let e = ServerError::Thread(std::io::Error::other("disk on fire at /var/lib/x"));
        let body = error_envelope(&e, "r", Language::EnUs);
        let text = String::from_utf8(body).unwrap();
        assert!(text.contains("\"InternalError\""));
        assert!(!text.contains("disk on fire"));
    }
}
