//! The configuration file (`config.toml`): named profiles — endpoint, region, credential source,
//! read-only, header accent — and the default profile. Loaded once at the top and passed in;
//! never global. A broken file is an error value (file, line, reason), never a reason not to start;
//! one bad value is a [`Problem`] that is reported and skipped while the rest stays in force — the
//! value alone where that is safe (the look: `accent`, `language`, `timeout`), else its whole
//! profile (a profile with a wrong `endpoint` or `read_only` must not be used half-read).
//!
//! ```toml
//! default_profile = "staging"
//!
//! [profiles.prod]
//! intl = true                              # public cloud, international site
//! credentials = { ini_profile = "prod" }   # a section of ~/.tencentcloud/credentials
//! read_only = true
//! accent = "red"
//!
//! [profiles.staging]
//! endpoint = "https://cam.staging.example.com"
//! region = "ap-guangzhou"
//! credentials = { file = "~/.config/camtui/staging.json" }   # {"secretId": …, "secretKey": …}
//! ca_cert = "/etc/ssl/staging-ca.pem"
//! timeout = 30
//! language = "zh-CN"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::Duration;

use serde::Deserialize;
use toml::de::{DeTable, ValueDeserializer};

use crate::cam::credential::{self, Credential, CredentialError, Environment};
use crate::cam::transport::{Endpoint, Language};

/// The environment variable that names the config file (below `--config`, above the default).
pub const ENV_CONFIG: &str = "CAMTUI_CONFIG";
pub const FILE_NAME: &str = "config.toml";

/// The parsed, validated configuration. `Config::default()` is "nothing configured".
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, Profile>,
    /// What was wrong and skipped; everything else is in force.
    pub problems: Vec<Problem>,
}

/// Something wrong at a place in the file, and what was skipped for it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {reason}")]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// One `[profiles.NAME]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub endpoint: Endpoint,
    pub region: Option<String>,
    pub credentials: CredentialSource,
    pub read_only: bool,
    pub accent: Option<Accent>,
    pub language: Option<Language>,
    pub ca_cert: Option<PathBuf>,
    pub timeout: Option<Duration>,
}

/// Where a profile's credential comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialSource {
    /// `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY` (+ `TENCENTCLOUD_TOKEN`).
    Environment,
    /// A section of the SDK's INI file, `~/.tencentcloud/credentials`.
    IniProfile(String),
    /// A JSON file `{"secretId": …, "secretKey": …}`.
    File(PathBuf),
}

/// The header's accent colour: the name as written, and the colour it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accent {
    pub name: String,
    pub color: ratatui::style::Color,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} does not exist")]
    Missing { path: PathBuf },
    /// The file is not TOML: nothing in it can be trusted.
    #[error(transparent)]
    Invalid(Problem),
}

#[derive(Debug, thiserror::Error)]
pub enum CredentialSourceError {
    #[error(
        "profile {profile:?} takes its credential from the environment, but TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set"
    )]
    EnvironmentUnset { profile: String },
    #[error("profile {profile:?} reads section [{section}] of {path}, which does not exist")]
    NoIniFile {
        profile: String,
        section: String,
        path: PathBuf,
    },
    #[error("profile {profile:?}: no home directory to find ~/.tencentcloud/credentials in")]
    NoHome { profile: String },
    #[error(transparent)]
    Credential(#[from] CredentialError),
}

/// Which config file to read: `--config FILE`, else `$CAMTUI_CONFIG`, else `config.toml` in the
/// platform config directory. `explicit` is true for the first two (a missing file is then an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    pub path: PathBuf,
    pub explicit: bool,
}

impl ConfigLocation {
    /// `platform_dir` is the platform config directory (see [`platform_config_dir`]).
    pub fn find(
        flag: Option<&Path>,
        env: &Environment,
        platform_dir: Option<&Path>,
    ) -> Option<Self> {
        if let Some(path) = flag {
            return Some(Self {
                path: path.to_owned(),
                explicit: true,
            });
        }
        if let Some(path) = env.get(ENV_CONFIG).filter(|p| !p.is_empty()) {
            return Some(Self {
                path: PathBuf::from(path),
                explicit: true,
            });
        }
        platform_dir.map(|dir| Self {
            path: dir.join(FILE_NAME),
            explicit: false,
        })
    }
}

