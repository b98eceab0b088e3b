//! L1 — what the pki layer reads from the machine: the clock (Unix seconds, for validity
//! checks) and the system's CA bundle (the default trust store of TLS and LDAP connections).

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where the system keeps its CA bundle (Debian/Ubuntu, Fedora/RHEL, Alpine/openSUSE, BSDs).
pub const SYSTEM_BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/ssl/cert.pem",
];

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Why the system's CA bundle could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum BundleError {
    /// None of the places exists (the places looked at, `SSL_CERT_FILE` first when set).
    NotFound { looked_for: Vec<String> },
    /// The bundle exists but cannot be read.
    Unreadable { path: String, reason: String },
}

/// The system's CA bundle: `SSL_CERT_FILE` when set, else the first of [`SYSTEM_BUNDLES`]
/// that exists; its path and bytes.
pub fn ca_bundle() -> Result<(String, Vec<u8>), BundleError> {
    let from_env = std::env::var("SSL_CERT_FILE")
        .ok()
        .filter(|path| !path.is_empty());
    let candidates: Vec<String> = from_env
        .into_iter()
        .chain(SYSTEM_BUNDLES.iter().map(|path| path.to_string()))
        .collect();
    let Some(path) = candidates.iter().find(|path| Path::new(path).is_file()) else {
        return Err(BundleError::NotFound {
            looked_for: candidates,
        });
    };
    match std::fs::read(path) {
        Ok(bytes) => Ok((path.clone(), bytes)),
        Err(error) => Err(BundleError::Unreadable {
            path: path.clone(),
            reason: error.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_after_2020() {
        assert!(unix_now() > 1_577_836_800);
    }

    #[test]
    fn the_bundle_is_found_or_the_places_are_named() {
        match ca_bundle() {
            Ok((path, bytes)) => assert!(!path.is_empty() && !bytes.is_empty()),
            Err(BundleError::NotFound { looked_for }) => {
                assert!(looked_for.iter().any(|p| p == SYSTEM_BUNDLES[0]))
            }
            Err(BundleError::Unreadable { path, .. }) => assert!(!path.is_empty()),
        }
    }
}
