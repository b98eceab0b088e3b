//! Unit tests of the SmimeConfig model: defaults, validation rules, output, YAML.

use super::*;
use crate::model::object::{set_parameter, set_parameters, to_value};
use crate::value::access;

#[test]
fn defaults_are_the_documented_ones() {
    let config = SmimeConfig::default();
    assert!(!config.owa_allow_user_choice_of_signing_certificate);
    assert!(config.owa_clear_sign);
    assert_eq!(config.owa_crl_connection_timeout, 60_000);
    assert_eq!(config.owa_crl_retrieval_timeout, 10_000);
    assert_eq!(config.owa_dl_expansion_timeout, 60_000);
    assert!(config.owa_encrypt_temporary_buffers);
    assert!(config.owa_force_smime_client_upgrade);
    assert!(config.owa_signed_email_certificate_inclusion);
    assert!(config.owa_use_secondary_proxies_when_finding_certificates);
    assert!(config.no_sign_on_reply);
    assert_eq!(config.owa_bcc_encrypted_email_forking, 0);
    assert!(config.owa_encryption_algorithms.is_none());
    assert!(config.validate().is_empty());
}

#[test]
fn the_doc_example_sets_three_values() {
    let mut config = SmimeConfig::default();
    let args = [
        ("OWAAllowUserChoiceOfSigningCertificate", Value::Bool(true)),
        ("OWACRLRetrievalTimeout", Value::Int(10000)),
        ("OWAEncryptionAlgorithms", Value::str("6602:128")),
    ];
    set_parameters(&mut config, args.iter().map(|(n, v)| (*n, v))).unwrap();
    assert!(config.owa_allow_user_choice_of_signing_certificate);
    assert_eq!(
        config
            .owa_encryption_algorithms
            .as_ref()
            .unwrap()
            .to_string(),
        "6602:128"
    );
}

#[test]
fn bad_values_are_all_reported() {
    let mut config = SmimeConfig::default();
    let args = [
        ("OWACRLRetrievalTimeout", Value::Int(-5)),
        ("OWAEncryptionAlgorithms", Value::str("6699")),
        ("OWAAlwaysSign", Value::str("maybe")),
    ];
    let problems = set_parameters(&mut config, args.iter().map(|(n, v)| (*n, v))).unwrap_err();
    let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
    assert_eq!(
        named,
        vec![
            "OWACRLRetrievalTimeout",
            "OWAEncryptionAlgorithms",
            "OWAAlwaysSign"
        ]
    );
}

#[test]
fn bcc_forking_takes_zero_to_two() {
    let mut config = SmimeConfig::default();
    set_parameter(&mut config, "OWABCCEncryptedEmailForking", &Value::Int(3)).unwrap();
    let problems = config.validate();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("2 (no Bcc forking)"));
}

#[test]
fn issuing_ca_takes_bytes_and_keeps_them_as_base64() {
    let mut config = SmimeConfig::default();
    // An empty serialized store: the header, then the 12-byte end marker.
    let mut empty = vec![0, 0, 0, 0, b'C', b'E', b'R', b'T'];
    empty.extend([0; 12]);
    let bytes = builtin::byte_array(empty);
    set_parameter(&mut config, "SMIMECertificateIssuingCA", &bytes).unwrap();
    let text = serde_yaml::to_string(&config).unwrap();
    assert!(
        text.contains("SMIMECertificateIssuingCA: AAAAAENFUlQAAAAAAAAAAAAAAAA="),
        "{text}"
    );
    let back: SmimeConfig = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, config);
    assert!(
        set_parameter(
            &mut config,
            "SMIMECertificateIssuingCA",
            &Value::str("text")
        )
        .is_err()
    );
    set_parameter(&mut config, "SMIMECertificateIssuingCA", &Value::Null).unwrap();
    assert!(config.smime_certificate_issuing_ca.is_none());
}

#[test]
fn output_carries_exchange_names_in_order() {
    let value = to_value(&SmimeConfig::default(), "Contoso");
    let names: Vec<String> = crate::value::psobject::properties(&value)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names[0], "OWACheckCRLOnSend");
    assert!(names.contains(&"OWAEncryptionAlgorithms".to_string()));
    assert!(names.contains(&"Identity".to_string()));
    assert!(matches!(
        access::get_member(&value, "OWAClearSign"),
        Value::Bool(true)
    ));
    assert!(access::get_member(&value, "OWAEncryptionAlgorithms").is_null());
}

#[test]
fn older_files_load_with_defaults() {
    let config: SmimeConfig = serde_yaml::from_str("OWAAlwaysSign: true\n").unwrap();
    assert!(config.owa_always_sign);
    assert!(config.owa_clear_sign);
    assert_eq!(config.owa_crl_retrieval_timeout, 10_000);
}

#[test]
fn an_expired_certificate_refuses_the_whole_collection() {
    let pem = include_bytes!("../../pki/testdata/contoso-chain.pem");
    let certificates = crate::pki::decode_any(pem).unwrap();
    let sst = crate::pki::sst::encode(&certificates).unwrap();
    let alice_expiry = certificates[2].not_after();
    // Before the leaf certificates expire, the collection is accepted.
    assert!(check_collection("P", &sst, certificates[3].not_after() - 10).is_ok());
    let problem = check_collection("P", &sst, alice_expiry + 10).unwrap_err();
    assert!(
        problem.message.contains("2 expired certificate(s) of 4"),
        "{}",
        problem.message
    );
    assert!(
        problem
            .message
            .contains(&certificates[2].thumbprint().to_string())
    );
    assert!(problem.message.contains("CN=smtp.contoso.com"));
    let roots = crate::pki::p7b::encode(&certificates[..2]).unwrap();
    assert!(check_collection("P", &roots, alice_expiry + 10).is_ok());
    let der = certificates[0].raw_data();
    let mut truncated = sst.clone();
    truncated.truncate(100);
    assert!(
        check_collection("P", &truncated, 0)
            .unwrap_err()
            .message
            .contains("unreadable")
    );
    let refused = check_collection("P", der, 0).unwrap_err();
    assert!(refused.message.contains("SST"), "{}", refused.message);
    let mut config = SmimeConfig::default();
    assert!(
        set_parameter(
            &mut config,
            "SMIMECertificateIssuingCA",
            &builtin::byte_array(sst)
        )
        .is_err()
    );
    assert!(config.smime_certificate_issuing_ca.is_none());
}
