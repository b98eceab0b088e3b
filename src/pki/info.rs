//! L1 — what a certificate says, read once with x509-parser into owned values: names in
//! Windows' form, validity, key, extensions (key usages, SAN, SKI/AKI, CRL DP, AIA).

use std::fmt;

use x509_parser::asn1_rs::{FromDer, Oid};
use x509_parser::certificate::X509Certificate;
use x509_parser::der_parser::der::parse_der_integer;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::x509::SubjectPublicKeyInfo;

use super::key_usage::KeyUsageFlags;
use super::names;
use super::oids;

/// An object identifier with the name Windows gives it (`sha256RSA`, `Secure Email`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOid {
    /// Dotted form, e.g. `1.3.6.1.5.5.7.3.4`.
    pub oid: String,
    /// Windows' name, when it has one.
    pub friendly_name: Option<&'static str>,
}

impl NamedOid {
    fn new(oid: String, table: fn(&str) -> Option<&'static str>) -> NamedOid {
        let friendly_name = table(&oid);
        NamedOid { oid, friendly_name }
    }

    /// The friendly name, or the dotted OID when there is none.
    pub fn name(&self) -> &str {
        self.friendly_name.unwrap_or(&self.oid)
    }
}

impl fmt::Display for NamedOid {
    /// PowerShell's `EnhancedKeyUsageRepresentation` form: `Secure Email (1.3.6.1.5.5.7.3.4)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.friendly_name {
            Some(name) => write!(f, "{name} ({})", self.oid),
            None => f.write_str(&self.oid),
        }
    }
}

/// The basicConstraints extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicConstraints {
    /// cA: may this certificate issue certificates?
    pub certificate_authority: bool,
    /// pathLenConstraint, when present.
    pub path_length: Option<u32>,
    pub critical: bool,
}

/// The subject public key: algorithm and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyInfo {
    /// `RSA` (1.2.840.113549.1.1.1), `ECC` (1.2.840.10045.2.1), …
    pub algorithm: NamedOid,
    /// RSA modulus bits, the EC curve size, DSA prime bits; 0 when unknown.
    pub key_size: u32,
    /// The named curve of an EC key (`nistP256`), or its OID when unnamed.
    pub curve: Option<String>,
    /// The subjectPublicKey bits (.NET `EncodedKeyValue`).
    pub encoded_key: Vec<u8>,
}

/// One extension as it is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionInfo {
    pub oid: NamedOid,
    pub critical: bool,
    /// The extnValue octets.
    pub value: Vec<u8>,
}

/// Everything mailsec reads out of a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    pub version: u32,
    pub subject: String,
    pub issuer: String,
    pub subject_common_name: Option<String>,
    pub serial_number: String,
    pub not_before: i64,
    pub not_after: i64,
    pub signature_algorithm: NamedOid,
    pub public_key: PublicKeyInfo,
    pub dns_names: Vec<String>,
    pub email_addresses: Vec<String>,
    /// None when the certificate has no extendedKeyUsage extension (valid for all purposes).
    pub enhanced_key_usages: Option<Vec<NamedOid>>,
    pub key_usage: Option<KeyUsageFlags>,
    pub key_usage_critical: bool,
    pub basic_constraints: Option<BasicConstraints>,
    pub subject_key_identifier: Option<Vec<u8>>,
    pub authority_key_identifier: Option<Vec<u8>>,
    pub crl_distribution_points: Vec<String>,
    pub ocsp_urls: Vec<String>,
    pub ca_issuer_urls: Vec<String>,
    pub certificate_policies: Vec<String>,
    pub subject_alternative_name_critical: bool,
    pub extensions: Vec<ExtensionInfo>,
    pub self_signed: bool,
}

