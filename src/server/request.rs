//! What the server knows about a request besides its parameters — who signed it, when, from
//! where, for which action — and the audit record it leaves.

use serde_json::Value;

use super::directory::Principal;
use super::error::ServerError;
use super::ids::random_uuid;
use super::store::AuditRecord;

/// Everything about a request besides its parameters.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub request_id: String,
    /// Unix seconds when the request arrived.
    pub now: i64,
    pub action: String,
    pub service: String,
    pub mutates: bool,
    pub source_ip: String,
    pub region: String,
    pub http_method: String,
    pub user_agent: String,
    pub resource_name: String,
    pub secret_id: String,
    /// The owner of the key the request names (of a deleted key: its owner then).
    pub caller: Principal,
    /// Set once the signature verified with an enabled key.
    pub authenticated: bool,
}

impl RequestMeta {
    /// The audit record of this request, successful or ended by `error`.
    pub fn record(&self, error: Option<&ServerError>) -> AuditRecord {
        self.clone().into_record(error)
    }

    /// [`record`](Self::record), taking the request's text rather than copying it.
    pub fn into_record(self, error: Option<&ServerError>) -> AuditRecord {
        AuditRecord {
            event_id: random_uuid().simple().to_string(),
            time: self.now,
            uin: self.caller.uin,
            username: self.caller.audit_name().to_owned(),
            action_type: if self.mutates { "Write" } else { "Read" }.to_owned(),
            error_number: error.map_or(0, |e| e.code().audit_number()),
            api_error_code: error
                .map(|e| e.code().as_str().to_owned())
                .unwrap_or_default(),
            api_error_message: error
                .map(|e| e.public_message().to_owned())
                .unwrap_or_default(),
            sensitive: self.mutates,
            authenticated: self.authenticated,
            secret_id: self.secret_id,
            action: self.action,
            service: self.service,
            source_ip: self.source_ip,
            region: self.region,
            request_id: self.request_id,
            http_method: self.http_method,
            user_agent: self.user_agent,
            resource_name: self.resource_name,
        }
    }
}

/// The user, key, policy or group a request is about, for the audit trail.
pub fn resource_name(params: &Value) -> String {
    [
        "AccessKeyId",
        "Name",
        "TargetUin",
        "PolicyName",
        "GroupName",
        "PolicyId",
        "SubUin",
        "OpUin",
    ]
    .iter()
    .find_map(|field| match params.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
    .unwrap_or_default()
}
