//! L1 — the P7B codec: a degenerate PKCS#7 / CMS SignedData (no signers) that carries
//! certificates, DER-encoded (RustCrypto `cms` + `der`); PEM-armoured `PKCS7` blocks are read too.
//!
//! The certificates are read and written as they are encoded, in their order: the SET OF is
//! taken as a sequence (as OpenSSL does), so no certificate is re-encoded or re-sorted.

use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::EncapsulatedContentInfo;
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Sequence, Tag, Tagged};

use super::certificate::{Certificate, Origin};
use super::error::{PkiError, PkiResult};

const FORMAT: &str = "PKCS#7";
/// id-signedData (RFC 5652 §5.1).
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-data (RFC 5652 §4).
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// The arc of the PKCS#7 content types (1.2.840.113549.1.7).
const PKCS7_ARC: &str = "1.2.840.113549.1.7.";
/// An empty SET (`31 00`): no digest algorithms, no signers.
const EMPTY_SET: &[u8] = &[0x31, 0x00];

/// SignedData with its certificates kept as encoded (RFC 5652 §5.1).
#[derive(Sequence)]
struct CertificateBundle<'a> {
    version: CmsVersion,
    digest_algorithms: AnyRef<'a>,
    encap_content_info: EncapsulatedContentInfo,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    certificates: Option<Vec<AnyRef<'a>>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    crls: Option<Vec<AnyRef<'a>>>,
    signer_infos: AnyRef<'a>,
}

/// A der error as a `PkiError`, with its position when known.
fn malformed(error: der::Error) -> PkiError {
    PkiError::Pkcs7 {
        offset: error.position().map(|p| u32::from(p) as usize),
        reason: error.kind().to_string(),
    }
}

/// Read a P7B: DER, or PEM text with a `PKCS7` block.
pub fn decode(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    if bytes.first() != Some(&0x30) && super::pem::looks_like_pem(bytes) {
        return super::pem::decode(bytes);
    }
    decode_der(bytes)
}

/// The content type of a DER ContentInfo, read from its first bytes (for format detection).
pub fn content_type(bytes: &[u8]) -> Option<ObjectIdentifier> {
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    if header.tag != Tag::Sequence {
        return None;
    }
    ObjectIdentifier::decode(&mut reader).ok()
}

/// Is this OID one of the PKCS#7 content types?
pub fn is_pkcs7_content_type(oid: &ObjectIdentifier) -> bool {
    oid.to_string().starts_with(PKCS7_ARC)
}

/// Read a DER-encoded P7B.
pub fn decode_der(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    let info = ContentInfo::from_der(bytes).map_err(malformed)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(PkiError::Pkcs7ContentType {
            content_type: info.content_type.to_string(),
        });
    }
    let content = info.content.to_der().map_err(malformed)?;
    let bundle = CertificateBundle::from_der(&content).map_err(malformed)?;
    let encoded = bundle.certificates.unwrap_or_default();
    let mut certificates = Vec::with_capacity(encoded.len());
    let mut cursor = 0;
    for choice in encoded.iter().filter(|c| c.tag() == Tag::Sequence) {
        let der = choice.to_der().map_err(malformed)?;
        let found = locate(bytes, &der, cursor);
        let offset = found.unwrap_or(cursor);
        if found.is_some() {
            cursor = offset + der.len();
        }
        let origin = Origin {
            format: FORMAT,
            number: certificates.len() + 1,
            offset,
        };
        certificates.push(Certificate::read(der, origin)?);
    }
    if certificates.is_empty() {
        return Err(PkiError::Pkcs7NoCertificates);
    }
    Ok(certificates)
}

/// Where a certificate's encoding sits in the input, searching from `from` (certificates come
/// in order, so the search is short).
fn locate(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let probe = &needle[..needle.len().min(64)];
    if probe.is_empty() {
        return None;
    }
    haystack
        .get(from..)
        .and_then(|rest| rest.windows(probe.len()).position(|w| w == probe))
        .map(|at| from + at)
}

/// Write a DER P7B holding these certificates in this order (version 1, no digest
/// algorithms, id-data content without eContent, no signers), as Windows and OpenSSL write one.
pub fn encode(certificates: &[Certificate]) -> PkiResult<Vec<u8>> {
    let failed = |error: der::Error| PkiError::Encode {
        format: FORMAT,
        reason: error.to_string(),
    };
    let empty_set = AnyRef::from_der(EMPTY_SET).map_err(failed)?;
    let encoded = certificates
        .iter()
        .map(|c| AnyRef::from_der(c.raw_data()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(failed)?;
    let bundle = CertificateBundle {
        version: CmsVersion::V1,
        digest_algorithms: empty_set,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(encoded),
        crls: None,
        signer_infos: empty_set,
    };
    let content = der::Any::from_der(&bundle.to_der().map_err(failed)?).map_err(failed)?;
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content,
    }
    .to_der()
    .map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::sample_certificates;

    #[test]
    fn bundles_round_trip_in_order() {
        let certs = sample_certificates();
        let mut reversed = certs.clone();
        reversed.reverse();
        let bytes = encode(&reversed).unwrap();
        assert_eq!(&bytes[..2], &[0x30, 0x82]);
        assert!(content_type(&bytes).is_some_and(|oid| oid == ID_SIGNED_DATA));
        assert_eq!(decode(&bytes).unwrap(), reversed);
    }

    #[test]
    fn empty_and_foreign_content_are_errors() {
        assert_eq!(
            decode(&[]).unwrap_err(),
            PkiError::Empty { format: "PKCS#7" }
        );
        let none = encode(&[]).unwrap();
        assert_eq!(decode(&none).unwrap_err(), PkiError::Pkcs7NoCertificates);
        let data = ContentInfo {
            content_type: ID_DATA,
            content: der::Any::from_der(&[0x04, 0x00]).unwrap(),
        }
        .to_der()
        .unwrap();
        assert_eq!(
            decode(&data).unwrap_err().to_string(),
            "the PKCS#7 file holds content type 1.2.840.113549.1.7.1, not SignedData (1.2.840.113549.1.7.2)"
        );
    }

    #[test]
    fn truncated_and_corrupt_bundles_are_errors() {
        let certs = sample_certificates();
        let bytes = encode(&certs).unwrap();
        for cut in [1, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
        // Corrupt the first certificate's inner bytes: the bundle parses, the certificate not.
        let mut corrupt = bytes.clone();
        let at = locate(&bytes, certs[0].raw_data(), 0).unwrap();
        corrupt[at + 4] = 0x05;
        let error = decode(&corrupt).unwrap_err();
        assert!(
            matches!(error, PkiError::NotACertificate { number: 1, .. })
                || matches!(error, PkiError::Pkcs7 { .. }),
            "{error}"
        );
        assert!(decode(b"\x30\x03\x06\x01\x00").is_err());
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let bytes = encode(&sample_certificates()[..2]).unwrap();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut mutated = bytes.clone();
            let at = (state % mutated.len() as u64) as usize;
            mutated[at] ^= (state >> 32) as u8 | 1;
            let _ = decode(&mutated);
        }
    }
}
