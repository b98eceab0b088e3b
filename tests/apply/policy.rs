//! The plan's policy warnings, each one, and `--strict` turning them into errors.

use super::Org;

fn warnings_of(org: &Org, text: &str) -> (i32, String) {
    let doc = org.doc("w.yaml", text);
    let run = org.verb("plan", &doc, &[]);
    (run.code, run.stdout)
}

#[test]
fn forced_tls_in_one_direction_only() {
    let org = Org::new("oneway");
    let inbound = "InboundConnectors:\n  - Name: From Fabrikam\n    SenderDomains: fabrikam.com\n    RequireTls: true\n    TlsSenderCertificateName: '*.fabrikam.com'\n";
    let (code, out) = warnings_of(&org, inbound);
    assert_eq!(code, 2);
    assert!(
        out.contains(
            "Warning: [ForcedTlsOneDirection] Inbound connector 'From Fabrikam' forces TLS"
        ),
        "{out}"
    );
    let outbound = "OutboundConnectors:\n  - Name: To Fabrikam\n    RecipientDomains: '*.fabrikam.com'\n    TlsSettings: DomainValidation\n    TlsDomain: '*.fabrikam.com'\n";
    let (_, out) = warnings_of(&org, outbound);
    assert!(
        out.contains(
            "Warning: [ForcedTlsOneDirection] Outbound connector 'To Fabrikam' forces TLS"
        ),
        "{out}"
    );
    let (_, out) = warnings_of(&org, &format!("{inbound}{outbound}"));
    assert!(
        !out.contains("ForcedTlsOneDirection"),
        "both directions: {out}"
    );
}

#[test]
fn encryption_only_to_a_partner() {
    let org = Org::new("encrypt");
    let (_, out) = warnings_of(
        &org,
        "OutboundConnectors:\n  - Name: To Partner\n    RecipientDomains: p.com\n    TlsSettings: EncryptionOnly\n",
    );
    assert!(
        out.contains("Warning: [OutboundEncryptionOnly] Outbound connector 'To Partner'"),
        "{out}"
    );
}

#[test]
fn weak_mobile_smime_algorithms() {
    let org = Org::new("weak");
    let (_, out) = warnings_of(
        &org,
        "MobileDeviceMailboxPolicies:\n  - Name: Weak\n    RequireSignedSMIMEAlgorithm: MD5\n    RequireEncryptionSMIMEAlgorithm: DES\n",
    );
    assert!(out.contains("Warning: [MobileWeakSmimeAlgorithm] Mobile device mailbox policy 'Weak' allows MD5 for signing (RequireSignedSMIMEAlgorithm) and DES for encryption"), "{out}");
}

#[test]
fn a_ca_certificate_expiring_within_30_days() {
    let org = Org::new("expiring");
    let dir = org.dir.path();
    let made = crate::support::openssl(
        dir,
        &crate::support::self_signed_args(("ca.key", "soon.pem"), "/CN=Soon Expiring CA", "10"),
    );
    if made.is_none() {
        crate::support::skip("openssl is needed to make a certificate that expires in 10 days");
        return;
    }
    let (_, out) = warnings_of(
        &org,
        "SmimeConfig:\n  SMIMECertificateIssuingCA: [soon.pem, contoso-root.pem]\n",
    );
    assert!(
        out.contains(
            "Warning: [CaCertificateExpiring] The CA collection's certificate CN=Soon Expiring CA"
        ),
        "{out}"
    );
    assert!(!out.contains("Contoso Root ["), "{out}");
}

#[test]
fn strict_turns_warnings_into_errors() {
    let org = Org::new("strict");
    let doc = org.doc("w.yaml", "OutboundConnectors:\n  - Name: To Partner\n    RecipientDomains: p.com\n    TlsSettings: EncryptionOnly\n");
    let plan = org.verb("plan", &doc, &["--strict"]);
    assert_eq!(plan.code, 1, "{plan:?}");
    assert!(
        plan.stdout.contains("Error: [OutboundEncryptionOnly]"),
        "{}",
        plan.stdout
    );
    let apply = org.verb("apply", &doc, &["--strict"]);
    assert_eq!(apply.code, 1, "{apply:?}");
    assert!(
        apply.stderr.contains("nothing was changed"),
        "{}",
        apply.stderr
    );
    assert!(!org.state().exists());
    assert_eq!(
        org.verb("apply", &doc, &[]).code,
        0,
        "without --strict it applies"
    );
}
