//! L1 — the TLS client configuration for directory connections (rustls, ring): the roots to
//! trust come from a trust store the user names, else from the system's CA bundle. The server's
//! certificate is always verified (chain and host name); there is no switch to turn that off.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::CertificateDer;

use crate::pki::Certificate;
use crate::pki::system::{self, BundleError};

use super::error::{DirectoryError, DirectoryResult};

/// The roots a connection trusts.
#[derive(Clone, Default)]
pub enum TrustRoots {
    /// The system's CA bundle (`SSL_CERT_FILE`, else the distribution's file).
    #[default]
    System,
    /// Exactly these certificates (a -TrustStore file or Cert: store).
    Certificates(Vec<Certificate>),
}

impl std::fmt::Debug for TrustRoots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrustRoots::System => write!(f, "System"),
            TrustRoots::Certificates(certs) => write!(f, "Certificates({})", certs.len()),
        }
    }
}

/// A rustls client configuration that trusts `roots`.
pub fn client_config(roots: &TrustRoots) -> DirectoryResult<Arc<ClientConfig>> {
    let mut store = rustls::RootCertStore::empty();
    match roots {
        TrustRoots::Certificates(certs) => {
            for cert in certs {
                store
                    .add(CertificateDer::from(cert.raw_data().to_vec()))
                    .map_err(|e| DirectoryError::TrustStore {
                        path: cert.subject().to_string(),
                        reason: format!("the certificate cannot be a trust anchor: {e}"),
                    })?;
            }
        }
        TrustRoots::System => {
            let (path, certs) = system_bundle()?;
            let (added, _ignored) = store.add_parsable_certificates(
                certs
                    .iter()
                    .map(|c| CertificateDer::from(c.raw_data().to_vec())),
            );
            if added == 0 {
                return Err(DirectoryError::TrustStore {
                    path,
                    reason: "it holds no usable root certificate".to_string(),
                });
            }
        }
    }
    if store.is_empty() {
        return Err(DirectoryError::TrustStore {
            path: "(given)".to_string(),
            reason: "it holds no certificate".to_string(),
        });
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| DirectoryError::TrustStore {
            path: "(TLS settings)".to_string(),
            reason: e.to_string(),
        })?
        .with_root_certificates(store)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The system's CA bundle: its path and certificates.
fn system_bundle() -> DirectoryResult<(String, Vec<Certificate>)> {
    let (path, bytes) = system::ca_bundle().map_err(|error| match error {
        BundleError::NotFound { looked_for } => DirectoryError::TrustStore {
            path: looked_for.join(", "),
            reason: "no system CA bundle was found; give -TrustStore".to_string(),
        },
        BundleError::Unreadable { path, reason } => DirectoryError::TrustStore { path, reason },
    })?;
    let certs = crate::pki::decode_any(&bytes).map_err(|e| DirectoryError::TrustStore {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    Ok((path, certs))
}

/// Read a trust store file (PEM, DER, PKCS#7 or SST) into its certificates.
pub fn read_trust_store(path: &std::path::Path) -> DirectoryResult<Vec<Certificate>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DirectoryError::TrustStore {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let certs = crate::pki::decode_any(&bytes).map_err(|e| DirectoryError::TrustStore {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    if certs.is_empty() {
        return Err(DirectoryError::TrustStore {
            path: shown,
            reason: "it holds no certificate".to_string(),
        });
    }
    Ok(certs)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_trust_store_is_an_error_naming_the_file() {
        let error = read_trust_store(std::path::Path::new("/nonexistent/roots.pem"))
            .err()
            .unwrap();
        assert!(
            error.to_string().contains("/nonexistent/roots.pem"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_root_list_is_refused() {
        let error = client_config(&TrustRoots::Certificates(Vec::new()))
            .err()
            .unwrap();
        assert!(error.to_string().contains("no certificate"), "{error}");
    }
}
