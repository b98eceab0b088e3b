//! L1 — the TLS prober behind Test-CertificateEndpoint: TCP connect, the protocol's preamble
//! (SMTP/IMAP/POP3/LDAP STARTTLS or implicit TLS), a rustls handshake that captures the chain,
//! legacy-version probes, and the findings that judge the result.
//!
//! Use: build one [`Prober`] per run (TLS client, trust store, CRL cache), describe each
//! endpoint as a [`Target`] with its [`Policy`], and either call [`Prober::probe`] or hand the
//! targets to a [`Runner`], which probes at most N at once and yields reports as they finish.

pub mod crl;
pub mod endpoint;
pub mod finding;
pub mod judge;
pub mod legacy;
pub mod names;
pub mod net;
pub mod policy;
pub mod preamble;
pub mod protocol;
pub mod revocation;
pub mod runner;
pub mod tls;
pub mod trust;

pub use endpoint::{EndpointReport, Prober, Target};
pub use finding::{Code, Finding, Severity};
pub use policy::{Policy, TlsVersion, Validation};
pub use protocol::{Protocol, split_host_port};
pub use runner::Runner;
pub use trust::TrustStore;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
