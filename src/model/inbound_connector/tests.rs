//! Unit tests of the InboundConnector model: defaults, validation rules, output, YAML.

use std::rc::Rc;

use super::*;
use crate::model::object::{matches_identity, set_parameter, set_parameters, to_value};
use crate::value::{Dict, access, convert};

fn strings(items: &[&str]) -> Value {
    Value::array(items.iter().map(|s| Value::str(*s)).collect())
}

fn connector(args: &[(&str, Value)]) -> Result<InboundConnector, Vec<Problem>> {
    let mut c = InboundConnector::new("Contoso Inbound Connector");
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
    let c = InboundConnector::new("X");
    assert!(c.enabled);
    assert!(c.require_tls);
    assert_eq!(c.connector_source, TenantConnectorSource::Default);
    assert_eq!(c.connector_type, TenantConnectorType::Partner);
    assert!(!c.restrict_domains_to_certificate && !c.restrict_domains_to_ip_addresses);
    assert!(!c.treat_messages_as_internal && !c.ef_skip_last_ip);
    assert!(c.ef_users.is_empty());
    assert!(c.meta.when_created.is_some());
}

#[test]
fn doc_example_two_builds_a_secure_connector() {
    let c = connector(&[
        ("SenderDomains", Value::str("*.contoso.com")),
        ("SenderIPAddresses", Value::str("192.168.0.1/25")),
        ("RestrictDomainsToIPAddresses", Value::Bool(true)),
        ("RequireTls", Value::Bool(true)),
        ("TlsSenderCertificateName", Value::str("*.contoso.com")),
    ])
    .unwrap();
    assert_eq!(c.sender_domains[0].to_string(), "*.contoso.com");
    assert_eq!(
        c.tls_sender_certificate_name.unwrap().to_string(),
        "*.contoso.com"
    );
}

#[test]
fn every_bad_value_is_reported_at_once() {
    let problems = connector(&[
        (
            "SenderDomains",
            strings(&["domain.*.contoso.com", "ok.com", "bad domain"]),
        ),
        (
            "SenderIPAddresses",
            strings(&["10.0.0.0/16", "2001:db8::1"]),
        ),
        ("ConnectorType", Value::str("Hybrid")),
    ])
    .unwrap_err();
    let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
    assert_eq!(
        named,
        vec![
            "SenderDomains",
            "SenderDomains",
            "SenderIPAddresses",
            "SenderIPAddresses",
            "ConnectorType"
        ]
    );
    assert_eq!(problems[0].value, "domain.*.contoso.com");
}

#[test]
fn treat_messages_as_internal_needs_on_premises_without_hybrid() {
    let problems = connector(&[
        ("SenderDomains", Value::str("contoso.com")),
        ("TreatMessagesAsInternal", Value::Bool(true)),
    ])
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("ConnectorType is Partner"));
    assert!(
        connector(&[
            ("SenderDomains", Value::str("contoso.com")),
            ("ConnectorType", Value::str("OnPremises")),
            ("TreatMessagesAsInternal", Value::Bool(true)),
        ])
        .is_ok()
    );
    let both = connector(&[
        ("SenderDomains", Value::str("contoso.com")),
        ("ConnectorType", Value::str("onpremises")),
        ("CloudServicesMailEnabled", Value::Bool(true)),
        ("TreatMessagesAsInternal", Value::Bool(true)),
    ])
    .unwrap_err();
    assert!(both[0].message.contains("CloudServicesMailEnabled"));
}

#[test]
fn sender_domains_are_required() {
    let problems = connector(&[]).unwrap_err();
    assert_eq!(problems[0].parameter, "SenderDomains");
}

#[test]
fn trusted_organizations_add_and_remove_ignoring_case() {
    let mut c = connector(&[("SenderDomains", Value::str("*"))]).unwrap();
    set_parameter(
        &mut c,
        "TrustedOrganizations",
        &strings(&["a.onmicrosoft.com", "b.onmicrosoft.com"]),
    )
    .unwrap();
    let dict = Dict::new(false);
    dict.insert(Value::str("Add"), Value::str("c.onmicrosoft.com"));
    dict.insert(Value::str("Remove"), Value::str("A.ONMICROSOFT.COM"));
    set_parameter(&mut c, "TrustedOrganizations", &Value::Dict(Rc::new(dict))).unwrap();
    let names: Vec<String> = c
        .trusted_organizations
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(names, vec!["c.onmicrosoft.com", "b.onmicrosoft.com"]);
}

#[test]
fn advisories_flag_restrictions_that_cannot_match() {
    let c = connector(&[
        ("SenderDomains", Value::str("contoso.com")),
        ("RestrictDomainsToCertificate", Value::Bool(true)),
        ("RestrictDomainsToIPAddresses", Value::Bool(true)),
    ])
    .unwrap();
    assert_eq!(c.advisories().len(), 2);
}

#[test]
fn identity_matches_name_guid_or_dn() {
    let c = InboundConnector::new("Contoso Inbound");
    assert!(matches_identity(&c, "Org", "contoso inbound"));
    assert!(matches_identity(&c, "Org", &c.meta.guid.to_string()));
    assert!(matches_identity(&c, "Org", &format!("{{{}}}", c.meta.guid)));
    let dn = "CN=Contoso Inbound,CN=Inbound Connectors,CN=Transport Settings,CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=mailsec,DC=local";
    assert!(matches_identity(&c, "Org", dn));
    assert!(matches_identity(&c, "Org", &dn.to_lowercase()));
    assert!(!matches_identity(&c, "Org", "Contoso"));
    assert!(!matches_identity(&c, "Other", dn));
}

#[test]
fn output_has_typed_exchange_properties() {
    let c = connector(&[("SenderDomains", strings(&["contoso.com", "*.fabrikam.com"]))]).unwrap();
    let value = to_value(&c, "Org");
    assert!(matches!(
        access::get_member(&value, "RequireTls"),
        Value::Bool(true)
    ));
    let domains = access::get_member(&value, "SenderDomains");
    assert_eq!(
        convert::to_string(&domains, ","),
        "contoso.com,*.fabrikam.com"
    );
    assert_eq!(
        convert::to_string(&access::get_member(&value, "ConnectorType"), " "),
        "Partner"
    );
    assert_eq!(convert::to_string(&value, " "), "Contoso Inbound Connector");
    assert!(access::get_member(&value, "TlsSenderCertificateName").is_null());
}

#[test]
fn connectors_round_trip_through_yaml() {
    let c = connector(&[
        ("SenderDomains", strings(&["*.contoso.com"])),
        (
            "EFSkipIPs",
            strings(&["10.0.0.1-10.0.0.9", "192.168.3.1/24"]),
        ),
        ("EFUsers", strings(&["laura@contoso.com"])),
        ("Comment", Value::str("partner")),
    ])
    .unwrap();
    let text = serde_yaml::to_string(&c).unwrap();
    assert!(text.contains("RequireTls: true"), "{text}");
    let back: InboundConnector = serde_yaml::from_str(&text).unwrap();
    assert_eq!(back, c);
}
