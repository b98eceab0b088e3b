//! L1 — the trust store a probe judges chains against: the system CA bundle by default, or
//! the certificates the caller gives (a Cert: store, a .sst/.p7b/.pem file). Loaded once per
//! run and shared by every worker.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::pki::Certificate;
use crate::pki::system::{self, BundleError};

/// Trust anchors and where they came from.
#[derive(Debug, Clone)]
pub struct TrustStore {
    pub(crate) roots: RootCertStore,
    /// SHA-1 thumbprints of the anchors' certificates (a self-signed leaf is trusted only
    /// when it is itself in the store).
    thumbprints: HashSet<[u8; 20]>,
    /// What the store is, for messages (`the system CA bundle /etc/ssl/…`).
    pub source: String,
}

impl TrustStore {
    /// The system bundle (`SSL_CERT_FILE` when set, else the distribution's file).
    pub fn system() -> Result<TrustStore, String> {
        match system::ca_bundle() {
            Ok((path, bytes)) => Ok(TrustStore::from_pem(
                &bytes,
                format!("the system CA bundle {path}"),
            )),
            Err(BundleError::Unreadable { path, reason }) => {
                Err(format!("Cannot read the CA bundle {path}: {reason}"))
            }
            Err(BundleError::NotFound { looked_for }) => Err(format!(
                "No system CA bundle was found (looked for {}); give -TrustStore.",
                looked_for.join(", ")
            )),
        }
    }

    /// The system bundle, read once per process and shared.
    pub fn system_shared() -> Result<Arc<TrustStore>, String> {
        static SYSTEM: OnceLock<Result<Arc<TrustStore>, String>> = OnceLock::new();
        SYSTEM
            .get_or_init(|| TrustStore::system().map(Arc::new))
            .clone()
    }

    /// Every certificate of a PEM text (unreadable ones are skipped, as TLS libraries do).
    pub fn from_pem(bytes: &[u8], source: String) -> TrustStore {
        let ders: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(bytes)
            .filter_map(Result::ok)
            .collect();
        TrustStore::from_ders(ders, source)
    }

    /// These certificates as anchors.
    pub fn from_certificates(certificates: &[Certificate], source: String) -> TrustStore {
        let ders = certificates
            .iter()
            .map(|c| CertificateDer::from(c.raw_data().to_vec()))
            .collect();
        TrustStore::from_ders(ders, source)
    }

    fn from_ders(ders: Vec<CertificateDer<'static>>, source: String) -> TrustStore {
        let thumbprints = ders.iter().map(|d| crate::pki::sha1(d.as_ref())).collect();
        let mut roots = RootCertStore::empty();
        roots.add_parsable_certificates(ders);
        TrustStore {
            roots,
            thumbprints,
            source,
        }
    }

    /// Is this very certificate (by its DER) in the store?
    pub fn contains(&self, der: &[u8]) -> bool {
        self.thumbprints.contains(&crate::pki::sha1(der))
    }

    /// How many anchors the store holds.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pem_bundles_and_certificates_become_anchors() {
        let text = include_str!("../pki/testdata/contoso-chain.pem");
        let store = TrustStore::from_pem(text.as_bytes(), "test".into());
        assert!(store.len() >= 3, "{}", store.len());
        let certs = crate::pki::pem::decode(text.as_bytes()).unwrap();
        let store = TrustStore::from_certificates(&certs[..1], "root".into());
        assert_eq!(store.len(), 1);
        assert!(TrustStore::from_pem(b"garbage", "x".into()).is_empty());
    }
}
