//! L1 — certificate checks: the S/MIME lint ([`smime`], the rules of RFC 8550 and the CA/B Forum
//! S/MIME Baseline Requirements as listed in the reference notes §C.4) and the pieces of chain
//! building ([`find_issuer`], [`issued_by`]) that Test-Certificate and Test-SmimeCertificate share.

use std::fmt;

use super::Certificate;
use super::key_usage::KeyUsageFlags;
/// Signature checks live in [`super::signature`]; re-exported for the chain builders here.
pub use super::signature::signature_verifies;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The certificate breaks a MUST/SHALL rule: it is not fit for S/MIME.
    Error,
    /// A SHOULD rule or a practice the seed recommends.
    Warning,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A short id (`eku-email-protection`).
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong, with the rule's source.
    pub message: String,
}

impl fmt::Display for Finding {
    /// `rule: message`, as Test-SmimeCertificate lists findings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)
    }
}

/// What the lint knows beyond the certificate itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChainContext<'a> {
    /// The certificate that issued this one, when found.
    pub issuer: Option<&'a Certificate>,
    /// A mailbox address that must be in the SAN.
    pub email_address: Option<&'a str>,
    /// The certificate is the user's own (signing, decryption): it needs its private key.
    pub needs_private_key: bool,
}

pub const EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
pub const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
pub const ANY_EKU: &str = "2.5.29.37.0";
const RSA: &str = "1.2.840.113549.1.1.1";
const EC: &str = "1.2.840.10045.2.1";
const ED25519: &str = "1.3.101.112";
const ED448: &str = "1.3.101.113";
/// EKUs an S/MIME subscriber certificate SHALL NOT carry (SBR §7.1.2.3(f)).
const FORBIDDEN_EKUS: &[(&str, &str)] = &[
    (SERVER_AUTH, "serverAuth"),
    ("1.3.6.1.5.5.7.3.3", "codeSigning"),
    ("1.3.6.1.5.5.7.3.8", "timeStamping"),
    (ANY_EKU, "anyExtendedKeyUsage"),
];
/// SBR §6.3.2: the longest validity of a Strict or Multipurpose certificate.
const MAX_VALIDITY_DAYS: i64 = 825;
const DAY: i64 = 86_400;

/// Every breach of the S/MIME rules by `cert` at `now` (Unix seconds), in rule order.
pub fn smime(cert: &Certificate, now: i64, context: ChainContext<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut add = |rule, severity, message: String| {
        findings.push(Finding {
            rule,
            severity,
            message,
        })
    };
    for (rule, severity, message) in eku_rules(cert)
        .into_iter()
        .chain(key_usage_rules(cert))
        .chain(san_rules(cert, context.email_address))
        .chain(key_rules(cert))
        .chain(validity_rules(cert, now))
        .chain(issuer_rules(cert, context.issuer))
        .chain(private_key_rule(cert, context.needs_private_key))
        .chain(extension_rules(cert))
    {
        add(rule, severity, message);
    }
    findings
}

