//! Which endpoint and credential camtui talks to (product.md §1), in order: `--sandbox`; then
//! `--profile NAME` (a config profile, else a section of the SDK credential file) or
//! `--endpoint`; then the `TENCENTCLOUD_*` environment with the public endpoint; then the config
//! file's default profile; and otherwise the sandbox. Also resolves a profile by name at run time
//! (`:profile NAME`) and lists the names that can be given.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cam::Client;
use crate::cam::credential::{self, Credential, CredentialError, ENV_REGION, Environment};
use crate::cam::transport::{
    CallObserver, Endpoint, EndpointError, Language, Transport, TransportConfig, TransportError,
};
use crate::config::{Accent, Config, CredentialSourceError, Profile};
use crate::i18n;
use crate::server::StartError;
use crate::server::sandbox::{self, Sandbox};

/// Seconds a request may take when neither the flag nor the profile says.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// What the command line asks of the target (`--endpoint`, `--profile`, `--sandbox`, …), as
/// plain values; each one wins over the profile's setting of the same name.
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
#[derive(Debug, Clone, Default)]
pub struct TargetOptions {
    /// One base URL for every service.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// The international site's public endpoints.
    pub intl: bool,
    /// A config profile, or a section of the SDK credential file.
    pub profile: Option<String>,
    /// An extra CA certificate (PEM) to trust.
    pub ca_cert: Option<PathBuf>,
    /// Seconds per request.
    pub timeout: Option<u64>,
    pub sandbox: bool,
    /// The sandbox from fresh demo data (implies `sandbox`).
    pub reset_sandbox: bool,
    pub read_only: bool,
    pub language: Option<Language>,
}

/// Where requests go.
#[derive(Debug, Clone)]
pub enum Target {
    /// A real endpoint with credentials.
    Remote(Box<Remote>),
    /// The bundled server, in-process.
    Sandbox { reset: bool },
}

#[derive(Debug, Clone)]
pub struct Remote {
    /// What the header shows: the endpoint, or the profile name.
    pub label: String,
    pub transport: TransportConfig,
    pub credential: Credential,
    /// Where the credential came from, for messages (never the secret itself).
    pub credential_source: String,
}

/// A target together with how the console should treat it.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub target: Target,
    /// `--read-only`, or the profile's `read_only = true`: no mutation may be sent.
    pub read_only: bool,
    /// The profile's header accent.
    pub accent: Option<Accent>,
    /// The profile in use (a config profile or an SDK credential-file section), if any.
    pub profile: Option<String>,
    /// What a person reads and the API answers in ([`i18n::resolve`]).
    pub language: Language,
}

impl Resolved {
    /// What the header shows for the target.
    pub fn label(&self) -> String {
        match &self.target {
            Target::Remote(remote) => remote.label.clone(),
            Target::Sandbox { .. } => "SANDBOX".to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error(transparent)]
    ProfileCredential(#[from] CredentialSourceError),
    #[error(
        "no credentials for {endpoint}: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or write {path} ([default] secret_id, secret_key)"
    )]
    NoCredential { endpoint: String, path: String },
    #[error("profile {name:?} is neither in the config file ({config}) nor a section of {ini}")]
    UnknownProfile {
        name: String,
        /// The config profiles there are, or why there are none.
        config: String,
        ini: String,
    },
}

