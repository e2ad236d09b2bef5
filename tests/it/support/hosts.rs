//! An HTTP proxy on 127.0.0.1:0 standing in for DNS: clients pointed at it (`HTTP_PROXY`) reach
//! each host name at the local server this table gives for it. It records which host each action
//! was sent to.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::AsyncWriteExt as _;
use tokio::net::TcpListener;

use super::faulty::{forward, header, read_request};

pub struct HostProxy {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<(String, String)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl HostProxy {
    pub async fn start(hosts: Vec<(String, SocketAddr)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let hosts = Arc::new(hosts);
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (hosts, log) = (Arc::clone(&hosts), Arc::clone(&log));
                tokio::spawn(async move {
                    let Ok(Some(request)) = read_request(&mut stream).await else {
                        return;
                    };
                    let host = header(&request.head, "host").unwrap_or_default().to_owned();
                    let action = header(&request.head, "x-tc-action")
                        .unwrap_or("-")
                        .to_owned();
                    log.lock().unwrap().push((host.clone(), action));
                    // An unknown host is left unanswered, as a name that does not resolve.
                    let Some((_, upstream)) = hosts.iter().find(|(name, _)| *name == host) else {
                        return;
                    };
                    if let Ok(answer) = forward(&request, *upstream).await {
                        let _ = stream.write_all(&answer).await;
                    }
                    let _ = stream.shutdown().await;
                });
            }
        });
        Self { addr, seen, task }
    }

    /// `http://127.0.0.1:PORT`, for `HTTP_PROXY`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// (host, action) of every request so far, in order.
    pub fn seen(&self) -> Vec<(String, String)> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for HostProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}
