//! The audit trail (issue 3 §5): every request that names a known SecretId becomes an
//! [`AuditRecord`], a row of the [`store`](super::store). A mutation's own record is written in
//! the mutation's transaction; every other record goes through the [`AuditWriter`], a thread
//! that appends them in batches and prunes records older than 90 days. Records become
//! CloudAudit [`Event`]s for `DescribeEvents` and `LookUpEvents`.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::error::{AuditError, ServerError};
use super::store::{AuditConnection, AuditRecord, Store};
use crate::cam::model::{Event, Resources};

/// How long records are kept.
pub const RETENTION: Duration = Duration::from_secs(90 * 24 * 3600);
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How often the writer checks the size of the trail (it also wakes this often when idle,
/// since mutations write their records themselves).
const BUDGET_EVERY: Duration = Duration::from_secs(10);
/// The events kept at most, whatever their age, unless configured otherwise: beyond it the
/// oldest go first.
pub const DEFAULT_MAX_EVENTS: u64 = 5_000_000;
const MAX_BATCH: usize = 2048;
/// After the first record of a batch the writer waits this long for more (a flush or stop cuts
/// it short): one commit per record costs more than the request that made it.
const BATCH_WINDOW: Duration = Duration::from_millis(1);

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
        "CreatePolicy" => "创建策略",
        "GetPolicy" => "查看策略详情",
        "ListPolicies" => "查询策略列表",
        "AttachUserPolicy" => "绑定策略到用户",
        "DetachUserPolicy" => "解除绑定到用户的策略",
        "AttachGroupPolicy" => "绑定策略到用户组",
        "DetachGroupPolicy" => "解除绑定到用户组的策略",
        "ListAttachedUserPolicies" => "查询子账号关联的策略列表",
        "ListAttachedUserAllPolicies" => "列出用户关联的策略（包括随组关联）",
        "CreateGroup" => "创建用户组",
        "ListGroups" => "查询用户组列表",
        "AddUserToGroup" => "用户加入到用户组",
        "RemoveUserFromGroup" => "从用户组删除用户",
        "ListGroupsForUser" => "列出用户关联的用户组",
        "DescribeSafeAuthFlagColl" => "获取子账号安全设置",
        "SetMfaFlag" => "设置子用户的登录保护和敏感操作校验方式",
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

/// The CloudAudit event of a record. `CloudAuditEvent` is a JSON document in a string (spec §14)
/// shaped like the official `DescribeEvents` example: its fields, their order and their JSON
/// types (`errorCode` a number in a string, `apiErrorCode` and `eventTime` numbers, `sessionContext`,
/// `resources`, `requestParameters` and `responseElements` JSON in strings). A failed call's
/// code is in `responseElements`, the answer it got.
pub fn event(record: &AuditRecord, account_id: u64, owner_uin: u64, with_location: bool) -> Event {
    let event_source = format!("{}.tencentcloudapi.com", record.service);
    let answer = Answer {
        error: (!record.api_error_code.is_empty()).then_some(AnswerError {
            code: &record.api_error_code,
            message: &record.api_error_message,
        }),
        request_id: &record.request_id,
    };
    let resource = if record.resource_name.is_empty() {
        "*"
    } else {
        &record.resource_name
    };
    let document = Document {
        user_identity: Identity {
            principal_id: record.uin.to_string(),
            account_id: account_id.to_string(),
            secret_id: &record.secret_id,
            session_context: json_text(&SessionContext {
                user_ip: &record.source_ip,
                uin: record.uin,
                owner_uin,
                authenticated: record.authenticated,
            }),
            kind: if record.uin == owner_uin {
                "Root"
            } else {
                "CAMUser"
            },
            user_name: &record.username,
        },
        event_region: &record.region,
        event_version: 2,
        error_code: record.error_number.to_string(),
        error_message: &record.api_error_message,
        request_id: &record.request_id,
        event_id: &record.event_id,
        api_version: "3.0",
        event_type: "ApiCall",
        action_type: &record.action_type,
        http_method: &record.http_method,
        api_error_code: record.error_number,
        api_error_message: &record.api_error_message,
        user_agent: &record.user_agent,
        event_time: record.time,
        source_ip_address: &record.source_ip,
        event_source: &event_source,
        resources: json_text(&[resource]),
        resource_name: &record.resource_name,
        resource_set: &[],
        request_parameters: "{}",
        response_elements: json_text(&answer),
        resource_type: &record.service,
        event_name: &record.action,
        sensitive_action: if record.sensitive { "1" } else { "0" },
        tags: &[],
    };
    Event {
        event_id: record.event_id.clone(),
        username: record.username.clone(),
        event_time: crate::cam::de::EventTime(record.time),
        cloud_audit_event: json_text(&document),
        resource_type_cn: resource_type_cn(&record.service).to_owned(),
        error_code: record.error_number,
        event_name: record.action.clone(),
        secret_id: crate::cam::model::SecretId::from_wire(record.secret_id.clone()),
        event_source,
        request_id: record.request_id.clone(),
        resource_region: record.region.clone(),
        account_id: account_id as i64,
        source_ip_address: record.source_ip.clone(),
        event_name_cn: action_name_cn(&record.action).to_owned(),
        resources: Some(Resources {
            resource_type: record.service.clone(),
            resource_name: record.resource_name.clone(),
        }),
        event_region: record.region.clone(),
        location: if with_location {
            location_of(&record.source_ip).to_owned()
        } else {
            String::new()
        },
    }
}

/// The `CloudAuditEvent` document, field for field as the official example writes it; typed,
/// since building a `serde_json::Value` per event was a third of a search's cost. Both error
/// codes carry the outcome's number (0 for success).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    user_identity: Identity<'a>,
    event_region: &'a str,
    event_version: u32,
    error_code: String,
    error_message: &'a str,
    #[serde(rename = "requestID")]
    request_id: &'a str,
    #[serde(rename = "eventID")]
    event_id: &'a str,
    api_version: &'a str,
    event_type: &'a str,
    action_type: &'a str,
    http_method: &'a str,
    api_error_code: i64,
    api_error_message: &'a str,
    user_agent: &'a str,
    event_time: i64,
    #[serde(rename = "sourceIPAddress")]
    source_ip_address: &'a str,
    event_source: &'a str,
    resources: String,
    resource_name: &'a str,
    resource_set: &'a [&'a str],
    /// The request's parameters are not kept.
    request_parameters: &'a str,
    response_elements: String,
    resource_type: &'a str,
    event_name: &'a str,
    sensitive_action: &'a str,
    tags: &'a [&'a str],
}

