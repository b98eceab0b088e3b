//! Test-CertificateEndpoint against a private slapd: LDAP StartTLS (extended operation
//! 1.3.6.1.4.1.1466.20037) and LDAPS, checked against what `openssl s_client` sees on the same
//! ports (version, suite, and whether TLS 1.0/1.1 are still accepted).

use crate::servers::slapd::Slapd;

use super::s_client::{accepts, negotiate};
use super::{probe_one, quoted};

/// The findings and DeprecatedProtocols s_client says the port deserves.
fn deprecated(port: u16, slapd: &Slapd, starttls: Option<&str>) -> Vec<String> {
    [("-tls1", "TLS 1.0"), ("-tls1_1", "TLS 1.1")]
        .iter()
        .filter(|(flag, _)| accepts(port, &slapd.ca_pem_path, starttls, flag))
        .map(|(_, name)| name.to_string())
        .collect()
}

#[test]
fn slapd_starttls_and_ldaps_are_probed_like_openssl_sees_them() {
    let Some(slapd) = Slapd::start() else { return };
    let root = quoted(&slapd.ca_pem_path);
    for (port, protocol, starttls) in [
        (slapd.ldap_port, "Ldap", Some("ldap")),
        (slapd.ldaps_port, "Ldaps", None),
    ] {
        let report = probe_one(&format!(
            "127.0.0.1:{port} -Protocol {protocol} -TrustStore {root}"
        ));
        let old = deprecated(port, &slapd, starttls);
        let expected = vec!["DeprecatedProtocol"; old.len()];
        report.assert_codes(&expected, protocol);
        assert_eq!(report.list("DeprecatedProtocols"), old, "{protocol}");
        assert_eq!(report.text("Protocol"), protocol);
        let offered = if starttls.is_some() { Some(true) } else { None };
        assert_eq!(report.flag("StartTlsOffered"), offered, "{report}");
        assert_eq!(report.flag("ChainTrusted"), Some(true), "{report}");
        let reference = negotiate(port, &slapd.ca_pem_path, starttls, &[]);
        assert_eq!(
            report.text("TlsVersion"),
            reference.version,
            "{protocol}: {report}"
        );
        assert_eq!(
            report.text("CipherSuite"),
            reference.cipher_suite,
            "{protocol}: {report}"
        );
    }
    // The LDAPS port spoken to as StartTLS: the server sends no LDAP answer but TLS bytes or
    // nothing; it must give a finding, not hang.
    let confused = probe_one(&format!(
        "127.0.0.1:{} -Protocol Ldap -TrustStore {root} -TimeoutSeconds 3",
        slapd.ldaps_port
    ));
    assert!(!confused.passed(), "{confused}");
}
