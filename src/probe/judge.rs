//! L1 — judging the chain a server presented: built against the trust store (webpki, through
//! rustls), dates, names, key size, self-signed, root issuer. One clear finding per cause: a
//! self-signed leaf is `SelfSigned`, not also `UntrustedRoot`; an expired chain that would
//! otherwise verify is `CertificateExpired` only.

use rustls::client::{verify_server_cert_signed_by_trust_anchor, verify_server_name};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, Error as TlsError};

use crate::pki::Certificate;

use super::finding::{Code, Finding};
use super::names::{cn_of, holds_name, root_matches};
use super::policy::Policy;
use super::trust::TrustStore;

const RSA: &str = "1.2.840.113549.1.1.1";
const DSA: &str = "1.2.840.10040.4.1";
const EC: &str = "1.2.840.10045.2.1";
const DAY: i64 = 86_400;

/// What the chain says, and the findings about it.
#[derive(Debug, Clone, Default)]
pub struct ChainReport {
    /// The certificates as sent, leaf first (unreadable ones are left out).
    pub certificates: Vec<Certificate>,
    pub trusted: Option<bool>,
    pub name_matches: Option<bool>,
    pub root_issuer: Option<String>,
    pub key_size: Option<u32>,
    pub days_until_expiry: Option<i64>,
    /// CRL, OCSP and CA-issuer URLs of the leaf.
    pub revocation_endpoints: Vec<String>,
    pub findings: Vec<Finding>,
}

/// What the judge needs besides the chain.
pub struct Judge<'a> {
    pub trust: &'a TrustStore,
    pub algorithms: WebPkiSupportedAlgorithms,
    pub policy: &'a Policy,
    /// Now, in Unix seconds.
    pub now: i64,
}