/// A call's answer, as `responseElements` keeps it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Answer<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<AnswerError<'a>>,
    request_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AnswerError<'a> {
    code: &'a str,
    message: &'a str,
}

/// What this server knows of a caller's session.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionContext<'a> {
    user_ip: &'a str,
    uin: u64,
    owner_uin: u64,
    /// camtui's own: whether the request's signature verified with an enabled key (refused
    /// and unsigned attempts naming the key are recorded too).
    authenticated: bool,
}

/// JSON text of a value that always serialises (no maps with non-string keys, no failing
/// `Serialize`).
fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Identity<'a> {
    principal_id: String,
    account_id: String,
    secret_id: &'a str,
    /// JSON in a string, as the example has it.
    session_context: String,
    #[serde(rename = "type")]
    kind: &'a str,
    user_name: &'a str,
}

/// A coarse location, which is all an emulator can honestly say about an address.
fn location_of(ip: &str) -> &'static str {
    match ip.parse::<std::net::IpAddr>() {
        Ok(addr) if addr.is_loopback() => "本机",
        Ok(std::net::IpAddr::V4(v4)) if v4.is_private() => "内网IP",
        _ => "未知",
    }
}

/// Where a writer tells a waiting record or flush how its write went.
type Waiter = tokio::sync::oneshot::Sender<Result<(), AuditError>>;

