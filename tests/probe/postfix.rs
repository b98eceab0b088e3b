//! Test-CertificateEndpoint against a private Postfix: SMTP STARTTLS (offered, with TLS 1.0
//! and 1.1 still accepted as stock Postfix does), STARTTLS not offered, implicit TLS, and an
//! Outbound connector whose smart host is that Postfix.

use crate::servers::postfix;

use super::s_client::negotiate;
use super::{Probed, probe_one, probe_script, quoted};

#[test]
fn postfix_starttls_is_offered_and_still_accepts_tls_1_0_and_1_1() {
    let Some(postfix) = postfix::shared() else {
        return;
    };
    let report = probe_one(&format!(
        "127.0.0.1:{} -Protocol Smtp -TrustStore {}",
        postfix.starttls_port,
        quoted(&postfix.leaf.root)
    ));
    let context = format!("Postfix STARTTLS\n{}", postfix.log());
    report.assert_codes(&["DeprecatedProtocol", "DeprecatedProtocol"], &context);
    assert_eq!(report.text("Protocol"), "Smtp");
    assert_eq!(report.flag("StartTlsOffered"), Some(true));
    assert_eq!(report.list("DeprecatedProtocols"), ["TLS 1.0", "TLS 1.1"]);
    assert_eq!(report.flag("ChainTrusted"), Some(true));
    assert_eq!(report.flag("NameMatches"), Some(true));
    assert_eq!(report.flag("ForwardSecrecy"), Some(true));
    // The same version and suite as openssl s_client -starttls smtp.
    let reference = negotiate(postfix.starttls_port, &postfix.leaf.root, Some("smtp"), &[]);
    assert_eq!(report.text("TlsVersion"), reference.version, "{report}");
    assert_eq!(
        report.text("CipherSuite"),
        reference.cipher_suite,
        "{report}"
    );
    // Warnings only: it passes unless TLS 1.2 is the minimum.
    assert!(report.passed(), "{report}");
    let strict = probe_one(&format!(
        "127.0.0.1:{} -Protocol Smtp -TrustStore {} -MinimumTlsVersion 1.2",
        postfix.starttls_port,
        quoted(&postfix.leaf.root)
    ));
    assert!(!strict.passed(), "{strict}");
    assert!(
        strict
            .findings()
            .iter()
            .any(|(severity, code, _)| code == "DeprecatedProtocol" && severity == "Error"),
        "{strict}"
    );
}

#[test]
fn postfix_without_starttls_gives_start_tls_not_offered() {
    let Some(postfix) = postfix::shared() else {
        return;
    };
    let report = probe_one(&format!(
        "127.0.0.1:{} -Protocol Smtp -TrustStore {}",
        postfix.plain_port,
        quoted(&postfix.leaf.root)
    ));
    report.assert_codes(&["StartTlsNotOffered"], "Postfix without TLS");
    assert_eq!(report.flag("StartTlsOffered"), Some(false));
    assert!(!report.passed());
    assert_eq!(report.text("TlsVersion"), "");
}

#[test]
fn postfix_implicit_tls_is_probed_as_smtps() {
    let Some(postfix) = postfix::shared() else {
        return;
    };
    let report = probe_one(&format!(
        "127.0.0.1:{} -Protocol Smtps -TrustStore {}",
        postfix.smtps_port,
        quoted(&postfix.leaf.root)
    ));
    report.assert_codes(
        &["DeprecatedProtocol", "DeprecatedProtocol"],
        "Postfix wrapper mode",
    );
    assert_eq!(report.text("Protocol"), "Smtps");
    assert_eq!(report.flag("StartTlsOffered"), None);
    let reference = negotiate(postfix.smtps_port, &postfix.leaf.root, None, &[]);
    assert_eq!(report.text("TlsVersion"), reference.version);
}

#[test]
fn outbound_connector_smart_hosts_are_probed_and_judged_by_its_tls_settings() {
    let Some(postfix) = postfix::shared() else {
        return;
    };
    let root = quoted(&postfix.leaf.root);
    // Smart hosts are probed on port 25 unless -Port says otherwise (we cannot bind 25).
    let setup = "New-OutboundConnector -Name Partner -SmartHosts 127.0.0.1 -UseMxRecord $false \
                 -TlsSettings DomainValidation -TlsDomain mail.contoso.com | Out-Null\n\
                 New-OutboundConnector -Name Relay -SmartHosts 127.0.0.1 -UseMxRecord $false \
                 -TlsSettings EncryptionOnly | Out-Null";
    let (reports, outcome) = probe_script(
        setup,
        &format!(
            "Get-OutboundConnector | Test-CertificateEndpoint -Port {} -TrustStore {root}",
            postfix.starttls_port
        ),
        false,
    );
    assert_eq!(reports.len(), 2, "{}", outcome.stderr);
    for report in &reports {
        assert_eq!(report.text("Protocol"), "Smtp", "{report}");
        assert_eq!(
            report.number("Port"),
            Some(i64::from(postfix.starttls_port))
        );
        assert_eq!(report.flag("StartTlsOffered"), Some(true));
    }
    // DomainValidation with TlsDomain mail.contoso.com: the certificate does not hold it.
    let domain = reports
        .iter()
        .find(|r| r.codes().contains(&"CertificateNameMismatch".to_string()));
    let domain = domain.unwrap_or_else(|| panic!("no CertificateNameMismatch: {reports:?}"));
    assert!(!domain.passed(), "{domain}");
    // EncryptionOnly: any TLS will do; the other report passes.
    assert!(
        reports.iter().any(Probed::passed),
        "EncryptionOnly should pass: {reports:?}"
    );
}

#[test]
fn encryption_only_connectors_accept_an_untrusted_certificate_and_certificate_validation_does_not()
{
    let Some(postfix) = postfix::shared() else {
        return;
    };
    // No -TrustStore: the system bundle does not know the test root.
    let setup = "New-OutboundConnector -Name Opportunistic -SmartHosts 127.0.0.1 -UseMxRecord $false \
                 -TlsSettings EncryptionOnly | Out-Null\n\
                 New-OutboundConnector -Name Validating -SmartHosts 127.0.0.1 -UseMxRecord $false \
                 -TlsSettings CertificateValidation | Out-Null";
    let (reports, outcome) = probe_script(
        setup,
        &format!(
            "Get-OutboundConnector | Sort-Object Name | Test-CertificateEndpoint -Port {} -ThrottleLimit 1",
            postfix.starttls_port
        ),
        false,
    );
    assert_eq!(reports.len(), 2, "{}", outcome.stderr);
    for report in &reports {
        assert!(
            report.codes().contains(&"UntrustedRoot".to_string()),
            "{report}"
        );
    }
    let passed: Vec<bool> = reports.iter().map(Probed::passed).collect();
    let mut verdicts = passed.clone();
    verdicts.sort();
    // One connector passes (EncryptionOnly), the other fails (CertificateValidation).
    assert_eq!(verdicts, [false, true], "{reports:?}");
    let untrusted = |report: &Probed| {
        report
            .findings()
            .into_iter()
            .find(|f| f.1 == "UntrustedRoot")
            .map(|f| f.0)
            .unwrap_or_default()
    };
    let severities: Vec<String> = reports.iter().map(untrusted).collect();
    assert!(severities.contains(&"Error".to_string()), "{severities:?}");
}
