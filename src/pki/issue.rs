//! L1 — issuing certificates (rcgen with ring): a new key pair (ECDSA, or RSA made by the
//! system's openssl, see `rsa_keygen`) and an X.509 certificate
//! from a [`Request`], self-signed or signed by an issuer whose certificate and PKCS#8 key are
//! given. Also reads the Windows `-TextExtension` forms (EKU, SAN, basic constraints).

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
};
use time::OffsetDateTime;

use super::Certificate;
use super::rsa_keygen::{self, MAX_BITS, MIN_BITS};

/// A key algorithm the build can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    EcdsaP256,
    EcdsaP384,
    /// RSA with this many bits, signed with SHA-256 (made by the system's openssl).
    Rsa(u32),
}

/// Windows' default: RSA, 2048 bits.
const DEFAULT_RSA_BITS: u32 = 2048;

impl KeyAlgorithm {
    /// `-KeyAlgorithm` / `-KeyLength` as Windows takes them (`RSA`, `ECDSA_nistP256`); without
    /// either, RSA 2048 as on Windows. Unknown names and lengths are errors that say what can
    /// be generated.
    pub fn parse(name: Option<&str>, length: Option<i64>) -> Result<KeyAlgorithm, String> {
        let name = name.unwrap_or(match length {
            Some(256) => "ECDSA_nistP256",
            Some(384) => "ECDSA_nistP384",
            _ => "RSA",
        });
        let algorithm = match name.to_ascii_lowercase().as_str() {
            "ecdsa_nistp256" | "ecdsa_p256" | "ecdsa" => KeyAlgorithm::EcdsaP256,
            "ecdsa_nistp384" | "ecdsa_p384" => KeyAlgorithm::EcdsaP384,
            "rsa" => {
                let bits = length.unwrap_or(i64::from(DEFAULT_RSA_BITS));
                let fits = u32::try_from(bits)
                    .ok()
                    .filter(|b| (MIN_BITS..=MAX_BITS).contains(b) && b.is_multiple_of(8));
                return fits.map(KeyAlgorithm::Rsa).ok_or_else(|| {
                    format!(
                        "RSA keys of {bits} bits cannot be made: give -KeyLength from {MIN_BITS} to {MAX_BITS} (a multiple of 8; 2048 is the default)."
                    )
                });
            }
            _ => {
                return Err(format!(
                    "The key algorithm '{name}' is not supported; use RSA (2048 to 8192 bits), ECDSA_nistP256 or ECDSA_nistP384."
                ));
            }
        };
        match (algorithm, length) {
            (_, None)
            | (KeyAlgorithm::EcdsaP256, Some(256))
            | (KeyAlgorithm::EcdsaP384, Some(384)) => Ok(algorithm),
            (_, Some(bits)) => Err(format!(
                "The key length {bits} does not fit {name}: nistP256 keys are 256 bits, nistP384 keys 384."
            )),
        }
    }

    /// A new key pair of this algorithm.
    fn generate(self) -> Result<KeyPair, String> {
        match self {
            KeyAlgorithm::EcdsaP256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256),
            KeyAlgorithm::EcdsaP384 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P384_SHA384),
            KeyAlgorithm::Rsa(bits) => {
                let pem = rsa_keygen::generate(bits)?;
                KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256)
            }
        }
        .map_err(|e| e.to_string())
    }
}

/// What to put in a new certificate.
#[derive(Debug, Clone)]
pub struct Request {
    /// `CN=…, O=…` (Windows form); empty means `CN=<first DNS name>`.
    pub subject: String,
    pub dns_names: Vec<String>,
    pub emails: Vec<String>,
    pub not_before: i64,
    pub not_after: i64,
    pub algorithm: KeyAlgorithm,
    /// Key usage names as `-KeyUsage` takes them; empty means no extension.
    pub key_usages: Vec<String>,
    /// Extended key usage OIDs (dotted).
    pub ekus: Vec<String>,
    /// `Some(path length)` for a CA (`Some(None)`: no limit).
    pub ca: Option<Option<u8>>,
}

/// A new certificate and its private key (PKCS#8 PEM).
pub struct Issued {
    pub certificate: Certificate,
    pub private_key_pem: String,
}

/// The issuer of a certificate that is not self-signed: its certificate and private key (PEM).
pub struct Signer<'a> {
    pub certificate: &'a Certificate,
    pub private_key_pem: &'a str,
}

