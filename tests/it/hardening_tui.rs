//! The console in a real terminal (tmux, 100×30), hardened: the terminal is handed back intact
//! after a quit and after a forced panic (a debug-build-only switch); against a proxy that
//! breaks reads and writes (HTTP 500, garbage, closed connections, answers slower than the
//! timeout, a write whose answer is lost) it shows the error, keeps responding and never
//! repeats a write; and a key created in it leaves its SecretKey nowhere — not in the API-call
//! log (`@`), the log file, the data or config directories, nor the terminal's scrollback.

use crate::support;
use crate::support::tmux as tmux_support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use support::faulty::{Fault, FaultyProxy};
use support::wire::{Signing, exchange};
use support::{ROOT_ID, ROOT_KEY, TestServer};

const EXITED: &str = "camtui exited with";

/// camtui in a shell that, once camtui is gone, prints its exit status and the terminal's line
/// discipline, then waits: the pane stays to be inspected.
struct Tmux(tmux_support::Tmux);

impl std::ops::Deref for Tmux {
    type Target = tmux_support::Tmux;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Tmux {
    fn start(home: &Path, env: &[(&str, String)], args: &str) -> Self {
        let script = format!(
            "{} {args}; echo \"{EXITED} $?\"; \
             echo \"tty: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ')\"; \
             sleep 600",
            env!("CARGO_BIN_EXE_camtui")
        );
        let path = |sub: &str| home.join(sub).display().to_string();
        let mut all_env = vec![
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", path(".config")),
            ("XDG_DATA_HOME", path(".local/share")),
            ("XDG_STATE_HOME", path(".local/state")),
            ("XDG_CACHE_HOME", path(".cache")),
            ("CAMTUI_DATA_DIR", path("data")),
            ("CAMTUI_LOG", "trace".to_owned()),
            ("CAMTUI_CLIPBOARD", "off".to_owned()),
            ("TENCENTCLOUD_SECRET_ID", ROOT_ID.to_owned()),
            ("TENCENTCLOUD_SECRET_KEY", ROOT_KEY.to_owned()),
        ];
        all_env.extend(env.iter().cloned());
        // tmux runs a single command string through the shell.
        let tmux = Self(tmux_support::Tmux::launch((100, 30), &all_env, &script));
        tmux.run(&["set-option", "-g", "history-limit", "10000"]);
        tmux
    }

    /// The visible screen and the whole scrollback.
    fn scrollback(&self) -> String {
        String::from_utf8(
            self.run(&["capture-pane", "-p", "-S", "-", "-E", "-"])
                .stdout,
        )
        .unwrap()
    }

    /// `#{alternate_on} #{cursor_flag}` of the pane.
    fn flags(&self) -> String {
        String::from_utf8(
            self.run(&["display-message", "-p", "#{alternate_on} #{cursor_flag}"])
                .stdout,
        )
        .unwrap()
        .trim()
        .to_owned()
    }

    /// Waits for camtui to end; returns its exit status and what the shell saw of the tty.
    fn wait_exit(&self) -> (String, String) {
        let screen = self.wait_text(EXITED);
        let status = screen
            .split(EXITED)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_default()
            .to_owned();
        let screen = self.wait_text("tty: ");
        let tty = screen
            .lines()
            .find_map(|l| l.strip_prefix("tty: "))
            .unwrap_or_default()
            .trim()
            .to_owned();
        (status, tty)
    }
}

/// The terminal as a shell expects it: main screen, cursor shown, cooked mode with echo.
fn assert_restored(tmux: &Tmux, how: &str) {
    assert_eq!(
        tmux.flags(),
        "0 1",
        "{how}: alternate screen off, cursor on"
    );
    let (_, tty) = tmux.wait_exit();
    assert_eq!(tty, "isig icanon echo", "{how}: line discipline");
}

#[ignore = "needs tmux"]
#[test]
fn the_terminal_is_restored_after_quitting_and_after_a_panic() {
    tmux_support::require();
    let home = tempfile::tempdir().unwrap();
    // Nothing listens on port 1: the console still draws its first frame.
    let args = "--endpoint http://127.0.0.1:1 --timeout 1";

    let tmux = Tmux::start(home.path(), &[], args);
    tmux.wait_text("? help");
    assert_eq!(
        tmux.flags(),
        "1 0",
        "the console runs on the alternate screen"
    );
    tmux.keys(&["q"]);
    let (status, _) = tmux.wait_exit();
    assert_eq!(status, "0");
    assert_restored(&tmux, "after q");
    drop(tmux);

    let tmux = Tmux::start(
        home.path(),
        &[("CAMTUI_DEBUG_PANIC", "after-first-frame".to_owned())],
        args,
    );
    let (status, _) = tmux.wait_exit();
    assert_eq!(status, "101", "a panic exits with 101");
    let screen = tmux.scrollback();
    assert!(
        screen.contains("forced panic"),
        "the panic is printed: {screen}"
    );
    assert_restored(&tmux, "after a panic");
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_survives_every_fault_and_never_repeats_a_write() {
    tmux_support::require();
    let server = TestServer::start().await;
    let uin = server.add_user("faulty", false).await;
    let root = server.root();
    let mut report = Vec::new();
    for fault in Fault::ALL {
        // First the reads fail; then, after a refresh that goes through, the write.
        let writes_phase = Arc::new(AtomicBool::new(false));
        let phase = Arc::clone(&writes_phase);
        let proxy = FaultyProxy::start(
            server.handle.addr,
            Arc::new(move |action| {
                let faulted = if phase.load(Ordering::SeqCst) {
                    "CreateAccessKey"
                } else {
                    "ListAccessKeys"
                };
                (action == faulted).then_some(fault)
            }),
        )
        .await;
        let home = tempfile::tempdir().unwrap();
        let tmux = Tmux::start(
            home.path(),
            &[],
            &format!("--endpoint {} --timeout 1", proxy.endpoint()),
        );
        let (keys_failed, flash, status, scrollback, failed_reads) =
            tokio::task::block_in_place(|| {
                // The user list loads (those calls go through); the user's keys cannot.
                tmux.wait_text("faulty");
                tmux.keys(&["Enter"]);
                tmux.wait_text(&format!("({uin})"));
                tmux.keys(&["Enter"]);
                // Input is handled while the load is in flight (seconds, for the slow fault).
                tmux.keys(&["?"]);
                tmux.wait_text("Keys · API Keys");
                tmux.keys(&["Escape"]);
                let keys_failed =
                    tmux.wait_for("the keys' failure", |s| s.contains("ListAccessKeys failed"));
                // Still responding: help opens and closes.
                tmux.keys(&["?"]);
                tmux.wait_text("Keys · API Keys");
                tmux.keys(&["Escape"]);
                tmux.wait_for("the help to close", |s| !s.contains("Keys · API Keys"));
                // Reads recover with a refresh; then the create fails, with a message.
                let failed_reads = proxy.count("ListAccessKeys");
                writes_phase.store(true, Ordering::SeqCst);
                tmux.keys(&["r"]);
                tmux.wait_text("0 of 2 API keys");
                tmux.keys(&["c"]);
                tmux.wait_text("Description (optional):");
                tmux.keys(&["Enter"]);
                let flash = tmux.wait_for("the create's failure", |s| {
                    s.contains("CreateAccessKey") && s.contains("NetworkError")
                });
                tmux.keys(&["q"]);
                let (status, _) = tmux.wait_exit();
                (keys_failed, flash, status, tmux.scrollback(), failed_reads)
            });
        assert_eq!(status, "0", "{}: exit status; {scrollback}", fault.name());
        assert!(!scrollback.contains("panicked"), "{scrollback}");
        let creates = proxy.count("CreateAccessKey");
        let reads = proxy.count("ListAccessKeys");
        assert_eq!(
            creates,
            1,
            "{}: the write was sent {creates} times",
            fault.name()
        );
        // Each failed load of the keys is 3 attempts (1 for garbage, which is not retried).
        let per_load = if fault == Fault::Garbage { 1 } else { 3 };
        assert!(
            failed_reads > 0 && failed_reads % per_load == 0,
            "{}: {failed_reads} failed ListAccessKeys attempts, not whole loads of {per_load}",
            fault.name()
        );
        let landed = root.access_keys(Some(uin)).await.unwrap();
        let expected = usize::from(fault == Fault::ForwardThenClose);
        assert_eq!(landed.len(), expected, "{}", fault.name());
        for key in landed {
            root.send(&camtui::cam::model::DeleteAccessKey {
                access_key_id: key.access_key_id,
                target_uin: Some(uin),
            })
            .await
            .unwrap();
        }
        let line = |screen: &str, what: &str| {
            screen
                .lines()
                .find(|l| l.contains(what))
                .unwrap_or_default()
                .trim_matches(|c: char| c.is_whitespace() || c == '│')
                .to_owned()
        };
        report.push(format!(
            "{}: {failed_reads} failed ListAccessKeys attempts ({reads} with the refresh), \
             CreateAccessKey sent {creates}×\n    read:  {}\n    write: {}",
            fault.name(),
            line(&keys_failed, "ListAccessKeys failed"),
            line(&flash, "CreateAccessKey failed"),
        ));
    }
    println!("client faults (console):\n  {}", report.join("\n  "));
}

#[ignore = "needs tmux"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_created_in_the_console_leaves_no_trace() {
    tmux_support::require();
    let server = TestServer::start().await;
    let uin = server.add_user("hygiene", false).await;
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        home.path(),
        &[],
        &format!("--endpoint {}", server.endpoint()),
    );
    let (secret_id, secret) = tokio::task::block_in_place(|| {
        tmux.wait_text("hygiene");
        tmux.keys(&["Enter"]);
        tmux.wait_text(&format!("({uin})"));
        tmux.keys(&["Enter"]);
        tmux.wait_text("0 of 2 API keys");
        tmux.keys(&["c"]);
        tmux.wait_text("Description (optional):");
        tmux.keys(&["Enter"]);
        tmux.wait_text("New API key for");
        tmux.keys(&["v"]);
        let screen = tmux.wait_text("(v masks)");
        let token_after = |label: &str, fits: &dyn Fn(&str) -> bool| {
            screen
                .lines()
                .filter_map(|l| {
                    let rest = &l[l.find(label)? + label.len()..];
                    rest.split_whitespace().next().map(str::to_owned)
                })
                .find(|token| fits(token))
                .unwrap_or_default()
        };
        let secret_id = token_after("SecretId   ", &|t| t.starts_with("IKID"));
        let secret = token_after("SecretKey  ", &|t| t.len() >= 16);
        tmux.keys(&["Space", "Enter"]);
        tmux.wait_text("1 of 2 API keys");
        // The API-call log lists the create, never its SecretKey.
        tmux.keys(&["@"]);
        let calls = tmux.wait_for("the API-call log", |s| {
            s.contains("API calls ·") && s.contains("CreateAccessKey")
        });
        assert!(
            !calls.contains(&secret),
            "the API-call log shows the SecretKey"
        );
        // The create's own detail line, selected.
        tmux.keys(&["k", "k"]);
        let detail = tmux.wait_for("the create's details", |s| {
            s.lines().any(|l| l.contains("CreateAccessKey http"))
        });
        assert!(
            !detail.contains(&secret),
            "the call's details show the SecretKey"
        );
        tmux.keys(&["Escape", "q"]);
        tmux.wait_exit();
        (secret_id, secret)
    });
    // What was read off the screen is the real SecretKey: it signs.
    let host = server.handle.addr.to_string();
    let wire = Signing::cam(&secret_id, &secret, &host).post("ListAccessKeys", "{}");
    assert_eq!(exchange(server.handle.addr, &wire).await.code(), "OK");

    let scrollback = tmux.scrollback();
    assert!(scrollback.contains(EXITED), "{scrollback}");
    assert!(
        !scrollback.contains(&secret),
        "the SecretKey is in the terminal's scrollback"
    );
    let mut scanned = 0;
    let mut stack = vec![home.path().to_owned()];
    let mut log_seen = false;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            scanned += 1;
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            log_seen |= path.ends_with("camtui.log") && text.contains("CreateAccessKey");
            assert!(
                !text.contains(&secret),
                "{} holds the SecretKey",
                path.display()
            );
        }
    }
    assert!(log_seen, "the console's log (at trace) recorded the call");
    println!(
        "secret hygiene (console): 1 SecretKey created, {scanned} files and the scrollback scanned, 0 leaks"
    );
}