/// camtui's directory in the platform config location (`~/.config/camtui` on Linux).
pub fn platform_config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "camtui").map(|d| d.config_dir().to_owned())
}

impl Config {
    /// Reads and validates the file at `location`. A missing default file is an empty config; a
    /// missing explicit one is [`ConfigError::Missing`]. `home` expands `~/` in paths.
    pub fn load(location: &ConfigLocation, home: Option<&Path>) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(&location.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return if location.explicit {
                    Err(ConfigError::Missing {
                        path: location.path.clone(),
                    })
                } else {
                    Ok(Self::default())
                };
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: location.path.clone(),
                    source,
                });
            }
        };
        Self::parse(&text, &location.path, home)
    }

    /// Finds and loads the config file the way the program does at start-up (`--config`,
    /// `$CAMTUI_CONFIG`, the platform directory). A broken or unreadable file gives an empty config
    /// and the error, so camtui still starts (with the sandbox or the flags) and can say why.
    pub fn load_or_empty(
        flag: Option<&Path>,
        env: &Environment,
        home: Option<&Path>,
    ) -> (Self, Option<ConfigError>) {
        let Some(location) = ConfigLocation::find(flag, env, platform_config_dir().as_deref())
        else {
            return (Self::default(), None);
        };
        match Self::load(&location, home) {
            Ok(config) => (config, None),
            Err(e) => (Self::default(), Some(e)),
        }
    }

    /// Parses and validates config text; `path` names the file in problems and anchors relative
    /// paths. Only text that is not TOML at all is an error; a bad value is a [`Problem`] in
    /// [`Config::problems`], skipped with the least around it that keeps the rest safe.
    pub fn parse(text: &str, path: &Path, home: Option<&Path>) -> Result<Self, ConfigError> {
        let problem = |span: Option<Range<usize>>, reason: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            Problem {
                path: path.to_owned(),
                line,
                column,
                reason,
            }
        };
        let document = DeTable::parse(text)
            .map_err(|e| ConfigError::Invalid(problem(e.span(), e.message().trim().to_owned())))?;
        let base = path.parent().unwrap_or_else(|| Path::new(""));
        let paths = PathContext { base, home };

        let mut problems = Vec::new();
        let mut default_profile = None;
        let mut profiles = BTreeMap::new();
        for (key, value) in document.get_ref() {
            match key.get_ref().as_ref() {
                "default_profile" => match value.get_ref().as_str() {
                    Some(name) => default_profile = Some((name.to_owned(), value.span())),
                    None => problems.push(problem(
                        Some(value.span()),
                        "default_profile must be a profile's name; ignored".into(),
                    )),
                },
                "profiles" => {
                    let Some(table) = value.get_ref().as_table() else {
                        problems.push(problem(
                            Some(value.span()),
                            "profiles must be tables: [profiles.NAME]; ignored".into(),
                        ));
                        continue;
                    };
                    for (name, raw) in table {
                        let name = name.get_ref().to_string();
                        let mut soft = Vec::new();
                        let profile = RawProfile::deserialize(ValueDeserializer::from(raw.clone()))
                            .map_err(|e| (e.span().unwrap_or(raw.span()), e.message().trim().to_owned()))
                            .and_then(|raw| validate_profile(raw, name.clone(), &paths, &mut soft));
                        for (span, reason) in soft {
                            problems.push(problem(
                                Some(span),
                                format!("profile {name:?}: {reason}; ignored, the rest of the profile is in force"),
                            ));
                        }
                        match profile {
                            Ok(profile) => {
                                profiles.insert(name, profile);
                            }
                            Err((span, reason)) => problems.push(problem(
                                Some(span),
                                format!("profile {name:?}: {reason}; the profile is skipped"),
                            )),
                        }
                    }
                }
                other => problems.push(problem(
                    Some(key.span()),
                    format!(
                        "unknown key {other:?} (the file holds default_profile and [profiles.NAME] tables); ignored"
                    ),
                )),
            }
        }
        let default_profile = match default_profile {
            Some((name, span)) if !profiles.contains_key(&name) => {
                problems.push(problem(
                    Some(span),
                    format!(
                        "default_profile {name:?} is not a usable [profiles.NAME] table (have: {}); ignored",
                        names_or_none(profiles.keys())
                    ),
                ));
                None
            }
            other => other.map(|(name, _)| name),
        };
        Ok(Self {
            path: Some(path.to_owned()),
            default_profile,
            profiles,
            problems,
        })
    }

    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// Profile names in order, for completion and messages.
    pub fn profile_names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }
}

