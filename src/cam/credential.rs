//! Credentials and where they come from: static values, the environment, the SDK's INI file.
//! Secret values live in [`Secret`], which redacts itself and is zeroized on drop. Providers take
//! the environment and home directory as arguments so tests never touch the process's own.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

/// A secret string (SecretKey, token, generated SecretAccessKey). `Debug` and `Display` print
/// `***`; the value is only reachable through [`Secret::expose`], and is zeroized on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret itself: call only where it must go on the wire or to the clipboard.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

/// A SecretId and SecretKey, plus a token for temporary (STS) credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub secret_id: String,
    pub secret_key: Secret,
    pub token: Option<Secret>,
}

impl Credential {
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            secret_id: secret_id.into(),
            secret_key: Secret::new(secret_key),
            token: None,
        }
    }

    #[must_use]
    pub fn with_token(mut self, token: Option<Secret>) -> Self {
        self.token = token.filter(|t| !t.is_empty());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error(
        "{var} is set but {missing} is not: set both (or neither) of TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY"
    )]
    HalfSetEnvironment {
        var: &'static str,
        missing: &'static str,
    },
    #[error("cannot read credential file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("credential file {path} has no section [{profile}]")]
    NoProfile { path: PathBuf, profile: String },
    #[error("credential file {path}, section [{profile}]: {missing} is missing or empty")]
    Incomplete {
        path: PathBuf,
        profile: String,
        missing: &'static str,
    },
    #[error("credential file {path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error(
        "the SecretId or SecretKey has surrounding white space; the API would refuse it (AuthFailure.SecretIdNotFound)"
    )]
    Padded,
}

pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";

/// A snapshot of the environment variables a provider may read.
pub type Environment = HashMap<String, String>;

/// An environment made of `pairs`, for tests of anything that reads one.
#[cfg(test)]
pub(crate) fn environment_of(pairs: &[(&str, &str)]) -> Environment {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The process's environment, for the top of the program; everything below takes a map.
pub fn process_environment() -> Environment {
    std::env::vars().collect()
}

fn checked(credential: Credential) -> Result<Credential, CredentialError> {
    let padded = |s: &str| s.trim() != s;
    if padded(&credential.secret_id) || padded(credential.secret_key.expose()) {
        return Err(CredentialError::Padded);
    }
    Ok(credential)
}

/// `TENCENTCLOUD_SECRET_ID` + `TENCENTCLOUD_SECRET_KEY` (+ `TENCENTCLOUD_TOKEN`). `Ok(None)` when
/// neither is set; an error when only one is.
pub fn from_environment(env: &Environment) -> Result<Option<Credential>, CredentialError> {
    let get = |name: &str| env.get(name).filter(|v| !v.is_empty());
    match (get(ENV_SECRET_ID), get(ENV_SECRET_KEY)) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(CredentialError::HalfSetEnvironment {
            var: ENV_SECRET_ID,
            missing: ENV_SECRET_KEY,
        }),
        (None, Some(_)) => Err(CredentialError::HalfSetEnvironment {
            var: ENV_SECRET_KEY,
            missing: ENV_SECRET_ID,
        }),
        (Some(id), Some(key)) => checked(
            Credential::new(id.as_str(), key.as_str())
                .with_token(get(ENV_TOKEN).map(|t| Secret::new(t.as_str()))),
        )
        .map(Some),
    }
}

/// The SDK's credential file: `~/.tencentcloud/credentials`.
pub fn sdk_credentials_path(home: &Path) -> PathBuf {
    home.join(".tencentcloud").join("credentials")
}

/// Reads one section of an SDK-style INI credential file (`secret_id`, `secret_key`, optional
/// `token`). `Ok(None)` when the file does not exist.
pub fn from_ini_file(path: &Path, profile: &str) -> Result<Option<Credential>, CredentialError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(CredentialError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let section = ini_section(&text, profile).ok_or_else(|| CredentialError::NoProfile {
        path: path.to_owned(),
        profile: profile.to_owned(),
    })?;
    let field = |name: &'static str| {
        section
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_empty())
    };
    let incomplete = |missing| CredentialError::Incomplete {
        path: path.to_owned(),
        profile: profile.to_owned(),
        missing,
    };
    let id = field("secret_id").ok_or_else(|| incomplete("secret_id"))?;
    let key = field("secret_key").ok_or_else(|| incomplete("secret_key"))?;
    checked(Credential::new(id, key).with_token(field("token").map(Secret::new))).map(Some)
}

