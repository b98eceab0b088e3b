//! Test-CertificateEndpoint against each `openssl s_server` variant: exactly the expected
//! findings, the certificate facts, and the version and suite `openssl s_client` negotiates
//! with the same server.

use crate::servers::s_server::{self, SServer, Variant};
use crate::servers::test_pki::{self, INTERMEDIATE_NAME, LeafSpec, ROOT_NAME, Validity};

use super::s_client::negotiate;
use super::{Probed, probe, probe_one, quoted};

/// The findings each variant must give (with the test root as the trust store), no others.
fn expected_codes(variant: Variant) -> &'static [&'static str] {
    match variant {
        Variant::Good | Variant::Tls12Only | Variant::Tls13Only | Variant::Ecdsa => &[],
        // One finding per accepted version.
        Variant::Tls10Allowed => &["DeprecatedProtocol", "DeprecatedProtocol"],
        Variant::Expired => &["CertificateExpired"],
        Variant::NotYetValid => &["CertificateNotYetValid"],
        Variant::WrongName => &["NameMismatch"],
        Variant::SelfSigned => &["SelfSigned"],
        Variant::Rsa1024 => &["WeakKey"],
        // rustls cannot complete a static-RSA handshake; the report must still say why.
        Variant::NoForwardSecrecy => &["HandshakeFailed", "NoForwardSecrecy"],
        Variant::MissingIntermediate => &["UntrustedRoot"],
    }
}

/// Probe `server` trusting the test root.
fn probe_server(server: &SServer, extra: &str) -> Probed {
    probe_one(&format!(
        "{} -TrustStore {} {extra}",
        server.endpoint(),
        quoted(&server.leaf.root)
    ))
}

#[test]
fn each_variant_gives_exactly_its_findings() {
    if s_server::shared(Variant::Good).is_none() {
        return;
    }
    // One run for all variants: the endpoints are probed concurrently.
    let servers: Vec<&SServer> = Variant::ALL
        .iter()
        .map(|v| s_server::shared(*v).unwrap())
        .collect();
    let endpoints: Vec<String> = servers
        .iter()
        .map(|s| format!("'{}'", s.endpoint()))
        .collect();
    let root = quoted(&servers[0].leaf.root);
    let reports = probe(&format!(
        "{} -TrustStore {root} -TimeoutSeconds 10",
        endpoints.join(",")
    ));
    assert_eq!(reports.len(), servers.len());
    for server in servers {
        let report = reports
            .iter()
            .find(|r| r.number("Port") == Some(i64::from(server.port)))
            .unwrap_or_else(|| panic!("no report for {:?}", server.variant));
        let context = format!("{:?} on {}", server.variant, server.endpoint());
        report.assert_codes(expected_codes(server.variant), &context);
        assert_eq!(report.text("ComputerName"), "127.0.0.1", "{context}");
        assert_eq!(report.text("Protocol"), "Tls", "{context}");
        let errors = report.findings().iter().any(|f| f.0 == "Error");
        assert_eq!(report.passed(), !errors);
    }
}

#[test]
fn a_good_server_passes_with_every_fact_filled_in() {
    let Some(server) = s_server::shared(Variant::Good) else {
        return;
    };
    let report = probe_server(server, "");
    report.assert_codes(&[], "good server");
    assert!(report.passed());
    assert_eq!(report.text("TlsVersion"), "TLS 1.3");
    assert_eq!(report.flag("ForwardSecrecy"), Some(true));
    assert!(!report.text("KeyExchange").is_empty(), "{report}");
    assert_eq!(report.flag("ChainTrusted"), Some(true));
    assert_eq!(report.flag("NameMatches"), Some(true));
    assert_eq!(report.number("KeySize"), Some(2048));
    let days = report.number("DaysUntilExpiry").unwrap();
    assert!((363..=365).contains(&days), "{days}");
    assert!(report.text("RootIssuer").contains(ROOT_NAME), "{report}");
    assert!(
        report.text("CertificateSubject").contains("CN=localhost"),
        "{report}"
    );
    assert_eq!(
        report.number("ChainLength"),
        Some(2),
        "leaf + intermediate as sent"
    );
    assert!(report.list("DeprecatedProtocols").is_empty());
    assert!(report.list("RevocationEndpoints").is_empty());
    assert_eq!(
        report.flag("StartTlsOffered"),
        None,
        "implicit TLS: not a STARTTLS question"
    );
    let chain = std::fs::read_to_string(&server.leaf.intermediate).unwrap();
    assert!(chain.contains("BEGIN CERTIFICATE"), "{INTERMEDIATE_NAME}");
}