impl CredentialSource {
    /// Loads the credential and says where it came from (never the secret itself).
    pub fn load(
        &self,
        profile: &str,
        env: &Environment,
        home: Option<&Path>,
    ) -> Result<(Credential, String), CredentialSourceError> {
        match self {
            Self::Environment => credential::from_environment(env)?
                .map(|c| (c, "the TENCENTCLOUD_SECRET_ID environment".to_owned()))
                .ok_or_else(|| CredentialSourceError::EnvironmentUnset {
                    profile: profile.to_owned(),
                }),
            Self::IniProfile(section) => {
                let home = home.ok_or_else(|| CredentialSourceError::NoHome {
                    profile: profile.to_owned(),
                })?;
                let path = credential::sdk_credentials_path(home);
                match credential::from_ini_file(&path, section)? {
                    Some(c) => Ok((c, format!("{} [{section}]", path.display()))),
                    None => Err(CredentialSourceError::NoIniFile {
                        profile: profile.to_owned(),
                        section: section.clone(),
                        path,
                    }),
                }
            }
            Self::File(path) => Ok((
                credential::from_json_file(path)?,
                path.display().to_string(),
            )),
        }
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before, |newline| &before[newline + 1..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn names_or_none<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<&str> = names.map(String::as_str).collect();
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    }
}

struct PathContext<'a> {
    base: &'a Path,
    home: Option<&'a Path>,
}

impl PathContext<'_> {
    /// `~/x` is under the home directory; a relative path is relative to the config file.
    fn resolve(&self, text: &str) -> PathBuf {
        if let (Some(rest), Some(home)) = (text.strip_prefix("~/"), self.home) {
            return home.join(rest);
        }
        let path = Path::new(text);
        if path.is_absolute() {
            path.to_owned()
        } else {
            self.base.join(path)
        }
    }
}

// ───────────────────────────── the file as written ─────────────────────────────

/// One `[profiles.NAME]` table as written. What decides where requests go, with which key and
/// whether they may change anything is typed: a mistake there skips the profile. The look
/// (`accent`, `language`, `timeout`) is checked by hand, so a mistake skips that value only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    endpoint: Option<toml::Spanned<String>>,
    #[serde(default)]
    intl: bool,
    region: Option<String>,
    credentials: RawCredentials,
    #[serde(default)]
    read_only: bool,
    accent: Option<toml::Spanned<toml::Value>>,
    language: Option<toml::Spanned<toml::Value>>,
    ca_cert: Option<String>,
    timeout: Option<toml::Spanned<toml::Value>>,
}

/// `"env"`, `{ ini_profile = "NAME" }` or `{ file = "PATH" }`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawCredentials {
    Env,
    IniProfile(String),
    File(String),
}

/// What is wrong with a profile, and where.
type Invalid = (Range<usize>, String);

/// A value checked by hand: `None` when it is absent or wrong (then why is pushed to `soft`).
fn soft_value<T>(
    value: Option<toml::Spanned<toml::Value>>,
    soft: &mut Vec<Invalid>,
    check: impl FnOnce(&toml::Value) -> Result<T, String>,
) -> Option<T> {
    let value = value?;
    check(value.get_ref())
        .map_err(|reason| soft.push((value.span(), reason)))
        .ok()
}

