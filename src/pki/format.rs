//! L1 — certificate file formats: recognise one by its content (never its extension), read any,
//! write a chosen one.

use std::fmt;

use super::certificate::Certificate;
use super::error::{PkiError, PkiResult, leading_hex};
use super::{der, p7b, pem, sst};

/// A certificate file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Microsoft serialized store (`.sst`): `00000000 'CERT'` header.
    Sst,
    /// Serialized store elements without the header (.NET `SerializedCert`).
    SerializedElements,
    /// PKCS#7 SignedData (`.p7b`, `.p7c`), DER.
    Pkcs7,
    /// One DER certificate (`.cer`, `.crt`, `.der`).
    Der,
    /// PEM text: certificate or PKCS#7 blocks.
    Pem,
    /// None of the above.
    Unknown,
}

impl Format {
    /// The name used in messages and `-Type` values.
    pub fn name(self) -> &'static str {
        match self {
            Format::Sst => "SST",
            Format::SerializedElements => "serialized certificate",
            Format::Pkcs7 => "P7B",
            Format::Der => "CERT",
            Format::Pem => "PEM",
            Format::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Recognise a format by content: the SST magic, a DER SEQUENCE that opens with a PKCS#7
/// content type, any other DER SEQUENCE (a certificate), PEM armour, header-less SST elements.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(&sst::MAGIC) {
        return Format::Sst;
    }
    if bytes.first() == Some(&0x30) {
        return match p7b::content_type(bytes) {
            Some(oid) if p7b::is_pkcs7_content_type(&oid) => Format::Pkcs7,
            _ => Format::Der,
        };
    }
    if pem::looks_like_pem(bytes) {
        return Format::Pem;
    }
    if sst::looks_like_elements(bytes) {
        return Format::SerializedElements;
    }
    Format::Unknown
}

/// Read certificates from bytes in any supported format.
pub fn decode_any(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty {
            format: "certificate",
        });
    }
    decode(detect(bytes), bytes)
}

/// Read certificates in a given format.
pub fn decode(format: Format, bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    match format {
        Format::Sst => sst::decode(bytes),
        Format::SerializedElements => sst::decode_elements(bytes),
        Format::Pkcs7 => p7b::decode(bytes),
        Format::Der => der::decode(bytes),
        Format::Pem => pem::decode(bytes),
        Format::Unknown => Err(PkiError::UnknownFormat {
            start: leading_hex(bytes),
        }),
    }
}

/// Write certificates in a format (`Unknown` and the header-less form write an SST).
pub fn encode(format: Format, certificates: &[Certificate]) -> PkiResult<Vec<u8>> {
    match format {
        Format::Sst | Format::SerializedElements | Format::Unknown => sst::encode(certificates),
        Format::Pkcs7 => p7b::encode(certificates),
        Format::Der => der::encode(certificates),
        Format::Pem => Ok(pem::encode(certificates)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    #[test]
    fn every_written_format_is_recognised_and_read_back() {
        let certs = sample_certificates();
        for format in [Format::Sst, Format::Pkcs7, Format::Pem] {
            let bytes = encode(format, &certs).unwrap();
            assert_eq!(detect(&bytes), format);
            assert!(
                decode_any(&bytes)
                    .unwrap()
                    .iter()
                    .zip(&certs)
                    .all(|(a, b)| a.same_certificate(b))
            );
        }
        let der = encode(Format::Der, &certs[..1]).unwrap();
        assert_eq!(detect(&der), Format::Der);
        assert_eq!(decode_any(&der).unwrap().len(), 1);
        let armoured = pem::encode_pkcs7(&certs).unwrap();
        assert_eq!(detect(&armoured), Format::Pem);
        assert_eq!(decode_any(&armoured).unwrap().len(), 4);
    }

    #[test]
    fn header_less_elements_are_recognised() {
        let certs = sample_certificates();
        let store = sst::encode(&certs[..1]).unwrap();
        let element = &store[sst::MAGIC.len()..store.len() - 12];
        assert_eq!(detect(element), Format::SerializedElements);
        let back = decode_any(element).unwrap();
        assert!(back[0].same_certificate(&certs[0]));
    }

    #[test]
    fn unknown_bytes_say_what_they_start_with() {
        assert_eq!(detect(b"SQLite format 3\0"), Format::Unknown);
        assert_eq!(
            decode_any(b"SQLite format 3\0").unwrap_err().to_string(),
            "not a certificate file: it starts with 53 51 4C 69 74 65 20 66 …; expected a \
             serialized store (.sst), PKCS#7 (.p7b), DER (.cer) or PEM (-----BEGIN CERTIFICATE-----)"
        );
        assert!(matches!(
            decode_any(&[]).unwrap_err(),
            PkiError::Empty { .. }
        ));
        assert_eq!(detect(&[0x30]), Format::Der);
        assert!(decode_any(&[0x30]).is_err());
    }
}