/// Issue a certificate for `request`: self-signed, or signed by `signer`.
pub fn issue(request: &Request, signer: Option<Signer<'_>>) -> Result<Issued, String> {
    let rc = |e: rcgen::Error| e.to_string();
    let key = request.algorithm.generate()?;
    let mut params = params(request)?;
    // Only an issued certificate names its issuer's key; a self-signed one has no AKI.
    params.use_authority_key_identifier_extension = signer.is_some();
    let issued = match signer {
        None => params.self_signed(&key).map_err(rc)?,
        Some(signer) => {
            let signer_key = KeyPair::from_pem(signer.private_key_pem)
                .map_err(|e| format!("The signer's private key is unreadable: {e}"))?;
            let der = signer.certificate.raw_data().to_vec().into();
            let issuer = Issuer::from_ca_cert_der(&der, signer_key).map_err(rc)?;
            params.signed_by(&key, &issuer).map_err(rc)?
        }
    };
    let mut certificate =
        Certificate::from_der(issued.der().to_vec()).map_err(|e| e.to_string())?;
    certificate.set_has_private_key(true);
    Ok(Issued {
        certificate,
        private_key_pem: key.serialize_pem(),
    })
}

fn params(request: &Request) -> Result<CertificateParams, String> {
    let mut params = CertificateParams::default();
    let subject = match (request.subject.trim(), request.dns_names.first()) {
        ("", Some(dns)) => format!("CN={dns}"),
        ("", None) => {
            return Err("Give -Subject or -DnsName: the certificate needs a subject.".into());
        }
        (subject, _) => subject.to_string(),
    };
    params.distinguished_name = distinguished_name(&subject)?;
    params.not_before = moment(request.not_before)?;
    params.not_after = moment(request.not_after)?;
    if request.not_after <= request.not_before {
        return Err("-NotAfter must be later than -NotBefore.".into());
    }
    let mut serial = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut serial)
        .map_err(|_| "No random numbers are available for the serial number.".to_string())?;
    // Positive and with a non-zero first byte, so the DER integer is minimal.
    serial[0] = (serial[0] & 0x7f) | 0x40;
    params.serial_number = Some(SerialNumber::from(serial.to_vec()));
    for dns in &request.dns_names {
        let name = dns
            .clone()
            .try_into()
            .map_err(|_| format!("'{dns}' is not a valid DNS name."))?;
        params.subject_alt_names.push(SanType::DnsName(name));
    }
    for email in &request.emails {
        let name = email
            .clone()
            .try_into()
            .map_err(|_| format!("'{email}' is not a valid e-mail address."))?;
        params.subject_alt_names.push(SanType::Rfc822Name(name));
    }
    for usage in &request.key_usages {
        params.key_usages.push(key_usage(usage)?);
    }
    for oid in &request.ekus {
        params.insert_extended_key_usage(ExtendedKeyUsagePurpose::Other(oid_arcs(oid)?));
    }
    params.is_ca = match request.ca {
        Some(Some(length)) => IsCa::Ca(BasicConstraints::Constrained(length)),
        Some(None) => IsCa::Ca(BasicConstraints::Unconstrained),
        None => IsCa::ExplicitNoCa,
    };
    Ok(params)
}

fn moment(unix_seconds: i64) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .map_err(|e| format!("The date is out of range: {e}"))
}

/// `CN=Contoso Root CA, O=Contoso, C=US` as a distinguished name (commas inside quotes kept).
/// Windows writes names most-specific first, the reverse of their DER order.
fn distinguished_name(subject: &str) -> Result<DistinguishedName, String> {
    let mut name = DistinguishedName::new();
    for part in split_outside_quotes(subject).into_iter().rev() {
        let (key, value) = part.split_once('=').ok_or_else(|| {
            format!("'{part}' in the subject is not KEY=value (such as CN=Contoso Root CA).")
        })?;
        let value = value.trim().trim_matches('"');
        let kind = match key.trim().to_ascii_uppercase().as_str() {
            "CN" => DnType::CommonName,
            "O" => DnType::OrganizationName,
            "OU" => DnType::OrganizationalUnitName,
            "C" => DnType::CountryName,
            "L" => DnType::LocalityName,
            "S" | "ST" => DnType::StateOrProvinceName,
            "E" | "EMAIL" | "EMAILADDRESS" => {
                DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1])
            }
            "DC" => DnType::CustomDnType(vec![0, 9, 2342, 19200300, 100, 1, 25]),
            other => {
                return Err(format!(
                    "The subject attribute '{other}' is not supported (CN, O, OU, C, L, S, E, DC)."
                ));
            }
        };
        name.push(kind, value);
    }
    Ok(name)
}

