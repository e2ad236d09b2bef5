//! Accepting connections, so that slow or idle ones cannot take the server down. A connection
//! is closed once it has waited [`ConnectionLimits::idle_timeout`] without serving an
//! authenticated request — since it opened or since its last answer — whether it is idle,
//! trickling a head or stalling a body: one sweep a second, no timer per request. A head is at
//! most [`MAX_HEAD`] bytes, and the router buffers bodies inside a budget shared by every
//! request not yet authenticated. So memory before authentication is bounded: heads × the
//! connection cap, plus the body budget.
//!
//! At most `max_connections` connections are open (fewer if the process's descriptor limit is
//! lower). At the cap a new connection closes the one that has waited longest without serving
//! an authenticated request (a stalled or idle one) and takes its place; only when every
//! connection is serving one is it refused, with a `RequestLimitExceeded` envelope.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tower::ServiceExt as _;

/// The largest request head (request line and headers); a larger one is refused by the HTTP
/// layer (431). A GET query is at most 32 KB by the API's own rule.
pub const MAX_HEAD: usize = 64 * 1024;
/// How often connections that waited too long are closed.
const SWEEP_EVERY: Duration = Duration::from_secs(1);
/// Descriptors kept for the rest of the server (the database files, the log) when the
/// descriptor limit bounds the connections: this many, or half of a smaller limit.
const RESERVED_DESCRIPTORS: u64 = 64;

/// How connections are bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    /// How long a connection may go without serving an authenticated request (since it
    /// opened, or since its last answer) before it is closed: idle, or sending a request too
    /// slowly.
    pub idle_timeout: Duration,
    /// Bytes of request bodies buffered at once before their requests are authenticated.
    pub body_budget: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            idle_timeout: Duration::from_secs(20),
            body_budget: 64 * 1024 * 1024,
        }
    }
}

impl ConnectionLimits {
    /// The cap in force: `max_connections`, or fewer if the descriptor limit is lower.
    pub fn cap(&self) -> usize {
        let descriptors = descriptor_limit().map_or(usize::MAX, |limit| {
            let reserved = RESERVED_DESCRIPTORS.min(limit / 2);
            usize::try_from(limit - reserved).unwrap_or(usize::MAX)
        });
        self.max_connections.min(descriptors).max(1)
    }
}

#[cfg(unix)]
fn descriptor_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(not(unix))]
fn descriptor_limit() -> Option<u64> {
    None
}

/// A connection as the router sees it: it marks the time it serves an authenticated request,
/// during which the connection is not closed to make room.
#[derive(Debug)]
pub struct Connection {
    /// Milliseconds (since the registry's start) since it last became free to close;
    /// `u64::MAX` while it serves an authenticated request.
    waiting_since: AtomicU64,
    close: Notify,
    registry: Arc<Registry>,
}

impl Connection {
    /// Keeps the connection open until the guard is dropped.
    pub fn serve(self: &Arc<Self>) -> Serving {
        self.waiting_since.store(u64::MAX, Ordering::Release);
        Serving(Arc::clone(self))
    }
}

/// See [`Connection::serve`].
#[derive(Debug)]
pub struct Serving(Arc<Connection>);

impl Drop for Serving {
    fn drop(&mut self) {
        let now = self.0.registry.now();
        self.0.waiting_since.store(now, Ordering::Release);
    }
}

#[derive(Debug)]
struct Registry {
    started: Instant,
    cap: usize,
    open: Mutex<BTreeMap<u64, Arc<Connection>>>,
    next: AtomicU64,
}

