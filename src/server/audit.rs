//! The audit trail (issue 3 §5): every request that names a known SecretId becomes an
//! [`AuditRecord`]. A mutation's own record is written in the mutation's transaction; every other
//! record goes through the [`AuditWriter`], a thread that appends them in batches and prunes
//! records older than 90 days. Records become CloudAudit [`Event`]s for `DescribeEvents` and
//! `LookUpEvents`.

use std::sync::Mutex;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::json;

use super::store::{AuditConnection, Store};
use crate::cam::de::beijing;
use crate::cam::model::{Event, Resources};

/// How long records are kept.
pub const RETENTION: Duration = Duration::from_secs(90 * 24 * 3600);
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
const MAX_BATCH: usize = 2048;

/// One API call as the audit trail keeps it. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub event_id: String,
    /// Unix seconds.
    pub time: i64,
    pub secret_id: String,
    /// The UIN of the key's owner (the account's owner UIN for root).
    pub uin: u64,
    /// `root` for the root account, else the user's name.
    pub username: String,
    pub action: String,
    /// `cam` or `cloudaudit`.
    pub service: String,
    /// `Read` or `Write`.
    pub action_type: String,
    pub source_ip: String,
    pub region: String,
    /// 0 for success, else [`Code::audit_number`](super::error::Code::audit_number).
    pub error_number: i64,
    /// Empty for success.
    pub api_error_code: String,
    pub api_error_message: String,
    pub request_id: String,
    pub http_method: String,
    pub user_agent: String,
    /// The user or key the call was about, when it names one.
    pub resource_name: String,
    /// Whether the action changes keys or users.
    pub sensitive: bool,
}

/// Chinese names of the actions, as the CloudAudit console shows them.
pub fn action_name_cn(action: &str) -> &'static str {
    match action {
        "ListUsers" => "拉取子用户",
        "GetUser" => "查询子用户",
        "AddUser" => "添加子用户",
        "UpdateUser" => "更新子用户",
        "DeleteUser" => "删除子用户",
        "ListCollaborators" => "获取协作者列表",
        "DescribeSubAccounts" => "通过子用户UIN列表查询子用户",
        "GetUserAppId" => "获取用户AppId",
        "ListAccessKeys" => "列出访问密钥",
        "CreateAccessKey" => "创建访问密钥",
        "UpdateAccessKey" => "更新访问密钥",
        "DeleteAccessKey" => "删除访问密钥",
        "GetSecurityLastUsed" => "获取密钥最近使用情况",
        "DescribeEvents" | "LookUpEvents" => "检索日志",
        _ => "",
    }
}

fn resource_type_cn(service: &str) -> &'static str {
    match service {
        "cloudaudit" => "操作审计",
        _ => "访问管理",
    }
}

impl AuditRecord {
    /// The CloudAudit event for this record; `CloudAuditEvent` is a JSON document in a string
    /// (spec §14) whose `apiErrorCode` the console reads.
    pub fn to_event(&self, account_id: u64, owner_uin: u64, with_location: bool) -> Event {
        let event_source = format!("{}.tencentcloudapi.com", self.service);
        let event_time = chrono::DateTime::from_timestamp(self.time, 0)
            .unwrap_or_default()
            .with_timezone(&beijing())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        let is_root = self.uin == owner_uin;
        let document = json!({
            "userIdentity": {
                "accountId": account_id.to_string(),
                "principalId": self.uin.to_string(),
                "secretId": self.secret_id,
                "type": if is_root { "Root" } else { "CAMUser" },
                "userName": self.username,
            },
            "eventVersion": 2,
            "eventType": "ApiCall",
            "eventTime": event_time,
            "eventSource": event_source,
            "eventName": self.action,
            "eventRegion": self.region,
            "apiVersion": crate::cam::model::Service::from_name(&self.service)
                .map_or("", |s| s.version()),
            "actionType": self.action_type,
            "httpMethod": self.http_method,
            "sourceIPAddress": self.source_ip,
            "userAgent": self.user_agent,
            "requestID": self.request_id,
            "errorCode": self.error_number,
            "apiErrorCode": self.api_error_code,
            "apiErrorMessage": self.api_error_message,
            "resourceType": self.service,
            "resourceName": self.resource_name,
            "sensitiveAction": self.sensitive,
        });
        Event {
            event_id: self.event_id.clone(),
            username: self.username.clone(),
            event_time: crate::cam::de::EventTime(self.time),
            cloud_audit_event: document.to_string(),
            resource_type_cn: resource_type_cn(&self.service).to_owned(),
            error_code: self.error_number,
            event_name: self.action.clone(),
            secret_id: self.secret_id.clone(),
            event_source,
            request_id: self.request_id.clone(),
            resource_region: self.region.clone(),
            account_id: account_id as i64,
            source_ip_address: self.source_ip.clone(),
            event_name_cn: action_name_cn(&self.action).to_owned(),
            resources: Some(Resources {
                resource_type: self.service.clone(),
                resource_name: self.resource_name.clone(),
            }),
            event_region: self.region.clone(),
            location: if with_location {
                location_of(&self.source_ip).to_owned()
            } else {
                String::new()
            },
        }
    }
}