type Rule = (&'static str, Severity, String);

fn eku_rules(cert: &Certificate) -> Vec<Rule> {
    let mut out = Vec::new();
    let Some(ekus) = cert.enhanced_key_usages() else {
        out.push((
            "eku-email-protection",
            Severity::Error,
            "the extendedKeyUsage extension is missing; it must list emailProtection (1.3.6.1.5.5.7.3.4) (SBR §7.1.2.3(f), RFC 8550 §4.4.4)".to_string(),
        ));
        return out;
    };
    let has = |oid: &str| ekus.iter().any(|e| e.oid == oid);
    if !has(EMAIL_PROTECTION) && !has(ANY_EKU) {
        out.push((
            "eku-email-protection",
            Severity::Error,
            "the extendedKeyUsage does not list emailProtection (1.3.6.1.5.5.7.3.4) (SBR §7.1.2.3(f), RFC 8550 §4.4.4)".to_string(),
        ));
    }
    for (oid, name) in FORBIDDEN_EKUS {
        if has(oid) {
            out.push((
                "eku-forbidden-purpose",
                Severity::Warning,
                format!("the extendedKeyUsage lists {name} ({oid}), which an S/MIME certificate shall not carry (SBR §7.1.2.3(f))"),
            ));
        }
    }
    out
}

fn key_usage_rules(cert: &Certificate) -> Vec<Rule> {
    let mut out = Vec::new();
    let Some(usage) = cert.key_usage() else {
        out.push((
            "key-usage-missing",
            Severity::Error,
            "the keyUsage extension is missing (SBR §7.1.2.3(e), RFC 8550 §4.4.2)".to_string(),
        ));
        return out;
    };
    let signs = usage.contains(KeyUsageFlags::DIGITAL_SIGNATURE)
        || usage.contains(KeyUsageFlags::NON_REPUDIATION);
    let key_oid = cert.public_key().algorithm.oid.as_str();
    let (encrypts, encryption_bit) = match key_oid {
        EC => (usage.contains(KeyUsageFlags::KEY_AGREEMENT), "keyAgreement"),
        ED25519 | ED448 => (false, ""),
        _ => (
            usage.contains(KeyUsageFlags::KEY_ENCIPHERMENT),
            "keyEncipherment",
        ),
    };
    if !signs && !encrypts {
        let wanted = if encryption_bit.is_empty() {
            "digitalSignature".to_string()
        } else {
            format!("digitalSignature (signing) or {encryption_bit} (encryption)")
        };
        out.push((
            "key-usage-purpose",
            Severity::Error,
            format!("the keyUsage ({}) allows neither signing nor encryption; it needs {wanted} (RFC 8550 §4.4.2)", usage.names().join(", ")),
        ));
    }
    if usage.contains(KeyUsageFlags::KEY_CERT_SIGN) || usage.contains(KeyUsageFlags::CRL_SIGN) {
        out.push((
            "key-usage-ca-bits",
            Severity::Error,
            "the keyUsage has keyCertSign or cRLSign, which only a CA certificate may have (SBR §7.1.2.3(e))".to_string(),
        ));
    }
    if !cert.info().key_usage_critical {
        out.push((
            "key-usage-not-critical",
            Severity::Warning,
            "the keyUsage extension should be critical (SBR §7.1.2.3(e))".to_string(),
        ));
    }
    out
}

fn san_rules(cert: &Certificate, wanted: Option<&str>) -> Vec<Rule> {
    let mut out = Vec::new();
    let emails = cert.email_addresses();
    if emails.is_empty() {
        out.push((
            "san-email",
            Severity::Error,
            "the subjectAltName has no rfc822Name (email address) (SBR §7.1.4.2.1, RFC 8550 §3)"
                .to_string(),
        ));
    }
    if let Some(address) = wanted
        && !emails.iter().any(|e| e.eq_ignore_ascii_case(address))
    {
        out.push((
            "san-address-mismatch",
            Severity::Error,
            format!("'{address}' is not among the subjectAltName addresses ({}); Outlook and OWA will not offer this certificate for it", emails.join(", ")),
        ));
    }
    out
}

fn key_rules(cert: &Certificate) -> Vec<Rule> {
    let key = cert.public_key();
    let mut out = Vec::new();
    match key.algorithm.oid.as_str() {
        RSA if key.key_size < 2048 || !key.key_size.is_multiple_of(8) => out.push((
            "rsa-key-size",
            Severity::Error,
            format!(
                "the RSA key has {} bits; it must have at least 2048 and a multiple of 8 (SBR §6.1.5, RFC 8551 §2)",
                key.key_size
            ),
        )),
        RSA | ED25519 | ED448 => {}
        EC => {
            let curve = key.curve.as_deref().unwrap_or("unknown");
            if !matches!(curve, "nistP256" | "nistP384" | "nistP521") {
                out.push((
                    "ec-curve",
                    Severity::Error,
                    format!("the EC key is on curve {curve}; only P-256, P-384 and P-521 are permitted (SBR §6.1.5)"),
                ));
            }
        }
        other => out.push((
            "key-algorithm",
            Severity::Error,
            format!(
                "the key algorithm {} ({other}) is not permitted; use RSA, ECDSA or EdDSA (SBR §6.1.5)",
                key.algorithm.name()
            ),
        )),
    }
    let signature = cert.signature_algorithm().name().to_ascii_lowercase();
    if signature.contains("sha1") || signature.contains("md5") || signature.contains("md2") {
        out.push((
            "weak-signature",
            Severity::Warning,
            format!(
                "the certificate is signed with {}; use SHA-256 or better (RFC 8551 §2.1)",
                cert.signature_algorithm().name()
            ),
        ));
    }
    out
}

fn validity_rules(cert: &Certificate, now: i64) -> Vec<Rule> {
    let mut out = Vec::new();
    if cert.not_after() < now {
        out.push((
            "expired",
            Severity::Error,
            format!(
                "the certificate expired {} day(s) ago",
                (now - cert.not_after()) / DAY
            ),
        ));
    }
    if cert.not_before() > now {
        out.push((
            "not-yet-valid",
            Severity::Error,
            format!(
                "the certificate is valid only in {} day(s)",
                (cert.not_before() - now) / DAY + 1
            ),
        ));
    }
    let days = (cert.not_after() - cert.not_before()) / DAY;
    if days > MAX_VALIDITY_DAYS {
        out.push((
            "validity-too-long",
            Severity::Warning,
            format!(
                "the validity is {days} days; at most {MAX_VALIDITY_DAYS} are allowed (SBR §6.3.2)"
            ),
        ));
    }
    out
}

fn issuer_rules(cert: &Certificate, issuer: Option<&Certificate>) -> Vec<Rule> {
    let mut out = Vec::new();
    if cert.is_ca() {
        out.push((
            "ca-certificate",
            Severity::Error,
            "the certificate is a CA certificate (basicConstraints cA=TRUE), not a user's (SBR §7.1.2.3(d))".to_string(),
        ));
    }
    let from_root = if cert.is_self_signed() {
        Some("the certificate is self-signed")
    } else if issuer.is_some_and(Certificate::is_self_signed) {
        Some("the certificate is issued straight from a root")
    } else {
        None
    };
    if let Some(what) = from_root {
        out.push((
            "issued-by-root",
            Severity::Warning,
            format!("{what}; issue user certificates from an intermediate CA so the root stays intact when they are revoked and reissued (seed S/MIME guide, step 1)"),
        ));
    }
    out
}

fn private_key_rule(cert: &Certificate, needed: bool) -> Option<Rule> {
    (needed && !cert.has_private_key()).then(|| {
        (
            "private-key-missing",
            Severity::Error,
            "the certificate has no private key here; the user's own certificate needs one to sign and decrypt (seed S/MIME guide, step 1)".to_string(),
        )
    })
}

fn extension_rules(cert: &Certificate) -> Vec<Rule> {
    let mut out = Vec::new();
    if cert.subject_key_identifier().is_none() {
        out.push((
            "ski-missing",
            Severity::Warning,
            "the subjectKeyIdentifier extension is missing; Exchange needs it populated (SBR §7.1.2.3(n), seed S/MIME guide)".to_string(),
        ));
    }
    if !cert
        .crl_distribution_points()
        .iter()
        .any(|url| url.to_ascii_lowercase().starts_with("http://"))
    {
        out.push((
            "crl-distribution-point",
            Severity::Warning,
            "no HTTP CRL distribution point; Exchange Online needs a CRL it can reach (SBR §7.1.2.3(b))".to_string(),
        ));
    }
    if cert.ocsp_urls().is_empty() && cert.ca_issuer_urls().is_empty() {
        out.push((
            "aia-missing",
            Severity::Warning,
            "no authorityInformationAccess (OCSP or CA issuers) (SBR §7.1.2.3(c))".to_string(),
        ));
    }
    out
}

/// Did `issuer` issue `cert`, by names and (when both are present) key identifiers?
/// Signatures are not verified.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.issuer() != issuer.subject() {
        return false;
    }
    match (
        cert.authority_key_identifier(),
        issuer.subject_key_identifier(),
    ) {
        (Some(aki), Some(ski)) => aki == ski,
        _ => true,
    }
}

