//! L1 — the LDAP directory (ldap3 over rustls): connections, users' certificate attributes,
//! pipelined publishing and synchronization of S/MIME certificates.
//!
//! - [`connection`]: [`Directory::connect`] (LDAPS or StartTLS with the server verified; a
//!   simple bind in clear text refused unless allowed), errors that name the entry.
//! - [`users`]: users and mailboxes read with paged results, streamed one by one.
//! - [`certificates`]: the two attributes (`userCertificate;binary` holds DER,
//!   `userSMIMECertificate` a PKCS#7), what a user has published, and the change that makes it
//!   what is wanted (only what differs is written).
//! - [`pipeline`]: many modifications in flight on one connection, with a window.
//! - [`saved`]: connection options from a saved connection's settings.
//! - [`sessions`]: the connections a shell session has open, by name.
//! - [`syntax`]: URL, DN and filter checks before anything is sent.

pub mod certificates;
pub mod connection;
pub mod entry;
pub mod error;
pub mod pipeline;
pub mod publish;
pub mod saved;
pub mod sessions;
pub mod sync;
pub mod syntax;
pub mod tls;
pub mod transaction;
pub mod users;

#[cfg(test)]
mod test_certs;

pub use certificates::{Action, Attributes, UserCertificates};
pub use connection::{ConnectOptions, Credential, Directory, Secret};
pub use entry::Entry;
pub use error::{DirectoryError, DirectoryResult};
pub use publish::{Change, Outcome, apply_changes, publish, read_user_certificates};
pub use tls::TrustRoots;
pub use users::{DirectoryUser, find_user, find_users_by_mail, search_users};
