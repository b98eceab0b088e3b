//! L1 — an Exchange Online Inbound connector: which partner or on-premises mail it accepts and
//! how (TLS required, the sender's certificate name, source IP addresses), with the documented
//! defaults and cross-parameter rules.

use serde::{Deserialize, Serialize};

use crate::value::Value;

use super::domain::{Label, SmtpAddress, SmtpDomain, SmtpDomainWithSubdomains, TlsCertificate};
use super::enums::{TenantConnectorSource, TenantConnectorType};
use super::ip::{IpRange, SenderIpAddress};
use super::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out, setting};
use super::problem::Problem;

/// An Inbound connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InboundConnector {
    #[serde(flatten)]
    pub meta: ObjectMeta,
    #[serde(rename = "Enabled")]
    pub enabled: bool,
    #[serde(rename = "ConnectorType")]
    pub connector_type: TenantConnectorType,
    #[serde(rename = "ConnectorSource")]
    pub connector_source: TenantConnectorSource,
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(rename = "SenderIPAddresses")]
    pub sender_ip_addresses: Vec<SenderIpAddress>,
    #[serde(rename = "SenderDomains")]
    pub sender_domains: Vec<SmtpDomainWithSubdomains>,
    #[serde(rename = "TrustedOrganizations")]
    pub trusted_organizations: Vec<SmtpDomain>,
    #[serde(rename = "AssociatedAcceptedDomains")]
    pub associated_accepted_domains: Vec<SmtpDomain>,
    #[serde(rename = "ClientHostNames")]
    pub client_host_names: Vec<Label>,
    #[serde(rename = "RequireTls")]
    pub require_tls: bool,
    #[serde(rename = "RestrictDomainsToIPAddresses")]
    pub restrict_domains_to_ip_addresses: bool,
    #[serde(rename = "RestrictDomainsToCertificate")]
    pub restrict_domains_to_certificate: bool,
    #[serde(rename = "CloudServicesMailEnabled")]
    pub cloud_services_mail_enabled: bool,
    #[serde(rename = "TreatMessagesAsInternal")]
    pub treat_messages_as_internal: bool,
    #[serde(rename = "TlsSenderCertificateName", skip_serializing_if = "Option::is_none")]
    pub tls_sender_certificate_name: Option<TlsCertificate>,
    #[serde(rename = "EFTestMode")]
    pub ef_test_mode: bool,
    #[serde(rename = "ScanAndDropRecipients")]
    pub scan_and_drop_recipients: Vec<Label>,
    #[serde(rename = "EFSkipLastIP")]
    pub ef_skip_last_ip: bool,
    #[serde(rename = "EFSkipIPs")]
    pub ef_skip_ips: Vec<IpRange>,
    #[serde(rename = "EFSkipMailGateway")]
    pub ef_skip_mail_gateway: Vec<Label>,
    #[serde(rename = "EFUsers")]
    pub ef_users: Vec<SmtpAddress>,
}

impl Default for InboundConnector {
    /// A connector with the documented defaults (and no name yet).
    fn default() -> InboundConnector {
        InboundConnector {
            meta: ObjectMeta::default(),
            enabled: true,
            connector_type: TenantConnectorType::Partner,
            connector_source: TenantConnectorSource::Default,
            comment: None,
            sender_ip_addresses: Vec::new(),
            sender_domains: Vec::new(),
            trusted_organizations: Vec::new(),
            associated_accepted_domains: Vec::new(),
            client_host_names: Vec::new(),
            require_tls: true,
            restrict_domains_to_ip_addresses: false,
            restrict_domains_to_certificate: false,
            cloud_services_mail_enabled: false,
            treat_messages_as_internal: false,
            tls_sender_certificate_name: None,
            ef_test_mode: false,
            scan_and_drop_recipients: Vec::new(),
            ef_skip_last_ip: false,
            ef_skip_ips: Vec::new(),
            ef_skip_mail_gateway: Vec::new(),
            ef_users: Vec::new(),
        }
    }
}

impl InboundConnector {
    /// A new connector named `name` with the documented defaults.
    pub fn new(name: &str) -> InboundConnector {
        InboundConnector {
            meta: ObjectMeta::created(name),
            ..InboundConnector::default()
        }
    }
}

