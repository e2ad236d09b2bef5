//! The `:` command line: what can be typed (`:users`, `:keys [USER]`, `:secretid X`,
//! `:profile NAME`, `:sandbox`, `:q`), how a line parses, and Tab completion of command, user and profile
//! names. Pure: the candidates are passed in.

use std::borrow::Cow;

use crate::i18n::{Language, Text};

/// A command the line understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCommand {
    /// `:users` — the User List tab.
    Users,
    /// `:keys` — the API Keys tab of the open (or selected) user; `:keys NAME` — of that user.
    Keys(Option<String>),
    /// `:secretid AKID…` — find the user who owns the key.
    SecretId(String),
    /// `:profile NAME` — switch the target; `:profile` alone lists the names.
    Profile(Option<String>),
    /// `:sandbox` — back to the bundled server.
    Sandbox,
    /// `:log` — the API-call log (as `@`).
    Log,
    /// `:help` — the keys of the current view (as `?`).
    Help,
    /// `:q` / `:quit`.
    Quit,
}

/// Every command name, in the order completion offers them, with what it takes.
const COMMANDS: [(&str, &str); 8] = [
    ("users", ""),
    ("keys", " [USER]"),
    ("secretid", " AKID…"),
    ("profile", " NAME"),
    ("sandbox", ""),
    ("log", ""),
    ("help", ""),
    ("q", ""),
];

/// Each command as it is typed: `:keys [USER]`.
pub fn usage() -> Vec<String> {
    COMMANDS
        .iter()
        .map(|(name, args)| format!(":{name}{args}"))
        .collect()
}

/// Aliases accepted besides the names above.
const ALIASES: [(&str, &str); 3] = [("quit", "q"), ("user", "users"), ("secret", "secretid")];

/// Why a line does not parse; [`ParseError::message`] says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    Unknown(String),
    MissingArgument {
        command: &'static str,
        what: Text<'static>,
    },
    ExtraArgument {
        command: &'static str,
        extra: String,
    },
}

impl ParseError {
    /// What went wrong and what can be typed, in `language`.
    pub fn message(&self, language: Language) -> Cow<'static, str> {
        let commands = usage().join(", ");
        let what = match self {
            Self::MissingArgument { what, .. } => language.text(*what),
            _ => Cow::Borrowed(""),
        };
        language.text(match self {
            Self::Empty => Text::LineEmpty {
                commands: &commands,
            },
            Self::Unknown(word) => Text::LineUnknown {
                word,
                commands: &commands,
            },
            Self::MissingArgument { command, .. } => Text::LineNeeds {
                command,
                what: &what,
            },
            Self::ExtraArgument { command, extra } => Text::LineTakesNoArgument { command, extra },
        })
    }
}

fn canonical(word: &str) -> Option<&'static str> {
    let lower = word.to_ascii_lowercase();
    COMMANDS
        .iter()
        .map(|(name, _)| *name)
        .find(|name| *name == lower)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == lower)
                .map(|(_, name)| *name)
        })
}

/// Splits a line into the command word and the rest (trimmed; empty when absent).
fn split(line: &str) -> (&str, &str) {
    let line = line.trim_start();
    match line.find(char::is_whitespace) {
        Some(at) => (&line[..at], line[at..].trim()),
        None => (line, ""),
    }
}

/// Parses what was typed after `:`.
pub fn parse(line: &str) -> Result<LineCommand, ParseError> {
    let (word, rest) = split(line);
    if word.is_empty() {
        return Err(ParseError::Empty);
    }
    let Some(command) = canonical(word) else {
        return Err(ParseError::Unknown(word.to_owned()));
    };
    let argument = (!rest.is_empty()).then(|| rest.to_owned());
    let no_argument = |parsed: LineCommand| match &argument {
        None => Ok(parsed),
        Some(extra) => Err(ParseError::ExtraArgument {
            command,
            extra: extra.clone(),
        }),
    };
    match command {
        "users" => no_argument(LineCommand::Users),
        "keys" => Ok(LineCommand::Keys(argument)),
        "secretid" => argument
            .map(LineCommand::SecretId)
            .ok_or(ParseError::MissingArgument {
                command,
                what: Text::ArgumentSecretId,
            }),
        "profile" => Ok(LineCommand::Profile(argument)),
        "sandbox" => no_argument(LineCommand::Sandbox),
        "log" => no_argument(LineCommand::Log),
        "help" => no_argument(LineCommand::Help),
        _ => no_argument(LineCommand::Quit),
    }
}

/// What Tab can complete, given to [`complete`] by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Candidates<'a, U> {
    /// User names (for `:keys`).
    pub users: U,
    /// Profile names (for `:profile`).
    pub profiles: &'a [String],
}

/// The most completions offered at once.
pub const MAX_COMPLETIONS: usize = 50;

