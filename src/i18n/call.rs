//! A failed call in the reader's language. `cam` knows no languages, so its errors are put in
//! words here, by variant and by API code; what came from elsewhere (a URL, the system's error,
//! a body, the API's own message) stays as it came.

use std::borrow::Cow;

use super::{Language, Text};
use crate::cam::{ApiError, CallError, NetworkCause};

impl Language {
    /// `error` in a sentence; an API error as the API said it (`Code: Message (RequestId …)`).
    pub fn call_error(self, error: &CallError) -> String {
        let text = |text| self.text(text).into_owned();
        match error {
            CallError::Api(api) => api.to_string(),
            CallError::Network { url, cause } => text(Text::CallUnreachable {
                url,
                cause: &self.network_cause(cause),
            }),
            CallError::Timeout { url, seconds } => text(Text::CallTimeout {
                url,
                seconds: *seconds,
            }),
            CallError::Unconfirmed {
                url,
                action,
                reason,
            } => text(Text::CallUnconfirmed {
                url,
                action,
                reason,
            }),
            CallError::HttpStatus { url, status, body } => text(Text::CallHttpStatus {
                url,
                status: *status,
                body,
            }),
            CallError::Envelope { url, reason, body } => {
                text(Text::CallNotAnApiReply { url, reason, body })
            }
            CallError::Encode(error) => text(Text::CallNotEncoded { error }),
        }
    }

    /// Why a server could not be reached; TLS and other causes keep the system's words.
    pub fn network_cause(self, cause: &NetworkCause) -> Cow<'static, str> {
        match cause {
            NetworkCause::Refused => self.text(Text::CauseRefused),
            NetworkCause::Reset => self.text(Text::CauseReset),
            NetworkCause::Unresolved => self.text(Text::CauseUnresolved),
            NetworkCause::Tls(_) | NetworkCause::Other(_) => cause.to_string().into(),
        }
    }

    /// What to check or do about `error`, where the error alone does not say it.
    pub fn advice(self, error: &CallError) -> Option<Cow<'static, str>> {
        match error {
            CallError::Api(api) => self.api_advice(api),
            CallError::Network { cause, .. } => self.network_advice(cause),
            _ => None,
        }
    }

    /// What to do about an API error, for the codes where its message does not say it.
    pub fn api_advice(self, error: &ApiError) -> Option<Cow<'static, str>> {
        let text = match error.code.as_str() {
            "AuthFailure.SecretIdNotFound" => Text::AdviceSecretIdNotFound,
            "AuthFailure.SignatureFailure" => Text::AdviceSignatureFailure,
            "AuthFailure.SignatureExpire" => Text::AdviceSignatureExpire,
            "AuthFailure.UnauthorizedOperation" | "UnauthorizedOperation.DeleteApiKey" => {
                Text::AdviceUnauthorized
            }
            // The message already names the limit.
            "OperationDenied.AccessKeyOverLimit" => Text::AdviceKeyLimit,
            "RequestLimitExceeded" => Text::AdviceRequestLimit,
            _ => return None,
        };
        Some(self.text(text))
    }

    /// What to check when a server could not be reached, where the cause alone does not say it.
    pub fn network_advice(self, cause: &NetworkCause) -> Option<Cow<'static, str>> {
        let text = match cause {
            NetworkCause::Refused => Text::CheckServerRunning,
            NetworkCause::Unresolved => Text::CheckHostName,
            NetworkCause::Tls(_) => Text::CheckCertificate,
            NetworkCause::Reset | NetworkCause::Other(_) => return None,
        };
        Some(self.text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transport_failure_is_worded_in_the_language_and_keeps_its_detail() {
        let timeout = CallError::Timeout {
            url: "https://cam.tencentcloudapi.com".into(),
            seconds: 30,
        };
        assert_eq!(
            Language::EnUs.call_error(&timeout),
            timeout.to_string(),
            "English says what cam says"
        );
        assert_eq!(
            Language::ZhCn.call_error(&timeout),
            "https://cam.tencentcloudapi.com 在 30 秒内未应答"
        );
        let tls = CallError::Network {
            url: "https://cam.example".into(),
            cause: NetworkCause::Tls("invalid peer certificate: UnknownIssuer".into()),
        };
        assert_eq!(
            Language::ZhCn.call_error(&tls),
            "无法连接 https://cam.example：TLS: invalid peer certificate: UnknownIssuer"
        );
        assert_eq!(
            Language::ZhCn.advice(&tls).as_deref(),
            Some("请检查接入点的证书（--ca-cert）")
        );
    }

    #[test]
    fn an_api_error_keeps_its_words_and_gets_advice_by_code() {
        let api = |code: &str| ApiError {
            code: code.into(),
            message: "签名过期".into(),
            request_id: "r1".into(),
        };
        let expired = CallError::Api(api("AuthFailure.SignatureExpire"));
        assert_eq!(
            Language::ZhCn.call_error(&expired),
            "AuthFailure.SignatureExpire: 签名过期 (RequestId r1)"
        );
        assert_eq!(
            Language::ZhCn.advice(&expired).as_deref(),
            Some("本机时钟与服务器相差超过 5 分钟")
        );
        assert_eq!(Language::EnUs.api_advice(&api("InvalidParameter")), None);
    }
}
