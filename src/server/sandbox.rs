//! The sandbox: the bundled server started in-process on 127.0.0.1 (an ephemeral port) over a
//! database in the user's data directory, seeded with the demo data on first run. The TUI and
//! `camtui call` use it when nothing else is configured.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use super::seed::SeedSource;
use super::state::{ServerConfig, StartError};
use super::store;
use super::{ServerHandle, load_or_create_root_credential, spawn};
use crate::cam::Credential;

pub const DB_FILE: &str = "sandbox.db";
pub const ROOT_CREDENTIAL_FILE: &str = "root-credential.json";

/// A running sandbox.
#[derive(Debug)]
pub struct Sandbox {
    pub handle: ServerHandle,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// The root account's key.
    pub credential: Credential,
    pub db: PathBuf,
}

impl Sandbox {
    pub async fn shutdown(self) -> std::io::Result<()> {
        self.handle.shutdown().await
    }
}

/// Starts the sandbox over `<data_dir>/sandbox.db`; `reset` starts again from the demo data.
pub async fn start(data_dir: &Path, reset: bool) -> Result<Sandbox, StartError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StartError::Io { path, source }
    };
    create_private_dir(data_dir).map_err(io(data_dir))?;
    let db = data_dir.join(DB_FILE);
    if reset {
        for path in store::files(&db) {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&path)(e)),
            }
        }
    }
    let (credential, _) = load_or_create_root_credential(&data_dir.join(ROOT_CREDENTIAL_FILE))?;
    // Offered every time, loaded only into a database without an account: whether this
    // process or another one starting at the same moment creates the file, the demo data is
    // what it gets. The sandbox is a playground whose root key camtui itself holds: deleting
    // or disabling it through the API must not lock the console out of its own sandbox.
    let handle = spawn(ServerConfig {
        seed: Some(SeedSource::Demo),
        restore_root_key: true,
        // One console's requests: 1 MiB holds a whole window at 200 distinct signatures a
        // second.
        signature_capacity: 1 << 16,
        ..ServerConfig::new(
            SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            db.clone(),
            credential.clone(),
        )
    })
    .await?;
    Ok(Sandbox {
        endpoint: handle.endpoint(),
        handle,
        credential,
        db,
    })
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}
