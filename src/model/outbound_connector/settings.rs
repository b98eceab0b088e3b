//! L1 — the parameters that set an Outbound connector: name, documented type, New-/Set- availability, help, and the field
//! each one sets.

use super::OutboundConnector;
use crate::model::object::{Setting, setting};

pub(super) static SETTINGS: &[Setting<OutboundConnector>] = &[
    setting!(
        "AllAcceptedDomains",
        all_accepted_domains,
        "Boolean",
        Both,
        "Hybrid: use the connector for recipients in accepted domains (needs ConnectorType OnPremises)."
    ),
    setting!(
        "CloudServicesMailEnabled",
        cloud_services_mail_enabled,
        "Boolean",
        Both,
        "Hybrid mail flow: keep cross-premises headers (set by the Hybrid Configuration wizard)."
    ),
    setting!("Comment", comment, "String", Both, "An optional comment."),
    setting!(
        "ConnectorSource",
        connector_source,
        "TenantConnectorSource",
        Both,
        "How the connector was created: Default, HybridWizard or Migrated."
    ),
    setting!(
        "ConnectorType",
        connector_type,
        "TenantConnectorType",
        Both,
        "Partner (external domains, the default) or OnPremises (your on-premises organization)."
    ),
    setting!(
        "Enabled",
        enabled,
        "Boolean",
        Both,
        "Whether the connector is enabled (default $true)."
    ),
    setting!(
        "IsTransportRuleScoped",
        is_transport_rule_scoped,
        "Boolean",
        Both,
        "Whether only mail flow rules route to the connector (default $false)."
    ),
    setting!(
        "IsValidated",
        is_validated,
        "Boolean",
        SetOnly,
        "Whether the connector has been validated (default $false)."
    ),
    setting!(
        "LastValidationTimestamp",
        last_validation_timestamp,
        "DateTime",
        SetOnly,
        "When the connector was validated, in UTC (\"2021-05-06 14:30:00z\")."
    ),
    setting!(
        "LinkForModifiedConnector",
        link_for_modified_connector,
        "Guid",
        NewOnly,
        "Reserved for internal Microsoft use."
    ),
    setting!(
        "MtaStsMode",
        mta_sts_mode,
        "MtaStsMode",
        Both,
        "Opportunistic (default: honour the destination's MTA-STS policy) or None."
    ),
    setting!(
        "Name",
        meta.name,
        "String",
        SetOnly,
        "A new name for the connector (at most 64 characters)."
    ),
    setting!(
        "RecipientDomains",
        recipient_domains,
        "MultiValuedProperty",
        Both,
        "Destination domains: contoso.com or *.contoso.com (with subdomains); no embedded wildcards."
    ),
    setting!(
        "RouteAllMessagesViaOnPremises",
        route_all_messages_via_on_premises,
        "Boolean",
        Both,
        "Hybrid: route all mail through on-premises first (needs ConnectorType OnPremises)."
    ),
    setting!(
        "SenderRewritingEnabled",
        sender_rewriting_enabled,
        "Boolean",
        Both,
        "Hybrid: rewrite senders with SRS (needs ConnectorType OnPremises)."
    ),
    setting!(
        "SmartHosts",
        smart_hosts,
        "MultiValuedProperty",
        Both,
        "Smart hosts: FQDNs, IP addresses or CIDR blocks; required when UseMXRecord is $false."
    ),
    setting!(
        "SmtpDaneMode",
        smtp_dane_mode,
        "SmtpDaneMode",
        Both,
        "Opportunistic (default), Mandatory or None: SMTP DANE with DNSSEC."
    ),
    setting!(
        "TestMode",
        test_mode,
        "Boolean",
        Both,
        "Whether the connector is in test mode (default $false)."
    ),
    setting!(
        "TlsDomain",
        tls_domain,
        "SmtpDomainWithSubdomains",
        Both,
        "The domain the destination's certificate must match with TlsSettings DomainValidation."
    ),
    setting!(
        "TlsSettings",
        tls_settings,
        "TlsAuthLevel",
        Both,
        "EncryptionOnly, CertificateValidation, DomainValidation, or $null (default)."
    ),
    setting!(
        "UseMXRecord",
        use_mx_record,
        "Boolean",
        Both,
        "$true: deliver by MX records (default); $false: deliver to SmartHosts."
    ),
    setting!(
        "ValidationRecipients",
        validation_recipients,
        "String[]",
        SetOnly,
        "Email addresses of validation recipients."
    ),
];
