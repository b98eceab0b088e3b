//! L4 — Test-CertificateEndpoint: probe the TLS of live mail endpoints.

pub mod endpoints;
pub mod report_value;
pub mod test_certificate_endpoint;

use crate::engine::Cmdlet;

/// The probe cmdlets.
pub fn all() -> Vec<Box<dyn Cmdlet>> {
    vec![Box::new(test_certificate_endpoint::TestCertificateEndpoint)]
}
