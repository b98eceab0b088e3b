//! L1 — `PkiError`: what went wrong reading or writing certificates, said so a person can act on
//! it (which byte, which certificate, what was expected).

use miette::Diagnostic;
use thiserror::Error;

/// An error from the certificate layer. Offsets count bytes from the start of the input.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum PkiError {
    /// The input has no bytes at all.
    #[error("the {format} input is empty")]
    #[diagnostic(
        code(mailsec::pki::empty),
        help("check that the file was read completely (Get-Content -AsByteStream, ReadAllBytes)")
    )]
    Empty { format: &'static str },

    /// The bytes are none of the certificate formats mailsec reads.
    #[error(
        "not a certificate file: it starts with {start}; expected a serialized store (.sst), \
         PKCS#7 (.p7b), DER (.cer) or PEM (-----BEGIN CERTIFICATE-----)"
    )]
    #[diagnostic(code(mailsec::pki::unknown_format))]
    UnknownFormat { start: String },

    /// A serialized store does not start with `00000000` + `CERT`.
    #[error(
        "not a serialized certificate store: it starts with {found} instead of 00 00 00 00 'CERT'"
    )]
    #[diagnostic(code(mailsec::pki::sst_header))]
    SstHeader { found: String },

    /// An element of a serialized store claims more bytes than are left.
    #[error(
        "the serialized store is truncated at byte {offset}: the {what} needs {needed} bytes but \
         only {available} remain"
    )]
    #[diagnostic(
        code(mailsec::pki::sst_truncated),
        help("the file was cut short (an incomplete download or copy); export it again")
    )]
    SstTruncated {
        offset: usize,
        what: &'static str,
        needed: u64,
        available: usize,
    },

    /// An element's encoding type is not 1 (X509_ASN_ENCODING).
    #[error(
        "element {id} at byte {offset} of the serialized store has encoding type {encoding}; \
         only 1 (X509_ASN_ENCODING) is valid"
    )]
    #[diagnostic(code(mailsec::pki::sst_encoding))]
    SstEncoding {
        offset: usize,
        id: u32,
        encoding: u32,
    },

    /// An element id that is neither a property (1–65535) nor a certificate, CRL or CTL.
    #[error(
        "unknown element id {id:#x} at byte {offset} of the serialized store (properties are \
         1–0xFFFF; 0x20 is a certificate, 0x21 a CRL, 0x22 a CTL)"
    )]
    #[diagnostic(code(mailsec::pki::sst_element))]
    SstUnknownElement { offset: usize, id: u32 },

    /// The end marker (id 0) has a non-zero encoding type or length.
    #[error(
        "the end marker at byte {offset} of the serialized store is not 12 zero bytes \
         (encoding type {encoding}, length {length})"
    )]
    #[diagnostic(code(mailsec::pki::sst_end_marker))]
    SstEndMarker {
        offset: usize,
        encoding: u32,
        length: u32,
    },

    /// Properties at the end of a store that no certificate, CRL or CTL follows.
    #[error("{count} properties before the end marker at byte {offset} belong to no certificate")]
    #[diagnostic(code(mailsec::pki::sst_orphan_properties))]
    SstOrphanProperties { offset: usize, count: usize },

    /// More elements of one kind than any real file has.
    #[error("{what} at byte {offset}: more than {limit}")]
    #[diagnostic(
        code(mailsec::pki::too_many),
        help("this is not a certificate file mailsec accepts; split it into smaller files")
    )]
    TooMany {
        what: &'static str,
        offset: usize,
        limit: usize,
    },

    /// Bytes after the end of the data (after a DER certificate or the SST end marker).
    #[error("{count} unexpected bytes after the end of the {format} data at byte {offset}")]
    #[diagnostic(code(mailsec::pki::trailing_bytes))]
    TrailingBytes {
        format: &'static str,
        offset: usize,
        count: usize,
    },

    /// A certificate's bytes are not a valid X.509 certificate.
    #[error(
        "certificate {number} of the {format} input (at byte {offset}) is not a valid X.509 certificate: {reason}"
    )]
    #[diagnostic(code(mailsec::pki::not_a_certificate))]
    NotACertificate {
        format: &'static str,
        /// 1-based position of the certificate in the input.
        number: usize,
        offset: usize,
        reason: String,
    },

    /// A PKCS#7 / CMS structure that cannot be read.
    #[error("not a valid PKCS#7 file{}: {reason}", offset.map(|o| format!(" (at byte {o})")).unwrap_or_default())]
    #[diagnostic(code(mailsec::pki::pkcs7))]
    Pkcs7 {
        offset: Option<usize>,
        reason: String,
    },

    /// A PKCS#7 ContentInfo that holds something other than SignedData.
    #[error(
        "the PKCS#7 file holds content type {content_type}, not SignedData (1.2.840.113549.1.7.2)"
    )]
    #[diagnostic(code(mailsec::pki::pkcs7_content_type))]
    Pkcs7ContentType { content_type: String },

    /// A PKCS#7 SignedData without any certificate.
    #[error("the PKCS#7 file contains no certificates")]
    #[diagnostic(code(mailsec::pki::pkcs7_empty))]
    Pkcs7NoCertificates,

    /// A PKCS#12 (.pfx) file cannot be opened: a wrong password, or damaged bytes.
    #[error("the PFX file cannot be opened: {reason}")]
    #[diagnostic(
        code(mailsec::pki::pfx),
        help("check the -Password (a SecureString) and that the file is a complete .pfx / .p12")
    )]
    Pfx { reason: String },

    /// A PEM block that cannot be decoded.
    #[error("the PEM block at byte {offset} cannot be read: {reason}")]
    #[diagnostic(code(mailsec::pki::pem))]
    Pem { offset: usize, reason: String },

    /// PEM text without any certificate block.
    #[error("the PEM text contains no certificate{}", if labels.is_empty() { String::new() } else { format!(" (blocks found: {labels})") })]
    #[diagnostic(
        code(mailsec::pki::pem_empty),
        help("a certificate block starts with -----BEGIN CERTIFICATE-----")
    )]
    PemNoCertificates { labels: String },

    /// A thumbprint that is not 40 hexadecimal digits.
    #[error("'{text}' is not a certificate thumbprint: {reason}")]
    #[diagnostic(
        code(mailsec::pki::thumbprint),
        help("a thumbprint is the SHA-1 hash of the certificate: 40 hexadecimal digits")
    )]
    Thumbprint { text: String, reason: String },

    /// Writing a file failed (a certificate too large for the format, an encoder error).
    #[error("cannot write the {format} file: {reason}")]
    #[diagnostic(code(mailsec::pki::encode))]
    Encode {
        format: &'static str,
        reason: String,
    },
}

