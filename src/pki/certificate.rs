//! L1 — `Certificate`: one X.509 certificate that owns its DER bytes, read once with
//! x509-parser, plus the store properties (friendly name …) that travel with it in a `.sst`.

use std::fmt;
use std::sync::Arc;

use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;

use super::error::{PkiError, PkiResult};
use super::info::{BasicConstraints, CertificateInfo, ExtensionInfo, NamedOid, PublicKeyInfo};
use super::key_usage::KeyUsageFlags;
use super::property::{self, StoreProperty};
use super::thumbprint::Thumbprint;

/// The immutable, shared part: the bytes and what they say.
struct Parsed {
    der: Vec<u8>,
    thumbprint: Thumbprint,
    info: CertificateInfo,
}

/// An X.509 certificate. Cloning is cheap (the DER and its reading are shared).
#[derive(Clone)]
pub struct Certificate {
    parsed: Arc<Parsed>,
    properties: Vec<StoreProperty>,
    has_private_key: bool,
}

/// Where a certificate's bytes came from, for error messages.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub format: &'static str,
    /// 1-based position in the input.
    pub number: usize,
    /// Byte offset in the input.
    pub offset: usize,
}

impl Origin {
    /// A lone certificate at the start of a DER input.
    pub const DER: Origin = Origin {
        format: "DER",
        number: 1,
        offset: 0,
    };
}

impl Certificate {
    /// Read one DER certificate; the bytes must hold exactly one certificate.
    pub fn from_der(der: impl Into<Vec<u8>>) -> PkiResult<Certificate> {
        Certificate::read(der.into(), Origin::DER)
    }

