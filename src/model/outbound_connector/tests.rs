//! Unit tests of the OutboundConnector model: defaults, validation rules, output, YAML.

use std::rc::Rc;

use super::*;
use crate::model::object::{set_parameter, set_parameters, to_value};
use crate::value::{Dict, access, builtin, convert};

fn connector(args: &[(&str, Value)]) -> Result<OutboundConnector, Vec<Problem>> {
    let mut c = OutboundConnector::new("Contoso Outbound Connector");
    set_parameters(&mut c, args.iter().map(|(n, v)| (*n, v)))?;
    let problems = c.validate();
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(problems)
    }
}

#[test]
fn defaults_are_the_documented_ones() {
    let c = OutboundConnector::new("X");
    assert!(c.enabled && c.use_mx_record);
    assert_eq!(c.tls_settings, None);
    assert_eq!(c.mta_sts_mode, MtaStsMode::Opportunistic);
    assert_eq!(c.smtp_dane_mode, SmtpDaneMode::Opportunistic);
    assert!(!c.test_mode && !c.is_transport_rule_scoped && !c.all_accepted_domains);
    assert!(
        !c.route_all_messages_via_on_premises && !c.sender_rewriting_enabled && !c.is_validated
    );
    assert!(c.validate().is_empty());
}

#[test]
fn doc_examples_hold() {
    let c = connector(&[
        ("RecipientDomains", Value::str("*.contoso.com")),
        ("TlsSettings", Value::str("DomainValidation")),
        ("TlsDomain", Value::str("*.contoso.com")),
    ])
    .unwrap();
    assert_eq!(c.tls_settings, Some(TlsAuthLevel::DomainValidation));
    let mut c = c;
    set_parameters(
        &mut c,
        [
            ("UseMXRecord", &Value::Bool(false)),
            ("SmartHosts", &Value::str("192.168.0.1")),
        ],
    )
    .unwrap();
    assert!(c.validate().is_empty());
    assert_eq!(c.smart_hosts[0].to_string(), "192.168.0.1");
}

#[test]
fn use_mx_record_false_needs_smart_hosts() {
    let problems = connector(&[("UseMXRecord", Value::Bool(false))]).unwrap_err();
    assert_eq!(problems[0].parameter, "UseMXRecord");
    assert!(problems[0].message.contains("-SmartHosts"));
}

#[test]
fn domain_validation_needs_a_tls_domain() {
    let problems = connector(&[("TlsSettings", Value::str("domainvalidation"))]).unwrap_err();
    assert_eq!(problems[0].parameter, "TlsDomain");
    assert!(connector(&[("TlsSettings", Value::str("CertificateValidation"))]).is_ok());
    let cleared = connector(&[("TlsSettings", Value::Null)]).unwrap();
    assert_eq!(cleared.tls_settings, None);
}

#[test]
fn hybrid_settings_need_on_premises() {
    let problems = connector(&[
        ("AllAcceptedDomains", Value::Bool(true)),
        ("RouteAllMessagesViaOnPremises", Value::Bool(true)),
        ("SenderRewritingEnabled", Value::Bool(true)),
    ])
    .unwrap_err();
    assert_eq!(problems.len(), 3);
    assert!(
        connector(&[
            ("ConnectorType", Value::str("OnPremises")),
            ("AllAcceptedDomains", Value::Bool(true))
        ])
        .is_ok()
    );
}

#[test]
fn names_are_limited_to_64_characters() {
    let mut c = OutboundConnector::new(&"x".repeat(65));
    assert_eq!(c.validate()[0].parameter, "Name");
    set_parameter(&mut c, "Name", &Value::str("short")).unwrap();
    assert!(c.validate().is_empty());
}

#[test]
fn enum_and_domain_errors_name_what_is_accepted() {
    let problems = connector(&[
        ("TlsSettings", Value::str("Strict")),
        ("SmtpDaneMode", Value::str("Always")),
        ("RecipientDomains", Value::str("mail.*.contoso.com")),
        ("SmartHosts", Value::str("not a host")),
    ])
    .unwrap_err();
    assert_eq!(problems.len(), 4);
    assert!(
        problems[0]
            .message
            .contains("EncryptionOnly, CertificateValidation, DomainValidation")
    );
    assert!(
        problems[1]
            .message
            .contains("Opportunistic, Mandatory, None")
    );
    assert!(problems[2].message.contains("leading \"*.\""));
    assert!(problems[3].message.contains("FQDN"));
}

#[test]
fn smart_hosts_add_and_remove() {
    let mut c = connector(&[("SmartHosts", Value::str("mail.contoso.com"))]).unwrap();
    let dict = Dict::new(false);
    dict.insert(
        Value::str("Add"),
        Value::array(vec![
            Value::str("10.10.1.1"),
            Value::str("MAIL.contoso.com"),
        ]),
    );
    set_parameter(&mut c, "SmartHosts", &Value::Dict(Rc::new(dict))).unwrap();
    let hosts: Vec<String> = c.smart_hosts.iter().map(|h| h.to_string()).collect();
    assert_eq!(hosts, vec!["10.10.1.1", "mail.contoso.com"]);
    let dict = Dict::new(false);
    dict.insert(Value::str("Remove"), Value::str("Mail.Contoso.com"));
    set_parameter(&mut c, "SmartHosts", &Value::Dict(Rc::new(dict))).unwrap();
    assert_eq!(c.smart_hosts.len(), 1);
}

#[test]
fn validation_fields_take_dates_and_addresses() {
    let mut c = OutboundConnector::new("X");
    set_parameter(
        &mut c,
        "LastValidationTimestamp",
        &Value::str("2021-05-06 14:30:00z"),
    )
    .unwrap();
    set_parameter(
        &mut c,
        "LastValidationTimestamp",
        &builtin::datetime(1_620_311_400, 0),
    )
    .unwrap();
    assert_eq!(
        c.last_validation_timestamp.unwrap().to_string(),
        "2021-05-06T14:30:00Z"
    );
    set_parameter(
        &mut c,
        "ValidationRecipients",
        &Value::array(vec![Value::str("laura@contoso.com")]),
    )
    .unwrap();
    assert!(set_parameter(&mut c, "ValidationRecipients", &Value::str("laura")).is_err());
    let value = to_value(&c, "Org");
    let shown = convert::to_string(&access::get_member(&value, "LastValidationTimestamp"), " ");
    assert_eq!(shown, "05/06/2021 14:30:00");
}

#[test]
fn connectors_round_trip_through_yaml() {
    let c = connector(&[
        ("RecipientDomains", Value::str("*.contoso.com")),
        ("TlsSettings", Value::str("DomainValidation")),
        ("TlsDomain", Value::str("*.contoso.com")),
        ("UseMXRecord", Value::Bool(false)),
        (
            "SmartHosts",
            Value::array(vec![
                Value::str("mail.contoso.com"),
                Value::str("192.168.0.1/25"),
            ]),
        ),
    ])
    .unwrap();
    let text = serde_yaml::to_string(&c).unwrap();
    assert!(text.contains("TlsSettings: DomainValidation"), "{text}");
    let back: OutboundConnector = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, c);
}
