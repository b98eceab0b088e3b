//! L1 — an Exchange Online Outbound connector: where mail to some domains goes (MX records or
//! smart hosts), how strictly TLS is enforced (`TlsSettings`, `TlsDomain`, MTA-STS, DANE), with
//! the documented defaults and cross-parameter rules.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::Value;

use super::domain::{SmtpAddress, SmtpDomainWithSubdomains};
use super::enums::{MtaStsMode, SmtpDaneMode, TenantConnectorSource, TenantConnectorType, TlsAuthLevel};
use super::ip::SmartHost;
use super::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out, setting};
use super::problem::Problem;
use super::timestamp::Timestamp;

/// The longest name an Outbound connector may have.
pub const MAX_NAME_LENGTH: usize = 64;

/// An Outbound connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutboundConnector {
    #[serde(flatten)]
    pub meta: ObjectMeta,
    #[serde(rename = "Enabled")]
    pub enabled: bool,
    #[serde(rename = "UseMXRecord")]
    pub use_mx_record: bool,
    #[serde(rename = "Comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(rename = "ConnectorType")]
    pub connector_type: TenantConnectorType,
    #[serde(rename = "ConnectorSource")]
    pub connector_source: TenantConnectorSource,
    #[serde(rename = "RecipientDomains")]
    pub recipient_domains: Vec<SmtpDomainWithSubdomains>,
    #[serde(rename = "SmartHosts")]
    pub smart_hosts: Vec<SmartHost>,
    #[serde(rename = "TlsDomain", skip_serializing_if = "Option::is_none")]
    pub tls_domain: Option<SmtpDomainWithSubdomains>,
    #[serde(rename = "TlsSettings", skip_serializing_if = "Option::is_none")]
    pub tls_settings: Option<TlsAuthLevel>,
    #[serde(rename = "IsTransportRuleScoped")]
    pub is_transport_rule_scoped: bool,
    #[serde(rename = "RouteAllMessagesViaOnPremises")]
    pub route_all_messages_via_on_premises: bool,
    #[serde(rename = "CloudServicesMailEnabled")]
    pub cloud_services_mail_enabled: bool,
    #[serde(rename = "AllAcceptedDomains")]
    pub all_accepted_domains: bool,
    #[serde(rename = "SenderRewritingEnabled")]
    pub sender_rewriting_enabled: bool,
    #[serde(rename = "TestMode")]
    pub test_mode: bool,
    #[serde(
        rename = "LinkForModifiedConnector",
        skip_serializing_if = "Option::is_none",
        with = "super::object::guid_text::optional"
    )]
    pub link_for_modified_connector: Option<Uuid>,
    #[serde(rename = "ValidationRecipients")]
    pub validation_recipients: Vec<SmtpAddress>,
    #[serde(rename = "IsValidated")]
    pub is_validated: bool,
    #[serde(rename = "LastValidationTimestamp", skip_serializing_if = "Option::is_none")]
    pub last_validation_timestamp: Option<Timestamp>,
    #[serde(rename = "MtaStsMode")]
    pub mta_sts_mode: MtaStsMode,
    #[serde(rename = "SmtpDaneMode")]
    pub smtp_dane_mode: SmtpDaneMode,
}

impl Default for OutboundConnector {
    /// A connector with the documented defaults (and no name yet).
    fn default() -> OutboundConnector {
        OutboundConnector {
            meta: ObjectMeta::default(),
            enabled: true,
            use_mx_record: true,
            comment: None,
            connector_type: TenantConnectorType::Partner,
            connector_source: TenantConnectorSource::Default,
            recipient_domains: Vec::new(),
            smart_hosts: Vec::new(),
            tls_domain: None,
            tls_settings: None,
            is_transport_rule_scoped: false,
            route_all_messages_via_on_premises: false,
            cloud_services_mail_enabled: false,
            all_accepted_domains: false,
            sender_rewriting_enabled: false,
            test_mode: false,
            link_for_modified_connector: None,
            validation_recipients: Vec::new(),
            is_validated: false,
            last_validation_timestamp: None,
            mta_sts_mode: MtaStsMode::Opportunistic,
            smtp_dane_mode: SmtpDaneMode::Opportunistic,
        }
    }
}

impl OutboundConnector {
    /// A new connector named `name` with the documented defaults.
    pub fn new(name: &str) -> OutboundConnector {
        OutboundConnector {
            meta: ObjectMeta::created(name),
            ..OutboundConnector::default()
        }
    }
}