#[test]
fn version_and_suite_agree_with_openssl_s_client() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let cases: [(Variant, &[&str]); 6] = [
        (Variant::Good, &[]),
        (Variant::Tls12Only, &[]),
        (Variant::Tls13Only, &[]),
        (Variant::Ecdsa, &[]),
        (Variant::Tls10Allowed, &["-cipher", "DEFAULT:@SECLEVEL=0"]),
        (Variant::Rsa1024, &["-cipher", "DEFAULT:@SECLEVEL=0"]),
    ];
    let mut seen_versions = Vec::new();
    for (variant, options) in cases {
        let server = s_server::shared(variant).unwrap();
        let reference = negotiate(server.port, &good.leaf.root, None, options);
        let report = probe_server(server, "");
        assert_eq!(
            report.text("TlsVersion"),
            reference.version,
            "{variant:?}: {report}"
        );
        assert_eq!(
            report.text("CipherSuite"),
            reference.cipher_suite,
            "{variant:?}: {report}"
        );
        if let Some(group) = &reference.key_exchange {
            assert_eq!(&report.text("KeyExchange"), group, "{variant:?}: {report}");
        }
        seen_versions.push(reference.version);
    }
    assert!(seen_versions.contains(&"TLS 1.2".to_string()));
    assert!(seen_versions.contains(&"TLS 1.3".to_string()));
}

#[test]
fn certificate_facts_follow_the_leaf() {
    let Some(ecdsa) = s_server::shared(Variant::Ecdsa) else {
        return;
    };
    let report = probe_server(ecdsa, "");
    assert_eq!(report.number("KeySize"), Some(256), "{report}");
    let weak = probe_server(s_server::shared(Variant::Rsa1024).unwrap(), "");
    assert_eq!(weak.number("KeySize"), Some(1024), "{weak}");
    let expired = probe_server(s_server::shared(Variant::Expired).unwrap(), "");
    assert!(expired.number("DaysUntilExpiry").unwrap() < 0, "{expired}");
    assert!(!expired.passed());
    let wrong = probe_server(s_server::shared(Variant::WrongName).unwrap(), "");
    assert_eq!(wrong.flag("NameMatches"), Some(false), "{wrong}");
    assert_eq!(wrong.flag("ChainTrusted"), Some(true), "{wrong}");
    let own = probe_server(s_server::shared(Variant::SelfSigned).unwrap(), "");
    assert_eq!(own.flag("ChainTrusted"), Some(false), "{own}");
    assert_eq!(own.number("ChainLength"), Some(1), "{own}");
    let old = probe_server(s_server::shared(Variant::Tls10Allowed).unwrap(), "");
    assert_eq!(
        old.list("DeprecatedProtocols"),
        ["TLS 1.0", "TLS 1.1"],
        "{old}"
    );
    let tls12 = probe_server(s_server::shared(Variant::Tls12Only).unwrap(), "");
    assert!(tls12.list("DeprecatedProtocols").is_empty(), "{tls12}");
}

#[test]
fn policy_parameters_turn_into_their_findings() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    // A name the certificate does not hold, and a root it does not end in.
    let report = probe_server(
        good,
        "-ExpectedCertificateName mail.contoso.com -ExpectedRootIssuer 'CN=Some Other Root'",
    );
    report.assert_codes(
        &["CertificateNameMismatch", "RootIssuerMismatch"],
        "expected name and root",
    );
    assert!(!report.passed());
    // The right ones pass.
    let report = probe_server(
        good,
        &format!("-ExpectedCertificateName localhost -ExpectedRootIssuer '{ROOT_NAME}'"),
    );
    report.assert_codes(&[], "matching name and root");
    // TLS 1.2 only against a TLS 1.3 minimum; RSA 2048 against a 4096 minimum.
    let tls12 = s_server::shared(Variant::Tls12Only).unwrap();
    let report = probe_server(tls12, "-MinimumTlsVersion 1.3 -MinimumKeySize 4096");
    report.assert_codes(&["TlsVersionBelowMinimum", "WeakKey"], "minimums");
    assert!(!report.passed());
    // Without the test root as trust store, the system bundle does not know our root.
    let untrusted = probe_one(&good.endpoint());
    untrusted.assert_codes(&["UntrustedRoot"], "system trust store");
}

#[test]
fn quiet_says_true_or_false_only() {
    let Some(good) = s_server::shared(Variant::Good) else {
        return;
    };
    let expired = s_server::shared(Variant::Expired).unwrap();
    let root = quoted(&good.leaf.root);
    let script = format!(
        "Test-CertificateEndpoint {} -TrustStore {root} -Quiet\n\
         Test-CertificateEndpoint {} -TrustStore {root} -Quiet\n\
         (Test-CertificateEndpoint {} -TrustStore {root} -Quiet).GetType().Name\n",
        good.endpoint(),
        expired.endpoint(),
        good.endpoint()
    );
    let outcome = crate::support::run_script("quiet.ps1", &script, Vec::new(), super::SCRIPT_LIMIT);
    assert_eq!(
        outcome.stdout, "True\nFalse\nBoolean\n",
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_leaf_expiring_within_30_days_is_a_warning() {
    let Some(pki) = test_pki::pki() else { return };
    let spec = LeafSpec::new(s_server::SERVER_NAMES).with_validity(Validity::ExpiresInDays(10));
    let server = SServer::start_with(Variant::Good, pki.leaf(&spec)).unwrap();
    let report = probe_server(&server, "");
    report.assert_codes(&["CertificateExpiresSoon"], "leaf expiring in 10 days");
    assert!(report.passed(), "a warning only: {report}");
    let days = report.number("DaysUntilExpiry").unwrap();
    assert!((9..=10).contains(&days), "{days}");
}