    /// Read one DER certificate found at `origin` in some container.
    pub fn read(der: Vec<u8>, origin: Origin) -> PkiResult<Certificate> {
        let invalid = |reason: String| PkiError::NotACertificate {
            format: origin.format,
            number: origin.number,
            offset: origin.offset,
            reason,
        };
        if der.is_empty() {
            return Err(invalid("it has no bytes".to_string()));
        }
        let info = match X509Certificate::from_der(&der) {
            Ok((rest, _)) if !rest.is_empty() => {
                return Err(invalid(format!(
                    "{} unexpected bytes follow the certificate",
                    rest.len()
                )));
            }
            Ok((_, x509)) => CertificateInfo::read(&x509),
            Err(x509_parser::nom::Err::Incomplete(_)) => {
                return Err(invalid("the data ends before the certificate does".into()));
            }
            Err(x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e)) => {
                return Err(invalid(e.to_string()));
            }
        };
        let thumbprint = Thumbprint::of(&der);
        Ok(Certificate {
            parsed: Arc::new(Parsed {
                der,
                thumbprint,
                info,
            }),
            properties: Vec::new(),
            has_private_key: false,
        })
    }

    /// The DER encoding (.NET `RawData`).
    pub fn raw_data(&self) -> &[u8] {
        &self.parsed.der
    }

    /// SHA-1 of the DER (.NET `Thumbprint`).
    pub fn thumbprint(&self) -> Thumbprint {
        self.parsed.thumbprint
    }

    /// The thumbprint's 20 raw bytes (the SST hash property's value).
    pub fn sha1_hash(&self) -> &[u8; 20] {
        self.parsed.thumbprint.as_bytes()
    }

    /// Everything read from the certificate.
    pub fn info(&self) -> &CertificateInfo {
        &self.parsed.info
    }

    /// Subject in Windows' form: `CN=Contoso Root, O=Contoso, C=US`.
    pub fn subject(&self) -> &str {
        &self.parsed.info.subject
    }

    /// Issuer in Windows' form.
    pub fn issuer(&self) -> &str {
        &self.parsed.info.issuer
    }

    /// Serial number as upper-case hex of its encoded bytes (.NET `SerialNumber`).
    pub fn serial_number(&self) -> &str {
        &self.parsed.info.serial_number
    }

    /// Start of validity, Unix seconds (UTC).
    pub fn not_before(&self) -> i64 {
        self.parsed.info.not_before
    }

    /// End of validity, Unix seconds (UTC).
    pub fn not_after(&self) -> i64 {
        self.parsed.info.not_after
    }

    /// Has the certificate expired at this moment (Unix seconds)?
    pub fn is_expired_at(&self, unix_seconds: i64) -> bool {
        unix_seconds > self.parsed.info.not_after
    }

    /// X.509 version (1, 2 or 3).
    pub fn version(&self) -> u32 {
        self.parsed.info.version
    }

    /// SAN dNSName entries.
    pub fn dns_names(&self) -> &[String] {
        &self.parsed.info.dns_names
    }

    /// SAN rfc822Name entries (S/MIME addresses).
    pub fn email_addresses(&self) -> &[String] {
        &self.parsed.info.email_addresses
    }

    /// The extendedKeyUsage purposes in certificate order; `None` without the extension.
    pub fn enhanced_key_usages(&self) -> Option<&[NamedOid]> {
        self.parsed.info.enhanced_key_usages.as_deref()
    }

    /// Does the certificate allow this purpose (listed, `anyExtendedKeyUsage`, or no EKU)?
    pub fn allows_purpose(&self, oid: &str) -> bool {
        match self.enhanced_key_usages() {
            None => true,
            Some(list) => list
                .iter()
                .any(|eku| eku.oid == oid || eku.oid == "2.5.29.37.0"),
        }
    }

    /// The keyUsage extension's flags.
    pub fn key_usage(&self) -> Option<KeyUsageFlags> {
        self.parsed.info.key_usage
    }

    /// The basicConstraints extension.
    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.parsed.info.basic_constraints
    }

    /// Is this a CA certificate (basicConstraints cA=TRUE)?
    pub fn is_ca(&self) -> bool {
        self.basic_constraints()
            .is_some_and(|bc| bc.certificate_authority)
    }

    /// The subjectKeyIdentifier extension's key id.
    pub fn subject_key_identifier(&self) -> Option<&[u8]> {
        self.parsed.info.subject_key_identifier.as_deref()
    }

    /// The authorityKeyIdentifier extension's key id.
    pub fn authority_key_identifier(&self) -> Option<&[u8]> {
        self.parsed.info.authority_key_identifier.as_deref()
    }

    /// CRL distribution point URLs.
    pub fn crl_distribution_points(&self) -> &[String] {
        &self.parsed.info.crl_distribution_points
    }

    /// Authority-information-access OCSP responder URLs.
    pub fn ocsp_urls(&self) -> &[String] {
        &self.parsed.info.ocsp_urls
    }

    /// Authority-information-access CA-issuer URLs.
    pub fn ca_issuer_urls(&self) -> &[String] {
        &self.parsed.info.ca_issuer_urls
    }

    /// The signature algorithm (`sha256RSA`, 1.2.840.113549.1.1.11).
    pub fn signature_algorithm(&self) -> &NamedOid {
        &self.parsed.info.signature_algorithm
    }

    /// The public key's algorithm and size.
    pub fn public_key(&self) -> &PublicKeyInfo {
        &self.parsed.info.public_key
    }

    /// All extensions, in certificate order.
    pub fn extensions(&self) -> &[ExtensionInfo] {
        &self.parsed.info.extensions
    }

    /// Is the subject its own issuer (same name and, when both are present, same key id)?
    pub fn is_self_signed(&self) -> bool {
        self.parsed.info.self_signed
    }

    /// Whether a private key belongs to this certificate (set by whoever holds the key).
    pub fn has_private_key(&self) -> bool {
        self.has_private_key
    }

    /// Record whether a private key belongs to this certificate.
    pub fn set_has_private_key(&mut self, has: bool) {
        self.has_private_key = has;
    }

    /// The store properties, in the order they were read or set.
    pub fn properties(&self) -> &[StoreProperty] {
        &self.properties
    }

    /// The value of a store property.
    pub fn property(&self, id: u32) -> Option<&[u8]> {
        self.properties
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.value.as_slice())
    }

    /// Set a store property, replacing its value in place or adding it at the end.
    pub fn set_property(&mut self, id: u32, value: Vec<u8>) {
        match self.properties.iter_mut().find(|p| p.id == id) {
            Some(existing) => existing.value = value,
            None => self.properties.push(StoreProperty { id, value }),
        }
    }

    /// Remove a store property.
    pub fn remove_property(&mut self, id: u32) {
        self.properties.retain(|p| p.id != id);
    }

    /// Keep these properties read from a store, in their order.
    pub fn with_properties(mut self, properties: Vec<StoreProperty>) -> Certificate {
        self.properties = properties;
        self
    }

    /// The friendly name (store property 11), or "" as .NET shows none.
    pub fn friendly_name(&self) -> String {
        self.property(property::id::FRIENDLY_NAME)
            .map(property::decode_utf16)
            .unwrap_or_default()
    }

    /// Set the friendly name; an empty name removes it.
    pub fn set_friendly_name(&mut self, name: &str) {
        if name.is_empty() {
            self.remove_property(property::id::FRIENDLY_NAME);
        } else {
            self.set_property(property::id::FRIENDLY_NAME, property::encode_utf16(name));
        }
    }

    /// Same certificate bytes (properties aside)?
    pub fn same_certificate(&self, other: &Certificate) -> bool {
        self.parsed.der == other.parsed.der
    }
}

impl PartialEq for Certificate {
    /// Equal when the DER, the store properties and the private-key flag are equal.
    fn eq(&self, other: &Certificate) -> bool {
        self.same_certificate(other)
            && self.properties == other.properties
            && self.has_private_key == other.has_private_key
    }
}

impl Eq for Certificate {}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("thumbprint", &self.thumbprint().to_string())
            .field("subject", &self.subject())
            .field("properties", &self.properties.len())
            .finish()
    }
}

#[cfg(test)]
#[path = "certificate_tests.rs"]
mod tests;