/// Checks a profile: an error in what decides the target skips it (`Err`); an error in how it
/// looks is pushed to `soft` and that value left out.
fn validate_profile(
    raw: RawProfile,
    name: String,
    paths: &PathContext<'_>,
    soft: &mut Vec<Invalid>,
) -> Result<Profile, Invalid> {
    let endpoint = match raw.endpoint {
        Some(text) if raw.intl => {
            return Err((
                text.span(),
                "endpoint and intl = true cannot both be set (intl means the public cloud's international site)".into(),
            ));
        }
        Some(text) => Endpoint::custom(text.get_ref())
            .map_err(|e| (text.span(), format!("endpoint: {}", e.reason)))?,
        None => Endpoint::Public { intl: raw.intl },
    };
    let accent = soft_value(raw.accent, soft, |value| {
        let text = value.as_str().unwrap_or_default();
        ratatui::style::Color::from_str(text)
            .map(|color| Accent {
                name: text.to_owned(),
                color,
            })
            .map_err(|_| {
                format!(
                    "accent {value} is not a colour: use a name (red, light-blue, …), a number 0-255 or #rrggbb"
                )
            })
    });
    let language = soft_value(raw.language, soft, |value| {
        value
            .as_str()
            .and_then(Language::from_tag)
            .ok_or_else(|| format!("language {value}: expected en-US or zh-CN"))
    });
    let timeout = soft_value(raw.timeout, soft, |value| match value.as_integer() {
        Some(seconds @ 1..) => Ok(Duration::from_secs(seconds.unsigned_abs())),
        _ => Err(format!(
            "timeout {value}: expected a number of seconds, at least 1"
        )),
    });
    let credentials = match raw.credentials {
        RawCredentials::Env => CredentialSource::Environment,
        RawCredentials::IniProfile(section) => CredentialSource::IniProfile(section),
        RawCredentials::File(path) => CredentialSource::File(paths.resolve(&path)),
    };
    Ok(Profile {
        name,
        endpoint,
        region: raw.region.filter(|r| !r.is_empty()),
        credentials,
        read_only: raw.read_only,
        accent,
        language,
        ca_cert: raw.ca_cert.map(|p| paths.resolve(&p)),
        timeout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r##"
default_profile = "staging"

[profiles.prod]
intl = true
credentials = { ini_profile = "prod" }
read_only = true
accent = "red"

[profiles.staging]
endpoint = "https://cam.staging.example.com:8443"
region = "ap-guangzhou"
credentials = { file = "~/keys/staging.json" }
ca_cert = "ca.pem"
timeout = 30
language = "zh-CN"
accent = "#336699"

[profiles.local]
endpoint = "http://127.0.0.1:9000"
credentials = "env"
"##;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(
            text,
            Path::new("/etc/camtui/config.toml"),
            Some(Path::new("/home/op")),
        )
    }

    /// The one problem `text` has: its line, column and reason, and the config without it.
    fn problem(text: &str) -> (usize, usize, String, Config) {
        let config = parse(text).unwrap();
        let [problem] = &config.problems[..] else {
            panic!("expected one problem, got {:?}", config.problems)
        };
        let (line, column, reason) = (problem.line, problem.column, problem.reason.clone());
        (line, column, reason, config)
    }

    #[test]
    fn good_file() {
        let config = parse(GOOD).unwrap();
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        assert_eq!(config.default_profile.as_deref(), Some("staging"));
        assert_eq!(
            config.profile_names().collect::<Vec<_>>(),
            ["local", "prod", "staging"]
        );
        let prod = config.profile("prod").unwrap();
        assert_eq!(prod.endpoint, Endpoint::Public { intl: true });
        assert_eq!(
            prod.credentials,
            CredentialSource::IniProfile("prod".into())
        );
        assert!(prod.read_only);
        assert_eq!(
            prod.accent.as_ref().map(|a| a.color),
            Some(ratatui::style::Color::Red)
        );
        let staging = config.profile("staging").unwrap();
        assert_eq!(
            staging.endpoint,
            Endpoint::custom("https://cam.staging.example.com:8443").unwrap()
        );
        assert_eq!(staging.region.as_deref(), Some("ap-guangzhou"));
        assert_eq!(
            staging.credentials,
            CredentialSource::File("/home/op/keys/staging.json".into())
        );
        assert_eq!(
            staging.ca_cert.as_deref(),
            Some(Path::new("/etc/camtui/ca.pem"))
        );
        assert_eq!(staging.timeout, Some(Duration::from_secs(30)));
        assert_eq!(staging.language, Some(Language::ZhCn));
        assert_eq!(
            staging.accent.as_ref().map(|a| a.color),
            Some(ratatui::style::Color::Rgb(0x33, 0x66, 0x99))
        );
        assert!(!staging.read_only);
        let local = config.profile("local").unwrap();
        assert_eq!(local.credentials, CredentialSource::Environment);
        assert_eq!(local.accent, None);
    }

    #[test]
    fn empty_file_is_empty_config() {
        let config = parse("").unwrap();
        assert!(config.profiles.is_empty());
        assert_eq!(config.default_profile, None);
    }

    #[test]
    fn missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let implicit = ConfigLocation {
            path: path.clone(),
            explicit: false,
        };
        let config = Config::load(&implicit, None).unwrap();
        assert!(config.profiles.is_empty() && config.path.is_none());
        let explicit = ConfigLocation {
            path: path.clone(),
            explicit: true,
        };
        let e = Config::load(&explicit, None).unwrap_err();
        assert!(matches!(e, ConfigError::Missing { .. }), "{e:?}");
        assert!(e.to_string().contains(&path.display().to_string()));
    }

    #[test]
    fn loads_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, GOOD).unwrap();
        let location = ConfigLocation {
            path: path.clone(),
            explicit: false,
        };
        let config = Config::load(&location, None).unwrap();
        assert_eq!(config.path.as_deref(), Some(path.as_path()));
        assert_eq!(
            config.profile("staging").unwrap().ca_cert.as_deref(),
            Some(dir.path().join("ca.pem").as_path())
        );
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let e =
            parse("default_profile = \"a\"\n\n[profiles.a\ncredentials = \"env\"\n").unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("/etc/camtui/config.toml:3:"), "{text}");
        assert!(matches!(e, ConfigError::Invalid(_)));
    }

    #[test]
    fn a_bad_look_is_skipped_and_the_profile_stays() {
        let (line, column, reason, config) =
            problem("[profiles.a]\ncredentials = \"env\"\naccent = \"chartreuse-ish\"\n");
        assert_eq!((line, column), (3, 10));
        assert_eq!(
            reason,
            "profile \"a\": accent \"chartreuse-ish\" is not a colour: use a name (red, \
             light-blue, …), a number 0-255 or #rrggbb; ignored, the rest of the profile is in force"
        );
        let a = config.profile("a").unwrap();
        assert_eq!(
            (a.accent.as_ref(), &a.credentials),
            (None, &CredentialSource::Environment)
        );

        let (line, _, reason, config) =
            problem("[profiles.a]\ncredentials = \"env\"\nlanguage = \"fr\"\n");
        assert_eq!(line, 3);
        assert!(reason.contains("en-US"), "{reason}");
        assert_eq!(config.profile("a").unwrap().language, None);

        for timeout in ["0", "\"soon\""] {
            let (line, _, reason, config) = problem(&format!(
                "[profiles.a]\ncredentials = \"env\"\ntimeout = {timeout}\n"
            ));
            assert_eq!(line, 3);
            assert!(reason.contains("at least 1"), "{reason}");
            assert_eq!(config.profile("a").unwrap().timeout, None);
        }
        let (_, _, _, config) = problem("[profiles.a]\ncredentials = \"env\"\naccent = 5\n");
        assert!(config.profile("a").is_some());
    }

    #[test]
    fn a_bad_target_skips_the_profile_and_the_rest_stays() {
        // Where requests go, with which key and whether they may change anything: a profile
        // half-read there is never used.
        for (text, line, word) in [
            ("endpoint = \"ftp://x\"\n", 3, "endpoint"),
            ("endpoint = \"http://h\"\nintl = true\n", 3, "intl"),
            ("read_olny = true\n", 3, "read_olny"),
            ("read_only = \"yes\"\n", 3, "expected a boolean"),
        ] {
            let (found, _, reason, config) = problem(&format!(
                "[profiles.a]\ncredentials = \"env\"\n{text}[profiles.b]\ncredentials = \"env\"\n"
            ));
            assert_eq!(found, line, "{text}");
            assert!(reason.contains(word), "{reason}");
            assert!(reason.ends_with("the profile is skipped"), "{reason}");
            assert!(config.profile("a").is_none(), "{text}");
            assert!(config.profile("b").is_some(), "{text}");
        }
        let (line, _, reason, config) = problem("[profiles.a]\nread_only = true\n");
        assert_eq!(line, 1);
        assert!(reason.contains("credentials"), "{reason}");
        assert!(config.profiles.is_empty());

        let (line, _, reason, _) = problem("[profiles.a]\ncredentials = \"keychain\"\n");
        assert_eq!(line, 2);
        assert!(reason.contains("keychain"), "{reason}");
    }

    #[test]
    fn one_bad_value_leaves_the_rest_of_the_file_in_force() {
        let text = GOOD.replace("accent = \"red\"", "accent = \"chartreuse-ish\"");
        let (_, _, reason, config) = problem(&text);
        assert!(reason.contains("chartreuse-ish"), "{reason}");
        assert_eq!(config.default_profile.as_deref(), Some("staging"));
        assert_eq!(config.profiles.len(), 3);
        assert!(config.profile("prod").unwrap().read_only);

        // A default naming a skipped profile is no default; unknown keys are named.
        let (line, _, reason, config) =
            problem("default_profile = \"nope\"\n[profiles.a]\ncredentials = \"env\"\n");
        assert_eq!(line, 1);
        assert!(
            reason.contains("nope") && reason.contains("have: a"),
            "{reason}"
        );
        assert_eq!(config.default_profile, None);
        let (line, _, reason, _) = problem("colour = \"red\"\n");
        assert_eq!(line, 1);
        assert!(reason.contains("unknown key \"colour\""), "{reason}");
    }

    #[test]
    fn location_order() {
        let env: Environment = [(ENV_CONFIG.to_owned(), "/from/env.toml".to_owned())]
            .into_iter()
            .collect();
        let platform = Path::new("/home/op/.config/camtui");
        let flag = ConfigLocation::find(Some(Path::new("/flag.toml")), &env, Some(platform));
        assert_eq!(
            flag,
            Some(ConfigLocation {
                path: "/flag.toml".into(),
                explicit: true
            })
        );
        let from_env = ConfigLocation::find(None, &env, Some(platform)).unwrap();
        assert_eq!(from_env.path, Path::new("/from/env.toml"));
        assert!(from_env.explicit);
        let default = ConfigLocation::find(None, &Environment::new(), Some(platform)).unwrap();
        assert_eq!(default.path, platform.join("config.toml"));
        assert!(!default.explicit);
    }

    #[test]
    fn credential_sources_load() {
        let home = tempfile::tempdir().unwrap();
        let env: Environment = [
            ("TENCENTCLOUD_SECRET_ID".to_owned(), "AKIDenv".to_owned()),
            ("TENCENTCLOUD_SECRET_KEY".to_owned(), "k".to_owned()),
        ]
        .into_iter()
        .collect();
        let (c, _) = CredentialSource::Environment.load("p", &env, None).unwrap();
        assert_eq!(c.secret_id, "AKIDenv");
        assert!(matches!(
            CredentialSource::Environment.load("p", &Environment::new(), None),
            Err(CredentialSourceError::EnvironmentUnset { .. })
        ));

        let ini = CredentialSource::IniProfile("ops".into());
        assert!(matches!(
            ini.load("p", &env, Some(home.path())),
            Err(CredentialSourceError::NoIniFile { .. })
        ));
        let ini_path = credential::sdk_credentials_path(home.path());
        std::fs::create_dir_all(ini_path.parent().unwrap()).unwrap();
        std::fs::write(&ini_path, "[ops]\nsecret_id = AKIDops\nsecret_key = k\n").unwrap();
        let (c, source) = ini.load("p", &env, Some(home.path())).unwrap();
        assert_eq!(c.secret_id, "AKIDops");
        assert!(source.ends_with("[ops]"), "{source}");

        let json = home.path().join("cred.json");
        std::fs::write(&json, r#"{"secretId": "AKIDjson", "secretKey": "k"}"#).unwrap();
        let (c, _) = CredentialSource::File(json).load("p", &env, None).unwrap();
        assert_eq!(c.secret_id, "AKIDjson");
        assert!(matches!(
            CredentialSource::File(home.path().join("absent.json")).load("p", &env, None),
            Err(CredentialSourceError::Credential(
                CredentialError::Read { .. }
            ))
        ));
    }
}