static SETTINGS: &[Setting<InboundConnector>] = &[
    setting!("SenderDomains", sender_domains, "MultiValuedProperty", Both, "Source domains the connector accepts mail for: contoso.com, *.contoso.com (with subdomains) or *; no embedded wildcards."),
    setting!("AssociatedAcceptedDomains", associated_accepted_domains, "MultiValuedProperty", Both, "Accepted domains of the organization the connector is restricted to."),
    setting!("ClientHostNames", client_host_names, "MultiValuedProperty", NewOnly, "Undocumented (placeholder in the public doc)."),
    setting!("CloudServicesMailEnabled", cloud_services_mail_enabled, "Boolean", Both, "Hybrid mail flow: keep cross-premises headers (set by the Hybrid Configuration wizard)."),
    setting!("Comment", comment, "String", Both, "An optional comment."),
    setting!("ConnectorSource", connector_source, "TenantConnectorSource", Both, "How the connector was created: Default, HybridWizard or Migrated."),
    setting!("ConnectorType", connector_type, "TenantConnectorType", Both, "Partner (external partners, the default) or OnPremises (your on-premises organization)."),
    setting!("EFSkipIPs", ef_skip_ips, "MultiValuedProperty", Both, "Enhanced Filtering: source IPs to skip (address, a-b range or CIDR block)."),
    setting!("EFSkipLastIP", ef_skip_last_ip, "Boolean", Both, "Enhanced Filtering: skip only the last message source (default $false)."),
    setting!("EFSkipMailGateway", ef_skip_mail_gateway, "MultiValuedProperty", Both, "Reserved for internal Microsoft use."),
    setting!("EFTestMode", ef_test_mode, "Boolean", Both, "Reserved for internal Microsoft use."),
    setting!("EFUsers", ef_users, "MultiValuedProperty", Both, "Recipients Enhanced Filtering applies to (blank: everyone)."),
    setting!("Enabled", enabled, "Boolean", Both, "Whether the connector is enabled (default $true)."),
    setting!("Name", meta.name, "String", SetOnly, "A new name for the connector."),
    setting!("RequireTls", require_tls, "Boolean", Both, "Partner connectors: reject messages not sent over TLS (default $true)."),
    setting!("RestrictDomainsToCertificate", restrict_domains_to_certificate, "Boolean", Both, "Partner connectors: accept mail only when the sender's TLS certificate matches TlsSenderCertificateName."),
    setting!("RestrictDomainsToIPAddresses", restrict_domains_to_ip_addresses, "Boolean", Both, "Partner connectors: reject mail from SenderDomains unless it comes from SenderIPAddresses."),
    setting!("ScanAndDropRecipients", scan_and_drop_recipients, "MultiValuedProperty", Both, "Reserved for internal Microsoft use."),
    setting!("SenderIPAddresses", sender_ip_addresses, "MultiValuedProperty", Both, "Partner connectors: source IPv4 addresses or CIDR blocks /24 to /32."),
    setting!("TlsSenderCertificateName", tls_sender_certificate_name, "TlsCertificate", Both, "The domain name in the sender's TLS certificate (contoso.com or *.contoso.com)."),
    setting!("TreatMessagesAsInternal", treat_messages_as_internal, "Boolean", Both, "OnPremises connectors: treat mail from your own domains as internal."),
    setting!("TrustedOrganizations", trusted_organizations, "MultiValuedProperty", Both, "Other Microsoft 365 organizations trusted as mail sources."),
];

impl ConfigObject for InboundConnector {
    const KIND: ObjectKindInfo = ObjectKindInfo {
        type_name: "Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantInboundConnector",
        noun: "Inbound connector",
        container: "CN=Inbound Connectors,CN=Transport Settings",
    };

