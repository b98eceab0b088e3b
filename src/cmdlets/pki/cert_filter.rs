//! L4 — the Cert: drive's dynamic filters for Get-ChildItem: `-DnsName` (wildcards),
//! `-EKU` (friendly names or OIDs, wildcards; all must match), `-ExpiringInDays`,
//! `-SSLServerAuthentication`, `-CodeSigningCert`, `-DocumentEncryptionCert`.

use crate::engine::{Context, Param, Signature};
use crate::pki::Certificate;
use crate::value::PsType;

use super::super::common::{arg_int, arg_strings, string_array, wildcard};

const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
const DOCUMENT_ENCRYPTION: &str = "1.3.6.1.4.1.311.80.1";
const SECONDS_PER_DAY: i64 = 86_400;

/// The filters given to one Get-ChildItem.
#[derive(Debug, Default, Clone)]
pub struct CertFilter {
    dns_name: Option<String>,
    ekus: Vec<String>,
    expiring_in_days: Option<i64>,
    required_oids: Vec<&'static str>,
    now: i64,
}

/// Add the filter parameters to a signature.
pub fn with_filters(signature: Signature) -> Signature {
    signature
        .param(Param::new("DnsName", PsType::String).help("Only certificates with a matching DNS name (wildcards)."))
        .param(Param::new("EKU", string_array()).help("Only certificates with every one of these enhanced key usages (names or OIDs, wildcards)."))
        .param(Param::new("ExpiringInDays", PsType::Int).help("Only certificates that expire within this many days (and have not expired)."))
        .param(Param::switch("SSLServerAuthentication").help("Only server authentication certificates."))
        .param(Param::switch("CodeSigningCert").help("Only code signing certificates."))
        .param(Param::switch("DocumentEncryptionCert").help("Only document encryption certificates."))
}

impl CertFilter {
    /// The filters the arguments ask for.
    pub fn from_args(cx: &Context<'_, '_>) -> CertFilter {
        let mut required_oids = Vec::new();
        for (switch, oid) in [
            ("SSLServerAuthentication", SERVER_AUTH),
            ("CodeSigningCert", CODE_SIGNING),
            ("DocumentEncryptionCert", DOCUMENT_ENCRYPTION),
        ] {
            if cx.args.switch(switch) {
                required_oids.push(oid);
            }
        }
        CertFilter {
            dns_name: cx.args.string("DnsName"),
            ekus: arg_strings(cx, "EKU"),
            expiring_in_days: arg_int(cx, "ExpiringInDays"),
            required_oids,
            now: crate::model::timestamp::Timestamp::now().unix(),
        }
    }

    /// Does `certificate` pass every filter?
    pub fn accepts(&self, certificate: &Certificate) -> bool {
        let ekus = certificate.enhanced_key_usages().unwrap_or(&[]);
        if let Some(pattern) = &self.dns_name {
            let names = certificate.info().dns_name_list();
            if !names.iter().any(|name| wildcard(pattern, name)) {
                return false;
            }
        }
        let has_eku = |pattern: &str| {
            ekus.iter().any(|eku| {
                wildcard(pattern, &eku.oid)
                    || eku
                        .friendly_name
                        .is_some_and(|name| wildcard(pattern, name))
            })
        };
        if !self.ekus.iter().all(|pattern| has_eku(pattern)) {
            return false;
        }
        if !self
            .required_oids
            .iter()
            .all(|oid| ekus.iter().any(|eku| eku.oid == *oid))
        {
            return false;
        }
        if let Some(days) = self.expiring_in_days {
            let limit = self
                .now
                .saturating_add(days.saturating_mul(SECONDS_PER_DAY));
            let not_after = certificate.not_after();
            if not_after < self.now || not_after > limit {
                return false;
            }
        }
        true
    }

    /// Is any filter given (then only certificates are listed)?
    pub fn is_active(&self) -> bool {
        self.dns_name.is_some()
            || !self.ekus.is_empty()
            || self.expiring_in_days.is_some()
            || !self.required_oids.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn chain() -> Vec<Certificate> {
        crate::pki::decode_any(include_bytes!("../../pki/testdata/contoso-chain.pem")).unwrap()
    }

    #[test]
    fn filters_by_dns_name_eku_and_expiry() {
        let certificates = chain();
        let alice = &certificates[2];
        let server = &certificates[3];
        let at = |filter: CertFilter| CertFilter {
            now: alice.not_after() - SECONDS_PER_DAY * 5,
            ..filter
        };
        let dns = at(CertFilter {
            dns_name: Some("smtp.*".into()),
            ..Default::default()
        });
        assert!(dns.accepts(server) && !dns.accepts(&certificates[0]));
        let eku = at(CertFilter {
            ekus: vec!["Secure Email".into(), "1.3.6.1.5.5.7.3.2".into()],
            ..Default::default()
        });
        assert!(eku.accepts(alice) && !eku.accepts(&certificates[0]));
        assert!(eku.is_active() && !CertFilter::default().is_active());
        let expiring = at(CertFilter {
            expiring_in_days: Some(10),
            ..Default::default()
        });
        assert!(expiring.accepts(alice));
        assert!(
            !expiring.accepts(&certificates[0]),
            "the root lasts for years"
        );
        let ssl = at(CertFilter {
            required_oids: vec![SERVER_AUTH],
            ..Default::default()
        });
        assert!(!ssl.accepts(alice));
    }
}
