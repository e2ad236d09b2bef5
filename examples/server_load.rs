//! Load benchmark for `camtui serve` (issue 7, product.md §6), sent only to loopback:
//!
//! - `seed`: writes a large data set (default 10,000 users, 20,000 keys, 1,000,000 audit events)
//!   straight into a new database, and the root credential file `camtui serve` will use.
//! - `run`: N keep-alive connections, each signing every request for real with `cam::signer`;
//!   scenarios `list` (`ListAccessKeys` of random users), `cycle` (`CreateAccessKey`+`DeleteAccessKey`),
//!   `events` (`DescribeEvents` of one random key), `events-hot` (the root key, 10% of all events)
//!   and `events-all` (no filter). Prints requests/s, p50/p99 and the server's CPU per request.
//! - `count`: successful key creations/deletions recorded since a time, read straight from the
//!   database (after `kill -9`, to check that every acknowledged commit survived).
//! - `wrk-script`: a Lua script for `wrk` with pre-signed `ListAccessKeys` requests (valid ±300 s).
//! - `proxy`: a TCP proxy on loopback that holds each request back for a delay before passing it
//!   on, as a slow link would (`scripts/bench-hygiene.sh`: `whois` through 50 ms a request).
//!
//! `scripts/bench-server.sh` drives all of it; BENCHMARKS.md has the figures.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use camtui::cam::Credential;
use camtui::cam::model::{Service, UserKind};
use camtui::cam::signer;
use camtui::server::ids::new_secret_key;
use camtui::server::load_or_create_root_credential;
use camtui::server::store::{Account, AuditRecord, Grants, Store, StoredKey, StoredUser};
use clap::{Parser, Subcommand, ValueEnum};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

/// Seeded users get UINs from here on, so `run` can name them without asking.
const UIN_BASE: u64 = 200_000_000_000;
const ACCOUNT: Account = Account {
    owner_uin: 100_000_000_001,
    app_id: 1_250_000_001,
};
const DAY: i64 = 24 * 3600;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Seed(SeedArgs),
    Run(RunArgs),
    Count {
        #[arg(long)]
        db: PathBuf,
        /// Unix seconds.
        #[arg(long)]
        since: i64,
    },
    WrkScript {
        #[arg(long)]
        endpoint: String,
        #[arg(long)]
        credential_file: PathBuf,
        #[arg(long, default_value_t = 10_000)]
        users: u64,
    },
    Proxy {
        /// Where to listen (loopback).
        #[arg(long)]
        listen: std::net::SocketAddr,
        /// The server (loopback).
        #[arg(long)]
        upstream: std::net::SocketAddr,
        /// Added to every request before it is passed on.
        #[arg(long, default_value_t = 50)]
        delay_ms: u64,
    },
}

#[derive(clap::Args)]
struct SeedArgs {
    #[arg(long)]
    db: PathBuf,
    #[arg(long)]
    credential_file: PathBuf,
    #[arg(long, default_value_t = 10_000)]
    users: u64,
    #[arg(long, default_value_t = 20_000)]
    keys: u64,
    #[arg(long, default_value_t = 1_000_000)]
    events: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    List,
    Cycle,
    Events,
    EventsHot,
    EventsAll,
}

