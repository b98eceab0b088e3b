//! L2 — the plan's policy checks: where the declared configuration contradicts the seed
//! documents (forced TLS set up in one direction only, a partner outbound connector that only
//! encrypts, a CA collection certificate about to expire, a mobile policy allowing MD5 or DES
//! for S/MIME). They run on the objects as the plan leaves them, and speak only about declared
//! objects; `-Strict` makes them errors.

use std::collections::HashSet;

use crate::model::domain::SmtpDomainWithSubdomains;
use crate::model::enums::{
    EncryptionSmimeAlgorithm, SignedSmimeAlgorithm, TenantConnectorType, TlsAuthLevel,
};
use crate::model::timestamp::Timestamp;
use crate::model::{ConfigObject, InboundConnector, MobileDeviceMailboxPolicy, OutboundConnector};
use crate::pki::Certificate;

use super::plan::Warning;
use super::planner::Projected;

/// How close to expiry a CA collection certificate draws a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The objects as the plan leaves them.
pub struct Projection<'a> {
    pub inbound: Projected<'a, InboundConnector>,
    pub outbound: Projected<'a, OutboundConnector>,
    pub policies: Projected<'a, MobileDeviceMailboxPolicy>,
    /// The CA collection, when the document declares it.
    pub issuing_ca: Option<Vec<Certificate>>,
}

/// A domain without its `*.` (how connectors for the same partner are matched).
fn base(domain: &SmtpDomainWithSubdomains) -> String {
    let text = domain.to_string().to_ascii_lowercase();
    text.strip_prefix("*.").map(str::to_string).unwrap_or(text)
}

fn forced_inbound(c: &InboundConnector) -> bool {
    c.enabled
        && c.connector_type == TenantConnectorType::Partner
        && c.require_tls
        && (c.restrict_domains_to_certificate || c.tls_sender_certificate_name.is_some())
}

fn forced_outbound(c: &OutboundConnector) -> bool {
    c.enabled
        && c.connector_type == TenantConnectorType::Partner
        && matches!(
            c.tls_settings,
            Some(TlsAuthLevel::CertificateValidation | TlsAuthLevel::DomainValidation)
        )
}

/// Does one of `domains` fall under the partner domains in `covered` (`*` covers all)?
fn overlaps(domains: &[SmtpDomainWithSubdomains], covered: &HashSet<String>) -> bool {
    covered.contains("*")
        || domains
            .iter()
            .any(|d| covered.contains(&base(d)) || base(d) == "*")
}

fn warning(rule: &str, object: String, message: String) -> Warning {
    Warning {
        rule: rule.to_string(),
        object,
        message,
    }
}