static SETTINGS: &[Setting<OutboundConnector>] = &[
    setting!("AllAcceptedDomains", all_accepted_domains, "Boolean", Both, "Hybrid: use the connector for recipients in accepted domains (needs ConnectorType OnPremises)."),
    setting!("CloudServicesMailEnabled", cloud_services_mail_enabled, "Boolean", Both, "Hybrid mail flow: keep cross-premises headers (set by the Hybrid Configuration wizard)."),
    setting!("Comment", comment, "String", Both, "An optional comment."),
    setting!("ConnectorSource", connector_source, "TenantConnectorSource", Both, "How the connector was created: Default, HybridWizard or Migrated."),
    setting!("ConnectorType", connector_type, "TenantConnectorType", Both, "Partner (external domains, the default) or OnPremises (your on-premises organization)."),
    setting!("Enabled", enabled, "Boolean", Both, "Whether the connector is enabled (default $true)."),
    setting!("IsTransportRuleScoped", is_transport_rule_scoped, "Boolean", Both, "Whether only mail flow rules route to the connector (default $false)."),
    setting!("IsValidated", is_validated, "Boolean", SetOnly, "Whether the connector has been validated (default $false)."),
    setting!("LastValidationTimestamp", last_validation_timestamp, "DateTime", SetOnly, "When the connector was validated, in UTC (\"2021-05-06 14:30:00z\")."),
    setting!("LinkForModifiedConnector", link_for_modified_connector, "Guid", NewOnly, "Reserved for internal Microsoft use."),
    setting!("MtaStsMode", mta_sts_mode, "MtaStsMode", Both, "Opportunistic (default: honour the destination's MTA-STS policy) or None."),
    setting!("Name", meta.name, "String", SetOnly, "A new name for the connector (at most 64 characters)."),
    setting!("RecipientDomains", recipient_domains, "MultiValuedProperty", Both, "Destination domains: contoso.com or *.contoso.com (with subdomains); no embedded wildcards."),
    setting!("RouteAllMessagesViaOnPremises", route_all_messages_via_on_premises, "Boolean", Both, "Hybrid: route all mail through on-premises first (needs ConnectorType OnPremises)."),
    setting!("SenderRewritingEnabled", sender_rewriting_enabled, "Boolean", Both, "Hybrid: rewrite senders with SRS (needs ConnectorType OnPremises)."),
    setting!("SmartHosts", smart_hosts, "MultiValuedProperty", Both, "Smart hosts: FQDNs, IP addresses or CIDR blocks; required when UseMXRecord is $false."),
    setting!("SmtpDaneMode", smtp_dane_mode, "SmtpDaneMode", Both, "Opportunistic (default), Mandatory or None: SMTP DANE with DNSSEC."),
    setting!("TestMode", test_mode, "Boolean", Both, "Whether the connector is in test mode (default $false)."),
    setting!("TlsDomain", tls_domain, "SmtpDomainWithSubdomains", Both, "The domain the destination's certificate must match with TlsSettings DomainValidation."),
    setting!("TlsSettings", tls_settings, "TlsAuthLevel", Both, "EncryptionOnly, CertificateValidation, DomainValidation, or $null (default)."),
    setting!("UseMXRecord", use_mx_record, "Boolean", Both, "$true: deliver by MX records (default); $false: deliver to SmartHosts."),
    setting!("ValidationRecipients", validation_recipients, "String[]", SetOnly, "Email addresses of validation recipients."),
];

impl ConfigObject for OutboundConnector {
    const KIND: ObjectKindInfo = ObjectKindInfo {
        type_name: "Microsoft.Exchange.Data.Directory.SystemConfiguration.TenantOutboundConnector",
        noun: "Outbound connector",
        container: "CN=Outbound Connectors,CN=Transport Settings",
    };

    fn meta(&self) -> &ObjectMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut ObjectMeta {
        &mut self.meta
    }