    fn meta(&self) -> &ObjectMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.meta
    }

    fn settings() -> &'static [Setting<InboundConnector>] {
        SETTINGS
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.meta.name.trim().is_empty() {
            problems.push(Problem::new("Name", "", "The connector needs a name."));
        }
        if self.sender_domains.is_empty() {
            problems.push(Problem::new(
                "SenderDomains",
                "",
                "SenderDomains can't be empty: give at least one domain (contoso.com, *.contoso.com, or * for all).",
            ));
        }
        if self.treat_messages_as_internal && self.connector_type != TenantConnectorType::OnPremises {
            problems.push(Problem::new(
                "TreatMessagesAsInternal",
                "True",
                format!(
                    "TreatMessagesAsInternal can be $true only on an OnPremises connector, and this connector's ConnectorType is {}. Set -ConnectorType OnPremises, or leave TreatMessagesAsInternal $false.",
                    self.connector_type
                ),
            ));
        }
        if self.treat_messages_as_internal && self.cloud_services_mail_enabled {
            problems.push(Problem::new(
                "TreatMessagesAsInternal",
                "True",
                "TreatMessagesAsInternal can't be $true while CloudServicesMailEnabled is $true (hybrid connectors already keep mail internal).",
            ));
        }
        problems
    }

    fn advisories(&self) -> Vec<String> {
        let mut advice = Vec::new();
        if self.restrict_domains_to_certificate && self.tls_sender_certificate_name.is_none() {
            advice.push(format!(
                "RestrictDomainsToCertificate is $true but TlsSenderCertificateName is empty, so no certificate can match the Inbound connector '{}'.",
                self.meta.name
            ));
        }
        if self.restrict_domains_to_ip_addresses && self.sender_ip_addresses.is_empty() {
            advice.push(format!(
                "RestrictDomainsToIPAddresses is $true but SenderIPAddresses is empty, so mail from the sender domains of '{}' is rejected from every address.",
                self.meta.name
            ));
        }
        if self.connector_type == TenantConnectorType::OnPremises
            && (self.restrict_domains_to_ip_addresses || self.restrict_domains_to_certificate)
        {
            advice.push(
                "RestrictDomainsToIPAddresses and RestrictDomainsToCertificate apply only to Partner connectors.".to_string(),
            );
        }
        advice
    }

    fn properties(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("Enabled", out(&self.enabled)),
            ("ConnectorType", out(&self.connector_type)),
            ("ConnectorSource", out(&self.connector_source)),
            ("Comment", out(&self.comment)),
            ("SenderIPAddresses", out(&self.sender_ip_addresses)),
            ("SenderDomains", out(&self.sender_domains)),
            ("TrustedOrganizations", out(&self.trusted_organizations)),
            ("AssociatedAcceptedDomains", out(&self.associated_accepted_domains)),
            ("ClientHostNames", out(&self.client_host_names)),
            ("RequireTls", out(&self.require_tls)),
            ("RestrictDomainsToIPAddresses", out(&self.restrict_domains_to_ip_addresses)),
            ("RestrictDomainsToCertificate", out(&self.restrict_domains_to_certificate)),
            ("CloudServicesMailEnabled", out(&self.cloud_services_mail_enabled)),
            ("TreatMessagesAsInternal", out(&self.treat_messages_as_internal)),
            ("TlsSenderCertificateName", out(&self.tls_sender_certificate_name)),
            ("DetectSenderIPBySkippingLastIP", out(&self.ef_skip_last_ip)),
            ("DetectSenderIPBySkippingTheseIPs", out(&self.ef_skip_ips)),
            ("DetectSenderIPBySkippingTheseProviders", out(&self.ef_skip_mail_gateway)),
            ("DetectSenderIPRecipientList", out(&self.ef_users)),
            ("EFTestMode", out(&self.ef_test_mode)),
            ("ScanAndDropRecipients", out(&self.scan_and_drop_recipients)),
            ("EFSkipLastIP", out(&self.ef_skip_last_ip)),
            ("EFSkipIPs", out(&self.ef_skip_ips)),
            ("EFSkipMailGateway", out(&self.ef_skip_mail_gateway)),
            ("EFUsers", out(&self.ef_users)),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
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
        if problems.is_empty() { Ok(c) } else { Err(problems) }
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
        assert_eq!(c.tls_sender_certificate_name.unwrap().to_string(), "*.contoso.com");
    }

    #[test]
    fn every_bad_value_is_reported_at_once() {
        let problems = connector(&[
            ("SenderDomains", strings(&["domain.*.contoso.com", "ok.com", "bad domain"])),
            ("SenderIPAddresses", strings(&["10.0.0.0/16", "2001:db8::1"])),
            ("ConnectorType", Value::str("Hybrid")),
        ])
        .unwrap_err();
        let named: Vec<&str> = problems.iter().map(|p| p.parameter.as_str()).collect();
        assert_eq!(
            named,
            vec!["SenderDomains", "SenderDomains", "SenderIPAddresses", "SenderIPAddresses", "ConnectorType"]
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
        set_parameter(&mut c, "TrustedOrganizations", &strings(&["a.onmicrosoft.com", "b.onmicrosoft.com"])).unwrap();
        let dict = Dict::new(false);
        dict.insert(Value::str("Add"), Value::str("c.onmicrosoft.com"));
        dict.insert(Value::str("Remove"), Value::str("A.ONMICROSOFT.COM"));
        set_parameter(&mut c, "TrustedOrganizations", &Value::Dict(Rc::new(dict))).unwrap();
        let names: Vec<String> = c.trusted_organizations.iter().map(|d| d.to_string()).collect();
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
        assert!(matches!(access::get_member(&value, "RequireTls"), Value::Bool(true)));
        let domains = access::get_member(&value, "SenderDomains");
        assert_eq!(convert::to_string(&domains, ","), "contoso.com,*.fabrikam.com");
        assert_eq!(convert::to_string(&access::get_member(&value, "ConnectorType"), " "), "Partner");
        assert_eq!(convert::to_string(&value, " "), "Contoso Inbound Connector");
        assert!(access::get_member(&value, "TlsSenderCertificateName").is_null());
    }

    #[test]
    fn connectors_round_trip_through_yaml() {
        let c = connector(&[
            ("SenderDomains", strings(&["*.contoso.com"])),
            ("EFSkipIPs", strings(&["10.0.0.1-10.0.0.9", "192.168.3.1/24"])),
            ("EFUsers", strings(&["laura@contoso.com"])),
            ("Comment", Value::str("partner")),
        ])
        .unwrap();
        let text = serde_yaml::to_string(&c).unwrap();
        assert!(text.contains("RequireTls: true"), "{text}");
        let back: InboundConnector = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, c);
    }
}
