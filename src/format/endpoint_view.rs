//! L4 — the default view of Test-CertificateEndpoint's results (`Mailsec.EndpointTestResult`):
//! a short table (endpoint, dialog, TLS version, verdict, finding codes); Format-List shows
//! every property.

use super::known_views::KnownView;
use super::view::Align;

/// The table view registered in `known_views`.
pub(super) const ENDPOINT_TEST_RESULT: KnownView = KnownView {
    types: &["Mailsec.EndpointTestResult"],
    table: &[
        ("ComputerName", "ComputerName", 24, Align::Left),
        ("Port", "Port", 5, Align::Right),
        ("Protocol", "Protocol", 8, Align::Left),
        ("TlsVersion", "TlsVersion", 10, Align::Left),
        ("Passed", "Passed", 6, Align::Left),
        ("Findings", "Findings", 0, Align::Left),
    ],
    list: &[],
    custom: None,
};