impl Registry {
    fn now(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn open(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Arc<Connection>>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Closes the connection that has waited longest without serving an authenticated
    /// request; false if every one is serving.
    fn close_longest_waiting(open: &mut BTreeMap<u64, Arc<Connection>>) -> bool {
        let longest = open
            .iter()
            .filter(|(_, c)| c.waiting_since.load(Ordering::Acquire) != u64::MAX)
            .min_by_key(|(_, c)| c.waiting_since.load(Ordering::Acquire))
            .map(|(id, _)| *id);
        let Some(connection) = longest.and_then(|id| open.remove(&id)) else {
            return false;
        };
        connection.close.notify_one();
        true
    }

    /// A place for a new connection, closing the one that waited longest if at the cap.
    fn admit(self: &Arc<Self>) -> Option<(u64, Arc<Connection>)> {
        let mut open = self.open();
        if open.len() >= self.cap && !Self::close_longest_waiting(&mut open) {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            waiting_since: AtomicU64::new(self.now()),
            close: Notify::new(),
            registry: Arc::clone(self),
        });
        open.insert(id, Arc::clone(&connection));
        Some((id, connection))
    }

    fn leave(&self, id: u64) {
        self.open().remove(&id);
    }

    /// Closes every connection that has waited longer than `limit`.
    fn sweep(&self, limit: Duration) {
        let oldest = self.now().saturating_sub(limit.as_millis() as u64);
        self.open().retain(|_, connection| {
            let since = connection.waiting_since.load(Ordering::Acquire);
            let keep = since == u64::MAX || since >= oldest;
            if !keep {
                connection.close.notify_one();
            }
            keep
        });
    }
}

/// Serves `app` on `listener` until `shutdown` fires, then lets the requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let registry = Arc::new(Registry {
        started: Instant::now(),
        cap: limits.cap(),
        open: Mutex::new(BTreeMap::new()),
        next: AtomicU64::new(0),
    });
    let (stopping, stop) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let mut sweeps = tokio::time::interval(SWEEP_EVERY);
    sweeps.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            Some(_) = connections.join_next() => {}
            _ = sweeps.tick() => registry.sweep(limits.idle_timeout),
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let task = connection(stream, peer, app.clone(), &registry, stop.clone());
                    connections.spawn(task);
                }
                Err(e) => {
                    // Out of descriptors (or a connection reset before it was accepted): make
                    // room by closing the connection that waited longest, and go on.
                    tracing::warn!(error = %e, "accept failed");
                    Registry::close_longest_waiting(&mut registry.open());
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
        }
    }
    let _ = stopping.send(true);
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// One connection, from accept to close: admitted (or refused) at once, served in its task.
fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    registry: &Arc<Registry>,
    mut stop: watch::Receiver<bool>,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    // Without TCP_NODELAY the SDK's second request on a kept-alive connection waits ~40 ms on
    // delayed ACKs.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "cannot set TCP_NODELAY");
    }
    let admitted = registry.admit();
    let registry = Arc::clone(registry);
    async move {
        let Some((id, this)) = admitted else {
            refuse(stream, registry.cap).await;
            return;
        };
        let service = {
            let this = Arc::clone(&this);
            tower::service_fn(
                move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request.extensions_mut().insert(Arc::clone(&this));
                    app.clone().oneshot(request.map(axum::body::Body::new))
                },
            )
        };
        let mut http = hyper::server::conn::http1::Builder::new();
        http.max_buf_size(MAX_HEAD);
        let served = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        tokio::pin!(served);
        loop {
            tokio::select! {
                _ = &mut served => break,
                () = this.close.notified() => break,
                Ok(()) = stop.changed(), if !*stop.borrow() => served.as_mut().graceful_shutdown(),
            }
        }
        registry.leave(id);
    }
}

/// Turns a connection away at the cap: a `RequestLimitExceeded` envelope, then closed (after
/// reading a little of what the client sent, so that the close does not reset the answer).
async fn refuse(mut stream: TcpStream, cap: usize) {
    let body = format!(
        r#"{{"Response":{{"Error":{{"Code":"RequestLimitExceeded","Message":"The server has {cap} connections serving requests; try again in a moment."}},"RequestId":"{}"}}}}"#,
        super::ids::random_uuid()
    );
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes()).await;
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 4096];
    let drain = async {
        let mut read = 0;
        while read < 64 * 1024 {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => read += n,
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(cap: usize) -> Arc<Registry> {
        Arc::new(Registry {
            started: Instant::now(),
            cap,
            open: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(0),
        })
    }

    #[tokio::test]
    async fn at_the_cap_the_longest_waiting_makes_room_and_serving_ones_stay() {
        let registry = registry(2);
        let (_, first) = registry.admit().unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        let (_, second) = registry.admit().unwrap();
        // At the cap: the first (waiting longest) is told to close.
        let (_, third) = registry.admit().unwrap();
        tokio::time::timeout(Duration::from_secs(1), first.close.notified())
            .await
            .expect("the first was closed");
        // Both left serve authenticated requests: a newcomer is refused.
        let serving = (second.serve(), third.serve());
        assert!(registry.admit().is_none());
        drop(serving);
        assert!(registry.admit().is_some());
    }

    #[tokio::test]
    async fn a_sweep_closes_who_waited_too_long_but_not_who_serves() {
        let registry = registry(8);
        let (_, idle) = registry.admit().unwrap();
        let (_, busy) = registry.admit().unwrap();
        let _serving = busy.serve();
        tokio::time::sleep(Duration::from_millis(30)).await;
        let (_, fresh) = registry.admit().unwrap();
        registry.sweep(Duration::from_millis(20));
        tokio::time::timeout(Duration::from_secs(1), idle.close.notified())
            .await
            .expect("the idle one was closed");
        assert_eq!(registry.open().len(), 2);
        drop(fresh);
    }

    #[test]
    fn the_cap_stays_under_the_descriptor_limit() {
        let limits = ConnectionLimits::default();
        let cap = limits.cap();
        assert!(cap >= 1 && cap <= limits.max_connections);
        if let Some(limit) = descriptor_limit() {
            assert!((cap as u64) <= limit / 2 || (cap as u64) <= limit - RESERVED_DESCRIPTORS);
        }
    }
}
