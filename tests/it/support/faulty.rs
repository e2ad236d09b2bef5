//! A fault-injecting proxy on 127.0.0.1:0 in front of a real server: it forwards every request
//! unchanged (the signature covers Host and Content-Type only, so it still verifies) except the
//! actions its plan picks, which get a fault instead — an HTTP 500, garbage, a closed connection,
//! an answer slower than the client's timeout, or the request forwarded and its answer dropped.
//! It records every action it sees, so tests can count attempts.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 500 with a text body.
    Http500,
    /// HTTP 200 whose body is not an API envelope.
    Garbage,
    /// The connection closes without an answer.
    Close,
    /// No answer for this long (longer than the client's timeout), then the connection closes.
    Slow(Duration),
    /// The request reaches the server (and takes effect); its answer is dropped.
    ForwardThenClose,
}

impl Fault {
    pub const ALL: [Fault; 5] = [
        Fault::Http500,
        Fault::Garbage,
        Fault::Close,
        Fault::Slow(Duration::from_secs(4)),
        Fault::ForwardThenClose,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Fault::Http500 => "HTTP 500",
            Fault::Garbage => "garbage",
            Fault::Close => "closed connection",
            Fault::Slow(_) => "slow (beyond the timeout)",
            Fault::ForwardThenClose => "answer lost after the write landed",
        }
    }
}

pub type Plan = Arc<dyn Fn(&str) -> Option<Fault> + Send + Sync>;

pub struct FaultyProxy {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultyProxy {
    pub async fn start(upstream: SocketAddr, plan: Plan) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let plan = Arc::clone(&plan);
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let _ = serve_one(stream, upstream, &plan, &log).await;
                });
            }
        });
        Self { addr, seen, task }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every action requested so far, in order.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    pub fn count(&self, action: &str) -> usize {
        self.seen().iter().filter(|a| *a == action).count()
    }
}

impl Drop for FaultyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A request read off the socket: its head (without the final blank line) and body.
pub struct Raw {
    pub head: String,
    pub body: Vec<u8>,
}

pub async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Raw>> {
    let mut buffer = Vec::new();
    let mut chunk = vec![0u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buffer.len() > 1024 * 1024 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(Raw { head, body }))
}

pub fn header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

async fn serve_one(
    mut stream: TcpStream,
    upstream: SocketAddr,
    plan: &Plan,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream).await? else {
        return Ok(());
    };
    let action = header(&request.head, "x-tc-action")
        .unwrap_or("-")
        .to_owned();
    log.lock().unwrap().push(action.clone());
    match plan(&action) {
        None => {
            let answer = forward(&request, upstream).await?;
            stream.write_all(&answer).await?;
        }
        Some(Fault::Http500) => {
            let body = "upstream exploded";
            stream
                .write_all(
                    format!(
                        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                )
                .await?;
        }
        Some(Fault::Garbage) => {
            let body = "<html><body>502 Bad Gateway</body></html>";
            stream
                .write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                )
                .await?;
        }
        Some(Fault::Close) => {}
        Some(Fault::Slow(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::ForwardThenClose) => {
            forward(&request, upstream).await?;
        }
    }
    stream.shutdown().await
}

/// Sends the request upstream on a fresh connection (asking it to close after answering) and
/// returns the answer's bytes.
pub async fn forward(request: &Raw, upstream: SocketAddr) -> std::io::Result<Vec<u8>> {
    let mut head: Vec<&str> = request
        .head
        .lines()
        .filter(|l| {
            !l.split_once(':')
                .is_some_and(|(n, _)| n.trim().eq_ignore_ascii_case("connection"))
        })
        .collect();
    head.push("Connection: close");
    let mut bytes = head.join("\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes.extend_from_slice(&request.body);
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(&bytes).await?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await?;
    Ok(answer)
}

/// An address where nothing listens: bound, then released.
pub async fn closed_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    addr
}