fn split_outside_quotes(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' | ';' if !quoted => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn key_usage(name: &str) -> Result<KeyUsagePurpose, String> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "digitalsignature" => KeyUsagePurpose::DigitalSignature,
        "nonrepudiation" => KeyUsagePurpose::ContentCommitment,
        "keyencipherment" => KeyUsagePurpose::KeyEncipherment,
        "dataencipherment" => KeyUsagePurpose::DataEncipherment,
        "keyagreement" => KeyUsagePurpose::KeyAgreement,
        "certsign" => KeyUsagePurpose::KeyCertSign,
        "crlsign" => KeyUsagePurpose::CrlSign,
        "encipheronly" => KeyUsagePurpose::EncipherOnly,
        "decipheronly" => KeyUsagePurpose::DecipherOnly,
        _ => return Err(format!("'{name}' is not a key usage.")),
    })
}

fn oid_arcs(oid: &str) -> Result<Vec<u64>, String> {
    let arcs: Result<Vec<u64>, _> = oid.trim().split('.').map(str::parse).collect();
    match arcs {
        Ok(arcs) if arcs.len() >= 2 => Ok(arcs),
        _ => Err(format!("'{oid}' is not an object identifier.")),
    }
}

/// What the `-TextExtension` strings add to a request.
#[derive(Debug, Default, PartialEq)]
pub struct TextExtensions {
    /// `2.5.29.37={text}…`: the EKU OIDs (replace the type's).
    pub ekus: Option<Vec<String>>,
    pub dns_names: Vec<String>,
    pub emails: Vec<String>,
    /// `2.5.29.19={text}CA=1&pathlength=0`.
    pub ca: Option<Option<Option<u8>>>,
}

/// Read Windows' `-TextExtension` forms: `2.5.29.37={text}1.3.6.1.5.5.7.3.4,…`,
/// `2.5.29.17={text}email=a@b.com&dns=x`, `2.5.29.19={text}CA=1&pathlength=0`
/// (`{critical}` is taken as `{text}`).
pub fn text_extensions(texts: &[String]) -> Result<TextExtensions, String> {
    let mut found = TextExtensions::default();
    for text in texts {
        let (oid, value) = text
            .split_once('=')
            .ok_or_else(|| format!("'{text}' is not OID={{text}}value."))?;
        let value = value
            .strip_prefix("{critical}")
            .unwrap_or(value)
            .strip_prefix("{text}")
            .ok_or_else(|| format!("'{text}': only the {{text}} form is supported."))?;
        match oid.trim() {
            "2.5.29.37" => {
                let oids = value
                    .split(',')
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty());
                let oids: Vec<String> = oids.collect();
                for oid in &oids {
                    oid_arcs(oid)?;
                }
                found.ekus.get_or_insert_with(Vec::new).extend(oids);
            }
            "2.5.29.17" => {
                for pair in value.split('&').filter(|p| !p.trim().is_empty()) {
                    let (kind, name) = pair
                        .split_once('=')
                        .ok_or_else(|| format!("'{pair}' is not kind=name (email=, dns=)."))?;
                    match kind.trim().to_ascii_lowercase().as_str() {
                        "email" => found.emails.push(name.trim().to_string()),
                        "dns" => found.dns_names.push(name.trim().to_string()),
                        other => {
                            return Err(format!(
                                "The SAN kind '{other}' is not supported (email, dns)."
                            ));
                        }
                    }
                }
            }
            "2.5.29.19" => found.ca = Some(basic_constraints(value)?),
            other => {
                return Err(format!(
                    "The text extension {other} is not supported (2.5.29.37, 2.5.29.17, 2.5.29.19)."
                ));
            }
        }
    }
    Ok(found)
}