#[derive(clap::Args)]
struct RunArgs {
    /// `http://127.0.0.1:PORT` (loopback only).
    #[arg(long)]
    endpoint: String,
    #[arg(long)]
    credential_file: PathBuf,
    #[arg(long, value_enum)]
    scenario: Scenario,
    #[arg(long, default_value_t = 1)]
    connections: usize,
    /// Seconds of measurement, after one second of warm-up.
    #[arg(long, default_value_t = 10.0)]
    duration: f64,
    /// How many seeded users and keys to pick from.
    #[arg(long, default_value_t = 10_000)]
    users: u64,
    #[arg(long, default_value_t = 20_000)]
    keys: u64,
    /// The server's process id, to report its CPU time per request.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Requests (or cycles) per second over all connections, paced; default: as fast as the
    /// server answers.
    #[arg(long)]
    rate: Option<f64>,
    /// The server is going to be killed: a lost connection ends that connection's work
    /// instead of the run, and the acknowledged operations are still reported.
    #[arg(long)]
    expect_kill: bool,
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed(args) => seed(&args),
        Command::Run(args) => tokio::runtime::Runtime::new()?.block_on(run(args)),
        Command::Count { db, since } => count(&db, since),
        Command::WrkScript {
            endpoint,
            credential_file,
            users,
        } => wrk_script(&endpoint, &credential_file, users),
        Command::Proxy {
            listen,
            upstream,
            delay_ms,
        } => tokio::runtime::Runtime::new()?.block_on(proxy(
            listen,
            upstream,
            Duration::from_millis(delay_ms),
        )),
    }
}

/// Passes every connection on to `upstream`, holding each request back for `delay`: the first
/// bytes from the client after an answer (or on a new connection) wait, the rest of that request
/// and every answer go straight through.
async fn proxy(
    listen: std::net::SocketAddr,
    upstream: std::net::SocketAddr,
    delay: Duration,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        listen.ip().is_loopback() && upstream.ip().is_loopback(),
        "the proxy only listens on and forwards to loopback"
    );
    let listener = tokio::net::TcpListener::bind(listen).await?;
    eprintln!(
        "proxy {listen} → {upstream}, {} ms a request",
        delay.as_millis()
    );
    loop {
        let (client, _) = listener.accept().await?;
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(upstream).await else {
                return;
            };
            let _ = client.set_nodelay(true);
            let _ = server.set_nodelay(true);
            let (mut from_client, mut to_client) = client.into_split();
            let (mut from_server, mut to_server) = server.into_split();
            // Set when an answer went back: the client's next bytes are a new request.
            let answered = Arc::new(AtomicBool::new(true));
            let requests = {
                let answered = Arc::clone(&answered);
                async move {
                    let mut buffer = vec![0u8; 64 * 1024];
                    loop {
                        let n = from_client.read(&mut buffer).await?;
                        if n == 0 {
                            return to_server.shutdown().await;
                        }
                        if answered.swap(false, Ordering::SeqCst) {
                            tokio::time::sleep(delay).await;
                        }
                        to_server.write_all(&buffer[..n]).await?;
                    }
                }
            };
            let answers = async move {
                let mut buffer = vec![0u8; 64 * 1024];
                loop {
                    let n = from_server.read(&mut buffer).await?;
                    if n == 0 {
                        return to_client.shutdown().await;
                    }
                    answered.store(true, Ordering::SeqCst);
                    to_client.write_all(&buffer[..n]).await?;
                }
            };
            let _: std::io::Result<((), ())> = tokio::try_join!(requests, answers);
        });
    }
}

fn user_uin(i: u64) -> u64 {
    UIN_BASE + i
}

fn key_secret_id(j: u64) -> String {
    format!("AKIDload{j:028}")
}

