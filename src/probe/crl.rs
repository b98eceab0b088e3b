//! L1 — one CRL as -CheckRevocation reads it: parsed once (DER or PEM, x509-parser), then
//! trusted for a leaf only when its issuer name is the leaf issuer's subject, the issuer's key
//! verifies its signature (the same ring table as certificates, `pki::signature`) and now lies
//! within its thisUpdate..nextUpdate window.

use std::collections::HashSet;

use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

use crate::pki::signature::verify_signed;
use crate::pki::thumbprint::upper_hex;
use crate::pki::{Certificate, KeyUsageFlags};

/// Clock skew allowed on a CRL's thisUpdate (seconds).
const SKEW: i64 = 300;

/// What a CRL says and what is needed to trust it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    /// The DER of the CRL's issuer name.
    issuer_name: Vec<u8>,
    /// The signed bytes (the TBSCertList DER), the signature and its algorithm OID.
    signed: Vec<u8>,
    signature: Vec<u8>,
    algorithm_oid: String,
    /// thisUpdate and nextUpdate, Unix seconds.
    this_update: i64,
    next_update: Option<i64>,
    /// The revoked serial numbers, upper-case hex.
    serials: HashSet<String>,
}

impl Crl {
    /// Read a DER or PEM CRL.
    pub fn parse(bytes: &[u8]) -> Result<Crl, String> {
        let der = if bytes.starts_with(b"-----BEGIN") {
            pem::parse(bytes)
                .map(|p| p.into_contents())
                .map_err(|e| format!("the PEM CRL does not read ({e})"))?
        } else {
            bytes.to_vec()
        };
        let (_, crl) = CertificateRevocationList::from_der(&der)
            .map_err(|e| format!("the CRL does not read ({e})"))?;
        Ok(Crl {
            issuer_name: crl.issuer().as_raw().to_vec(),
            signed: crl.tbs_cert_list.as_ref().to_vec(),
            signature: crl.signature_value.data.to_vec(),
            algorithm_oid: crl.signature_algorithm.algorithm.to_id_string(),
            this_update: crl.last_update().timestamp(),
            next_update: crl.next_update().map(|t| t.timestamp()),
            serials: crl
                .iter_revoked_certificates()
                .map(|r| upper_hex(r.raw_serial()))
                .collect(),
        })
    }

    /// Does the CRL list `serial` (upper-case hex)?
    pub fn lists(&self, serial: &str) -> bool {
        self.serials.contains(serial)
    }

    /// Why this CRL cannot be trusted for a certificate `issuer` issued, at `now` (Unix
    /// seconds); `None` when it can. `issuer` is `None` when the chain did not include it.
    pub fn distrust(&self, issuer: Option<&Certificate>, now: i64) -> Option<String> {
        let Some(issuer) = issuer else {
            return Some(
                "its signature cannot be verified: the server did not send the certificate's issuer"
                    .to_string(),
            );
        };
        let issuer_subject = x509_parser::parse_x509_certificate(issuer.raw_data())
            .ok()
            .map(|(_, c)| c.tbs_certificate.subject.as_raw().to_vec());
        if issuer_subject.as_deref() != Some(self.issuer_name.as_slice()) {
            return Some(format!(
                "it was not issued by the certificate's issuer ({})",
                issuer.subject()
            ));
        }
        if issuer
            .key_usage()
            .is_some_and(|ku| !ku.contains(KeyUsageFlags::CRL_SIGN))
        {
            return Some(format!(
                "the certificate's issuer ({}) may not sign CRLs (no cRLSign key usage)",
                issuer.subject()
            ));
        }
        match verify_signed(&self.signed, &self.signature, &self.algorithm_oid, issuer) {
            Some(true) => {}
            Some(false) => {
                return Some(format!(
                    "its signature does not verify with the key of the certificate's issuer ({})",
                    issuer.subject()
                ));
            }
            None => {
                return Some(format!(
                    "its signature algorithm {} cannot be verified",
                    self.algorithm_oid
                ));
            }
        }
        if self.this_update > now + SKEW {
            return Some(format!(
                "it is not valid yet (thisUpdate {})",
                timestamp(self.this_update)
            ));
        }
        match self.next_update {
            Some(next) if next < now => Some(format!(
                "it is stale (nextUpdate {} has passed)",
                timestamp(next)
            )),
            _ => None,
        }
    }
}

