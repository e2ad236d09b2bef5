//! The official Python SDK and tccli against a real `camtui serve` process (tests/compat/
//! lifecycle.py), plus `camtui call` against it. Needs `tencentcloud-sdk-python` and `tccli`
//! (`.ci/run` installs them into target/compat-venv), hence `#[ignore]`: `.ci/run` runs it with
//! `--ignored`, and without the packages it fails with a message saying how to install them.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

/// The Python interpreter and tccli to use, if the packages are installed.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let venv = crate::support::compat_venv();
    let mut candidates = vec![(venv.join("bin/python3"), venv.join("bin/tccli"))];
    if let Some(tccli) = find_on_path("tccli") {
        candidates.push((PathBuf::from("python3"), tccli));
    }
    candidates.into_iter().find(|(python, tccli)| {
        tccli.exists()
            && Command::new(python)
                .args(["-c", "import tencentcloud.cam.v20190116, tccli"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
    })
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.exists())
}

#[test]
#[ignore = "needs the Python packages tencentcloud-sdk-python and tccli"]
fn official_sdk_and_tccli_complete_the_key_lifecycle() {
    let (python, tccli) = tools().expect(
        "the Python packages tencentcloud-sdk-python and tccli are not installed \
         (pip install tencentcloud-sdk-python tccli, or run .ci/run)",
    );
    let dir = tempfile::tempdir().unwrap();
    let root_file = dir.path().join("root.json");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/seed/demo.json");
    let mut server = Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("cam.db"))
        .arg("--root-credential-file")
        .arg(&root_file)
        .arg("--seed")
        .arg(&seed)
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Drain the server's log so it never blocks on a full pipe; report the endpoint.
    let stderr = server.stderr.take().unwrap();
    let (endpoint_tx, endpoint_rx) = mpsc::channel();
    let log = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let _ = endpoint_tx.send(addr);
            }
            lines.push(line);
        }
        lines
    });
    let addr = endpoint_rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("camtui serve did not start");
    let port = addr.rsplit(':').next().unwrap().to_owned();

    // The root credential file was generated with mode 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&root_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let root: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&root_file).unwrap()).unwrap();

    // camtui call against camtui serve.
    let call = Command::new(env!("CARGO_BIN_EXE_camtui"))
        .args(["call", "ListUsers", "--endpoint", &format!("http://{addr}")])
        .env("HOME", dir.path())
        .env("TENCENTCLOUD_SECRET_ID", root["secretId"].as_str().unwrap())
        .env(
            "TENCENTCLOUD_SECRET_KEY",
            root["secretKey"].as_str().unwrap(),
        )
        .output()
        .unwrap();
    assert!(
        call.status.success(),
        "{}",
        String::from_utf8_lossy(&call.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&call.stdout).unwrap();
    assert!(listed["Data"].as_array().unwrap().len() >= 20);

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/lifecycle.py");
    let run = Command::new(&python)
        .arg(&script)
        .arg(&port)
        .arg(&root_file)
        .arg(&tccli)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");

    // SIGTERM stops the server cleanly.
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let status = server.wait().unwrap();
    let lines = log.join().unwrap();
    assert!(
        run.status.success(),
        "compat script failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("compat: all checks passed"));
    assert!(status.success(), "camtui serve exited with {status}");
    // One access-log line per request, and never the root SecretKey.
    let secret = root["secretKey"].as_str().unwrap();
    assert!(lines.iter().all(|l| !l.contains(secret)));
    assert!(
        lines
            .iter()
            .filter(|l| l.contains("camtui::access"))
            .count()
            >= 30
    );
}