/// A coarse location, which is all an emulator can honestly say about an address.
fn location_of(ip: &str) -> &'static str {
    match ip.parse::<std::net::IpAddr>() {
        Ok(addr) if addr.is_loopback() => "本机",
        Ok(std::net::IpAddr::V4(v4)) if v4.is_private() => "内网IP",
        _ => "未知",
    }
}

enum Message {
    Record(Box<AuditRecord>),
    Flush(tokio::sync::oneshot::Sender<()>),
    Stop,
}

/// Appends audit records on a background thread, in batches.
pub struct AuditWriter {
    sender: mpsc::Sender<Message>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for AuditWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditWriter")
    }
}

impl AuditWriter {
    pub fn start(store: &Store) -> Result<Self, rusqlite::Error> {
        let mut connection = store.audit_connection()?;
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("camtui-audit".into())
            .spawn(move || run(&mut connection, &receiver))
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(Self {
            sender,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Queues a record; it is written within milliseconds, or at [`flush`](Self::flush).
    pub fn record(&self, record: AuditRecord) {
        if self.sender.send(Message::Record(Box::new(record))).is_err() {
            tracing::warn!("audit writer has stopped; a record was dropped");
        }
    }

    /// Waits until every record queued before this call is in the database.
    pub async fn flush(&self) {
        let (done, wait) = tokio::sync::oneshot::channel();
        if self.sender.send(Message::Flush(done)).is_ok() {
            let _ = wait.await;
        }
    }

    /// [`flush`](Self::flush) for blocking code (handlers run on the blocking pool).
    pub fn flush_blocking(&self) {
        let (done, wait) = tokio::sync::oneshot::channel();
        if self.sender.send(Message::Flush(done)).is_ok() {
            let _ = wait.blocking_recv();
        }
    }

    /// Writes what is queued and stops the thread. Later records are dropped.
    pub fn stop(&self) {
        let _ = self.sender.send(Message::Stop);
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(thread) = thread
            && thread.join().is_err()
        {
            tracing::error!("audit writer thread panicked");
        }
    }
}

impl Drop for AuditWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Sorts one message into the batch or the flush list; true when it asks the writer to stop.
fn take(
    message: Message,
    batch: &mut Vec<AuditRecord>,
    flushed: &mut Vec<tokio::sync::oneshot::Sender<()>>,
) -> bool {
    match message {
        Message::Record(record) => batch.push(*record),
        Message::Flush(done) => flushed.push(done),
        Message::Stop => return true,
    }
    false
}

fn run(connection: &mut AuditConnection, receiver: &mpsc::Receiver<Message>) {
    let mut last_prune: Option<Instant> = None;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut flushed = Vec::new();
    loop {
        let Ok(first) = receiver.recv() else { return };
        let mut stop = take(first, &mut batch, &mut flushed);
        while batch.len() < MAX_BATCH && !stop {
            match receiver.try_recv() {
                Ok(message) => stop = take(message, &mut batch, &mut flushed),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            if let Err(e) = connection.append(&batch) {
                tracing::error!(error = %e, records = batch.len(), "cannot write audit records");
            }
            batch.clear();
        }
        for done in flushed.drain(..) {
            let _ = done.send(());
        }
        if last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
            let cutoff = chrono::Utc::now().timestamp() - RETENTION.as_secs() as i64;
            match connection.prune(cutoff) {
                Ok(0) => {}
                Ok(n) => tracing::info!(records = n, "pruned audit records older than 90 days"),
                Err(e) => tracing::error!(error = %e, "cannot prune audit records"),
            }
            last_prune = Some(Instant::now());
        }
        if stop {
            return;
        }
    }
}
