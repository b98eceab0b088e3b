//! L1 — a certificate as the shell sees it: an `X509Certificate2`-shaped object with .NET's
//! property names (plus the S/MIME properties mailsec adds), as the Cert: drive hands it out.

use crate::value::builtin::{byte_array, datetime, string_array, typed};
use crate::value::{PsObject, Value, datefmt};

use super::certificate::Certificate;
use super::info::{ExtensionInfo, NamedOid};
use super::thumbprint::upper_hex;

/// .NET type names of the objects made here.
pub const X509_CERTIFICATE2: &str =
    "System.Security.Cryptography.X509Certificates.X509Certificate2";
const OID: &str = "System.Security.Cryptography.Oid";
const PUBLIC_KEY: &str = "System.Security.Cryptography.X509Certificates.PublicKey";
const KEY_USAGE_FLAGS: &str = "System.Security.Cryptography.X509Certificates.X509KeyUsageFlags";
const EKU_REPRESENTATION: &str = "Microsoft.PowerShell.Commands.EnhancedKeyUsageRepresentation";
const DNS_REPRESENTATION: &str = "Microsoft.PowerShell.Commands.DnsNameRepresentation";
const EXTENSION_NAMESPACE: &str = "System.Security.Cryptography.X509Certificates.";
/// The provider prefix of Cert: paths (`PSParentPath`).
const PROVIDER_PREFIX: &str = "Microsoft.PowerShell.Security\\Certificate::";

impl Certificate {
    /// The certificate as a shell object. `store_path` (`CurrentUser\My`, `Cert:\CurrentUser\My`)
    /// adds PSPath, PSParentPath and PSChildName as the Certificate provider does.
    pub fn to_value(&self, store_path: Option<&str>) -> Value {
        let thumbprint = self.thumbprint().to_string();
        let mut props: Vec<(&str, Value)> = Vec::with_capacity(32);
        if let Some(path) = store_path {
            let parent = format!("{PROVIDER_PREFIX}{}", store_relative(path));
            props.push(("PSPath", Value::str(format!("{parent}\\{thumbprint}"))));
            props.push(("PSParentPath", Value::str(parent)));
            props.push(("PSChildName", Value::str(thumbprint.as_str())));
            props.push(("PSIsContainer", Value::Bool(false)));
        }
        let info = self.info();
        let ekus = info.enhanced_key_usages.as_deref().unwrap_or(&[]);
        props.extend([
            (
                "EnhancedKeyUsageList",
                Value::array(ekus.iter().map(eku_value).collect()),
            ),
            (
                "DnsNameList",
                Value::array(info.dns_name_list().into_iter().map(dns_value).collect()),
            ),
            ("Archived", Value::Bool(false)),
            (
                "Extensions",
                Value::array(
                    info.extensions
                        .iter()
                        .map(|e| extension_value(self, e))
                        .collect(),
                ),
            ),
            ("FriendlyName", Value::str(self.friendly_name())),
            ("HasPrivateKey", Value::Bool(self.has_private_key())),
            ("NotAfter", datetime(info.not_after, 0)),
            ("NotBefore", datetime(info.not_before, 0)),
            ("PublicKey", public_key_value(self)),
            ("RawData", byte_array(self.raw_data().to_vec())),
            ("SerialNumber", Value::str(info.serial_number.as_str())),
            ("SignatureAlgorithm", oid_value(&info.signature_algorithm)),
            ("Thumbprint", Value::str(thumbprint.as_str())),
            (
                "Version",
                Value::Int(i32::try_from(info.version).unwrap_or(3)),
            ),
            ("Issuer", Value::str(info.issuer.as_str())),
            ("Subject", Value::str(info.subject.as_str())),
            ("EmailAddresses", string_array(info.email_addresses.clone())),
            (
                "SubjectKeyIdentifier",
                optional_hex(info.subject_key_identifier.as_deref()),
            ),
            (
                "AuthorityKeyIdentifier",
                optional_hex(info.authority_key_identifier.as_deref()),
            ),
            (
                "KeyUsage",
                info.key_usage.map(key_usage_value).unwrap_or(Value::Null),
            ),
            ("IsCertificateAuthority", Value::Bool(self.is_ca())),
            ("IsSelfSigned", Value::Bool(self.is_self_signed())),
            (
                "CrlDistributionPoints",
                string_array(info.crl_distribution_points.clone()),
            ),
            ("OcspUrls", string_array(info.ocsp_urls.clone())),
            ("CaIssuerUrls", string_array(info.ca_issuer_urls.clone())),
        ]);
        typed(X509_CERTIFICATE2, props, Some(display_text(self)))
    }
}