/// A Unix time as `2026-11-23 09:00:00Z`.
fn timestamp(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_else(|_| seconds.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType, IsCa, Issuer,
        KeyIdMethod, KeyPair, RevokedCertParams, SerialNumber,
    };
    use time::{Duration, OffsetDateTime};

    /// A test CA: its certificate and what signs with its key.
    pub(crate) struct TestCa {
        pub cert: Certificate,
        issuer: Issuer<'static, KeyPair>,
    }

    impl TestCa {
        /// A CA named `name` (two CAs of the same name have different keys).
        pub(crate) fn new(name: &str) -> TestCa {
            let key = KeyPair::generate().unwrap();
            let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
            params.distinguished_name.push(DnType::CommonName, name);
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            let cert = params.self_signed(&key).unwrap();
            TestCa {
                cert: Certificate::from_der(cert.der().to_vec()).unwrap(),
                issuer: Issuer::new(params, key),
            }
        }

        /// A leaf for `name` with serial `serial`, naming `crl_url` as its CRL.
        pub(crate) fn leaf(&self, name: &str, serial: u64, crl_url: &str) -> Certificate {
            let key = KeyPair::generate().unwrap();
            let mut params = CertificateParams::new(vec![name.to_string()]).unwrap();
            params.distinguished_name.push(DnType::CommonName, name);
            params.serial_number = Some(SerialNumber::from(serial));
            params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
                uris: vec![crl_url.to_string()],
            }];
            let cert = params.signed_by(&key, &self.issuer).unwrap();
            Certificate::from_der(cert.der().to_vec()).unwrap()
        }

        /// A DER CRL revoking `serials`, valid `from`..`to` days around now.
        pub(crate) fn crl(&self, serials: &[u64], from: i64, to: i64) -> Vec<u8> {
            let now = OffsetDateTime::now_utc();
            let params = CertificateRevocationListParams {
                this_update: now + Duration::days(from),
                next_update: now + Duration::days(to),
                crl_number: SerialNumber::from(1u64),
                issuing_distribution_point: None,
                revoked_certs: serials
                    .iter()
                    .map(|s| RevokedCertParams {
                        serial_number: SerialNumber::from(*s),
                        revocation_time: now - Duration::days(1),
                        reason_code: None,
                        invalidity_date: None,
                    })
                    .collect(),
                key_identifier_method: KeyIdMethod::Sha256,
            };
            params.signed_by(&self.issuer).unwrap().der().to_vec()
        }
    }

    fn now() -> i64 {
        OffsetDateTime::now_utc().unix_timestamp()
    }

    #[test]
    fn a_crl_signed_by_the_issuer_is_trusted_and_lists_its_serials() {
        let ca = TestCa::new("CRL Test CA");
        let leaf = ca.leaf("mx.contoso.test", 0x1234, "http://127.0.0.1/ca.crl");
        let crl = Crl::parse(&ca.crl(&[0x1234], -1, 7)).unwrap();
        assert_eq!(crl.distrust(Some(&ca.cert), now()), None);
        assert!(crl.lists(&leaf.serial_number().to_ascii_uppercase()));
        assert!(!crl.lists("99"));
        let pem = pem::encode(&pem::Pem::new("X509 CRL", ca.crl(&[], -1, 7)));
        assert!(Crl::parse(pem.as_bytes()).is_ok());
        assert!(Crl::parse(b"not a crl").is_err());
    }

    #[test]
    fn a_crl_from_another_ca_or_out_of_date_is_not_trusted() {
        let ca = TestCa::new("CRL Test CA");
        let impostor = TestCa::new("CRL Test CA");
        let other = TestCa::new("Other CA");
        let forged = Crl::parse(&impostor.crl(&[7], -1, 7)).unwrap();
        let why = forged.distrust(Some(&ca.cert), now()).unwrap();
        assert!(why.contains("signature does not verify"), "{why}");
        let foreign = Crl::parse(&other.crl(&[7], -1, 7)).unwrap();
        let why = foreign.distrust(Some(&ca.cert), now()).unwrap();
        assert!(why.contains("not issued by"), "{why}");
        let stale = Crl::parse(&ca.crl(&[7], -10, -2)).unwrap();
        let why = stale.distrust(Some(&ca.cert), now()).unwrap();
        assert!(why.contains("stale"), "{why}");
        let early = Crl::parse(&ca.crl(&[7], 2, 9)).unwrap();
        let why = early.distrust(Some(&ca.cert), now()).unwrap();
        assert!(why.contains("not valid yet"), "{why}");
        let fine = Crl::parse(&ca.crl(&[7], -1, 7)).unwrap();
        assert!(fine.distrust(None, now()).unwrap().contains("did not send"));
    }

    #[test]
    fn a_corrupted_crl_does_not_verify() {
        let ca = TestCa::new("CRL Test CA");
        let mut crl = Crl::parse(&ca.crl(&[7], -1, 7)).unwrap();
        crl.serials.insert("08".into());
        let last = crl.signed.len() - 1;
        crl.signed[last] ^= 1;
        let why = crl.distrust(Some(&ca.cert), now()).unwrap();
        assert!(why.contains("does not verify"), "{why}");
    }
}