impl Judge<'_> {
    /// Judge `chain` (leaf first) as presented by `host`.
    pub fn chain(&self, chain: &[CertificateDer<'static>], host: &str) -> ChainReport {
        let mut report = ChainReport {
            certificates: chain
                .iter()
                .filter_map(|der| Certificate::from_der(der.as_ref().to_vec()).ok())
                .collect(),
            ..ChainReport::default()
        };
        let Some(leaf) = report.certificates.first().cloned() else {
            report.findings.push(Finding::new(
                Code::InvalidChain,
                "The server sent no readable certificate.",
            ));
            return report;
        };
        let last = report.certificates.last().cloned().unwrap_or(leaf.clone());
        report.root_issuer = Some(last.issuer().to_string());
        report.key_size = Some(leaf.public_key().key_size);
        report.days_until_expiry = Some((leaf.not_after() - self.now).div_euclid(DAY));
        let info = leaf.info();
        report.revocation_endpoints = info
            .crl_distribution_points
            .iter()
            .chain(&info.ocsp_urls)
            .chain(&info.ca_issuer_urls)
            .cloned()
            .collect();
        self.dates(&report.certificates, &mut report.findings);
        order(&report.certificates, &mut report.findings);
        report.trusted = Some(self.trust_of(chain, &leaf, &last, &mut report.findings));
        report.name_matches = self.names(chain, &leaf, host, &mut report.findings);
        self.key(&leaf, &mut report.findings);
        if let (Some(wanted), Some(root)) = (&self.policy.expected_root_issuer, &report.root_issuer)
            && !root_matches(root, wanted)
        {
            report.findings.push(Finding::new(
                Code::RootIssuerMismatch,
                format!("The chain ends in the root '{root}', not '{wanted}'."),
            ));
        }
        report
    }

    /// Expired / not yet valid (every certificate sent), and expiring soon (the leaf).
    fn dates(&self, certificates: &[Certificate], findings: &mut Vec<Finding>) {
        for (depth, cert) in certificates.iter().enumerate() {
            let which = if depth == 0 {
                "The certificate"
            } else {
                "The chain certificate"
            };
            if cert.not_after() < self.now {
                let days = (self.now - cert.not_after()) / DAY;
                findings.push(Finding::new(
                    Code::CertificateExpired,
                    format!("{which} '{}' expired {days} day(s) ago.", cert.subject()),
                ));
            } else if cert.not_before() > self.now {
                findings.push(Finding::new(
                    Code::CertificateNotYetValid,
                    format!(
                        "{which} '{}' is not valid yet (NotBefore is in the future).",
                        cert.subject()
                    ),
                ));
            } else if depth == 0 {
                let left = (cert.not_after() - self.now) / DAY;
                if left < self.policy.expiry_warning_days {
                    findings.push(Finding::new(
                        Code::CertificateExpiresSoon,
                        format!(
                            "The certificate '{}' expires in {left} day(s).",
                            cert.subject()
                        ),
                    ));
                }
            }
        }
    }

    /// Does the chain reach an anchor? Dates are judged apart: an out-of-date chain is
    /// checked again at a moment inside the leaf's validity.
    fn trust_of(
        &self,
        chain: &[CertificateDer<'static>],
        leaf: &Certificate,
        last: &Certificate,
        findings: &mut Vec<Finding>,
    ) -> bool {
        let Some(first) = chain.first() else {
            return false;
        };
        let parsed = match ParsedCertificate::try_from(first) {
            Ok(parsed) => parsed,
            Err(error) => {
                findings.push(Finding::new(
                    Code::InvalidChain,
                    format!("The certificate cannot be read for path building: {error}."),
                ));
                return false;
            }
        };
        if leaf.is_self_signed() {
            if self.trust.contains(first.as_ref()) {
                return true;
            }
            findings.push(Finding::new(
                Code::SelfSigned,
                format!(
                    "The certificate '{}' is self-signed and not in {}.",
                    leaf.subject(),
                    self.trust.source
                ),
            ));
            return false;
        }
        let verify = |at: i64| {
            let seconds = u64::try_from(at).unwrap_or(0);
            verify_server_cert_signed_by_trust_anchor(
                &parsed,
                &self.trust.roots,
                &chain[1..],
                UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds)),
                self.algorithms.all,
            )
        };
        let mut result = verify(self.now);
        if is_date_error(&result) {
            let inside = leaf.not_before() + (leaf.not_after() - leaf.not_before()) / 2;
            result = verify(inside);
            if is_date_error(&result) {
                // Dates are already reported; the chain is otherwise not judged.
                return false;
            }
        }
        let error = match result {
            Ok(()) => return true,
            Err(error) => error,
        };
        let finding = match error {
            TlsError::InvalidCertificate(CertificateError::UnknownIssuer) => {
                let message = if last.is_self_signed() {
                    format!(
                        "The chain ends in the root '{}', which is not in {}.",
                        last.subject(),
                        self.trust.source
                    )
                } else {
                    format!(
                        "The chain does not reach a root in {}: no anchor for '{}' (the server may not send an intermediate certificate).",
                        self.trust.source,
                        last.issuer()
                    )
                };
                Finding::new(Code::UntrustedRoot, message)
            }
            TlsError::InvalidCertificate(
                CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. },
            ) => Finding::new(
                Code::InvalidChain,
                "The certificate chain is not for server authentication (extended key usage).",
            ),
            other => Finding::new(
                Code::InvalidChain,
                format!("The chain does not verify: {other}."),
            ),
        };
        findings.push(finding);
        false
    }

    /// The host name (or -ExpectedCertificateName instead).
    fn names(
        &self,
        chain: &[CertificateDer<'static>],
        leaf: &Certificate,
        host: &str,
        findings: &mut Vec<Finding>,
    ) -> Option<bool> {
        let listed = shown_names(leaf);
        if let Some(wanted) = &self.policy.expected_name {
            let ok = holds_name(leaf, wanted);
            if !ok {
                findings.push(Finding::new(
                    Code::CertificateNameMismatch,
                    format!("The certificate is not for '{wanted}' (it names {listed})."),
                ));
            }
            return Some(ok);
        }
        let ok = match host.parse::<std::net::IpAddr>() {
            Ok(ip) => {
                let by_san = chain
                    .first()
                    .and_then(|der| ParsedCertificate::try_from(der).ok())
                    .is_some_and(|p| {
                        verify_server_name(&p, &ServerName::IpAddress(ip.into())).is_ok()
                    });
                by_san || cn_of(leaf.subject()).is_some_and(|cn| cn == ip.to_string())
            }
            Err(_) => holds_name(leaf, host),
        };
        if !ok {
            findings.push(Finding::new(
                Code::NameMismatch,
                format!(
                    "The certificate is not valid for the host name '{host}' (it names {listed})."
                ),
            ));
        }
        Some(ok)
    }

    /// RSA/DSA below the minimum, EC below 256 bits.
    fn key(&self, leaf: &Certificate, findings: &mut Vec<Finding>) {
        let key = leaf.public_key();
        let (weak, floor) = match key.algorithm.oid.as_str() {
            RSA | DSA => (
                key.key_size < self.policy.minimum_key_size,
                self.policy.minimum_key_size,
            ),
            EC => (key.key_size < 256, 256),
            _ => (false, 0),
        };
        if weak && key.key_size > 0 {
            findings.push(Finding::new(
                Code::WeakKey,
                format!(
                    "The certificate's {} key has {} bits; at least {floor} are required.",
                    key.algorithm.name(),
                    key.key_size
                ),
            ));
        }
    }
}