/// `CurrentUser\My` from `Cert:\CurrentUser\My`, `cert:/CurrentUser/My/` or `CurrentUser\My`.
fn store_relative(path: &str) -> String {
    let path = path.replace('/', "\\");
    let trimmed = path.trim_matches('\\');
    let without_drive = match trimmed.get(..5) {
        Some(drive) if drive.eq_ignore_ascii_case("cert:") => &trimmed[5..],
        _ => trimmed,
    };
    without_drive.trim_matches('\\').to_string()
}

/// .NET's `X509Certificate.ToString()`: the bracketed sections, dates in en-US `G` form.
fn display_text(certificate: &Certificate) -> String {
    let date = |seconds: i64| match datetime(seconds, 0) {
        Value::Object(object) => datefmt::format(&object, "G"),
        _ => String::new(),
    };
    format!(
        "[Subject]\n  {}\n\n[Issuer]\n  {}\n\n[Serial Number]\n  {}\n\n[Not Before]\n  {}\n\n\
         [Not After]\n  {}\n\n[Thumbprint]\n  {}\n",
        certificate.subject(),
        certificate.issuer(),
        certificate.serial_number(),
        date(certificate.not_before()),
        date(certificate.not_after()),
        certificate.thumbprint()
    )
}

fn optional_hex(bytes: Option<&[u8]>) -> Value {
    bytes.map_or(Value::Null, |b| Value::str(upper_hex(b)))
}

/// A `System.Security.Cryptography.Oid`.
fn oid_value(oid: &NamedOid) -> Value {
    typed(
        OID,
        vec![
            ("Value", Value::str(oid.oid.as_str())),
            (
                "FriendlyName",
                oid.friendly_name.map_or(Value::Null, Value::str),
            ),
        ],
        None,
    )
}

fn eku_value(eku: &NamedOid) -> Value {
    typed(
        EKU_REPRESENTATION,
        vec![
            ("FriendlyName", Value::str(eku.friendly_name.unwrap_or(""))),
            ("ObjectId", Value::str(eku.oid.as_str())),
        ],
        Some(eku.to_string()),
    )
}

fn dns_value(name: String) -> Value {
    typed(
        DNS_REPRESENTATION,
        vec![
            ("Punycode", Value::str(name.as_str())),
            ("Unicode", Value::str(name.as_str())),
        ],
        Some(name),
    )
}

/// An `X509KeyUsageFlags` enum value (display: the flag names).
fn key_usage_value(flags: super::key_usage::KeyUsageFlags) -> Value {
    let mut object = PsObject::new(
        crate::value::ObjectKind::Typed,
        KEY_USAGE_FLAGS,
        crate::value::PropertyBag::new(),
    );
    object.display = Some(flags.to_string().into());
    Value::Object(std::rc::Rc::new(object))
}

fn public_key_value(certificate: &Certificate) -> Value {
    let key = certificate.public_key();
    typed(
        PUBLIC_KEY,
        vec![
            ("Oid", oid_value(&key.algorithm)),
            (
                "KeySize",
                Value::Int(i32::try_from(key.key_size).unwrap_or(0)),
            ),
            (
                "Curve",
                key.curve.as_deref().map_or(Value::Null, Value::str),
            ),
        ],
        None,
    )
}