/// Resolves the target from the command line, the config, an environment snapshot and the home
/// directory.
pub fn resolve(
    options: &TargetOptions,
    config: &Config,
    env: &Environment,
    home: Option<&Path>,
) -> Result<Resolved, TargetError> {
    if options.sandbox || options.reset_sandbox {
        return Ok(sandbox(options, env));
    }
    if let Some(name) = &options.profile {
        return resolve_named(name, options, config, env, home);
    }
    let endpoint = match &options.endpoint {
        Some(text) => Some(Endpoint::custom(text)?),
        None => None,
    };
    let ini = IniFile::new(home);

    if let Some(credential) = credential::from_environment(env)? {
        let endpoint = endpoint.unwrap_or(Endpoint::Public { intl: options.intl });
        return Ok(plain(
            endpoint,
            options,
            env,
            credential,
            "the TENCENTCLOUD_SECRET_ID environment".to_owned(),
        ));
    }
    if let Some(endpoint) = endpoint {
        // An endpoint without environment credentials takes the SDK file's [default].
        return match ini.credential("default") {
            Ok(Some(credential)) => Ok(plain(
                endpoint,
                options,
                env,
                credential,
                format!("{} [default]", ini.label),
            )),
            Ok(None) | Err(TargetError::Credential(CredentialError::NoProfile { .. })) => {
                Err(TargetError::NoCredential {
                    endpoint: endpoint.to_string(),
                    path: ini.label,
                })
            }
            Err(e) => Err(e),
        };
    }
    if let Some(name) = &config.default_profile
        && let Some(profile) = config.profile(name)
    {
        return from_profile(profile, options, env, home);
    }
    Ok(sandbox(options, env))
}

/// Resolves `NAME` as `--profile NAME` would, for `:profile NAME` at run time: the other flags
/// still apply (an explicit `--endpoint`, `--read-only`, …) except `--sandbox`.
pub fn resolve_profile(
    name: &str,
    options: &TargetOptions,
    config: &Config,
    env: &Environment,
    home: Option<&Path>,
) -> Result<Resolved, TargetError> {
    resolve_named(name, options, config, env, home)
}

/// The sandbox, as `:sandbox` switches to it at run time: `--read-only` and the language still
/// apply; `--reset-sandbox` does not (it was for the start).
pub fn resolve_sandbox(options: &TargetOptions, env: &Environment) -> Resolved {
    Resolved {
        target: Target::Sandbox { reset: false },
        ..sandbox(options, env)
    }
}

/// Every name `--profile` and `:profile` accept: config profiles first, then the sections of the
/// SDK credential file that are not also config profiles.
pub fn profile_names(config: &Config, home: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = config.profile_names().map(str::to_owned).collect();
    if let Some(home) = home {
        for section in credential::ini_sections(&credential::sdk_credentials_path(home)) {
            if !names.contains(&section) {
                names.push(section);
            }
        }
    }
    names
}

fn resolve_named(
    name: &str,
    options: &TargetOptions,
    config: &Config,
    env: &Environment,
    home: Option<&Path>,
) -> Result<Resolved, TargetError> {
    if let Some(profile) = config.profile(name) {
        return from_profile(profile, options, env, home);
    }
    let ini = IniFile::new(home);
    let credential = match ini.credential(name) {
        Ok(Some(credential)) => credential,
        Ok(None) | Err(TargetError::Credential(CredentialError::NoProfile { .. })) => {
            return Err(TargetError::UnknownProfile {
                name: name.to_owned(),
                config: match (&config.path, config.profiles.is_empty()) {
                    (None, _) => "no config file".to_owned(),
                    (Some(path), true) => format!("{} has no profiles", path.display()),
                    (Some(path), false) => format!(
                        "{} has {}",
                        path.display(),
                        config.profile_names().collect::<Vec<_>>().join(", ")
                    ),
                },
                ini: ini.label,
            });
        }
        Err(e) => return Err(e),
    };
    let endpoint = match &options.endpoint {
        Some(text) => Endpoint::custom(text)?,
        None => Endpoint::Public { intl: options.intl },
    };
    let source = format!("{} [{name}]", ini.label);
    let mut resolved = plain(endpoint, options, env, credential, source);
    if let Target::Remote(remote) = &mut resolved.target {
        remote.label = format!("profile {name}");
    }
    resolved.profile = Some(name.to_owned());
    Ok(resolved)
}

/// A config profile, with the command-line flags layered on top.
fn from_profile(
    profile: &Profile,
    options: &TargetOptions,
    env: &Environment,
    home: Option<&Path>,
) -> Result<Resolved, TargetError> {
    let (credential, credential_source) = profile.credentials.load(&profile.name, env, home)?;
    let endpoint = match (&options.endpoint, &profile.endpoint) {
        (Some(text), _) => Endpoint::custom(text)?,
        (None, Endpoint::Public { intl }) => Endpoint::Public {
            intl: *intl || options.intl,
        },
        (None, custom) => custom.clone(),
    };
    let transport = transport_config(endpoint, options, Some(profile), env);
    let language = transport.language;
    Ok(Resolved {
        target: Target::Remote(Box::new(Remote {
            label: format!("profile {}", profile.name),
            transport,
            credential,
            credential_source,
        })),
        read_only: options.read_only || profile.read_only,
        accent: profile.accent.clone(),
        profile: Some(profile.name.clone()),
        language,
    })
}