/// Every policy warning for the projected objects.
pub fn warnings(projection: &Projection<'_>) -> Vec<Warning> {
    let mut found = Vec::new();
    forced_tls(projection, &mut found);
    for (declared, connector) in &projection.outbound {
        if *declared
            && connector.connector_type == TenantConnectorType::Partner
            && connector.tls_settings == Some(TlsAuthLevel::EncryptionOnly)
        {
            found.push(warning(
                "OutboundEncryptionOnly",
                format!("OutboundConnector:{}", connector.meta.name),
                format!(
                    "Outbound connector '{}' to a partner uses TlsSettings EncryptionOnly: the partner's certificate is never checked, so mail can go to an impostor. Use DomainValidation with TlsDomain (or CertificateValidation).",
                    connector.meta.name
                ),
            ));
        }
    }
    if let Some(certificates) = &projection.issuing_ca {
        let limit = Timestamp::now().unix() + EXPIRY_WARNING_DAYS * 86_400;
        for certificate in certificates.iter().filter(|c| c.not_after() < limit) {
            let when = Timestamp::from_unix(certificate.not_after())
                .map(|t| t.to_string())
                .unwrap_or_default();
            found.push(warning(
                "CaCertificateExpiring",
                "SmimeConfig:SMIMECertificateIssuingCA".into(),
                format!(
                    "The CA collection's certificate {} [{}] expires {when}, within {EXPIRY_WARNING_DAYS} days; once it expires Exchange refuses the whole collection. Renew it and update the collection.",
                    certificate.subject(),
                    certificate.thumbprint()
                ),
            ));
        }
    }
    for (declared, policy) in &projection.policies {
        if !*declared {
            continue;
        }
        let mut weak = Vec::new();
        if policy.require_signed_smime_algorithm == SignedSmimeAlgorithm::Md5 {
            weak.push("MD5 for signing (RequireSignedSMIMEAlgorithm)");
        }
        if policy.require_encryption_smime_algorithm == EncryptionSmimeAlgorithm::Des {
            weak.push("DES for encryption (RequireEncryptionSMIMEAlgorithm)");
        }
        if !weak.is_empty() {
            found.push(warning(
                "MobileWeakSmimeAlgorithm",
                format!("MobileDeviceMailboxPolicy:{}", policy.meta.name),
                format!(
                    "Mobile device mailbox policy '{}' allows {} for S/MIME; use SHA1 and TripleDES (or RC2128bit).",
                    policy.meta.name,
                    weak.join(" and ")
                ),
            ));
        }
    }
    found
}

/// Forced TLS needs a connector in each direction (the TLS seed document): warn about each
/// declared forced-TLS connector whose partner has none the other way.
fn forced_tls(projection: &Projection<'_>, found: &mut Vec<Warning>) {
    let inbound = Direction {
        kind: "InboundConnector",
        forced: forced_inbound,
        domains: |c| &c.sender_domains,
        gap: "forces TLS from its partner, but no outbound connector forces TLS (TlsSettings DomainValidation or CertificateValidation) to the same domains",
    };
    let outbound = Direction {
        kind: "OutboundConnector",
        forced: forced_outbound,
        domains: |c| &c.recipient_domains,
        gap: "forces TLS to its partner, but no inbound connector requires TLS with the partner's certificate (RequireTls with RestrictDomainsToCertificate or TlsSenderCertificateName) from the same domains",
    };
    let outbound_partners = outbound.partners(&projection.outbound);
    let inbound_partners = inbound.partners(&projection.inbound);
    inbound.one_way(&projection.inbound, &outbound_partners, found);
    outbound.one_way(&projection.outbound, &inbound_partners, found);
}

/// One direction of forced TLS: its connectors' kind, which of them force TLS, their partner
/// domains, and what a connector lacking the other direction is told.
struct Direction<T> {
    kind: &'static str,
    forced: fn(&T) -> bool,
    domains: fn(&T) -> &[SmtpDomainWithSubdomains],
    /// Said after "Inbound connector '<name>' ".
    gap: &'static str,
}

impl<T: ConfigObject> Direction<T> {
    /// The partner domains this direction's connectors force TLS with.
    fn partners(&self, connectors: &Projected<'_, T>) -> HashSet<String> {
        connectors
            .iter()
            .filter(|(_, c)| (self.forced)(c))
            .flat_map(|(_, c)| (self.domains)(c).iter().map(base))
            .collect()
    }

    /// Warn about each declared connector forcing TLS with no partner in `other_way`.
    fn one_way(
        &self,
        connectors: &Projected<'_, T>,
        other_way: &HashSet<String>,
        found: &mut Vec<Warning>,
    ) {
        for (declared, connector) in connectors {
            if *declared
                && (self.forced)(connector)
                && !overlaps((self.domains)(connector), other_way)
            {
                let name = &connector.meta().name;
                found.push(warning(
                    "ForcedTlsOneDirection",
                    format!("{}:{name}", self.kind),
                    format!(
                        "{} '{name}' {}; forced TLS needs a connector in each direction.",
                        T::KIND.noun,
                        self.gap
                    ),
                ));
            }
        }
    }
}