/// An extension as .NET types it: the specific class for the ones .NET knows, with their
/// decoded properties first, then `Critical`, `Oid`, `RawData`.
fn extension_value(certificate: &Certificate, extension: &ExtensionInfo) -> Value {
    let info = certificate.info();
    let (class, mut props): (&str, Vec<(&str, Value)>) = match extension.oid.oid.as_str() {
        "2.5.29.19" => {
            let bc = info.basic_constraints;
            let ca = bc.is_some_and(|b| b.certificate_authority);
            let path = bc.and_then(|b| b.path_length);
            (
                "X509BasicConstraintsExtension",
                vec![
                    ("CertificateAuthority", Value::Bool(ca)),
                    ("HasPathLengthConstraint", Value::Bool(path.is_some())),
                    (
                        "PathLengthConstraint",
                        Value::Int(path.and_then(|p| i32::try_from(p).ok()).unwrap_or(0)),
                    ),
                ],
            )
        }
        "2.5.29.15" => (
            "X509KeyUsageExtension",
            vec![(
                "KeyUsages",
                key_usage_value(info.key_usage.unwrap_or_default()),
            )],
        ),
        "2.5.29.37" => (
            "X509EnhancedKeyUsageExtension",
            vec![(
                "EnhancedKeyUsages",
                Value::array(
                    info.enhanced_key_usages
                        .as_deref()
                        .unwrap_or(&[])
                        .iter()
                        .map(oid_value)
                        .collect(),
                ),
            )],
        ),
        "2.5.29.14" => (
            "X509SubjectKeyIdentifierExtension",
            vec![(
                "SubjectKeyIdentifier",
                optional_hex(info.subject_key_identifier.as_deref()),
            )],
        ),
        "2.5.29.35" => ("X509AuthorityKeyIdentifierExtension", Vec::new()),
        "2.5.29.17" => ("X509SubjectAlternativeNameExtension", Vec::new()),
        "1.3.6.1.5.5.7.1.1" => ("X509AuthorityInformationAccessExtension", Vec::new()),
        _ => ("X509Extension", Vec::new()),
    };
    props.extend([
        ("Critical", Value::Bool(extension.critical)),
        ("Oid", oid_value(&extension.oid)),
        ("RawData", byte_array(extension.value.clone())),
    ]);
    typed(&format!("{EXTENSION_NAMESPACE}{class}"), props, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    fn prop(value: &Value, name: &str) -> Value {
        match value {
            Value::Object(object) => object.get(name).unwrap_or_else(|| panic!("no {name}")),
            _ => panic!("not an object"),
        }
    }

    fn text(value: &Value) -> String {
        match value {
            Value::String(s) => s.to_string(),
            Value::Object(object) => object.display.as_deref().unwrap_or("").to_string(),
            other => panic!("not text: {other:?}"),
        }
    }

    #[test]
    fn the_leaf_has_dotnet_property_names_and_values() {
        let leaf = &sample_certificates()[2];
        let value = leaf.to_value(Some("Cert:\\CurrentUser\\My"));
        let Value::Object(object) = &value else {
            panic!("not an object")
        };
        assert_eq!(&*object.type_name, X509_CERTIFICATE2);
        assert_eq!(
            text(&prop(&value, "PSParentPath")),
            "Microsoft.PowerShell.Security\\Certificate::CurrentUser\\My"
        );
        assert_eq!(
            text(&prop(&value, "Thumbprint")),
            leaf.thumbprint().to_string()
        );
        assert_eq!(
            text(&prop(&value, "Subject")),
            "E=alice@contoso.com, CN=Alice Example, O=Contoso, S=Washington, C=US"
        );
        assert_eq!(text(&prop(&value, "SerialNumber")), "1001");
        assert_eq!(
            text(&prop(&value, "KeyUsage")),
            "KeyEncipherment, DigitalSignature"
        );
        let Value::Array(ekus) = prop(&value, "EnhancedKeyUsageList") else {
            panic!("EKU list")
        };
        let ekus: Vec<String> = ekus.to_vec().iter().map(text).collect();
        assert_eq!(
            ekus,
            [
                "Secure Email (1.3.6.1.5.5.7.3.4)",
                "Client Authentication (1.3.6.1.5.5.7.3.2)"
            ]
        );
        let Value::Array(raw) = prop(&value, "RawData") else {
            panic!("RawData")
        };
        assert_eq!(
            raw.kind,
            crate::value::ArrayKind::Fixed(crate::value::PsType::Byte)
        );
        assert_eq!(raw.len(), leaf.raw_data().len());
        let not_before = prop(&value, "NotBefore");
        let Value::Object(date) = &not_before else {
            panic!("date")
        };
        assert_eq!(datefmt::format(date, "G"), "1/5/2024 3:04:05 PM");
        let display = object.display.as_deref().unwrap();
        assert!(display.starts_with("[Subject]\n  E=alice@contoso.com, CN=Alice Example"));
        assert!(display.contains("[Not After]\n  1/5/2026 3:04:05 PM\n"));
        assert_eq!(
            text(&prop(&prop(&value, "SignatureAlgorithm"), "FriendlyName")),
            "sha256RSA"
        );
        assert_eq!(
            prop(&prop(&value, "PublicKey"), "KeySize").to_owned_int(),
            3072
        );
    }

    #[test]
    fn store_paths_are_normalised() {
        assert_eq!(
            store_relative("Cert:\\LocalMachine\\Root\\"),
            "LocalMachine\\Root"
        );
        assert_eq!(store_relative("cert:/CurrentUser/My"), "CurrentUser\\My");
        assert_eq!(store_relative("CurrentUser\\CA"), "CurrentUser\\CA");
    }

    trait OwnedInt {
        fn to_owned_int(&self) -> i32;
    }

    impl OwnedInt for Value {
        fn to_owned_int(&self) -> i32 {
            match self {
                Value::Int(n) => *n,
                other => panic!("not an int: {other:?}"),
            }
        }
    }
}
