//! L4 — Test-CertificateEndpoint: probe the TLS of live mail endpoints.

use crate::engine::Cmdlet;

/// The probe cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![]
}