/// Result of the certificate layer.
pub type PkiResult<T> = Result<T, PkiError>;

/// The first bytes of `bytes` as hex, for messages about unrecognised input.
pub(crate) fn leading_hex(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
    if shown.is_empty() {
        "nothing".to_string()
    } else if bytes.len() > 8 {
        format!("{} …", shown.join(" "))
    } else {
        shown.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_where_and_what() {
        let error = PkiError::SstTruncated {
            offset: 120,
            what: "certificate",
            needed: 1690,
            available: 20,
        };
        assert_eq!(
            error.to_string(),
            "the serialized store is truncated at byte 120: the certificate needs 1690 bytes but \
             only 20 remain"
        );
        let error = PkiError::Pkcs7 {
            offset: Some(4),
            reason: "bad length".into(),
        };
        assert_eq!(
            error.to_string(),
            "not a valid PKCS#7 file (at byte 4): bad length"
        );
        assert_eq!(
            PkiError::PemNoCertificates {
                labels: "PRIVATE KEY".into()
            }
            .to_string(),
            "the PEM text contains no certificate (blocks found: PRIVATE KEY)"
        );
    }

    #[test]
    fn leading_hex_shows_at_most_eight_bytes() {
        assert_eq!(leading_hex(&[]), "nothing");
        assert_eq!(leading_hex(&[0x30, 0x82]), "30 82");
        assert_eq!(leading_hex(&[1; 9]), "01 01 01 01 01 01 01 01 …");
    }
}