enum Message {
    /// Written with the next batch.
    Record(Box<AuditRecord>),
    /// Written at once (with whatever else is queued), then answered.
    Durable(Box<AuditRecord>, Waiter),
    /// Answered once everything queued before it is written.
    Flush(Waiter),
    Stop,
}

/// Appends audit records on a background thread, in batches (one commit for many records).
pub struct AuditWriter {
    sender: mpsc::Sender<Message>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// To wake the writer from its batching wait.
    waker: std::thread::Thread,
}

impl std::fmt::Debug for AuditWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditWriter")
    }
}

impl AuditWriter {
    /// Starts the writer; it keeps at most `max_events` events (oldest first out).
    pub fn start(store: &Store, max_events: u64) -> Result<Self, ServerError> {
        let mut connection = store.audit_connection()?;
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("camtui-audit".into())
            .spawn(move || run(&mut connection, &receiver, max_events))
            .map_err(ServerError::Thread)?;
        Ok(Self {
            sender,
            waker: thread.thread().clone(),
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Queues a record; it is written within milliseconds, or at [`flush`](Self::flush).
    /// Queuing does not wake the writer: it parks while it gathers a batch. For authenticated
    /// reads, which a crash may lose the last few of.
    pub fn record(&self, record: AuditRecord) {
        if self.sender.send(Message::Record(Box::new(record))).is_err() {
            tracing::warn!("audit writer has stopped; a record was dropped");
        }
    }

    /// Writes a record before returning, as durably as a mutation's own: for refusals and
    /// unauthenticated attempts, which must be on the record once answered. Records arriving
    /// together share one commit.
    pub async fn record_durable(&self, record: AuditRecord) -> Result<(), AuditError> {
        self.ask(|done| Message::Durable(Box::new(record), done))?
            .await
            .unwrap_or(Err(AuditError::Stopped))
    }

    /// Waits until every record queued before this call is in the database, or says why not.
    pub async fn flush(&self) -> Result<(), AuditError> {
        self.ask(Message::Flush)?
            .await
            .unwrap_or(Err(AuditError::Stopped))
    }

    /// [`flush`](Self::flush) for blocking code (handlers run on the blocking pool).
    pub fn flush_blocking(&self) -> Result<(), AuditError> {
        self.ask(Message::Flush)?
            .blocking_recv()
            .unwrap_or(Err(AuditError::Stopped))
    }

    fn ask(
        &self,
        message: impl FnOnce(Waiter) -> Message,
    ) -> Result<tokio::sync::oneshot::Receiver<Result<(), AuditError>>, AuditError> {
        let (done, answer) = tokio::sync::oneshot::channel();
        self.sender
            .send(message(done))
            .map_err(|_| AuditError::Stopped)?;
        self.waker.unpark();
        Ok(answer)
    }

    /// Writes what is queued and stops the thread. Later records are dropped.
    pub fn stop(&self) {
        let _ = self.sender.send(Message::Stop);
        self.waker.unpark();
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

/// What the writer holds between writes.
#[derive(Default)]
struct Pending {
    /// Records not yet written: a failed write keeps them for the next attempt.
    records: Vec<AuditRecord>,
    /// Answered after the next write attempt, with its outcome.
    waiting: Vec<Waiter>,
    stop: bool,
}

impl Pending {
    fn take(&mut self, message: Message) {
        match message {
            Message::Record(record) => self.records.push(*record),
            Message::Durable(record, done) => {
                self.records.push(*record);
                self.waiting.push(done);
            }
            Message::Flush(done) => self.waiting.push(done),
            Message::Stop => self.stop = true,
        }
    }

    fn answer(&mut self, outcome: &Result<(), AuditError>) {
        for done in self.waiting.drain(..) {
            let _ = done.send(outcome.clone());
        }
    }
}

/// After a failed write the writer waits this long before the next attempt, doubling up to
/// [`MAX_RETRY_DELAY`].
const FIRST_RETRY_DELAY: Duration = Duration::from_millis(50);
const MAX_RETRY_DELAY: Duration = Duration::from_secs(5);
/// At a stop, how many more attempts a failing database gets before the queue is given up.
const ATTEMPTS_AT_STOP: u32 = 3;

fn run(connection: &mut AuditConnection, receiver: &mpsc::Receiver<Message>, max_events: u64) {
    let mut last_prune: Option<Instant> = None;
    let mut last_budget = Instant::now();
    // Records this writer appended since the budget was last checked.
    let mut appended = 0;
    let mut pending = Pending::default();
    // Set while writes fail: how long to wait before the next attempt.
    let mut retry: Option<Duration> = None;
    let mut attempts_left = ATTEMPTS_AT_STOP;
    loop {
        let message = match receiver.recv_timeout(retry.unwrap_or(BUDGET_EVERY)) {
            Ok(message) => Some(message),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                pending.stop = true;
                None
            }
        };
        if let Some(message) = message {
            pending.take(message);
        }
        if pending.waiting.is_empty() && !pending.stop && retry.is_none() {
            std::thread::park_timeout(BATCH_WINDOW);
        }
        while pending.records.len() < MAX_BATCH && !pending.stop {
            match receiver.try_recv() {
                Ok(message) => pending.take(message),
                Err(_) => break,
            }
        }
        let outcome = if pending.records.is_empty() {
            Ok(())
        } else {
            connection.append(&pending.records).map_err(Arc::new)
        };
        match outcome {
            Ok(()) => {
                appended += pending.records.len() as u64;
                pending.records.clear();
                pending.answer(&Ok(()));
                retry = None;
            }
            Err(e) => {
                tracing::error!(error = %e, records = pending.records.len(), "cannot write audit records; retrying");
                pending.answer(&Err(AuditError::Write(e)));
                retry = Some(retry.map_or(FIRST_RETRY_DELAY, |d| (2 * d).min(MAX_RETRY_DELAY)));
            }
        }
        if retry.is_none() && (appended >= max_events / 20 || last_budget.elapsed() >= BUDGET_EVERY)
        {
            match connection.enforce_budget(max_events) {
                Ok(0) => {}
                Ok(n) => tracing::warn!(
                    records = n,
                    max_events,
                    "the audit trail is full: deleted its oldest records"
                ),
                Err(e) => tracing::error!(error = %e, "cannot keep the audit trail to its size"),
            }
            appended = 0;
            last_budget = Instant::now();
        }
        if retry.is_none() && last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
            let cutoff = chrono::Utc::now().timestamp() - RETENTION.as_secs() as i64;
            match connection.prune(cutoff) {
                Ok(0) => {}
                Ok(n) => tracing::info!(records = n, "pruned audit records older than 90 days"),
                Err(e) => tracing::error!(error = %e, "cannot prune audit records"),
            }
            last_prune = Some(Instant::now());
        }
        if pending.stop {
            if pending.records.is_empty() {
                return;
            }
            attempts_left = attempts_left.saturating_sub(1);
            if attempts_left == 0 {
                tracing::error!(
                    records = pending.records.len(),
                    "stopping with audit records that could not be written"
                );
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AuditRecord {
        AuditRecord {
            event_id: "e1".into(),
            time: 1_700_000_000,
            secret_id: "AKIDexample".into(),
            uin: 100_000_000_101,
            username: "部署".into(),
            action: "DeleteAccessKey".into(),
            service: "cam".into(),
            action_type: "Write".into(),
            source_ip: "10.0.0.7".into(),
            region: "ap-guangzhou".into(),
            error_number: 0,
            api_error_code: String::new(),
            api_error_message: String::new(),
            request_id: "r1".into(),
            http_method: "POST".into(),
            user_agent: "camtui/0.1".into(),
            resource_name: "AKIDother".into(),
            sensitive: true,
            authenticated: false,
        }
    }

    #[test]
    fn the_document_is_shaped_like_the_official_example() {
        let mut record = sample();
        let document = |record: &AuditRecord| {
            let event = event(record, 100_000_000_001, 100_000_000_001, true);
            assert_eq!(event.location, "内网IP");
            serde_json::from_str::<serde_json::Value>(&event.cloud_audit_event).unwrap()
        };
        let ok = document(&record);
        let inner = |value: &serde_json::Value| {
            serde_json::from_str::<serde_json::Value>(value.as_str().unwrap()).unwrap()
        };
        assert_eq!(ok["eventTime"], 1_700_000_000);
        assert_eq!(ok["errorCode"], "0");
        assert_eq!(ok["apiErrorCode"], 0);
        assert_eq!(ok["apiVersion"], "3.0");
        assert_eq!(
            (&ok["requestID"], &ok["eventID"]),
            (&"r1".into(), &"e1".into())
        );
        assert_eq!(ok["sourceIPAddress"], "10.0.0.7");
        assert_eq!(ok["sensitiveAction"], "1");
        assert_eq!(ok["userIdentity"]["type"], "CAMUser");
        assert_eq!(ok["userIdentity"]["principalId"], "100000000101");
        assert_eq!(ok["userIdentity"]["userName"], "部署");
        assert_eq!(
            inner(&ok["userIdentity"]["sessionContext"])["userIp"],
            "10.0.0.7"
        );
        assert_eq!(
            inner(&ok["userIdentity"]["sessionContext"])["authenticated"],
            false
        );
        assert_eq!(inner(&ok["resources"]), serde_json::json!(["AKIDother"]));
        assert_eq!(
            inner(&ok["responseElements"]),
            serde_json::json!({"RequestId": "r1"})
        );

        record.error_number = 4300;
        record.api_error_code = "OperationDenied.UinNotMatch".into();
        record.api_error_message = "say \"no\"".into();
        let failed = document(&record);
        assert_eq!(
            (&failed["errorCode"], &failed["apiErrorCode"]),
            (&"4300".into(), &4300.into())
        );
        assert_eq!(failed["apiErrorMessage"], "say \"no\"");
        assert_eq!(
            inner(&failed["responseElements"])["Error"]["Code"],
            "OperationDenied.UinNotMatch"
        );
    }

    // Regression (issue 11, attack 5): a batch whose write failed was dropped with a log line,
    // and a waiting flush was told it had finished.
    #[tokio::test]
    async fn a_failed_write_is_retried_never_dropped_and_waiters_hear_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.db");
        let store = Store::open(&path).unwrap();
        let writer = AuditWriter::start(&store, DEFAULT_MAX_EVENTS).unwrap();
        let side = rusqlite::Connection::open(&path).unwrap();
        // The database refuses new events until the trigger goes.
        side.execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
        )
        .unwrap();
        // Recent: older ones would be pruned (90 days) right after they are written.
        let record = |id: &str| AuditRecord {
            event_id: id.into(),
            time: chrono::Utc::now().timestamp(),
            ..sample()
        };
        writer.record(record("read"));
        assert!(matches!(writer.flush().await, Err(AuditError::Write(_))));
        assert!(matches!(
            writer.record_durable(record("refusal")).await,
            Err(AuditError::Write(_))
        ));
        side.execute_batch("DROP TRIGGER refuse").unwrap();
        writer.flush().await.unwrap();
        let mut written: Vec<String> = rusqlite::Connection::open(&path)
            .unwrap()
            .prepare("SELECT event_id FROM events")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        written.sort();
        assert_eq!(written, ["read", "refusal"]);
        writer.stop();
    }
}