/// A target from flags and a credential, no profile.
fn plain(
    endpoint: Endpoint,
    options: &TargetOptions,
    env: &Environment,
    credential: Credential,
    credential_source: String,
) -> Resolved {
    let label = endpoint.to_string();
    let transport = transport_config(endpoint, options, None, env);
    let language = transport.language;
    Resolved {
        target: Target::Remote(Box::new(Remote {
            label,
            transport,
            credential,
            credential_source,
        })),
        read_only: options.read_only,
        accent: None,
        profile: None,
        language,
    }
}

fn sandbox(options: &TargetOptions, env: &Environment) -> Resolved {
    Resolved {
        target: Target::Sandbox {
            reset: options.reset_sandbox,
        },
        read_only: options.read_only,
        accent: None,
        profile: None,
        language: i18n::resolve(options.language, None, env),
    }
}

/// Flags win over the profile; `TENCENTCLOUD_REGION` is the last word on the region.
fn transport_config(
    endpoint: Endpoint,
    options: &TargetOptions,
    profile: Option<&Profile>,
    env: &Environment,
) -> TransportConfig {
    let mut transport = TransportConfig::new(endpoint);
    transport.region = options
        .region
        .clone()
        .or_else(|| profile.and_then(|p| p.region.clone()))
        .or_else(|| env.get(ENV_REGION).cloned())
        .filter(|r| !r.is_empty());
    transport.language = i18n::resolve(options.language, profile.and_then(|p| p.language), env);
    transport.ca_cert = options
        .ca_cert
        .clone()
        .or_else(|| profile.and_then(|p| p.ca_cert.clone()));
    transport.timeout = options
        .timeout
        .map(|s| Duration::from_secs(s.max(1)))
        .or_else(|| profile.and_then(|p| p.timeout))
        .unwrap_or(DEFAULT_TIMEOUT);
    transport
}

/// A client for a resolved target, and the sandbox server behind it when that is the target.
#[derive(Debug)]
pub struct Connection {
    pub client: Client,
    /// What the header shows: the profile or endpoint, or `SANDBOX http://127.0.0.1:PORT`.
    pub label: String,
    sandbox: Option<Sandbox>,
}

impl Connection {
    /// The in-process sandbox, when that is what the client talks to.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }

    /// Stops the sandbox, if any, writing its queued audit records.
    pub async fn close(self) -> std::io::Result<()> {
        match self.sandbox {
            Some(sandbox) => sandbox.shutdown().await,
            None => Ok(()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("cannot start the sandbox: {0}")]
    Sandbox(#[from] StartError),
    #[error("cannot start the sandbox: no data directory (is HOME set?)")]
    NoDataDir,
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
}

/// Builds the client for `resolved`, starting the sandbox over `data_dir` when that is the target
/// (and only then: a remote target costs no server start-up). `observer` sees every call, for the
/// API-call log. The sandbox's requests use the command line's region, language and timeout.
pub async fn connect(
    resolved: &Resolved,
    options: &TargetOptions,
    data_dir: Option<&Path>,
    observer: Option<CallObserver>,
) -> Result<Connection, ConnectError> {
    let observe = |transport: Transport| match &observer {
        Some(observer) => transport.with_observer(observer.clone()),
        None => transport,
    };
    match &resolved.target {
        Target::Remote(remote) => {
            let transport = Transport::new(remote.transport.clone(), remote.credential.clone())?;
            Ok(Connection {
                client: Client::new(observe(transport)),
                label: remote.label.clone(),
                sandbox: None,
            })
        }
        Target::Sandbox { reset } => {
            let data_dir = data_dir.ok_or(ConnectError::NoDataDir)?;
            let sandbox = sandbox::start(data_dir, *reset).await?;
            let endpoint = Endpoint::custom(&sandbox.endpoint)?;
            let mut config = transport_config(endpoint, options, None, &Environment::new());
            config.language = resolved.language;
            let transport = Transport::new(config, sandbox.credential.clone())?;
            Ok(Connection {
                client: Client::new(observe(transport)),
                label: format!("SANDBOX {}", sandbox.endpoint),
                sandbox: Some(sandbox),
            })
        }
    }
}

/// The SDK's credential file, if there is a home directory to find it in.
struct IniFile {
    path: Option<PathBuf>,
    label: String,
}

impl IniFile {
    fn new(home: Option<&Path>) -> Self {
        let path = home.map(credential::sdk_credentials_path);
        let label = path.as_ref().map_or_else(
            || "~/.tencentcloud/credentials".to_owned(),
            |p| p.display().to_string(),
        );
        Self { path, label }
    }

    fn credential(&self, section: &str) -> Result<Option<Credential>, TargetError> {
        match &self.path {
            Some(path) => Ok(credential::from_ini_file(path, section)?),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::credential::environment_of as env;
    use crate::cam::credential::{ENV_SECRET_ID, ENV_SECRET_KEY};

    fn remote(resolved: Resolved) -> Remote {
        match resolved.target {
            Target::Remote(r) => *r,
            Target::Sandbox { .. } => panic!("expected remote"),
        }
    }

    const CONFIG: &str = r#"
default_profile = "staging"

[profiles.prod]
intl = true
language = "en-US"
credentials = { ini_profile = "prod-keys" }
read_only = true
accent = "red"
region = "ap-singapore"

[profiles.staging]
endpoint = "http://127.0.0.1:9000"
credentials = { file = "staging.json" }
timeout = 40

[profiles.ops]
endpoint = "http://10.0.0.1:9000"
credentials = "env"
"#;

    /// A home with an SDK credential file, and a config whose relative paths point into it.
    fn setup() -> (tempfile::TempDir, Config) {
        let home = tempfile::tempdir().unwrap();
        let ini = credential::sdk_credentials_path(home.path());
        std::fs::create_dir_all(ini.parent().unwrap()).unwrap();
        std::fs::write(
            &ini,
            "[default]\nsecret_id=AKIDini\nsecret_key=k\n[ops]\nsecret_id=AKIDiniops\nsecret_key=k\n[prod-keys]\nsecret_id=AKIDprod\nsecret_key=k\n",
        )
        .unwrap();
        std::fs::write(
            home.path().join("staging.json"),
            r#"{"secretId": "AKIDstaging", "secretKey": "k"}"#,
        )
        .unwrap();
        let config =
            Config::parse(CONFIG, &home.path().join("config.toml"), Some(home.path())).unwrap();
        (home, config)
    }

    const ENV_CREDS: [(&str, &str); 2] = [(ENV_SECRET_ID, "AKIDenv"), (ENV_SECRET_KEY, "k")];

    #[test]
    fn nothing_configured_means_sandbox() {
        let home = tempfile::tempdir().unwrap();
        let t = resolve(
            &TargetOptions::default(),
            &Config::default(),
            &env(&[]),
            Some(home.path()),
        )
        .unwrap();
        assert!(matches!(t.target, Target::Sandbox { reset: false }));
        assert!(!t.read_only);
    }

    #[test]
    fn the_language_is_the_flag_then_the_profile_then_the_locale() {
        let (home, config) = setup();
        let chinese = env(&[("LANG", "zh_CN.UTF-8")]);
        let language = |options: &TargetOptions| {
            let resolved = resolve(options, &config, &chinese, Some(home.path())).unwrap();
            if let Target::Remote(remote) = &resolved.target {
                assert_eq!(remote.transport.language, resolved.language, "one setting");
            }
            resolved.language
        };
        let profile = |name: &str| TargetOptions {
            profile: Some(name.to_owned()),
            ..TargetOptions::default()
        };
        assert_eq!(language(&profile("staging")), Language::ZhCn, "the locale");
        assert_eq!(language(&profile("prod")), Language::EnUs, "the profile");
        let flag = TargetOptions {
            language: Some(Language::ZhCn),
            ..profile("prod")
        };
        assert_eq!(language(&flag), Language::ZhCn, "the flag");
        let sandbox = TargetOptions {
            sandbox: true,
            ..TargetOptions::default()
        };
        assert_eq!(
            language(&sandbox),
            Language::ZhCn,
            "the sandbox reads the locale too"
        );
    }

    #[test]
    fn environment_means_public_cloud() {
        let t = resolve(
            &TargetOptions::default(),
            &Config::default(),
            &env(&[
                (ENV_SECRET_ID, "AKIDx"),
                (ENV_SECRET_KEY, "k"),
                (ENV_REGION, "ap-beijing"),
            ]),
            None,
        )
        .unwrap();
        let r = remote(t);
        assert_eq!(r.transport.endpoint, Endpoint::Public { intl: false });
        assert_eq!(r.credential.secret_id, "AKIDx");
        assert_eq!(r.transport.region.as_deref(), Some("ap-beijing"));
        assert_eq!(r.transport.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn endpoint_takes_ini_default_and_errors_without_credentials() {
        let home = tempfile::tempdir().unwrap();
        let none = Config::default();
        let options = TargetOptions {
            endpoint: Some("http://127.0.0.1:9000".into()),
            ..TargetOptions::default()
        };
        assert!(matches!(
            resolve(&options, &none, &env(&[]), Some(home.path())),
            Err(TargetError::NoCredential { .. })
        ));
        let path = credential::sdk_credentials_path(home.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "[default]\nsecret_id=AKIDini\nsecret_key=k\n[ops]\nsecret_id=AKIDops\nsecret_key=k\n",
        )
        .unwrap();
        let r = remote(resolve(&options, &none, &env(&[]), Some(home.path())).unwrap());
        assert_eq!(r.credential.secret_id, "AKIDini");
        let with_profile = TargetOptions {
            profile: Some("ops".into()),
            ..options.clone()
        };
        let resolved = resolve(&with_profile, &none, &env(&[]), Some(home.path())).unwrap();
        assert_eq!(resolved.profile.as_deref(), Some("ops"));
        let r = remote(resolved);
        assert_eq!(r.credential.secret_id, "AKIDops");
        assert_eq!(r.label, "profile ops");
        let missing = TargetOptions {
            profile: Some("nope".into()),
            ..options
        };
        assert!(matches!(
            resolve(&missing, &none, &env(&[]), Some(home.path())),
            Err(TargetError::UnknownProfile { .. })
        ));
    }

    #[test]
    fn sandbox_flag_wins() {
        let (home, config) = setup();
        let options = TargetOptions {
            reset_sandbox: true,
            profile: Some("prod".into()),
            read_only: true,
            ..TargetOptions::default()
        };
        let t = resolve(&options, &config, &env(&ENV_CREDS), Some(home.path())).unwrap();
        assert!(matches!(t.target, Target::Sandbox { reset: true }));
        assert!(t.read_only);
    }

    #[test]
    fn config_profile_comes_before_ini_section() {
        let (home, config) = setup();
        // "ops" is both a config profile (env credentials, 10.0.0.1) and an INI section.
        let options = TargetOptions {
            profile: Some("ops".into()),
            ..TargetOptions::default()
        };
        let r = remote(resolve(&options, &config, &env(&ENV_CREDS), Some(home.path())).unwrap());
        assert_eq!(r.credential.secret_id, "AKIDenv");
        assert_eq!(
            r.transport.endpoint,
            Endpoint::custom("http://10.0.0.1:9000").unwrap()
        );
        // Without the environment the config profile fails rather than falling back silently.
        assert!(matches!(
            resolve(&options, &config, &env(&[]), Some(home.path())),
            Err(TargetError::ProfileCredential(
                CredentialSourceError::EnvironmentUnset { .. }
            ))
        ));
    }

    #[test]
    fn profile_carries_read_only_accent_and_settings() {
        let (home, config) = setup();
        let options = TargetOptions {
            profile: Some("prod".into()),
            ..TargetOptions::default()
        };
        let resolved = resolve(&options, &config, &env(&ENV_CREDS), Some(home.path())).unwrap();
        assert!(resolved.read_only);
        assert_eq!(
            resolved.accent.as_ref().map(|a| a.name.as_str()),
            Some("red")
        );
        assert_eq!(resolved.profile.as_deref(), Some("prod"));
        assert_eq!(resolved.label(), "profile prod");
        let r = remote(resolved);
        assert_eq!(r.credential.secret_id, "AKIDprod");
        assert_eq!(r.transport.endpoint, Endpoint::Public { intl: true });
        assert_eq!(r.transport.region.as_deref(), Some("ap-singapore"));

        // Flags layer over the profile.
        let flagged = TargetOptions {
            profile: Some("prod".into()),
            region: Some("ap-tokyo".into()),
            timeout: Some(3),
            endpoint: Some("http://127.0.0.1:1".into()),
            ..TargetOptions::default()
        };
        let r = remote(resolve(&flagged, &config, &env(&[]), Some(home.path())).unwrap());
        assert_eq!(r.transport.region.as_deref(), Some("ap-tokyo"));
        assert_eq!(r.transport.timeout, Duration::from_secs(3));
        assert_eq!(
            r.transport.endpoint,
            Endpoint::custom("http://127.0.0.1:1").unwrap()
        );
    }

    #[test]
    fn order_env_then_default_profile_then_sandbox() {
        let (home, config) = setup();
        let none = TargetOptions::default();
        // Environment credentials beat the default profile.
        let r = remote(resolve(&none, &config, &env(&ENV_CREDS), Some(home.path())).unwrap());
        assert_eq!(r.credential.secret_id, "AKIDenv");
        assert_eq!(r.transport.endpoint, Endpoint::Public { intl: false });
        // Without them the default profile is used.
        let resolved = resolve(&none, &config, &env(&[]), Some(home.path())).unwrap();
        assert_eq!(resolved.profile.as_deref(), Some("staging"));
        let r = remote(resolved);
        assert_eq!(r.credential.secret_id, "AKIDstaging");
        assert_eq!(r.transport.timeout, Duration::from_secs(40));
        // A config without a default profile falls through to the sandbox.
        let mut no_default = config.clone();
        no_default.default_profile = None;
        let t = resolve(&none, &no_default, &env(&[]), Some(home.path())).unwrap();
        assert!(matches!(t.target, Target::Sandbox { reset: false }));
        // --read-only carries over to the sandbox.
        let ro = TargetOptions {
            read_only: true,
            ..TargetOptions::default()
        };
        assert!(
            resolve(&ro, &no_default, &env(&[]), Some(home.path()))
                .unwrap()
                .read_only
        );
    }

    #[test]
    fn run_time_switch_and_names() {
        let (home, config) = setup();
        let sandboxed = TargetOptions {
            sandbox: true,
            ..TargetOptions::default()
        };
        let resolved =
            resolve_profile("prod", &sandboxed, &config, &env(&[]), Some(home.path())).unwrap();
        assert!(resolved.read_only);
        assert_eq!(remote(resolved).credential.secret_id, "AKIDprod");
        let resolved =
            resolve_profile("default", &sandboxed, &config, &env(&[]), Some(home.path())).unwrap();
        assert_eq!(remote(resolved).credential.secret_id, "AKIDini");
        let e =
            resolve_profile("nope", &sandboxed, &config, &env(&[]), Some(home.path())).unwrap_err();
        assert!(e.to_string().contains("ops, prod, staging"), "{e}");
        // `:sandbox` keeps --read-only and the language, never --reset-sandbox.
        let started = TargetOptions {
            reset_sandbox: true,
            read_only: true,
            ..TargetOptions::default()
        };
        let back = resolve_sandbox(&started, &env(&[("LANG", "zh_CN.UTF-8")]));
        assert!(matches!(back.target, Target::Sandbox { reset: false }));
        assert!(back.read_only);
        assert_eq!(back.language, Language::ZhCn);
        assert_eq!(
            profile_names(&config, Some(home.path())),
            ["ops", "prod", "staging", "default", "prod-keys"]
        );
    }
}