/// xorshift64*: deterministic, fast and good enough to spread a data set.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn seed(args: &SeedArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.keys <= 2 * args.users,
        "at most 2 keys per user: --keys must be at most twice --users"
    );
    let started = Instant::now();
    let (root, _) = load_or_create_root_credential(&args.credential_file)?;
    let store = Store::open(&args.db)?;
    if store.account()?.is_some() {
        bail!("{} already has data", args.db.display());
    }
    let now = chrono::Utc::now().timestamp();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let users: Vec<StoredUser> = (0..args.users)
        .map(|i| StoredUser {
            uin: user_uin(i),
            uid: 20_000_000 + i,
            kind: if i % 10 == 9 {
                UserKind::Collaborator
            } else {
                UserKind::SubUser
            },
            name: format!("load-user-{i:05}"),
            nick_name: String::new(),
            remark: format!("team {}", i % 97),
            console_login: i % 2,
            phone_num: String::new(),
            country_code: String::new(),
            email: String::new(),
            created: now - 400 * DAY + rng.below(300 * DAY as u64) as i64,
            last_login_ip: String::new(),
            last_login_time: None,
            is_admin: false,
        })
        .collect();
    let keys: Vec<StoredKey> = (0..args.keys)
        .map(|j| StoredKey {
            secret_id: key_secret_id(j),
            owner_uin: user_uin(j % args.users),
            active: j % 5 != 4,
            secret_key: new_secret_key(),
            description: (j % 3 == 0).then(|| format!("deploy-{j}")),
            created: now - 100 * DAY + rng.below(90 * DAY as u64) as i64,
        })
        .collect();
    if !store.load_if_empty(ACCOUNT, &users, &keys, &Grants::default(), &[])? {
        bail!("{} already has data", args.db.display());
    }
    let seeded_rows = started.elapsed();

    // Events in chunks: a million records at once would hold ~600 MB.
    let mut audit = store.audit_connection()?;
    let actions = [
        ("ListAccessKeys", "Read"),
        ("ListUsers", "Read"),
        ("GetUser", "Read"),
        ("GetSecurityLastUsed", "Read"),
        ("DescribeEvents", "Read"),
        ("UpdateAccessKey", "Write"),
        ("CreateAccessKey", "Write"),
    ];
    let mut written = 0;
    while written < args.events {
        let chunk = (args.events - written).min(50_000);
        let records: Vec<AuditRecord> = (written..written + chunk)
            .map(|n| {
                // One event in ten is the root key's: the administrator's busy key.
                let (secret_id, uin, username) = if n % 10 == 0 || args.keys == 0 {
                    (root.secret_id.clone(), ACCOUNT.owner_uin, "root".to_owned())
                } else {
                    let j = rng.below(args.keys);
                    let owner = j % args.users;
                    (
                        key_secret_id(j),
                        user_uin(owner),
                        format!("load-user-{owner:05}"),
                    )
                };
                let (action, action_type) = actions[rng.below(actions.len() as u64) as usize];
                let failed = rng.below(20) == 0;
                AuditRecord {
                    event_id: format!("{:032x}", (u128::from(rng.next()) << 64) | u128::from(n)),
                    time: now - rng.below(89 * DAY as u64) as i64,
                    secret_id,
                    uin,
                    username,
                    action: action.to_owned(),
                    service: "cam".to_owned(),
                    action_type: action_type.to_owned(),
                    source_ip: format!("10.{}.{}.{}", n % 7, n % 251, n % 13),
                    region: "ap-guangzhou".to_owned(),
                    error_number: if failed { -1 } else { 0 },
                    api_error_code: if failed {
                        "AuthFailure.SignatureFailure".to_owned()
                    } else {
                        String::new()
                    },
                    api_error_message: String::new(),
                    request_id: format!("{:032x}", rng.next()),
                    http_method: "POST".to_owned(),
                    user_agent: "camtui-load".to_owned(),
                    resource_name: String::new(),
                    sensitive: action_type == "Write",
                    authenticated: !failed,
                }
            })
            .collect();
        audit.append(&records)?;
        written += chunk;
    }
    let size = std::fs::metadata(&args.db).map_or(0, |m| m.len());
    eprintln!(
        "seeded {} users, {} keys in {:.2} s, {} events in {:.2} s total; database {} MB; root SecretId {}",
        args.users,
        args.keys,
        seeded_rows.as_secs_f64(),
        args.events,
        started.elapsed().as_secs_f64(),
        size / 1_000_000,
        root.secret_id
    );
    Ok(())
}

fn count(db: &Path, since: i64) -> anyhow::Result<()> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    for action in ["CreateAccessKey", "DeleteAccessKey"] {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM events WHERE action = ?1 AND error_code = 0 AND time >= ?2",
            rusqlite::params![action, since],
            |r| r.get(0),
        )?;
        println!("{action} {n}");
    }
    Ok(())
}