    fn settings() -> &'static [Setting<OutboundConnector>] {
        SETTINGS
    }

    fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let name = self.meta.name.trim();
        if name.is_empty() {
            problems.push(Problem::new("Name", "", "The connector needs a name."));
        } else if self.meta.name.chars().count() > MAX_NAME_LENGTH {
            problems.push(Problem::new(
                "Name",
                &self.meta.name,
                format!(
                    "The name '{}' is {} characters long; an Outbound connector's name can have at most {MAX_NAME_LENGTH}.",
                    self.meta.name,
                    self.meta.name.chars().count()
                ),
            ));
        }
        if !self.use_mx_record && self.smart_hosts.is_empty() {
            problems.push(Problem::new(
                "UseMXRecord",
                "False",
                "UseMXRecord $false requires at least one smart host: add -SmartHosts (an FQDN, an IP address or a CIDR block), or keep -UseMXRecord $true.",
            ));
        }
        if self.tls_settings == Some(TlsAuthLevel::DomainValidation) && self.tls_domain.is_none() {
            problems.push(Problem::new(
                "TlsDomain",
                "",
                "TlsSettings DomainValidation checks the destination's certificate against TlsDomain, which is empty: add -TlsDomain (for example *.contoso.com).",
            ));
        }
        let on_premises_only = [
            ("AllAcceptedDomains", self.all_accepted_domains),
            ("RouteAllMessagesViaOnPremises", self.route_all_messages_via_on_premises),
            ("SenderRewritingEnabled", self.sender_rewriting_enabled),
        ];
        for (parameter, on) in on_premises_only {
            if on && self.connector_type != TenantConnectorType::OnPremises {
                problems.push(Problem::new(
                    parameter,
                    "True",
                    format!(
                        "{parameter} $true requires ConnectorType OnPremises, and this connector's ConnectorType is {}.",
                        self.connector_type
                    ),
                ));
            }
        }
        problems
    }

    fn advisories(&self) -> Vec<String> {
        let mut advice = Vec::new();
        if self.tls_domain.is_some() && self.tls_settings != Some(TlsAuthLevel::DomainValidation) {
            advice.push(format!(
                "TlsDomain is set but TlsSettings is {}, so the Outbound connector '{}' doesn't check it (only DomainValidation does).",
                self.tls_settings.map(|t| t.to_string()).unwrap_or_else(|| "$null".into()),
                self.meta.name
            ));
        }
        if self.use_mx_record && !self.smart_hosts.is_empty() {
            advice.push(format!(
                "UseMXRecord is $true, so the smart hosts of the Outbound connector '{}' aren't used.",
                self.meta.name
            ));
        }
        advice
    }

    fn properties(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("Enabled", out(&self.enabled)),
            ("UseMXRecord", out(&self.use_mx_record)),
            ("Comment", out(&self.comment)),
            ("ConnectorType", out(&self.connector_type)),
            ("ConnectorSource", out(&self.connector_source)),
            ("RecipientDomains", out(&self.recipient_domains)),
            ("SmartHosts", out(&self.smart_hosts)),
            ("TlsDomain", out(&self.tls_domain)),
            ("TlsSettings", out(&self.tls_settings)),
            ("IsTransportRuleScoped", out(&self.is_transport_rule_scoped)),
            ("RouteAllMessagesViaOnPremises", out(&self.route_all_messages_via_on_premises)),
            ("CloudServicesMailEnabled", out(&self.cloud_services_mail_enabled)),
            ("AllAcceptedDomains", out(&self.all_accepted_domains)),
            ("SenderRewritingEnabled", out(&self.sender_rewriting_enabled)),
            ("TestMode", out(&self.test_mode)),
            ("LinkForModifiedConnector", out(&self.link_for_modified_connector)),
            ("ValidationRecipients", out(&self.validation_recipients)),
            ("IsValidated", out(&self.is_validated)),
            ("LastValidationTimestamp", out(&self.last_validation_timestamp)),
            ("MtaStsMode", out(&self.mta_sts_mode)),
            ("SmtpDaneMode", out(&self.smtp_dane_mode)),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::model::object::{set_parameter, set_parameters, to_value};
    use crate::value::{Dict, access, builtin, convert};

    fn connector(args: &[(&str, Value)]) -> Result<OutboundConnector, Vec<Problem>> {
        let mut c = OutboundConnector::new("Contoso Outbound Connector");
        set_parameters(&mut c, args.iter().map(|(n, v)| (*n, v)))?;
        let problems = c.validate();
        if problems.is_empty() { Ok(c) } else { Err(problems) }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let c = OutboundConnector::new("X");
        assert!(c.enabled && c.use_mx_record);
        assert_eq!(c.tls_settings, None);
        assert_eq!(c.mta_sts_mode, MtaStsMode::Opportunistic);
        assert_eq!(c.smtp_dane_mode, SmtpDaneMode::Opportunistic);
        assert!(!c.test_mode && !c.is_transport_rule_scoped && !c.all_accepted_domains);
        assert!(!c.route_all_messages_via_on_premises && !c.sender_rewriting_enabled && !c.is_validated);
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
            [("UseMXRecord", &Value::Bool(false)), ("SmartHosts", &Value::str("192.168.0.1"))],
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
            connector(&[("ConnectorType", Value::str("OnPremises")), ("AllAcceptedDomains", Value::Bool(true))]).is_ok()
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
        assert!(problems[0].message.contains("EncryptionOnly, CertificateValidation, DomainValidation"));
        assert!(problems[1].message.contains("Opportunistic, Mandatory, None"));
        assert!(problems[2].message.contains("leading \"*.\""));
        assert!(problems[3].message.contains("FQDN"));
    }

    #[test]
    fn smart_hosts_add_and_remove() {
        let mut c = connector(&[("SmartHosts", Value::str("mail.contoso.com"))]).unwrap();
        let dict = Dict::new(false);
        dict.insert(Value::str("Add"), Value::array(vec![Value::str("10.10.1.1"), Value::str("MAIL.contoso.com")]));
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
        set_parameter(&mut c, "LastValidationTimestamp", &Value::str("2021-05-06 14:30:00z")).unwrap();
        set_parameter(&mut c, "LastValidationTimestamp", &builtin::datetime(1_620_311_400, 0)).unwrap();
        assert_eq!(c.last_validation_timestamp.unwrap().to_string(), "2021-05-06T14:30:00Z");
        set_parameter(&mut c, "ValidationRecipients", &Value::array(vec![Value::str("laura@contoso.com")])).unwrap();
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
            ("SmartHosts", Value::array(vec![Value::str("mail.contoso.com"), Value::str("192.168.0.1/25")])),
        ])
        .unwrap();
        let text = serde_yaml::to_string(&c).unwrap();
        assert!(text.contains("TlsSettings: DomainValidation"), "{text}");
        let back: OutboundConnector = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, c);
    }
}
