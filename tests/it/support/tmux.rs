//! A real terminal for end-to-end tests: the camtui binary in a detached tmux session on its
//! own socket, keys sent by name or literally, the screen read back as text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use camtui::cam::transport::{Endpoint, TransportConfig};
use camtui::cam::{Client, Transport, credential};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Generous: a cold debug build seeds the sandbox; nothing asserts on time.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Stops the test with a clear message when tmux cannot run here. The tests that call it are
/// `#[ignore = "needs tmux"]`: `.ci/run` installs tmux and runs them with `--ignored`.
pub fn require() {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "tmux is not installed: apt-get install tmux, or run .ci/run"
    );
}

pub struct Tmux {
    socket: String,
    screens: Option<PathBuf>,
}

impl Tmux {
    /// camtui at 120×40 on the sandbox data in `data_dir`, copying through OSC 52.
    pub fn start(data_dir: &Path, args: &str) -> Self {
        let mut tmux = Self::launch(
            (120, 40),
            &[
                ("CAMTUI_DATA_DIR", data_dir.display().to_string()),
                ("CAMTUI_CLIPBOARD", "osc52".to_owned()),
            ],
            &format!("exec {} {args}", env!("CARGO_BIN_EXE_camtui")),
        );
        tmux.screens = std::env::var_os("CAMTUI_SCREENS_DIR").map(PathBuf::from);
        // tmux takes OSC 52 from the application into its paste buffer.
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux
    }

    /// A shell `command` in a detached session of `size` (columns, rows) with `env` set, on a
    /// tmux server of its own.
    pub fn launch(size: (u16, u16), env: &[(&str, String)], command: &str) -> Self {
        let tmux = Self {
            socket: format!("camtui-e2e-{}-{}", std::process::id(), rand_suffix()),
            screens: None,
        };
        let (columns, rows) = (size.0.to_string(), size.1.to_string());
        let mut args = vec![
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &columns,
            "-y",
            &rows,
        ];
        let pairs: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for pair in &pairs {
            args.extend(["-e", pair.as_str()]);
        }
        args.push(command);
        tmux.run(&args);
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    pub fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session"])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `Space`) or literally (`-l`).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", key]);
            // A lone Escape followed at once by a letter would read as Alt-letter.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-l", text]);
    }

    /// Pastes `text` as a terminal paste (bracketed, when the application asked for that).
    pub fn paste(&self, text: &str) {
        self.run(&["set-buffer", "-b", "e2e-paste", text]);
        self.run(&["paste-buffer", "-p", "-d", "-b", "e2e-paste"]);
    }

    /// Waits for the program to exit.
    pub fn wait_exit(&self) {
        let deadline = Instant::now() + PATIENCE;
        while self.alive() {
            assert!(Instant::now() < deadline, "camtui did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn screen(&self) -> String {
        String::from_utf8(self.run(&["capture-pane", "-p"]).stdout).unwrap()
    }

    pub fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {what}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn paste_buffer(&self) -> String {
        String::from_utf8(self.run(&["show-buffer"]).stdout).unwrap()
    }

    pub fn save(&self, name: &str, screen: &str) {
        if let Some(dir) = &self.screens {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{name}.txt")), mask(screen)).unwrap();
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The token after `label` on the first line where it is followed by a token that `fits`.
pub fn field_where(screen: &str, label: &str, fits: impl Fn(&str) -> bool) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let rest = &line[line.find(label)? + label.len()..];
            rest.split_whitespace().next().map(str::to_owned)
        })
        .find(|token| fits(token))
        .unwrap_or_else(|| panic!("no {label:?} on\n{screen}"))
}

pub fn field(screen: &str, label: &str) -> String {
    field_where(screen, label, |_| true)
}

pub fn is_secret_id(token: &str) -> bool {
    token.starts_with("IKID") || token.starts_with("AKID")
}

/// A client for the sandbox the console started: its endpoint from the header, the root key
/// from the data directory.
pub fn server_client(screen: &str, data_dir: &Path) -> Client {
    let endpoint = field(screen, "SANDBOX ");
    let root = credential::from_json_file(&data_dir.join("root-credential.json")).unwrap();
    let transport = Transport::new(
        TransportConfig::new(Endpoint::custom(&endpoint).unwrap()),
        root,
    )
    .unwrap();
    Client::new(transport)
}

pub fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
}

/// The sandbox's port changes every run; the captures should not.
pub fn mask(screen: &str) -> String {
    let mut out = String::new();
    for line in screen.lines() {
        let mut line = line.to_owned();
        if let Some(at) = line.find("127.0.0.1:") {
            let start = at + "127.0.0.1:".len();
            let end = line[start..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(line.len(), |e| start + e);
            line.replace_range(start..end, "41231");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