/// One signed HTTP/1.1 request, ready to write.
fn signed_request(
    credential: &Credential,
    host: &str,
    service: Service,
    action: &str,
    body: &str,
    timestamp: i64,
) -> Vec<u8> {
    let authorization = signer::sign(
        &credential.secret_id,
        credential.secret_key.expose(),
        service.name(),
        timestamp,
        &signer::Request {
            method: "POST",
            query: "",
            headers: &[("content-type", "application/json"), ("host", host)],
            payload: signer::Payload::Body(body.as_bytes()),
        },
    );
    let mut out = String::with_capacity(512 + body.len());
    let _ = write!(
        out,
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Authorization: {authorization}\r\nX-TC-Action: {action}\r\nX-TC-Version: {}\r\n\
         X-TC-Timestamp: {timestamp}\r\nX-TC-Region: ap-guangzhou\r\nContent-Length: {}\r\n\r\n{body}",
        service.version(),
        body.len()
    );
    out.into_bytes()
}

/// A kept-alive HTTP/1.1 connection that sends one request at a time.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: &str) -> anyhow::Result<Self> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connect {addr}"))?;
        stream.set_nodelay(true)?;
        Ok(Self {
            stream,
            buffer: Vec::with_capacity(16 * 1024),
        })
    }

    /// Sends `request` and returns the response body.
    async fn exchange(&mut self, request: &[u8]) -> anyhow::Result<&[u8]> {
        self.stream.write_all(request).await?;
        self.buffer.clear();
        let mut header_end = None;
        loop {
            if let Some(end) = header_end {
                let length = content_length(&self.buffer[..end])?;
                if self.buffer.len() >= end + length {
                    return Ok(&self.buffer[end..end + length]);
                }
            }
            let mut chunk = [0u8; 8192];
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                bail!("the server closed the connection");
            }
            self.buffer.extend_from_slice(&chunk[..n]);
            if header_end.is_none() {
                header_end = find(&self.buffer, b"\r\n\r\n").map(|i| i + 4);
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &[u8]) -> anyhow::Result<usize> {
    let text = std::str::from_utf8(head)?;
    if !text.starts_with("HTTP/1.1 200") {
        bail!(
            "unexpected status line: {}",
            text.lines().next().unwrap_or("")
        );
    }
    text.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .context("response without Content-Length")
}

/// The API error code in a response body, if any.
fn error_code(body: &[u8]) -> Option<String> {
    find(body, b"\"Error\"")?;
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    Some(value["Response"]["Error"]["Code"].as_str()?.to_owned())
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    operations: u64,
    errors: u64,
    first_error: Option<String>,
    created: u64,
    deleted: u64,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.latencies_us.extend(other.latencies_us);
        self.operations += other.operations;
        self.errors += other.errors;
        self.first_error = self.first_error.take().or(other.first_error);
        self.created += other.created;
        self.deleted += other.deleted;
    }
}

struct Worker {
    credential: Arc<Credential>,
    host: String,
    scenario: Scenario,
    users: u64,
    keys: u64,
    rng: Rng,
}

impl Worker {
    fn request(&self, service: Service, action: &str, body: &str) -> Vec<u8> {
        signed_request(
            &self.credential,
            &self.host,
            service,
            action,
            body,
            chrono::Utc::now().timestamp(),
        )
    }

