//! The clipboard (product.md §3): the native one (arboard) where a display is present and the
//! session is local, otherwise OSC 52 written to the terminal (wrapped for tmux and screen), or
//! off. Secrets are copied with arboard's exclude-from-history hint and cleared later.

use std::borrow::Cow;
use std::io::Write;

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::cam::credential::Environment;
use crate::i18n::{Language, Text};

/// Which clipboard to use (`--clipboard`, `CAMTUI_CLIPBOARD`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Choice {
    /// Native when a display is present and the session is not over SSH, else OSC 52.
    #[default]
    Auto,
    Native,
    Osc52,
    Off,
}

/// The mechanism in use, as the header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Native,
    Osc52,
    Off,
}

impl Backend {
    pub fn label(self, language: Language) -> Cow<'static, str> {
        language.text(match self {
            Self::Native => Text::ClipboardNative,
            Self::Osc52 => Text::ClipboardOsc52,
            Self::Off => Text::ClipboardOff,
        })
    }
}

/// Where a copy went, for the flash line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    Native,
    Terminal,
}

impl Destination {
    /// What happened to `what`: a native copy is done; OSC 52 only asks the terminal, which may
    /// ignore it (tmux with `set-clipboard off`, VTE terminals).
    pub fn sent(self, what: &str, language: Language) -> String {
        language
            .text(match self {
                Self::Native => Text::CopiedNative { what },
                Self::Terminal => Text::CopiedThroughTerminal { what },
            })
            .into_owned()
    }
}

/// Why a copy failed; [`ClipboardError::message`] says it in the console's language (its
/// `Display`, in English, is for the logs).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Language::EnUs))]
pub enum ClipboardError {
    Off,
    Native(#[from] arboard::Error),
    Terminal(#[from] std::io::Error),
}

impl ClipboardError {
    pub fn message(&self, language: Language) -> String {
        let cause = match self {
            Self::Off => String::new(),
            Self::Native(e) => e.to_string(),
            Self::Terminal(e) => e.to_string(),
        };
        let error = cause.as_str();
        language
            .text(match self {
                Self::Off => Text::ClipboardIsOff,
                Self::Native(_) => Text::ClipboardNativeFailed { error },
                Self::Terminal(_) => Text::ClipboardTerminalFailed { error },
            })
            .into_owned()
    }
}

/// Which multiplexer, if any, OSC 52 must pass through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

/// Decides the backend from the choice and the environment (no side effects).
pub fn choose(choice: Choice, env: &Environment) -> Backend {
    let set = |name: &str| env.get(name).is_some_and(|v| !v.is_empty());
    match choice {
        Choice::Native => Backend::Native,
        Choice::Osc52 => Backend::Osc52,
        Choice::Off => Backend::Off,
        Choice::Auto => {
            let display = set("DISPLAY") || set("WAYLAND_DISPLAY");
            let remote = set("SSH_CONNECTION") || set("SSH_CLIENT") || set("SSH_TTY");
            if display && !remote {
                Backend::Native
            } else {
                Backend::Osc52
            }
        }
    }
}

pub fn multiplexer(env: &Environment) -> Multiplexer {
    if env.get("TMUX").is_some_and(|v| !v.is_empty()) {
        Multiplexer::Tmux
    } else if env.get("STY").is_some_and(|v| !v.is_empty())
        || env.get("TERM").is_some_and(|t| t.starts_with("screen"))
    {
        Multiplexer::Screen
    } else {
        Multiplexer::None
    }
}

/// The bytes that put `text` on the clipboard through the terminal.
///
/// Inside tmux the plain sequence is sent (tmux takes it into its paste buffer and forwards it
/// when `set-clipboard` is on) and also the passthrough-wrapped one (reaches the outer terminal
/// when `allow-passthrough` is on): either setting then works.
pub fn osc52(text: &str, multiplexer: Multiplexer) -> Zeroizing<String> {
    let encoded = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(text));
    let plain = Zeroizing::new(format!("\x1b]52;c;{}\x07", encoded.as_str()));
    Zeroizing::new(match multiplexer {
        Multiplexer::None => plain.as_str().to_owned(),
        Multiplexer::Tmux => format!(
            "{}\x1bPtmux;{}\x1b\\",
            plain.as_str(),
            plain.replace('\x1b', "\x1b\x1b")
        ),
        Multiplexer::Screen => format!("\x1bP{}\x1b\\", plain.as_str()),
    })
}

/// The live clipboard. Keeps the native handle open: on X11 the copy is served from it.
pub struct Clipboard {
    backend: Backend,
    multiplexer: Multiplexer,
    native: Option<arboard::Clipboard>,
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clipboard")
            .field("backend", &self.backend)
            .field("multiplexer", &self.multiplexer)
            .finish_non_exhaustive()
    }
}

