//! L1 — tests of what `Certificate` reads from the Contoso chain (values checked with
//! `openssl x509 -noout -text`).

use super::*;
use crate::pki::test_support::sample_certificates;
use crate::pki::thumbprint::upper_hex;

#[test]
fn the_root_is_a_self_signed_ca() {
    let root = &sample_certificates()[0];
    assert_eq!(root.subject(), "CN=Contoso Root, O=Contoso, C=US");
    assert_eq!(root.issuer(), root.subject());
    assert!(root.is_self_signed());
    assert!(root.is_ca());
    assert_eq!(root.serial_number(), "01");
    assert_eq!(root.version(), 3);
    assert_eq!(
        root.thumbprint().to_string(),
        "F50713740220206E6632E5277527BCC0D9C3F5FE"
    );
    assert_eq!(
        root.key_usage().map(|k| k.to_string()).as_deref(),
        Some("CrlSign, KeyCertSign")
    );
    assert_eq!(
        root.subject_key_identifier().map(upper_hex).as_deref(),
        Some("6F52A9ED450E31EC808356CE50BCDE9F70F661A4")
    );
    assert_eq!(root.enhanced_key_usages(), None);
    assert!(root.allows_purpose("1.3.6.1.5.5.7.3.4"));
    assert_eq!(root.public_key().algorithm.name(), "RSA");
    assert_eq!(root.public_key().key_size, 2048);
    // Without SAN dNSNames, .NET's DnsNameList falls back to the common name.
    assert_eq!(root.info().dns_name_list(), ["Contoso Root"]);
}

#[test]
fn the_intermediate_has_path_length_aki_and_crl() {
    let inter = &sample_certificates()[1];
    assert_eq!(
        inter.subject(),
        "CN=Contoso Issuing CA, O=\"Contoso, Ltd\", C=US"
    );
    assert_eq!(inter.issuer(), "CN=Contoso Root, O=Contoso, C=US");
    assert!(!inter.is_self_signed());
    assert_eq!(
        inter.basic_constraints(),
        Some(BasicConstraints {
            certificate_authority: true,
            path_length: Some(0),
            critical: true
        })
    );
    assert_eq!(
        inter.authority_key_identifier().map(upper_hex).as_deref(),
        Some("6F52A9ED450E31EC808356CE50BCDE9F70F661A4")
    );
    assert_eq!(
        inter.crl_distribution_points(),
        ["http://pki.contoso.com/root.crl"]
    );
    assert_eq!(inter.not_before(), 1_704_467_045);
    assert_eq!(inter.not_after(), 2_335_619_045);
    assert_eq!(inter.serial_number(), "1000");
}

#[test]
fn the_smime_leaf_has_everything_smime_checks_need() {
    let leaf = &sample_certificates()[2];
    assert_eq!(
        leaf.subject(),
        "E=alice@contoso.com, CN=Alice Example, O=Contoso, S=Washington, C=US"
    );
    assert_eq!(leaf.email_addresses(), ["alice@contoso.com"]);
    assert_eq!(leaf.dns_names(), ["mail.contoso.com", "contoso.com"]);
    let ekus: Vec<String> = leaf
        .enhanced_key_usages()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        ekus,
        [
            "Secure Email (1.3.6.1.5.5.7.3.4)",
            "Client Authentication (1.3.6.1.5.5.7.3.2)"
        ]
    );
    assert!(leaf.allows_purpose("1.3.6.1.5.5.7.3.4"));
    assert!(!leaf.allows_purpose("1.3.6.1.5.5.7.3.1"));
    let usage = leaf.key_usage().unwrap();
    assert!(usage.contains(KeyUsageFlags::DIGITAL_SIGNATURE | KeyUsageFlags::KEY_ENCIPHERMENT));
    assert!(leaf.info().key_usage_critical);
    assert_eq!(
        leaf.subject_key_identifier().map(upper_hex).as_deref(),
        Some("1F389FFAF45774077B30A3CF46653162FD4A0C95")
    );
    assert_eq!(leaf.ocsp_urls(), ["http://ocsp.contoso.com"]);
    assert_eq!(leaf.ca_issuer_urls(), ["http://pki.contoso.com/inter.cer"]);
    assert_eq!(
        leaf.crl_distribution_points(),
        ["http://pki.contoso.com/inter.crl"]
    );
    assert_eq!(leaf.public_key().key_size, 3072);
    assert_eq!(leaf.signature_algorithm().name(), "sha256RSA");
    assert_eq!(leaf.signature_algorithm().oid, "1.2.840.113549.1.1.11");
    assert!(!leaf.is_ca());
    assert!(leaf.is_expired_at(leaf.not_after() + 1));
    assert!(!leaf.is_expired_at(leaf.not_after()));
    let names: Vec<&str> = leaf.extensions().iter().map(|e| e.oid.name()).collect();
    assert_eq!(
        names,
        [
            "Basic Constraints",
            "Key Usage",
            "Enhanced Key Usage",
            "Subject Key Identifier",
            "Authority Key Identifier",
            "Subject Alternative Name",
            "CRL Distribution Points",
            "Authority Information Access"
        ]
    );
}

#[test]
fn the_ec_certificate_reports_its_curve() {
    let ec = &sample_certificates()[3];
    assert_eq!(ec.public_key().algorithm.name(), "ECC");
    assert_eq!(ec.public_key().key_size, 256);
    assert_eq!(ec.public_key().curve.as_deref(), Some("nistP256"));
    // Signed by the RSA intermediate with SHA-384.
    assert_eq!(ec.signature_algorithm().name(), "sha384RSA");
    assert_eq!(ec.dns_names(), ["smtp.contoso.com"]);
    assert_eq!(
        ec.key_usage().map(|k| k.to_string()).as_deref(),
        Some("KeyAgreement, DigitalSignature")
    );
}

#[test]
fn properties_and_friendly_names() {
    let mut cert = sample_certificates().remove(0);
    assert_eq!(cert.friendly_name(), "");
    cert.set_friendly_name("Contoso Root CA");
    assert_eq!(cert.friendly_name(), "Contoso Root CA");
    cert.set_property(20, vec![1, 2]);
    cert.set_friendly_name("Renamed");
    let ids: Vec<u32> = cert.properties().iter().map(|p| p.id).collect();
    assert_eq!(ids, [11, 20]);
    cert.set_friendly_name("");
    assert_eq!(cert.property(11), None);
    let plain = sample_certificates().remove(0);
    assert!(cert.same_certificate(&plain));
    assert_ne!(cert, plain);
    cert.remove_property(20);
    assert_eq!(cert, plain);
    cert.set_has_private_key(true);
    assert!(cert.has_private_key());
    assert_ne!(cert, plain);
}

#[test]
fn garbage_is_not_a_certificate() {
    for bytes in [
        &b""[..],
        b"\x30",
        b"\x30\x00",
        b"\x02\x01\x00",
        b"plain text",
    ] {
        let error = Certificate::from_der(bytes.to_vec()).unwrap_err();
        assert!(
            matches!(
                error,
                PkiError::NotACertificate {
                    number: 1,
                    offset: 0,
                    ..
                }
            ),
            "{error}"
        );
    }
}