    /// For `cycle`: a user of this connection's own with no keys (created if needed).
    async fn cycle_user(&self, conn: &mut Connection, index: usize) -> anyhow::Result<u64> {
        let name = format!("load-cycle-{index:03}");
        let body = conn
            .exchange(&self.request(
                Service::Cam,
                "AddUser",
                &format!(r#"{{"Name":"{name}","UseApi":0}}"#),
            ))
            .await?
            .to_vec();
        let uin = if error_code(&body).is_some() {
            let body = conn
                .exchange(&self.request(
                    Service::Cam,
                    "GetUser",
                    &format!(r#"{{"Name":"{name}"}}"#),
                ))
                .await?;
            let value: serde_json::Value = serde_json::from_slice(body)?;
            value["Response"]["Uin"]
                .as_u64()
                .context("GetUser: no Uin")?
        } else {
            let value: serde_json::Value = serde_json::from_slice(&body)?;
            value["Response"]["Uin"]
                .as_u64()
                .context("AddUser: no Uin")?
        };
        // Keys left behind by an interrupted run.
        let body = conn
            .exchange(&self.request(
                Service::Cam,
                "ListAccessKeys",
                &format!(r#"{{"TargetUin":{uin}}}"#),
            ))
            .await?;
        let value: serde_json::Value = serde_json::from_slice(body)?;
        let left: Vec<String> = value["Response"]["AccessKeys"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| k["AccessKeyId"].as_str().map(str::to_owned))
            .collect();
        for id in left {
            conn.exchange(&self.request(
                Service::Cam,
                "DeleteAccessKey",
                &format!(r#"{{"AccessKeyId":"{id}","TargetUin":{uin}}}"#),
            ))
            .await?;
        }
        Ok(uin)
    }

    /// One operation of the scenario: one request, or a create+delete cycle.
    async fn operate(
        &mut self,
        conn: &mut Connection,
        cycle_uin: u64,
        tally: &mut Tally,
    ) -> anyhow::Result<()> {
        let now = chrono::Utc::now().timestamp();
        let (service, action, body) = match self.scenario {
            Scenario::List => (
                Service::Cam,
                "ListAccessKeys",
                format!(
                    r#"{{"TargetUin":{}}}"#,
                    user_uin(self.rng.below(self.users))
                ),
            ),
            Scenario::Events | Scenario::EventsHot | Scenario::EventsAll => {
                let filter = match self.scenario {
                    Scenario::Events => format!(
                        r#","LookupAttributes":[{{"AttributeKey":"AccessKeyId","AttributeValue":"{}"}}]"#,
                        key_secret_id(self.rng.below(self.keys))
                    ),
                    Scenario::EventsHot => format!(
                        r#","LookupAttributes":[{{"AttributeKey":"AccessKeyId","AttributeValue":"{}"}}]"#,
                        self.credential.secret_id
                    ),
                    _ => String::new(),
                };
                (
                    Service::CloudAudit,
                    "DescribeEvents",
                    format!(
                        r#"{{"StartTime":{},"EndTime":{now},"MaxResults":20{filter}}}"#,
                        now - 29 * DAY
                    ),
                )
            }
            Scenario::Cycle => {
                // A description of its own: the server accepts a change's signature once,
                // and the same change signed within one second carries the same signature.
                let create = format!(
                    r#"{{"TargetUin":{cycle_uin},"Description":"cycle-{:016x}"}}"#,
                    self.rng.next()
                );
                let body = conn
                    .exchange(&self.request(Service::Cam, "CreateAccessKey", &create))
                    .await?;
                if let Some(code) = error_code(body) {
                    tally.errors += 1;
                    tally.first_error.get_or_insert(code);
                    return Ok(());
                }
                let value: serde_json::Value = serde_json::from_slice(body)?;
                let id = value["Response"]["AccessKey"]["AccessKeyId"]
                    .as_str()
                    .context("CreateAccessKey: no AccessKeyId")?
                    .to_owned();
                tally.created += 1;
                (
                    Service::Cam,
                    "DeleteAccessKey",
                    format!(r#"{{"AccessKeyId":"{id}","TargetUin":{cycle_uin}}}"#),
                )
            }
        };
        let body = conn.exchange(&self.request(service, action, &body)).await?;
        if let Some(code) = error_code(body) {
            tally.errors += 1;
            tally.first_error.get_or_insert(code);
        } else if self.scenario == Scenario::Cycle {
            tally.deleted += 1;
        }
        Ok(())
    }
}

/// User and system CPU time of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    f64::from(sorted[rank]) / 1000.0
}

async fn run(args: RunArgs) -> anyhow::Result<()> {
    let url = reqwest::Url::parse(&args.endpoint)?;
    let host = match (url.host_str(), url.port()) {
        (Some(h @ ("127.0.0.1" | "localhost" | "[::1]")), Some(port)) => format!("{h}:{port}"),
        _ => bail!("--endpoint must be http://127.0.0.1:PORT (load goes to loopback only)"),
    };
    let credential = Arc::new(camtui::cam::credential::from_json_file(
        &args.credential_file,
    )?);
    let warmup = Duration::from_secs(1);
    let measure = Duration::from_secs_f64(args.duration);
    let recording = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for index in 0..args.connections {
        let mut worker = Worker {
            credential: Arc::clone(&credential),
            host: host.clone(),
            scenario: args.scenario,
            users: args.users,
            keys: args.keys,
            rng: Rng(0x5DEE_CE66_D1CE_4E5B ^ (index as u64 + 1).wrapping_mul(0x9E37_79B9)),
        };
        let recording = Arc::clone(&recording);
        let stop = Arc::clone(&stop);
        let addr = host.clone();
        let expect_kill = args.expect_kill;
        let (rate, connections) = (args.rate, args.connections);
        tasks.push(tokio::spawn(async move {
            let mut conn = Connection::open(&addr).await?;
            let cycle_uin = if worker.scenario == Scenario::Cycle {
                worker.cycle_user(&mut conn, index).await?
            } else {
                0
            };
            let mut tally = Tally::default();
            let mut ignored = Tally::default();
            // With --rate, each connection sends on a fixed schedule (staggered across
            // connections) instead of as fast as answers come back.
            let interval = rate.map(|r| Duration::from_secs_f64(connections as f64 / r));
            let mut next = tokio::time::Instant::now()
                + interval.map_or(Duration::ZERO, |i| {
                    i.mul_f64(index as f64 / connections as f64)
                });
            while !stop.load(Ordering::Relaxed) {
                // Paced, latency counts from when the request was due, not from when it went
                // out: a server that stalls delays the requests queued behind the stall too, and
                // measuring from the late send would hide that (coordinated omission).
                let started = match interval {
                    Some(interval) => {
                        tokio::time::sleep_until(next).await;
                        let due = next;
                        next += interval;
                        due.into_std()
                    }
                    None => Instant::now(),
                };
                let recorded = recording.load(Ordering::Relaxed);
                let into = if recorded { &mut tally } else { &mut ignored };
                match worker.operate(&mut conn, cycle_uin, into).await {
                    Ok(()) => {}
                    Err(_) if expect_kill => break,
                    Err(e) => return Err(e),
                }
                if recorded {
                    tally.operations += 1;
                    tally
                        .latencies_us
                        .push(started.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                }
            }
            // Cycles in flight at the end still count as acknowledged for the durability check.
            tally.created += ignored.created;
            tally.deleted += ignored.deleted;
            anyhow::Ok(tally)
        }));
    }
    tokio::time::sleep(warmup).await;
    let cpu_before = args.server_pid.and_then(cpu_ticks);
    let own_before = cpu_ticks(std::process::id());
    let started = Instant::now();
    recording.store(true, Ordering::Relaxed);
    tokio::time::sleep(measure).await;
    recording.store(false, Ordering::Relaxed);
    let elapsed = started.elapsed();
    let cpu_after = args.server_pid.and_then(cpu_ticks);
    let own_after = cpu_ticks(std::process::id());
    stop.store(true, Ordering::Relaxed);
    let mut total = Tally::default();
    for task in tasks {
        total.merge(task.await??);
    }
    total.latencies_us.sort_unstable();
    let rate = total.operations as f64 / elapsed.as_secs_f64();
    let mut line = format!(
        "scenario={} connections={}{} ops={} errors={} ops_per_s={rate:.0} p50_ms={:.3} p99_ms={:.3} max_ms={:.3}",
        args.scenario
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_owned()),
        args.connections,
        args.rate
            .map_or_else(String::new, |r| format!(" paced_at={r:.0}/s")),
        total.operations,
        total.errors,
        percentile(&total.latencies_us, 50.0),
        percentile(&total.latencies_us, 99.0),
        percentile(&total.latencies_us, 100.0),
    );
    if let (Some(before), Some(after)) = (cpu_before, cpu_after) {
        // Clock ticks are 1/100 s on Linux.
        let cpu_us = (after - before) as f64 * 10_000.0;
        let requests = total.operations
            * if args.scenario == Scenario::Cycle {
                2
            } else {
                1
            };
        let _ = write!(
            line,
            " server_cpu_s={:.2} server_cpu_us_per_request={:.1}",
            cpu_us / 1e6,
            cpu_us / requests.max(1) as f64
        );
    }
    if let (Some(before), Some(after)) = (own_before, own_after) {
        let requests = total.operations
            * if args.scenario == Scenario::Cycle {
                2
            } else {
                1
            };
        let _ = write!(
            line,
            " client_cpu_us_per_request={:.1}",
            (after - before) as f64 * 10_000.0 / requests.max(1) as f64
        );
    }
    if args.scenario == Scenario::Cycle {
        let _ = write!(
            line,
            " acknowledged_creates={} acknowledged_deletes={}",
            total.created, total.deleted
        );
    }
    if let Some(code) = total.first_error {
        let _ = write!(line, " first_error={code}");
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let _ = write!(
            line,
            " loadavg={}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    println!("{line}");
    Ok(())
}

/// A wrk script cycling through 100 pre-signed `ListAccessKeys` requests for different users.
fn wrk_script(endpoint: &str, credential_file: &Path, users: u64) -> anyhow::Result<()> {
    let url = reqwest::Url::parse(endpoint)?;
    let host = format!(
        "{}:{}",
        url.host_str().context("endpoint without host")?,
        url.port().context("endpoint without port")?
    );
    let credential = camtui::cam::credential::from_json_file(credential_file)?;
    let timestamp = chrono::Utc::now().timestamp();
    let mut rng = Rng(42);
    let mut script = String::from("local requests = {}\n");
    for _ in 0..100 {
        let body = format!(r#"{{"TargetUin":{}}}"#, user_uin(rng.below(users)));
        let authorization = signer::sign(
            &credential.secret_id,
            credential.secret_key.expose(),
            "cam",
            timestamp,
            &signer::Request {
                method: "POST",
                query: "",
                headers: &[("content-type", "application/json"), ("host", &host)],
                payload: signer::Payload::Body(body.as_bytes()),
            },
        );
        let _ = writeln!(
            script,
            "table.insert(requests, wrk.format(\"POST\", \"/\", {{[\"Host\"] = \"{host}\", \
             [\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"{authorization}\", \
             [\"X-TC-Action\"] = \"ListAccessKeys\", [\"X-TC-Version\"] = \"2019-01-16\", \
             [\"X-TC-Timestamp\"] = \"{timestamp}\"}}, '{body}'))"
        );
    }
    script.push_str(
        "local i = 0\nrequest = function()\n  i = i % #requests + 1\n  return requests[i]\nend\n\
         errors = 0\nresponse = function(status, headers, body)\n  \
         if status ~= 200 or string.find(body, '\"Error\"', 1, true) then errors = errors + 1 end\nend\n\
         local threads = {}\nsetup = function(thread) table.insert(threads, thread) end\n\
         done = function(summary, latency, requests)\n  local total = 0\n  \
         for _, thread in ipairs(threads) do total = total + thread:get(\"errors\") end\n  \
         io.write(string.format(\"wrk_api_errors=%d\\n\", total))\nend\n",
    );
    print!("{script}");
    Ok(())
}
