//! L1 — the PEM codec: `-----BEGIN CERTIFICATE-----` blocks (one or many, with any text around
//! them, LF or CRLF), PKCS#7 blocks (`-----BEGIN PKCS7-----`) read as P7B; written as
//! certificate blocks with 64-character lines.

use super::certificate::{Certificate, Origin};
use super::error::{PkiError, PkiResult};
use super::p7b;

const FORMAT: &str = "PEM";
const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";
/// Labels of blocks that hold one DER certificate.
const CERTIFICATE_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE"];
/// Labels of blocks that hold a PKCS#7 certificate bundle.
const PKCS7_LABELS: &[&str] = &["PKCS7", "PKCS #7 SIGNED DATA", "CMS", "CERTIFICATE CHAIN"];
/// No real file has more blocks than this.
const MAX_BLOCKS: usize = 100_000;

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Does the text hold a PEM block (in UTF-8/ASCII, or UTF-16 with its byte-order mark)?
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    match utf16_text(bytes) {
        Some(text) => find(&text, BEGIN).is_some(),
        None => find(bytes, BEGIN).is_some(),
    }
}

/// UTF-16 text (with a byte-order mark, as Windows PowerShell 5.1's `Out-File` writes it)
/// converted to UTF-8; `None` for other bytes.
fn utf16_text(bytes: &[u8]) -> Option<Vec<u8>> {
    let from: fn([u8; 2]) -> u16 = match bytes.get(..2)? {
        [0xFF, 0xFE] => u16::from_le_bytes,
        [0xFE, 0xFF] => u16::from_be_bytes,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| from([pair[0], pair[1]]))
        .collect();
    Some(String::from_utf16_lossy(&units).into_bytes())
}

/// The end (exclusive) of the block that begins at `start`: just after `-----END …-----`.
fn block_end(bytes: &[u8], start: usize) -> PkiResult<usize> {
    let missing = |what: &str| PkiError::Pem {
        offset: start,
        reason: format!("{what} is missing"),
    };
    let after_begin = start + BEGIN.len();
    let label_end = find(&bytes[after_begin..], DASHES)
        .map(|at| after_begin + at + DASHES.len())
        .ok_or_else(|| missing("the closing ----- of the BEGIN line"))?;
    let end_line = find(&bytes[label_end..], END)
        .map(|at| label_end + at + END.len())
        .ok_or_else(|| missing("the -----END line"))?;
    find(&bytes[end_line..], DASHES)
        .map(|at| end_line + at + DASHES.len())
        .ok_or_else(|| missing("the closing ----- of the END line"))
}

/// A readable reason for a `pem` crate error.
fn reason(error: pem::PemError) -> String {
    match error {
        pem::PemError::InvalidData(e) => format!("the base64 text is invalid: {e}"),
        pem::PemError::MalformedFraming => "the BEGIN and END lines do not frame a block".into(),
        other => other.to_string(),
    }
}

/// Read every certificate in PEM text: certificate blocks and PKCS#7 blocks, in order. Blocks
/// of other kinds (private keys, CRLs) are skipped; text without any certificate is an error.
/// UTF-16 text is read too (offsets in errors then count bytes of its UTF-8 conversion).
pub fn decode(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    match utf16_text(bytes) {
        Some(text) => decode_text(&text),
        None => decode_text(bytes),
    }
}

fn decode_text(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    let mut certificates = Vec::new();
    let mut other_labels: Vec<String> = Vec::new();
    let mut search = 0;
    let mut blocks = 0;
    while let Some(found) = find(&bytes[search..], BEGIN) {
        let start = search + found;
        blocks += 1;
        if blocks > MAX_BLOCKS {
            return Err(PkiError::TooMany {
                what: "PEM blocks",
                offset: start,
                limit: MAX_BLOCKS,
            });
        }
        let end = block_end(bytes, start)?;
        let block = pem::parse(&bytes[start..end]).map_err(|e| PkiError::Pem {
            offset: start,
            reason: reason(e),
        })?;
        let label = block.tag().to_string();
        if CERTIFICATE_LABELS.contains(&label.as_str()) {
            let origin = Origin {
                format: FORMAT,
                number: certificates.len() + 1,
                offset: start,
            };
            certificates.push(Certificate::read(block.into_contents(), origin)?);
        } else if PKCS7_LABELS.contains(&label.as_str()) {
            certificates.extend(
                p7b::decode_der(block.contents()).map_err(|e| PkiError::Pem {
                    offset: start,
                    reason: e.to_string(),
                })?,
            );
        } else if !other_labels.contains(&label) {
            other_labels.push(label);
        }
        search = end;
    }
    if certificates.is_empty() {
        return Err(PkiError::PemNoCertificates {
            labels: other_labels.join(", "),
        });
    }
    Ok(certificates)
}