/// Reads a JSON credential file `{"secretId": "...", "secretKey": "..."}` (the format
/// `camtui serve --root-credential-file` writes).
pub fn from_json_file(path: &Path) -> Result<Credential, CredentialError> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct File {
        secret_id: String,
        secret_key: Secret,
        #[serde(default)]
        token: Option<Secret>,
    }
    let text =
        Zeroizing::new(
            std::fs::read_to_string(path).map_err(|source| CredentialError::Read {
                path: path.to_owned(),
                source,
            })?,
        );
    let file: File = serde_json::from_str(&text).map_err(|e| CredentialError::Invalid {
        path: path.to_owned(),
        reason: format!("expected {{\"secretId\": …, \"secretKey\": …}}: {e}"),
    })?;
    checked(
        Credential {
            secret_id: file.secret_id,
            secret_key: file.secret_key,
            token: None,
        }
        .with_token(file.token),
    )
}

/// The section names of an SDK-style INI credential file, in file order (empty when the file
/// does not exist or cannot be read: this only feeds completion).
pub fn ini_sections(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path).map(Zeroizing::new) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim();
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The `key = value` pairs of `[section]` in an INI text; `None` if there is no such section.
fn ini_section<'a>(text: &'a str, section: &str) -> Option<Vec<(&'a str, &'a str)>> {
    let mut in_section = false;
    let mut found = false;
    let mut pairs = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_section = name.trim() == section;
            found |= in_section;
        } else if in_section && let Some((key, value)) = line.split_once('=') {
            pairs.push((key.trim(), value.trim()));
        }
    }
    found.then_some(pairs)
}

#[cfg(test)]
mod tests {
    use super::environment_of as env;
    use super::*;

    #[test]
    fn secret_redacts_itself() {
        let c = Credential::new("AKIDx", "very-secret-key").with_token(Some(Secret::new("tok")));
        let shown = format!("{c:?} {} {:?}", c.secret_key, c.token);
        assert!(!shown.contains("very-secret-key"), "{shown}");
        assert!(!shown.contains("tok\""), "{shown}");
        assert!(shown.contains("AKIDx"));
    }

    #[test]
    fn environment_provider() {
        assert_eq!(from_environment(&env(&[])).unwrap(), None);
        let c = from_environment(&env(&[
            (ENV_SECRET_ID, "AKIDa"),
            (ENV_SECRET_KEY, "k"),
            (ENV_TOKEN, "t"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(c.secret_id, "AKIDa");
        assert_eq!(c.secret_key.expose(), "k");
        assert_eq!(c.token.unwrap().expose(), "t");
        assert!(matches!(
            from_environment(&env(&[(ENV_SECRET_ID, "AKIDa")])),
            Err(CredentialError::HalfSetEnvironment { .. })
        ));
        assert!(matches!(
            from_environment(&env(&[(ENV_SECRET_ID, " AKIDa"), (ENV_SECRET_KEY, "k")])),
            Err(CredentialError::Padded)
        ));
    }

    #[test]
    fn ini_provider_reads_named_profiles() {
        let home = tempfile::tempdir().unwrap();
        let path = sdk_credentials_path(home.path());
        assert_eq!(from_ini_file(&path, "default").unwrap(), None);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "# comment\n[default]\nsecret_id = AKIDdef\nsecret_key = keydef\n\n[prod]\nsecret_id=AKIDprod\nsecret_key=keyprod\n[broken]\nsecret_id=AKIDb\n",
        )
        .unwrap();
        let def = from_ini_file(&path, "default").unwrap().unwrap();
        assert_eq!(
            (def.secret_id.as_str(), def.secret_key.expose()),
            ("AKIDdef", "keydef")
        );
        assert_eq!(ini_sections(&path), ["default", "prod", "broken"]);
        let prod = from_ini_file(&path, "prod").unwrap().unwrap();
        assert_eq!(prod.secret_id, "AKIDprod");
        assert!(matches!(
            from_ini_file(&path, "nope"),
            Err(CredentialError::NoProfile { .. })
        ));
        assert!(matches!(
            from_ini_file(&path, "broken"),
            Err(CredentialError::Incomplete {
                missing: "secret_key",
                ..
            })
        ));
    }

    #[test]
    fn json_provider() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("root.json");
        std::fs::write(&path, r#"{"secretId":"IKIDx","secretKey":"sk"}"#).unwrap();
        let c = from_json_file(&path).unwrap();
        assert_eq!(
            (c.secret_id.as_str(), c.secret_key.expose()),
            ("IKIDx", "sk")
        );
        std::fs::write(&path, "{").unwrap();
        assert!(matches!(
            from_json_file(&path),
            Err(CredentialError::Invalid { .. })
        ));
    }
}
