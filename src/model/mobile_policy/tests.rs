//! Unit tests of the MobileDeviceMailboxPolicy model: defaults, validation rules, output, YAML.

use super::*;
use crate::model::object::{set_parameter, set_parameters, to_value};
use crate::value::{access, convert};

fn policy(args: &[(&str, Value)]) -> Result<MobileDeviceMailboxPolicy, Vec<Problem>> {
    let mut p = MobileDeviceMailboxPolicy::new("Sales Policy");
    set_parameters(&mut p, args.iter().map(|(n, v)| (*n, v)))?;
    let problems = p.validate();
    if problems.is_empty() {
        Ok(p)
    } else {
        Err(problems)
    }
}

#[test]
fn defaults_are_the_documented_ones() {
    let p = MobileDeviceMailboxPolicy::new("X");
    assert!(!p.is_default);
    assert_eq!(
        p.require_encryption_smime_algorithm,
        EncryptionSmimeAlgorithm::TripleDes
    );
    assert_eq!(p.require_signed_smime_algorithm, SignedSmimeAlgorithm::Sha1);
    assert_eq!(
        p.allow_smime_encryption_algorithm_negotiation,
        SmimeEncryptionAlgorithmNegotiation::AllowAnyAlgorithmNegotiation
    );
    assert!(
        p.allow_smime_soft_certs
            && !p.require_signed_smime_messages
            && !p.require_encrypted_smime_messages
    );
    assert_eq!(p.allow_bluetooth, BluetoothType::Allow);
    assert_eq!(p.min_password_complex_characters, 1);
    assert_eq!(p.max_password_failed_attempts, Unlimited::Unlimited);
    assert!(p.validate().is_empty());
    assert!(MobileDeviceMailboxPolicy::built_in_default().is_default);
}

#[test]
fn doc_example_two_takes_bluetooth_true() {
    let p = policy(&[
        ("AllowBluetooth", Value::Bool(true)),
        ("AllowPOPIMAPEmail", Value::Bool(false)),
        ("MaxEmailAgeFilter", Value::str("TwoWeeks")),
    ])
    .unwrap();
    assert_eq!(p.allow_bluetooth, BluetoothType::Allow);
    assert_eq!(p.max_email_age_filter, EmailAgeFilter::TwoWeeks);
}

#[test]
fn smime_requirements_are_set() {
    let p = policy(&[
        ("RequireSignedSMIMEMessages", Value::Bool(true)),
        ("RequireEncryptedSMIMEMessages", Value::Bool(true)),
        ("RequireEncryptionSMIMEAlgorithm", Value::str("rc2128bit")),
        ("RequireSignedSMIMEAlgorithm", Value::str("sha1")),
        (
            "AllowSMIMEEncryptionAlgorithmNegotiation",
            Value::str("BlockNegotiation"),
        ),
        ("AllowSMIMESoftCerts", Value::Bool(false)),
    ])
    .unwrap();
    let value = to_value(&p, "Org");
    assert_eq!(
        convert::to_string(
            &access::get_member(&value, "RequireEncryptionSMIMEAlgorithm"),
            " "
        ),
        "RC2128bit"
    );
    assert!(p.advisories().is_empty());
    let weak = policy(&[
        ("RequireEncryptedSMIMEMessages", Value::Bool(true)),
        ("RequireEncryptionSMIMEAlgorithm", Value::str("DES")),
    ])
    .unwrap();
    assert_eq!(weak.advisories().len(), 1);
}

#[test]
fn ranges_are_checked_and_all_reported() {
    let problems = policy(&[
        ("MaxPasswordFailedAttempts", Value::Int(3)),
        ("MinPasswordLength", Value::Int(17)),
        ("MinPasswordComplexCharacters", Value::Int(5)),
        ("PasswordHistory", Value::Int(51)),
        ("PasswordExpiration", Value::str("731.00:00:00")),
        ("MaxAttachmentSize", Value::str("2GB")),
        ("MaxEmailBodyTruncationSize", Value::str("3GB")),
    ])
    .unwrap_err();
    let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
    assert_eq!(
        named,
        vec![
            "MaxPasswordFailedAttempts",
            "MinPasswordLength",
            "MinPasswordComplexCharacters",
            "PasswordHistory",
            "PasswordExpiration",
            "MaxAttachmentSize",
            "MaxEmailBodyTruncationSize",
        ]
    );
    assert!(
        policy(&[
            ("MaxPasswordFailedAttempts", Value::str("unlimited")),
            ("MinPasswordLength", Value::Null),
            ("MaxAttachmentSize", Value::str("2097151KB")),
            ("PasswordExpiration", Value::str("730.00:00:00")),
            ("MaxPasswordFailedAttempts", Value::Int(16)),
        ])
        .is_ok()
    );
}

#[test]
fn inactivity_lock_reads_hh_mm_and_explains_the_doc_example() {
    let ok = policy(&[("MaxInactivityTimeLock", Value::str("00:15:00"))]).unwrap();
    assert_eq!(ok.max_inactivity_time_lock.to_string(), "00:15:00");
    let problems = policy(&[("MaxInactivityTimeLock", Value::str("15:00"))]).unwrap_err();
    assert_eq!(problems[0].parameter, "MaxInactivityTimeLock");
    assert!(
        problems[0].message.contains("00:01:00 to 01:00:00"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("write 00:15:00"),
        "{}",
        problems[0].message
    );
}

#[test]
fn storage_card_encryption_turns_device_encryption_on() {
    let p = policy(&[("RequireStorageCardEncryption", Value::Bool(true))]).unwrap();
    assert!(p.device_encryption_enabled);
}

#[test]
fn application_lists_add_and_remove() {
    let mut p = MobileDeviceMailboxPolicy::new("X");
    set_parameter(
        &mut p,
        "UnapprovedInROMApplicationList",
        &Value::array(vec![Value::str("Game.exe")]),
    )
    .unwrap();
    assert_eq!(p.unapproved_in_rom_application_list.len(), 1);
}

#[test]
fn policies_round_trip_through_yaml() {
    let p = policy(&[
        ("MaxInactivityTimeLock", Value::str("00:15:00")),
        ("MaxAttachmentSize", Value::str("10MB")),
        ("MaxPasswordFailedAttempts", Value::Int(8)),
        ("MinPasswordLength", Value::Int(6)),
    ])
    .unwrap();
    let text = serde_yaml::to_string(&p).unwrap();
    assert!(text.contains("MaxPasswordFailedAttempts: 8"), "{text}");
    let back: MobileDeviceMailboxPolicy = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, p);
}