/// The first of `candidates` that issued `cert` (never `cert` itself).
pub fn find_issuer<'a>(
    cert: &Certificate,
    candidates: &'a [Certificate],
) -> Option<&'a Certificate> {
    candidates
        .iter()
        .find(|c| !c.same_certificate(cert) && issued_by(cert, c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    fn rules(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_root_breaks_the_leaf_rules_and_says_where_they_come_from() {
        let chain = sample_certificates();
        let root = &chain[0];
        let now = root.not_before() + DAY;
        let findings = smime(root, now, ChainContext::default());
        let ids = rules(&findings);
        assert!(ids.contains(&"ca-certificate"), "{ids:?}");
        assert!(ids.contains(&"san-email"), "{ids:?}");
        assert!(ids.contains(&"issued-by-root"), "{ids:?}");
        let ca = findings
            .iter()
            .find(|f| f.rule == "ca-certificate")
            .unwrap();
        assert_eq!(ca.severity, Severity::Error);
        assert!(
            ca.to_string()
                .starts_with("ca-certificate: the certificate is a CA")
        );
    }

    #[test]
    fn expiry_and_the_wanted_address_are_checked() {
        let chain = sample_certificates();
        let leaf = &chain[2];
        let later = leaf.not_after() + 3 * DAY;
        let context = ChainContext {
            issuer: None,
            email_address: Some("nobody@example.com"),
            needs_private_key: true,
        };
        let ids = rules(&smime(leaf, later, context));
        assert!(ids.contains(&"expired"), "{ids:?}");
        assert!(ids.contains(&"san-address-mismatch"), "{ids:?}");
        assert!(ids.contains(&"private-key-missing"), "{ids:?}");
        let ids = rules(&smime(
            leaf,
            leaf.not_before() - DAY,
            ChainContext::default(),
        ));
        assert!(ids.contains(&"not-yet-valid"), "{ids:?}");
    }

    #[test]
    fn issuers_are_found_by_name_and_key_id() {
        let chain = sample_certificates();
        assert!(find_issuer(&chain[2], &chain).is_some_and(|c| c.same_certificate(&chain[1])));
        let root = &chain[0];
        assert!(find_issuer(root, &chain).is_none());
        assert!(!issued_by(root, &chain[2]));
        assert!(issued_by(&chain[1], root));
    }
}
