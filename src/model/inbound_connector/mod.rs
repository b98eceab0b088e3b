//! L1 — an Exchange Online Inbound connector: which partner or on-premises mail it accepts and
//! how (TLS required, the sender's certificate name, source IP addresses), with the documented
//! defaults and cross-parameter rules.

mod settings;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::value::Value;

use crate::model::domain::{
    Label, SmtpAddress, SmtpDomain, SmtpDomainWithSubdomains, TlsCertificate,
};
use crate::model::enums::{TenantConnectorSource, TenantConnectorType};
use crate::model::ip::{IpRange, SenderIpAddress};
use crate::model::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out};
use crate::model::problem::Problem;

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
    #[serde(rename = "SenderIPAddresses", skip_serializing_if = "Vec::is_empty")]
    pub sender_ip_addresses: Vec<SenderIpAddress>,
    #[serde(rename = "SenderDomains", skip_serializing_if = "Vec::is_empty")]
    pub sender_domains: Vec<SmtpDomainWithSubdomains>,
    #[serde(rename = "TrustedOrganizations", skip_serializing_if = "Vec::is_empty")]
    pub trusted_organizations: Vec<SmtpDomain>,
    #[serde(
        rename = "AssociatedAcceptedDomains",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub associated_accepted_domains: Vec<SmtpDomain>,
    #[serde(rename = "ClientHostNames", skip_serializing_if = "Vec::is_empty")]
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
    #[serde(
        rename = "TlsSenderCertificateName",
        skip_serializing_if = "Option::is_none"
    )]
    pub tls_sender_certificate_name: Option<TlsCertificate>,
    #[serde(rename = "EFTestMode")]
    pub ef_test_mode: bool,
    #[serde(
        rename = "ScanAndDropRecipients",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scan_and_drop_recipients: Vec<Label>,
    #[serde(rename = "EFSkipLastIP")]
    pub ef_skip_last_ip: bool,
    #[serde(rename = "EFSkipIPs", skip_serializing_if = "Vec::is_empty")]
    pub ef_skip_ips: Vec<IpRange>,
    #[serde(rename = "EFSkipMailGateway", skip_serializing_if = "Vec::is_empty")]
    pub ef_skip_mail_gateway: Vec<Label>,
    #[serde(rename = "EFUsers", skip_serializing_if = "Vec::is_empty")]
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
        settings::SETTINGS
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
        if self.treat_messages_as_internal && self.connector_type != TenantConnectorType::OnPremises
        {
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
            (
                "AssociatedAcceptedDomains",
                out(&self.associated_accepted_domains),
            ),
            ("ClientHostNames", out(&self.client_host_names)),
            ("RequireTls", out(&self.require_tls)),
            (
                "RestrictDomainsToIPAddresses",
                out(&self.restrict_domains_to_ip_addresses),
            ),
            (
                "RestrictDomainsToCertificate",
                out(&self.restrict_domains_to_certificate),
            ),
            (
                "CloudServicesMailEnabled",
                out(&self.cloud_services_mail_enabled),
            ),
            (
                "TreatMessagesAsInternal",
                out(&self.treat_messages_as_internal),
            ),
            (
                "TlsSenderCertificateName",
                out(&self.tls_sender_certificate_name),
            ),
            ("DetectSenderIPBySkippingLastIP", out(&self.ef_skip_last_ip)),
            ("DetectSenderIPBySkippingTheseIPs", out(&self.ef_skip_ips)),
            (
                "DetectSenderIPBySkippingTheseProviders",
                out(&self.ef_skip_mail_gateway),
            ),
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
