//! Fresh identifiers, all from the thread-local cryptographic RNG (`ChaCha`, seeded by the OS):
//! SecretIds and SecretKeys of new keys, and the UUIDs of request and audit event ids.

use rand::RngExt as _;
use rand::distr::Alphanumeric;

use crate::cam::Secret;

/// `IKID` + 32 letters and digits.
pub fn new_secret_id() -> String {
    format!("IKID{}", random_alphanumeric(32))
}

pub fn new_secret_key() -> Secret {
    Secret::new(random_alphanumeric(32))
}

fn random_alphanumeric(len: usize) -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// A random (version 4) UUID. `Uuid::new_v4` asks the kernel for every one, and each request
/// needs two.
pub fn random_uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(rand::random()).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_and_keys_have_the_documented_shape() {
        let id = new_secret_id();
        assert_eq!(id.len(), 36);
        assert!(id.starts_with("IKID"));
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()));
        let key = new_secret_key();
        assert_eq!(key.expose().len(), 32);
        assert_ne!(new_secret_id(), id);
    }
}
