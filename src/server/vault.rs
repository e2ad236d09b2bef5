//! Encryption at rest for SecretKeys: ChaCha20-Poly1305 under a random 256-bit key kept in its
//! own 0600 file beside the database (`<db>.key`), so a stolen database alone yields no usable
//! key. Each sealed value is `nonce ‖ ciphertext`, bound to its SecretId as associated data.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

use crate::cam::Secret;

const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("cannot read or create the key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the key file {0} is missing, but the database holds sealed SecretKeys that only it opens: restore it (a new key file cannot open them)"
    )]
    Missing(PathBuf),
    #[error("the key file {0} is not a 32-byte key")]
    Malformed(PathBuf),
    #[error("a stored SecretKey of {0} cannot be decrypted: wrong key file or tampered database")]
    Decrypt(String),
}

pub struct Vault {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(***)")
    }
}

impl Vault {
    /// Reads the key file, or creates it (mode 0600) with a fresh random key when `may_create`
    /// (never for a database that already holds sealed keys: they would be lost behind a
    /// wrong key file).
    pub fn open_or_create(path: &Path, may_create: bool) -> Result<Self, VaultError> {
        let io = |source| VaultError::Io {
            path: path.to_owned(),
            source,
        };
        let key = match std::fs::read(path) {
            Ok(bytes) => Zeroizing::new(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !may_create => {
                return Err(VaultError::Missing(path.to_owned()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Zeroizing::new(Key::generate().to_vec());
                if publish_private(path, &key).map_err(io)? {
                    key
                } else {
                    // Another process starting on the same database wrote it first.
                    Zeroizing::new(std::fs::read(path).map_err(io)?)
                }
            }
            Err(e) => return Err(io(e)),
        };
        if key.len() != KEY_LEN {
            return Err(VaultError::Malformed(path.to_owned()));
        }
        let cipher = ChaCha20Poly1305::new_from_slice(&key)
            .map_err(|_| VaultError::Malformed(path.to_owned()))?;
        Ok(Self { cipher })
    }

    pub fn seal(&self, secret_id: &str, secret: &Secret) -> Vec<u8> {
        let nonce = Nonce::generate();
        let ciphertext = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: secret.expose().as_bytes(),
                    aad: secret_id.as_bytes(),
                },
            )
            .expect("ChaCha20-Poly1305 encrypts any message under 256 GiB");
        let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    pub fn open(&self, secret_id: &str, sealed: &[u8]) -> Result<Secret, VaultError> {
        let fail = || VaultError::Decrypt(secret_id.to_owned());
        if sealed.len() < NONCE_LEN {
            return Err(fail());
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_from(nonce).map_err(|_| fail())?;
        let plain = Zeroizing::new(
            self.cipher
                .decrypt(
                    &nonce,
                    Payload {
                        msg: ciphertext,
                        aad: secret_id.as_bytes(),
                    },
                )
                .map_err(|_| fail())?,
        );
        let text = std::str::from_utf8(&plain).map_err(|_| fail())?;
        Ok(Secret::new(text))
    }
}

/// Creates a new file readable and writable by its owner only.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates `path` (mode 0600) holding `contents`, whole or not at all, unless it exists: then
/// returns false and leaves it alone. Processes starting together on one data directory each
/// write their own temporary file and link it into place; the first link wins, and nobody ever
/// reads a half-written file.
pub fn publish_private(path: &Path, contents: &[u8]) -> std::io::Result<bool> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(
        ".{}-{:016x}.tmp",
        std::process::id(),
        rand::random::<u64>()
    ));
    let temporary = PathBuf::from(name);
    let written = create_private(&temporary).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_open_round_trip_bound_to_the_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.key");
        let vault = Vault::open_or_create(&path, true).unwrap();
        let sealed = vault.seal("IKID1", &Secret::new("s3cr3t"));
        assert!(!sealed.windows(6).any(|w| w == b"s3cr3t"));
        assert_eq!(vault.open("IKID1", &sealed).unwrap().expose(), "s3cr3t");
        assert!(
            vault.open("IKID2", &sealed).is_err(),
            "bound to its SecretId"
        );

        let again = Vault::open_or_create(&path, false).unwrap();
        assert_eq!(again.open("IKID1", &sealed).unwrap().expose(), "s3cr3t");

        let other = Vault::open_or_create(&dir.path().join("other.key"), true).unwrap();
        assert!(other.open("IKID1", &sealed).is_err());
        let missing = dir.path().join("missing.key");
        assert!(matches!(
            Vault::open_or_create(&missing, false),
            Err(VaultError::Missing(_))
        ));
        assert!(!missing.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