/// Each certificate sent must be issued by the next one (RFC 8446 §4.4.2 lets clients cope,
/// but older ones do not; testssl.sh flags it too).
fn order(certificates: &[Certificate], findings: &mut Vec<Finding>) {
    let misplaced = certificates
        .windows(2)
        .find(|pair| pair[0].issuer() != pair[1].subject() && !pair[0].is_self_signed());
    if let Some(pair) = misplaced {
        findings.push(Finding::new(
            Code::ChainOrder,
            format!(
                "The chain is sent out of order: '{}' is followed by '{}', which did not issue it.",
                pair[0].subject(),
                pair[1].subject()
            ),
        ));
    }
}

fn is_date_error(result: &Result<(), TlsError>) -> bool {
    matches!(
        result,
        Err(TlsError::InvalidCertificate(
            CertificateError::Expired
                | CertificateError::ExpiredContext { .. }
                | CertificateError::NotValidYet
                | CertificateError::NotValidYetContext { .. }
        ))
    )
}

/// The names a certificate holds, for messages: `'a', 'b'` or `no name`.
fn shown_names(cert: &Certificate) -> String {
    let mut names: Vec<String> = cert.dns_names().to_vec();
    if names.is_empty()
        && let Some(cn) = cn_of(cert.subject())
    {
        names.push(cn);
    }
    if names.is_empty() {
        return "no name".to_string();
    }
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::probe::policy::Policy;
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    use time::{Duration, OffsetDateTime};

    /// A CA named `root` and a leaf for `name` it issued, valid `from`..`to` days around now: (ca, leaf).
    fn issued(
        root: &str,
        name: &str,
        from: i64,
        to: i64,
    ) -> (CertificateDer<'static>, CertificateDer<'static>) {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name.push(DnType::CommonName, root);
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let leaf_key = KeyPair::generate().unwrap();
        let mut leaf = CertificateParams::new(vec![name.to_string()]).unwrap();
        leaf.distinguished_name.push(DnType::CommonName, name);
        let now = OffsetDateTime::now_utc();
        leaf.not_before = now + Duration::days(from);
        leaf.not_after = now + Duration::days(to);
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();
        (ca_cert.der().clone(), leaf_cert.der().clone())
    }

    fn judge(
        chain: &[CertificateDer<'static>],
        anchor: &CertificateDer<'static>,
        host: &str,
    ) -> ChainReport {
        let anchor = Certificate::from_der(anchor.as_ref().to_vec()).unwrap();
        let trust = TrustStore::from_certificates(&[anchor], "the test root".into());
        let policy = Policy::default();
        let algorithms = rustls::crypto::ring::default_provider().signature_verification_algorithms;
        let judge = Judge {
            trust: &trust,
            algorithms,
            policy: &policy,
            now: crate::pki::system::unix_now(),
        };
        judge.chain(chain, host)
    }

    fn codes(report: &ChainReport) -> Vec<Code> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_good_chain_passes_and_an_expired_one_is_only_expired() {
        let (ca, leaf) = issued("Judge Test Root", "mx.contoso.test", -10, 200);
        let report = judge(&[leaf.clone(), ca.clone()], &ca, "mx.contoso.test");
        assert_eq!(codes(&report), vec![], "{:?}", report.findings);
        assert_eq!(report.trusted, Some(true));
        assert_eq!(report.name_matches, Some(true));
        assert_eq!(report.root_issuer.as_deref(), Some("CN=Judge Test Root"));

        let (ca, leaf) = issued("Judge Test Root", "mx.contoso.test", -100, -5);
        let report = judge(&[leaf], &ca, "mx.contoso.test");
        assert_eq!(
            codes(&report),
            vec![Code::CertificateExpired],
            "{:?}",
            report.findings
        );
        assert_eq!(
            report.trusted,
            Some(true),
            "trust is judged apart from dates"
        );
        assert!(report.days_until_expiry.unwrap() < 0);
    }

    #[test]
    fn names_roots_and_order_each_have_their_finding() {
        let (ca, leaf) = issued("Judge Test Root", "mx.contoso.test", -1, 20);
        let (other_ca, _) = issued("Other Root", "x.test", -1, 20);
        let report = judge(&[leaf.clone(), other_ca.clone()], &ca, "www.contoso.test");
        let mut found = codes(&report);
        found.sort_by_key(|c| c.name());
        assert_eq!(
            found,
            vec![
                Code::CertificateExpiresSoon,
                Code::ChainOrder,
                Code::NameMismatch
            ],
            "{:?}",
            report.findings
        );
        let report = judge(&[leaf], &other_ca, "mx.contoso.test");
        let found = codes(&report);
        assert!(found.contains(&Code::UntrustedRoot), "{found:?}");
        assert!(!found.contains(&Code::SelfSigned), "{found:?}");
    }
}