/// The lines Tab cycles through for `line`: the command word while it is being typed, else the
/// argument of `:keys` (user names) or `:profile` (profile names). Matching is by prefix,
/// case-insensitive; each completion is a whole line, ready to replace the typed one.
pub fn complete<'a>(
    line: &str,
    candidates: Candidates<'_, impl Iterator<Item = &'a str>>,
) -> Vec<String> {
    let trimmed = line.trim_start();
    let (word, rest) = split(trimmed);
    let typing_word = !trimmed.contains(char::is_whitespace);
    if typing_word {
        let lower = word.to_ascii_lowercase();
        return COMMANDS
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| name.starts_with(&lower))
            .map(|name| {
                // Commands that take an argument get the space too.
                if matches!(name, "keys" | "secretid" | "profile") {
                    format!("{name} ")
                } else {
                    name.to_owned()
                }
            })
            .collect();
    }
    let prefix = rest.to_lowercase();
    let names: Vec<String> = match canonical(word) {
        Some("keys") => candidates
            .users
            .filter(|name| name.to_lowercase().starts_with(&prefix))
            .take(MAX_COMPLETIONS)
            .map(str::to_owned)
            .collect(),
        Some("profile") => candidates
            .profiles
            .iter()
            .filter(|name| name.to_lowercase().starts_with(&prefix))
            .take(MAX_COMPLETIONS)
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let command = canonical(word).unwrap_or(word);
    names
        .into_iter()
        .map(|name| format!("{command} {name}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_command() {
        assert_eq!(parse("users"), Ok(LineCommand::Users));
        assert_eq!(parse("  keys  "), Ok(LineCommand::Keys(None)));
        assert_eq!(
            parse("keys 张三"),
            Ok(LineCommand::Keys(Some("张三".into())))
        );
        assert_eq!(
            parse("secretid AKIDabc"),
            Ok(LineCommand::SecretId("AKIDabc".into()))
        );
        assert_eq!(
            parse("profile prod"),
            Ok(LineCommand::Profile(Some("prod".into())))
        );
        assert_eq!(parse("profile"), Ok(LineCommand::Profile(None)));
        assert_eq!(parse("sandbox"), Ok(LineCommand::Sandbox));
        assert_eq!(parse("q"), Ok(LineCommand::Quit));
        assert_eq!(parse("quit"), Ok(LineCommand::Quit));
        assert_eq!(parse("Q"), Ok(LineCommand::Quit));
        assert_eq!(parse("log"), Ok(LineCommand::Log));
        assert_eq!(parse("help"), Ok(LineCommand::Help));
    }

    #[test]
    fn bad_lines_say_why() {
        assert_eq!(parse("   "), Err(ParseError::Empty));
        let unknown = parse("frobnicate now").unwrap_err();
        assert_eq!(unknown, ParseError::Unknown("frobnicate".into()));
        let text = unknown.message(Language::EnUs);
        assert!(text.starts_with("Unknown command :frobnicate — commands: :users"));
        assert!(text.contains(":keys [USER]") && text.contains(":q"));
        assert_eq!(
            parse("secretid").unwrap_err().message(Language::EnUs),
            ":secretid needs a SecretId (AKID… or IKID…)"
        );
        assert_eq!(
            parse("users bob").unwrap_err().message(Language::EnUs),
            ":users takes no argument (got \"bob\")"
        );
    }

    #[test]
    fn bad_lines_say_why_in_chinese() {
        let zh = Language::ZhCn;
        assert!(
            parse("frobnicate")
                .unwrap_err()
                .message(zh)
                .starts_with("未知命令 :frobnicate。可用命令：:users, :keys [USER]")
        );
        assert_eq!(
            parse("secretid").unwrap_err().message(zh),
            ":secretid 需要一个 SecretId（AKID… 或 IKID…）"
        );
        assert_eq!(
            parse("users bob").unwrap_err().message(zh),
            ":users 不带参数（输入了“bob”）"
        );
    }

    fn users() -> Vec<&'static str> {
        vec!["alice", "Alan", "bob", "张三"]
    }

    fn completions(line: &str) -> Vec<String> {
        let profiles = [
            "prod".to_owned(),
            "production-ro".to_owned(),
            "staging".to_owned(),
        ];
        complete(
            line,
            Candidates {
                users: users().into_iter(),
                profiles: &profiles,
            },
        )
    }

    #[test]
    fn completes_commands_then_arguments() {
        assert_eq!(
            completions(""),
            [
                "users",
                "keys ",
                "secretid ",
                "profile ",
                "sandbox",
                "log",
                "help",
                "q"
            ]
        );
        assert_eq!(completions("k"), ["keys "]);
        assert_eq!(completions("P"), ["profile "]);
        assert_eq!(
            completions("keys "),
            ["keys alice", "keys Alan", "keys bob", "keys 张三"]
        );
        assert_eq!(completions("keys al"), ["keys alice", "keys Alan"]);
        assert_eq!(completions("keys 张"), ["keys 张三"]);
        assert_eq!(
            completions("profile prod"),
            ["profile prod", "profile production-ro"]
        );
        assert_eq!(completions("quit "), Vec::<String>::new());
        assert_eq!(completions("x"), Vec::<String>::new());
    }
}
