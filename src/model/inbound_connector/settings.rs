//! L1 — the parameters that set an Inbound connector: name, documented type, New-/Set- availability, help, and the field
//! each one sets.

use super::InboundConnector;
use crate::model::object::{Setting, setting};

pub(super) static SETTINGS: &[Setting<InboundConnector>] = &[
    setting!(
        "SenderDomains",
        sender_domains,
        "MultiValuedProperty",
        Both,
        "Source domains the connector accepts mail for: contoso.com, *.contoso.com (with subdomains) or *; no embedded wildcards."
    ),
    setting!(
        "AssociatedAcceptedDomains",
        associated_accepted_domains,
        "MultiValuedProperty",
        Both,
        "Accepted domains of the organization the connector is restricted to."
    ),
    setting!(
        "ClientHostNames",
        client_host_names,
        "MultiValuedProperty",
        NewOnly,
        "Undocumented (placeholder in the public doc)."
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
        "Partner (external partners, the default) or OnPremises (your on-premises organization)."
    ),
    setting!(
        "EFSkipIPs",
        ef_skip_ips,
        "MultiValuedProperty",
        Both,
        "Enhanced Filtering: source IPs to skip (address, a-b range or CIDR block)."
    ),
    setting!(
        "EFSkipLastIP",
        ef_skip_last_ip,
        "Boolean",
        Both,
        "Enhanced Filtering: skip only the last message source (default $false)."
    ),
    setting!(
        "EFSkipMailGateway",
        ef_skip_mail_gateway,
        "MultiValuedProperty",
        Both,
        "Reserved for internal Microsoft use."
    ),
    setting!(
        "EFTestMode",
        ef_test_mode,
        "Boolean",
        Both,
        "Reserved for internal Microsoft use."
    ),
    setting!(
        "EFUsers",
        ef_users,
        "MultiValuedProperty",
        Both,
        "Recipients Enhanced Filtering applies to (blank: everyone)."
    ),
    setting!(
        "Enabled",
        enabled,
        "Boolean",
        Both,
        "Whether the connector is enabled (default $true)."
    ),
    setting!(
        "Name",
        meta.name,
        "String",
        SetOnly,
        "A new name for the connector."
    ),
    setting!(
        "RequireTls",
        require_tls,
        "Boolean",
        Both,
        "Partner connectors: reject messages not sent over TLS (default $true)."
    ),
    setting!(
        "RestrictDomainsToCertificate",
        restrict_domains_to_certificate,
        "Boolean",
        Both,
        "Partner connectors: accept mail only when the sender's TLS certificate matches TlsSenderCertificateName."
    ),
    setting!(
        "RestrictDomainsToIPAddresses",
        restrict_domains_to_ip_addresses,
        "Boolean",
        Both,
        "Partner connectors: reject mail from SenderDomains unless it comes from SenderIPAddresses."
    ),
    setting!(
        "ScanAndDropRecipients",
        scan_and_drop_recipients,
        "MultiValuedProperty",
        Both,
        "Reserved for internal Microsoft use."
    ),
    setting!(
        "SenderIPAddresses",
        sender_ip_addresses,
        "MultiValuedProperty",
        Both,
        "Partner connectors: source IPv4 addresses or CIDR blocks /24 to /32."
    ),
    setting!(
        "TlsSenderCertificateName",
        tls_sender_certificate_name,
        "TlsCertificate",
        Both,
        "The domain name in the sender's TLS certificate (contoso.com or *.contoso.com)."
    ),
    setting!(
        "TreatMessagesAsInternal",
        treat_messages_as_internal,
        "Boolean",
        Both,
        "OnPremises connectors: treat mail from your own domains as internal."
    ),
    setting!(
        "TrustedOrganizations",
        trusted_organizations,
        "MultiValuedProperty",
        Both,
        "Other Microsoft 365 organizations trusted as mail sources."
    ),
];
