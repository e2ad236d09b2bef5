//! Which endpoint and credential camtui talks to (product.md §1): the sandbox when asked for, then
//! `--endpoint`/`--profile`, then the `TENCENTCLOUD_*` environment with the public endpoint, then
//! the SDK credential file's `[default]`, and otherwise the sandbox.

use std::path::Path;
use std::time::Duration;

use crate::cam::credential::{self, Credential, CredentialError, Environment};
use crate::cam::transport::{Endpoint, EndpointError, TransportConfig};
use crate::cli::TargetArgs;

/// A resolved target.
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

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error(
        "no credentials for {endpoint}: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or write {path} ([default] secret_id, secret_key)"
    )]
    NoCredential { endpoint: String, path: String },
    #[error("profile {0:?} is not a section of {1}")]
    UnknownProfile(String, String),
}

/// Resolves the target from the command line, an environment snapshot and the home directory.
pub fn resolve(
    args: &TargetArgs,
    env: &Environment,
    home: Option<&Path>,
) -> Result<Target, TargetError> {
    if args.sandbox || args.reset_sandbox {
        return Ok(Target::Sandbox {
            reset: args.reset_sandbox,
        });
    }
    let ini_path = home.map(credential::sdk_credentials_path);
    let from_ini = |profile: &str| -> Result<Option<Credential>, TargetError> {
        match &ini_path {
            Some(path) => Ok(credential::from_ini_file(path, profile)?),
            None => Ok(None),
        }
    };
    let ini_label = ini_path.as_ref().map_or_else(
        || "~/.tencentcloud/credentials".to_owned(),
        |p| p.display().to_string(),
    );

    let endpoint = match &args.endpoint {
        Some(text) => Endpoint::custom(text)?,
        None => Endpoint::Public { intl: args.intl },
    };

    if let Some(profile) = &args.profile {
        let credential = match from_ini(profile) {
            Err(TargetError::Credential(CredentialError::NoProfile { .. })) | Ok(None) => {
                return Err(TargetError::UnknownProfile(profile.clone(), ini_label));
            }
            other => other?.expect("handled above"),
        };
        return Ok(Target::Remote(Box::new(remote(
            format!("profile {profile}"),
            endpoint,
            args,
            credential,
            format!("{ini_label} [{profile}]"),
        ))));
    }

    let credential = if let Some(c) = credential::from_environment(env)? {
        Some((c, "the TENCENTCLOUD_SECRET_ID environment".to_owned()))
    } else if args.endpoint.is_some() {
        from_ini("default")
            .or_else(|e| match e {
                TargetError::Credential(CredentialError::NoProfile { .. }) => Ok(None),
                e => Err(e),
            })?
            .map(|c| (c, format!("{ini_label} [default]")))
    } else {
        None
    };

    match credential {
        Some((credential, source)) => Ok(Target::Remote(Box::new(remote(
            endpoint.to_string(),
            endpoint,
            args,
            credential,
            source,
        )))),
        None if args.endpoint.is_some() => Err(TargetError::NoCredential {
            endpoint: endpoint.to_string(),
            path: ini_label,
        }),
        None => Ok(Target::Sandbox { reset: false }),
    }
}

fn remote(
    label: String,
    endpoint: Endpoint,
    args: &TargetArgs,
    credential: Credential,
    credential_source: String,
) -> Remote {
    let mut transport = TransportConfig::new(endpoint);
    transport.region.clone_from(&args.region);
    transport.language = args.language.header_value();
    transport.ca_cert.clone_from(&args.ca_cert);
    transport.timeout = Duration::from_secs(args.timeout.max(1));
    Remote {
        label,
        transport,
        credential,
        credential_source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cam::credential::{ENV_SECRET_ID, ENV_SECRET_KEY};

    fn env(pairs: &[(&str, &str)]) -> Environment {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn nothing_configured_means_sandbox() {
        let home = tempfile::tempdir().unwrap();
        let t = resolve(&TargetArgs::default(), &env(&[]), Some(home.path())).unwrap();
        assert!(matches!(t, Target::Sandbox { reset: false }));
    }

    #[test]
    fn environment_means_public_cloud() {
        let t = resolve(
            &TargetArgs::default(),
            &env(&[(ENV_SECRET_ID, "AKIDx"), (ENV_SECRET_KEY, "k")]),
            None,
        )
        .unwrap();
        let Target::Remote(r) = t else {
            panic!("expected remote")
        };
        assert_eq!(r.transport.endpoint, Endpoint::Public { intl: false });
        assert_eq!(r.credential.secret_id, "AKIDx");
    }

    #[test]
    fn endpoint_takes_ini_default_and_errors_without_credentials() {
        let home = tempfile::tempdir().unwrap();
        let args = TargetArgs {
            endpoint: Some("http://127.0.0.1:9000".into()),
            ..TargetArgs::default()
        };
        assert!(matches!(
            resolve(&args, &env(&[]), Some(home.path())),
            Err(TargetError::NoCredential { .. })
        ));
        let path = credential::sdk_credentials_path(home.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "[default]\nsecret_id=AKIDini\nsecret_key=k\n[ops]\nsecret_id=AKIDops\nsecret_key=k\n",
        )
        .unwrap();
        let Target::Remote(r) = resolve(&args, &env(&[]), Some(home.path())).unwrap() else {
            panic!("expected remote")
        };
        assert_eq!(r.credential.secret_id, "AKIDini");
        let with_profile = TargetArgs {
            profile: Some("ops".into()),
            ..args.clone()
        };
        let Target::Remote(r) = resolve(&with_profile, &env(&[]), Some(home.path())).unwrap()
        else {
            panic!("expected remote")
        };
        assert_eq!(r.credential.secret_id, "AKIDops");
        let missing = TargetArgs {
            profile: Some("nope".into()),
            ..args
        };
        assert!(matches!(
            resolve(&missing, &env(&[]), Some(home.path())),
            Err(TargetError::UnknownProfile(..))
        ));
    }

    #[test]
    fn sandbox_flag_wins() {
        let args = TargetArgs {
            reset_sandbox: true,
            ..TargetArgs::default()
        };
        let t = resolve(
            &args,
            &env(&[(ENV_SECRET_ID, "AKIDx"), (ENV_SECRET_KEY, "k")]),
            None,
        )
        .unwrap();
        assert!(matches!(t, Target::Sandbox { reset: true }));
    }
}