fn basic_constraints(value: &str) -> Result<Option<Option<u8>>, String> {
    let mut ca = false;
    let mut length = None;
    for pair in value.split('&').filter(|p| !p.trim().is_empty()) {
        let (key, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("'{pair}' is not key=value (CA=1, pathlength=0)."))?;
        let v = v.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "ca" => ca = matches!(v.to_ascii_lowercase().as_str(), "1" | "true"),
            "pathlength" => {
                length = Some(
                    v.parse::<u8>()
                        .map_err(|_| format!("pathlength '{v}' is not a number from 0 to 255."))?,
                )
            }
            other => {
                return Err(format!(
                    "The basic constraint '{other}' is not supported (CA, pathlength)."
                ));
            }
        }
    }
    Ok(ca.then_some(length))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn request(subject: &str) -> Request {
        Request {
            subject: subject.into(),
            dns_names: Vec::new(),
            emails: Vec::new(),
            not_before: 1_700_000_000,
            not_after: 1_800_000_000,
            algorithm: KeyAlgorithm::EcdsaP256,
            key_usages: vec!["DigitalSignature".into()],
            ekus: vec!["1.3.6.1.5.5.7.3.4".into()],
            ca: None,
        }
    }

    #[test]
    fn algorithms_and_lengths() {
        assert_eq!(
            KeyAlgorithm::parse(None, None).unwrap(),
            KeyAlgorithm::Rsa(2048)
        );
        assert_eq!(
            KeyAlgorithm::parse(None, Some(256)).unwrap(),
            KeyAlgorithm::EcdsaP256
        );
        assert_eq!(
            KeyAlgorithm::parse(Some("ECDSA_nistP384"), Some(384)).unwrap(),
            KeyAlgorithm::EcdsaP384
        );
        assert_eq!(
            KeyAlgorithm::parse(Some("rsa"), Some(4096)).unwrap(),
            KeyAlgorithm::Rsa(4096)
        );
        assert_eq!(
            KeyAlgorithm::parse(None, Some(3072)).unwrap(),
            KeyAlgorithm::Rsa(3072)
        );
        assert!(
            KeyAlgorithm::parse(Some("RSA"), Some(1024))
                .unwrap_err()
                .contains("from 2048 to 8192")
        );
        assert!(KeyAlgorithm::parse(Some("DSA"), None).is_err());
        assert!(KeyAlgorithm::parse(Some("ECDSA_nistP256"), Some(384)).is_err());
    }

    #[test]
    fn text_extension_forms() {
        let found = text_extensions(&[
            "2.5.29.37={text}1.3.6.1.5.5.7.3.4,1.3.6.1.5.5.7.3.2".into(),
            "2.5.29.17={text}email=a@b.com&dns=x.contoso.com".into(),
            "2.5.29.19={text}CA=1&pathlength=0".into(),
        ])
        .unwrap();
        assert_eq!(
            found.ekus.unwrap(),
            vec!["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2"]
        );
        assert_eq!(found.emails, vec!["a@b.com"]);
        assert_eq!(found.dns_names, vec!["x.contoso.com"]);
        assert_eq!(found.ca, Some(Some(Some(0))));
        assert!(text_extensions(&["2.5.29.99={text}x".into()]).is_err());
        assert!(text_extensions(&["2.5.29.37=1.2.3".into()]).is_err());
    }

    #[test]
    fn a_ca_signs_a_user_certificate() {
        let mut root = request("CN=Lab Root, O=Contoso, C=US");
        root.ca = Some(None);
        root.key_usages = vec!["CertSign".into(), "CRLSign".into()];
        root.ekus.clear();
        let root = issue(&root, None).unwrap();
        assert!(root.certificate.is_ca() && root.certificate.is_self_signed());
        assert_eq!(root.certificate.subject(), "CN=Lab Root, O=Contoso, C=US");
        assert!(root.private_key_pem.contains("BEGIN PRIVATE KEY"));
        let mut user = request("CN=Alice");
        user.emails = vec!["alice@contoso.com".into()];
        let signer = Signer {
            certificate: &root.certificate,
            private_key_pem: &root.private_key_pem,
        };
        let user = issue(&user, Some(signer)).unwrap();
        assert_eq!(user.certificate.issuer(), "CN=Lab Root, O=Contoso, C=US");
        assert_eq!(
            user.certificate.email_addresses(),
            ["alice@contoso.com".to_string()]
        );
        assert!(user.certificate.has_private_key() && !user.certificate.is_ca());
        assert!(user.certificate.subject_key_identifier().is_some());
        assert!(user.certificate.allows_purpose("1.3.6.1.5.5.7.3.4"));
    }
}
