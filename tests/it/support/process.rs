//! `camtui serve` as a real process on 127.0.0.1:0, its stderr (the access log) in a file.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a server may take to start before the test gives up (a bound, not an assertion).
const START_BOUND: Duration = Duration::from_secs(60);

pub struct ServeProcess {
    pub child: Child,
    pub endpoint: String,
    pub log: PathBuf,
}

impl ServeProcess {
    /// Starts `camtui serve` over `db` with the root credential file `root`, logging to `log`
    /// (appended), and waits for its "listening on" line.
    pub fn start(db: &Path, root: &Path, log: &Path, rust_log: &str) -> Self {
        Self::start_in(
            Command::new(env!("CARGO_BIN_EXE_camtui")),
            db,
            root,
            log,
            rust_log,
        )
    }

    /// [`start`](Self::start) with at most `descriptors` open files (`ulimit -n`).
    pub fn start_with_descriptors(
        descriptors: u64,
        db: &Path,
        root: &Path,
        log: &Path,
        rust_log: &str,
    ) -> Self {
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("ulimit -n {descriptors} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_camtui"));
        Self::start_in(shell, db, root, log, rust_log)
    }

    fn start_in(mut command: Command, db: &Path, root: &Path, log: &Path, rust_log: &str) -> Self {
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        let already = std::fs::metadata(log).map_or(0, |m| m.len()) as usize;
        let child = command
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .arg("--root-credential-file")
            .arg(root)
            .env("RUST_LOG", rust_log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("spawn camtui serve");
        // Owned from here on, so a failed start still kills and reaps the child.
        let mut process = Self {
            child,
            endpoint: String::new(),
            log: log.to_owned(),
        };
        let started = Instant::now();
        loop {
            let text = std::fs::read(log).unwrap_or_default();
            let fresh = String::from_utf8_lossy(text.get(already..).unwrap_or_default());
            if let Some(rest) = fresh.split("listening on ").nth(1) {
                rest.split_whitespace()
                    .next()
                    .unwrap()
                    .clone_into(&mut process.endpoint);
                return process;
            }
            assert!(
                started.elapsed() < START_BOUND,
                "camtui serve did not start: {fresh}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no shutdown, no flush.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then waits for a clean exit.
    #[cfg(unix)]
    pub fn stop(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap()
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
