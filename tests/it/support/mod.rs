//! Shared by the server tests: a server on 127.0.0.1:0 over its own temporary database, and
//! clients signed with any credential.
#![allow(dead_code)]

pub mod dump;
pub mod faulty;
pub mod hosts;
pub mod process;
pub mod tmux;
pub mod wire;

use std::net::{Ipv4Addr, SocketAddr};

use camtui::cam::model::{AccessKeyDetail, AddUser, CreateAccessKey};
use camtui::cam::{Client, Credential, Endpoint, Transport, TransportConfig};
use camtui::server::seed::{Seed, SeedSource};
use camtui::server::{ServerConfig, ServerHandle, spawn};

pub const ROOT_ID: &str = "IKIDroot0000000000000000000000000000";
pub const ROOT_KEY: &str = "rootSecretKey0000000000000000000";

/// A server over `db` on 127.0.0.1:0 with the test root credential and no seed.
pub fn config(db: &std::path::Path) -> ServerConfig {
    ServerConfig::new(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        db.to_owned(),
        Credential::new(ROOT_ID, ROOT_KEY),
    )
}

pub struct TestServer {
    pub handle: ServerHandle,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(None).await
    }

    pub async fn start_with(seed: Option<Seed>) -> Self {
        Self::start_configured(|config| config.seed = seed.map(SeedSource::Data)).await
    }

    /// A server enforcing the documented rate limits (`camtui serve --real-limits`).
    pub async fn with_real_limits(seed: Option<Seed>) -> Self {
        Self::start_configured(|config| {
            config.seed = seed.map(SeedSource::Data);
            config.real_limits = true;
        })
        .await
    }

    /// A server whose configuration `configure` changes first.
    pub async fn start_configured(configure: impl FnOnce(&mut ServerConfig)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = config(&dir.path().join("cam.db"));
        configure(&mut config);
        let handle = spawn(config).await.unwrap();
        Self { handle, dir }
    }

    pub fn endpoint(&self) -> String {
        self.handle.endpoint()
    }

    pub fn owner_uin(&self) -> u64 {
        self.handle.account().owner_uin
    }

    pub fn client(&self, credential: Credential) -> Client {
        client(&self.endpoint(), credential)
    }

    pub fn root(&self) -> Client {
        self.client(Credential::new(ROOT_ID, ROOT_KEY))
    }

    /// Adds a sub-user and returns its UIN.
    pub async fn add_user(&self, name: &str, is_admin: bool) -> u64 {
        self.root()
            .send(&AddUser {
                name: name.into(),
                is_admin: is_admin.then_some(1),
                ..AddUser::default()
            })
            .await
            .unwrap()
            .uin
    }

    /// The server's database file.
    pub fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("cam.db")
    }

    /// Creates a key for `uin` as root and returns its SecretId and SecretKey.
    pub async fn new_key(&self, uin: u64) -> (String, String) {
        let detail = create_key(&self.root(), uin).await;
        let secret = detail.secret_access_key.expose().to_owned();
        (detail.access_key_id.into(), secret)
    }

    /// Creates a key for `uin` as root and returns a client signed with it.
    pub async fn key_client(&self, uin: u64) -> (Client, String) {
        let detail = create_key(&self.root(), uin).await;
        let id = detail.access_key_id.to_string();
        (
            self.client(Credential::new(
                detail.access_key_id,
                detail.secret_access_key.expose(),
            )),
            id,
        )
    }
}

/// Creates a key for `uin` through `root` (any server's root client): the SecretKey is in it.
pub async fn create_key(root: &Client, uin: u64) -> AccessKeyDetail {
    root.send(&CreateAccessKey {
        target_uin: Some(uin),
        description: None,
    })
    .await
    .unwrap()
    .access_key
    .unwrap()
}

/// A client of the server at `endpoint`, signed with `credential`.
pub fn client(endpoint: &str, credential: Credential) -> Client {
    let mut config = TransportConfig::new(Endpoint::custom(endpoint).unwrap());
    config.retry_backoff = std::time::Duration::from_millis(1);
    Client::new(Transport::new(config, credential).unwrap())
}

/// The root client of the server at `endpoint`.
pub fn root_client(endpoint: &str) -> Client {
    client(endpoint, Credential::new(ROOT_ID, ROOT_KEY))
}

/// Waits for the next second of the clock. Separate processes that send the same change
/// within one second sign it identically, and `camtui serve` accepts a change's signature once
/// (camtui's client spaces out its own repeats, but only within one process).
pub fn next_second() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_nanos(
        1_000_000_000 - u64::from(now.subsec_nanos()),
    ));
}

/// Runs the camtui binary with root's credentials, `env`, HOME at `home` and nothing else of
/// this process's environment; the test fails unless it succeeds. Returns its stdout.
pub async fn camtui_as_root(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("TENCENTCLOUD_SECRET_ID", ROOT_ID)
        .env("TENCENTCLOUD_SECRET_KEY", ROOT_KEY)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "camtui {args:?}: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The compatibility venv with the official Python SDK and tccli: `$CAMTUI_COMPAT_VENV`, else
/// `target/compat-venv` of this checkout (where `.ci/run` installs them).
pub fn compat_venv() -> std::path::PathBuf {
    std::env::var_os("CAMTUI_COMPAT_VENV").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/compat-venv"),
        std::path::PathBuf::from,
    )
}

/// The API error code of a failed call.
pub fn code<T: std::fmt::Debug>(result: Result<T, camtui::cam::CallError>) -> String {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.code().to_owned(),
    }
}