impl Clipboard {
    /// Opens the chosen clipboard. When the native one was chosen automatically but cannot be
    /// opened, falls back to OSC 52 and says why, in `language`.
    pub fn open(choice: Choice, env: &Environment, language: Language) -> (Self, Option<String>) {
        let multiplexer = multiplexer(env);
        let backend = choose(choice, env);
        if backend != Backend::Native {
            return (
                Self {
                    backend,
                    multiplexer,
                    native: None,
                },
                None,
            );
        }
        match arboard::Clipboard::new() {
            Ok(native) => (
                Self {
                    backend,
                    multiplexer,
                    native: Some(native),
                },
                None,
            ),
            Err(e) => (
                Self {
                    backend: Backend::Osc52,
                    multiplexer,
                    native: None,
                },
                Some(
                    language
                        .text(Text::ClipboardFallback {
                            error: &e.to_string(),
                        })
                        .into_owned(),
                ),
            ),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Copies `text`; `secret` asks the native clipboard to keep it out of clipboard history.
    pub fn copy(
        &mut self,
        text: &str,
        secret: bool,
        terminal: &mut dyn Write,
    ) -> Result<Destination, ClipboardError> {
        match (self.backend, self.native.as_mut()) {
            (Backend::Off, _) => Err(ClipboardError::Off),
            (Backend::Native, Some(native)) => {
                let set = native.set();
                #[cfg(any(target_os = "linux", target_os = "freebsd"))]
                let set = if secret {
                    use arboard::SetExtLinux as _;
                    set.exclude_from_history()
                } else {
                    set
                };
                #[cfg(not(any(target_os = "linux", target_os = "freebsd")))]
                let _ = secret;
                set.text(text)?;
                Ok(Destination::Native)
            }
            (Backend::Native | Backend::Osc52, _) => {
                terminal.write_all(osc52(text, self.multiplexer).as_bytes())?;
                terminal.flush()?;
                Ok(Destination::Terminal)
            }
        }
    }

    /// Clears a copied secret: the native clipboard only if it still holds it (the user may have
    /// copied something else since); through the terminal unconditionally, since OSC 52 cannot
    /// read back. Returns whether something was cleared.
    pub fn clear_secret(
        &mut self,
        secret: &str,
        terminal: &mut dyn Write,
    ) -> Result<bool, ClipboardError> {
        match (self.backend, self.native.as_mut()) {
            (Backend::Off, _) => Ok(false),
            (Backend::Native, Some(native)) => {
                let current = Zeroizing::new(native.get_text().unwrap_or_default());
                if current.as_str() == secret {
                    native.clear()?;
                    Ok(true)
                } else {
                    Ok(false)
                }
            }
            (Backend::Native | Backend::Osc52, _) => {
                terminal.write_all(osc52("", self.multiplexer).as_bytes())?;
                terminal.flush()?;
                if self.multiplexer == Multiplexer::Tmux {
                    // tmux ignores an empty OSC 52 and keeps every copy in its paste buffers.
                    delete_tmux_buffers_holding(secret)?;
                }
                Ok(true)
            }
        }
    }
}

/// Deletes the tmux paste buffers whose content is exactly `secret` (the ones our OSC 52 made).
fn delete_tmux_buffers_holding(secret: &str) -> std::io::Result<()> {
    let tmux = |args: &[&str]| std::process::Command::new("tmux").args(args).output();
    let names = tmux(&["list-buffers", "-F", "#{buffer_name}"])?;
    for name in String::from_utf8_lossy(&names.stdout).lines() {
        let content = Zeroizing::new(tmux(&["show-buffer", "-b", name])?.stdout);
        if content.as_slice() == secret.as_bytes() {
            tmux(&["delete-buffer", "-b", name])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::credential::environment_of as env;

    #[test]
    fn auto_prefers_native_only_locally_with_a_display() {
        assert_eq!(
            choose(Choice::Auto, &env(&[("DISPLAY", ":0")])),
            Backend::Native
        );
        assert_eq!(
            choose(
                Choice::Auto,
                &env(&[("DISPLAY", ":0"), ("SSH_CONNECTION", "1 2 3 4")])
            ),
            Backend::Osc52
        );
        assert_eq!(choose(Choice::Auto, &env(&[])), Backend::Osc52);
        assert_eq!(
            choose(Choice::Off, &env(&[("DISPLAY", ":0")])),
            Backend::Off
        );
        assert_eq!(
            choose(Choice::Osc52, &env(&[("DISPLAY", ":0")])),
            Backend::Osc52
        );
    }

    #[test]
    fn osc52_sequences() {
        assert_eq!(
            osc52("hi", Multiplexer::None).as_str(),
            "\x1b]52;c;aGk=\x07"
        );
        assert_eq!(
            osc52("hi", Multiplexer::Screen).as_str(),
            "\x1bP\x1b]52;c;aGk=\x07\x1b\\"
        );
        assert_eq!(
            osc52("hi", Multiplexer::Tmux).as_str(),
            "\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
        assert_eq!(
            multiplexer(&env(&[("TMUX", "/tmp/x,1,0")])),
            Multiplexer::Tmux
        );
        assert_eq!(
            multiplexer(&env(&[("TERM", "screen-256color")])),
            Multiplexer::Screen
        );
    }

    #[test]
    fn osc52_copy_and_clear_write_to_the_terminal() {
        let (mut clipboard, warning) = Clipboard::open(Choice::Osc52, &env(&[]), Language::EnUs);
        assert!(warning.is_none());
        let mut out = Vec::new();
        assert_eq!(
            clipboard.copy("IKIDabc", false, &mut out).unwrap(),
            Destination::Terminal
        );
        assert!(String::from_utf8(out).unwrap().contains("SUtJRGFiYw=="));
        let mut out = Vec::new();
        assert!(clipboard.clear_secret("k", &mut out).unwrap());
        assert_eq!(out, b"\x1b]52;c;\x07");
    }

    #[test]
    fn off_refuses() {
        let (mut clipboard, _) = Clipboard::open(Choice::Off, &env(&[]), Language::EnUs);
        let mut out = Vec::new();
        assert!(matches!(
            clipboard.copy("x", false, &mut out),
            Err(ClipboardError::Off)
        ));
        assert!(out.is_empty());
    }
}