impl CertificateInfo {
    /// Read a parsed certificate.
    pub fn read(x509: &X509Certificate<'_>) -> CertificateInfo {
        let tbs = &x509.tbs_certificate;
        let mut info = CertificateInfo {
            version: tbs.version.0 + 1,
            subject: names::display_name(tbs.subject()),
            issuer: names::display_name(tbs.issuer()),
            subject_common_name: names::last_attribute(tbs.subject(), "2.5.4.3"),
            serial_number: super::thumbprint::upper_hex(tbs.raw_serial()),
            not_before: tbs.validity().not_before.timestamp(),
            not_after: tbs.validity().not_after.timestamp(),
            signature_algorithm: NamedOid::new(
                x509.signature_algorithm.algorithm.to_id_string(),
                oids::signature_name,
            ),
            public_key: public_key(tbs.public_key()),
            dns_names: Vec::new(),
            email_addresses: Vec::new(),
            enhanced_key_usages: None,
            key_usage: None,
            key_usage_critical: false,
            basic_constraints: None,
            subject_key_identifier: None,
            authority_key_identifier: None,
            crl_distribution_points: Vec::new(),
            ocsp_urls: Vec::new(),
            ca_issuer_urls: Vec::new(),
            certificate_policies: Vec::new(),
            subject_alternative_name_critical: false,
            extensions: Vec::new(),
            self_signed: false,
        };
        for extension in tbs.extensions() {
            info.read_extension(
                &extension.oid,
                extension.critical,
                extension.value,
                extension.parsed_extension(),
            );
        }
        info.self_signed = tbs.subject().as_raw() == tbs.issuer().as_raw()
            && match (&info.authority_key_identifier, &info.subject_key_identifier) {
                (Some(aki), Some(ski)) => aki == ski,
                _ => true,
            };
        info
    }

    fn read_extension(
        &mut self,
        oid: &Oid<'_>,
        critical: bool,
        value: &[u8],
        parsed: &ParsedExtension<'_>,
    ) {
        self.extensions.push(ExtensionInfo {
            oid: NamedOid::new(oid.to_id_string(), oids::extension_name),
            critical,
            value: value.to_vec(),
        });
        match parsed {
            ParsedExtension::SubjectAlternativeName(san) => {
                self.subject_alternative_name_critical = critical;
                for name in &san.general_names {
                    match name {
                        GeneralName::DNSName(dns) => self.dns_names.push((*dns).to_string()),
                        GeneralName::RFC822Name(mail) => {
                            self.email_addresses.push((*mail).to_string())
                        }
                        _ => {}
                    }
                }
            }
            ParsedExtension::ExtendedKeyUsage(_) => {
                // x509-parser keeps the purposes as flags; read them again in their order.
                let purposes = <Vec<Oid>>::from_der(value)
                    .map(|(_, oids)| oids)
                    .unwrap_or_default();
                self.enhanced_key_usages = Some(
                    purposes
                        .iter()
                        .map(|oid| NamedOid::new(oid.to_id_string(), oids::eku_name))
                        .collect(),
                );
            }
            ParsedExtension::KeyUsage(usage) => {
                self.key_usage = Some(KeyUsageFlags::from_rfc_bits(usage.flags));
                self.key_usage_critical = critical;
            }
            ParsedExtension::BasicConstraints(constraints) => {
                self.basic_constraints = Some(BasicConstraints {
                    certificate_authority: constraints.ca,
                    path_length: constraints.path_len_constraint,
                    critical,
                });
            }
            ParsedExtension::SubjectKeyIdentifier(id) => {
                self.subject_key_identifier = Some(id.0.to_vec());
            }
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                self.authority_key_identifier = aki.key_identifier.as_ref().map(|id| id.0.to_vec());
            }
            ParsedExtension::CRLDistributionPoints(points) => {
                for point in &points.points {
                    if let Some(DistributionPointName::FullName(names)) = &point.distribution_point
                    {
                        self.crl_distribution_points.extend(uris(names));
                    }
                }
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for access in aia.iter() {
                    let method = access.access_method.to_id_string();
                    let location = uris(std::slice::from_ref(&access.access_location));
                    match method.as_str() {
                        oids::AIA_OCSP => self.ocsp_urls.extend(location),
                        oids::AIA_CA_ISSUERS => self.ca_issuer_urls.extend(location),
                        _ => {}
                    }
                }
            }
            ParsedExtension::CertificatePolicies(policies) => {
                self.certificate_policies = policies
                    .iter()
                    .map(|policy| policy.policy_id.to_id_string())
                    .collect();
            }
            _ => {}
        }
    }

    /// The names .NET's `DnsNameList` shows: the SAN dNSNames, else the subject's common name.
    pub fn dns_name_list(&self) -> Vec<String> {
        if !self.dns_names.is_empty() {
            return self.dns_names.clone();
        }
        self.subject_common_name.iter().cloned().collect()
    }
}

