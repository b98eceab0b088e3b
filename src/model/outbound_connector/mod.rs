//! L1 — an Exchange Online Outbound connector: where mail to some domains goes (MX records or
//! smart hosts), how strictly TLS is enforced (`TlsSettings`, `TlsDomain`, MTA-STS, DANE), with
//! the documented defaults and cross-parameter rules.

mod settings;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::value::Value;

use crate::model::domain::{SmtpAddress, SmtpDomainWithSubdomains};
use crate::model::enums::{
    MtaStsMode, SmtpDaneMode, TenantConnectorSource, TenantConnectorType, TlsAuthLevel,
};
use crate::model::ip::SmartHost;
use crate::model::object::{ConfigObject, ObjectKindInfo, ObjectMeta, Setting, out};
use crate::model::problem::Problem;
use crate::model::timestamp::Timestamp;

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
    #[serde(rename = "RecipientDomains", skip_serializing_if = "Vec::is_empty")]
    pub recipient_domains: Vec<SmtpDomainWithSubdomains>,
    #[serde(rename = "SmartHosts", skip_serializing_if = "Vec::is_empty")]
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
    #[serde(rename = "ValidationRecipients", skip_serializing_if = "Vec::is_empty")]
    pub validation_recipients: Vec<SmtpAddress>,
    #[serde(rename = "IsValidated")]
    pub is_validated: bool,
    #[serde(
        rename = "LastValidationTimestamp",
        skip_serializing_if = "Option::is_none"
    )]
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
        settings::SETTINGS
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
            (
                "RouteAllMessagesViaOnPremises",
                self.route_all_messages_via_on_premises,
            ),
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
            (
                "RouteAllMessagesViaOnPremises",
                out(&self.route_all_messages_via_on_premises),
            ),
            (
                "CloudServicesMailEnabled",
                out(&self.cloud_services_mail_enabled),
            ),
            ("AllAcceptedDomains", out(&self.all_accepted_domains)),
            (
                "SenderRewritingEnabled",
                out(&self.sender_rewriting_enabled),
            ),
            ("TestMode", out(&self.test_mode)),
            (
                "LinkForModifiedConnector",
                out(&self.link_for_modified_connector),
            ),
            ("ValidationRecipients", out(&self.validation_recipients)),
            ("IsValidated", out(&self.is_validated)),
            (
                "LastValidationTimestamp",
                out(&self.last_validation_timestamp),
            ),
            ("MtaStsMode", out(&self.mta_sts_mode)),
            ("SmtpDaneMode", out(&self.smtp_dane_mode)),
        ]
    }
}
