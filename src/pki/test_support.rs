//! L1 — test helpers: the Contoso test chain (see `testdata/README.md`).

use super::certificate::Certificate;

/// Root, intermediate, S/MIME leaf and EC server certificate, as PEM.
pub const CONTOSO_CHAIN_PEM: &str = include_str!("testdata/contoso-chain.pem");

/// The four Contoso certificates, in file order.
pub fn sample_certificates() -> Vec<Certificate> {
    let certificates = super::pem::decode(CONTOSO_CHAIN_PEM.as_bytes())
        .unwrap_or_else(|e| panic!("test chain: {e}"));
    assert_eq!(certificates.len(), 4);
    certificates
}
