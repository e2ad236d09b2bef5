//! The Tencent Cloud API 3.0 client: the TC3 signer (shared with the server), credentials that
//! redact themselves, the HTTP transport, the typed model of every action, typed calls, the
//! walks over every user — the search for the owner of a SecretId and the key report (sharing
//! [`walk`], paced by [`pace`]) — where a key's rotation stands, and what a user may do
//! (policies, groups, security settings) as User Details shows it.

pub mod client;
pub mod credential;
pub mod de;
pub mod error;
pub mod model;
pub mod owner;
pub mod pace;
pub mod permissions;
pub mod report;
pub mod rotation;
pub mod signer;
pub mod transport;
pub mod walk;

pub use client::{ActionError, Client};
pub use credential::{Credential, Secret};
pub use error::{ApiError, CallError, NetworkCause};
pub use transport::{Endpoint, Transport, TransportConfig};