/// Write certificates as consecutive `CERTIFICATE` blocks (LF line ends, 64-character lines).
pub fn encode(certificates: &[Certificate]) -> Vec<u8> {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    let mut out = String::new();
    for certificate in certificates {
        let block = pem::Pem::new("CERTIFICATE", certificate.raw_data());
        out.push_str(&pem::encode_config(&block, config));
    }
    out.into_bytes()
}

/// Write a PKCS#7 bundle as a `PKCS7` block.
pub fn encode_pkcs7(certificates: &[Certificate]) -> PkiResult<Vec<u8>> {
    let der = p7b::encode(certificates)?;
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    Ok(pem::encode_config(&pem::Pem::new("PKCS7", der), config).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::test_support::{CONTOSO_CHAIN_PEM, sample_certificates};

    #[test]
    fn chains_round_trip_with_64_character_lines() {
        let certs = sample_certificates();
        let text = encode(&certs);
        let as_text = String::from_utf8(text.clone()).unwrap();
        assert!(as_text.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(as_text.lines().all(|line| line.len() <= 64));
        assert_eq!(as_text.matches("-----END CERTIFICATE-----\n").count(), 4);
        let back = decode(&text).unwrap();
        assert_eq!(back, certs);
        // openssl wrote the test file the same way.
        assert_eq!(as_text, CONTOSO_CHAIN_PEM);
    }

    #[test]
    fn text_around_blocks_crlf_and_other_blocks_are_tolerated() {
        let certs = sample_certificates();
        let crlf = CONTOSO_CHAIN_PEM.replace('\n', "\r\n");
        let text = format!(
            "Bag Attributes\r\n    friendlyName: root\r\n{crlf}\r\n-----BEGIN PRIVATE KEY-----\r\nAAAA\r\n-----END PRIVATE KEY-----\r\ntrailing words"
        );
        assert_eq!(decode(text.as_bytes()).unwrap(), certs);
    }

    #[test]
    fn utf16_text_from_windows_powershell_is_read() {
        let certs = sample_certificates();
        let mut le = vec![0xFF, 0xFE];
        le.extend(CONTOSO_CHAIN_PEM.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(looks_like_pem(&le));
        assert_eq!(decode(&le).unwrap(), certs);
        let mut be = vec![0xFE, 0xFF];
        be.extend(CONTOSO_CHAIN_PEM.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), certs);
    }

    #[test]
    fn pkcs7_blocks_are_read() {
        let certs = sample_certificates();
        let armoured = encode_pkcs7(&certs).unwrap();
        assert!(armoured.starts_with(b"-----BEGIN PKCS7-----\n"));
        assert_eq!(decode(&armoured).unwrap(), certs);
    }

    #[test]
    fn malformed_text_says_which_block() {
        assert_eq!(decode(b"").unwrap_err(), PkiError::Empty { format: "PEM" });
        let key_only = b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            decode(key_only).unwrap_err().to_string(),
            "the PEM text contains no certificate (blocks found: PRIVATE KEY)"
        );
        assert!(matches!(
            decode(b"no blocks here").unwrap_err(),
            PkiError::PemNoCertificates { .. }
        ));
        let bad_base64 = b"xx\n-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n";
        let error = decode(bad_base64).unwrap_err();
        assert!(matches!(error, PkiError::Pem { offset: 3, .. }), "{error}");
        let unterminated = b"-----BEGIN CERTIFICATE-----\nMIIB\n";
        assert!(
            decode(unterminated)
                .unwrap_err()
                .to_string()
                .contains("-----END line is missing")
        );
        let mismatched = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END PKCS7-----\n";
        assert!(decode(mismatched).is_err());
        let not_der = b"-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
        assert!(matches!(
            decode(not_der).unwrap_err(),
            PkiError::NotACertificate {
                format: "PEM",
                number: 1,
                ..
            }
        ));
    }
}