/// The URIs among general names.
fn uris(names: &[GeneralName<'_>]) -> Vec<String> {
    names
        .iter()
        .filter_map(|name| match name {
            GeneralName::URI(uri) => Some((*uri).to_string()),
            _ => None,
        })
        .collect()
}

/// The algorithm and size of a subject public key.
fn public_key(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyInfo {
    let oid = spki.algorithm.algorithm.to_id_string();
    let key_bits: &[u8] = &spki.subject_public_key.data;
    let parameters = spki.algorithm.parameters.as_ref();
    let mut curve = None;
    let key_size = match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => rsa_modulus_bits(key_bits),
        "1.2.840.10045.2.1" => {
            let curve_oid = parameters
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve_oid.as_deref().and_then(oids::curve) {
                Some((name, bits)) => {
                    curve = Some(name.to_string());
                    bits
                }
                None => {
                    curve = curve_oid;
                    ec_point_bits(key_bits)
                }
            }
        }
        "1.2.840.10040.4.1" => parameters
            .and_then(|p| parse_der_integer(p.data).ok())
            .and_then(|(_, prime)| prime.as_slice().ok().map(unsigned_bits))
            .unwrap_or(0),
        "1.3.101.110" | "1.3.101.112" => 256,
        "1.3.101.111" => 448,
        "1.3.101.113" => 456,
        _ => 0,
    };
    PublicKeyInfo {
        algorithm: NamedOid::new(oid, oids::public_key_name),
        key_size,
        curve,
        encoded_key: key_bits.to_vec(),
    }
}

/// The modulus size of an RSAPublicKey.
fn rsa_modulus_bits(key: &[u8]) -> u32 {
    use x509_parser::public_key::RSAPublicKey;
    RSAPublicKey::from_der(key)
        .map(|(_, rsa)| unsigned_bits(rsa.modulus))
        .unwrap_or(0)
}

/// The size of an unnamed curve from its point encoding.
fn ec_point_bits(point: &[u8]) -> u32 {
    let len = u32::try_from(point.len()).unwrap_or(0);
    match point.first() {
        Some(4) => (len - 1) / 2 * 8,
        Some(2 | 3) => (len - 1) * 8,
        _ => 0,
    }
}

/// The number of significant bits of a big-endian unsigned integer.
fn unsigned_bits(bytes: &[u8]) -> u32 {
    let significant: &[u8] = match bytes.iter().position(|b| *b != 0) {
        Some(start) => &bytes[start..],
        None => return 0,
    };
    let whole = u32::try_from(significant.len() - 1).unwrap_or(0) * 8;
    whole + (8 - significant[0].leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_sizes_ignore_leading_zeros() {
        assert_eq!(unsigned_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(unsigned_bits(&[0x01, 0xFF]), 9);
        assert_eq!(unsigned_bits(&[0, 0]), 0);
        assert_eq!(ec_point_bits(&[4; 65]), 256);
        assert_eq!(ec_point_bits(&[2; 33]), 256);
    }

    #[test]
    fn named_oids_display_as_powershell_does() {
        let eku = NamedOid::new("1.3.6.1.5.5.7.3.4".into(), oids::eku_name);
        assert_eq!(eku.to_string(), "Secure Email (1.3.6.1.5.5.7.3.4)");
        let unknown = NamedOid::new("1.2.3.4".into(), oids::eku_name);
        assert_eq!(unknown.to_string(), "1.2.3.4");
        assert_eq!(unknown.name(), "1.2.3.4");
    }
}
