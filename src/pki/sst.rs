//! L1 — Microsoft's serialized certificate store (`.sst`, `CERT_STORE_SAVE_AS_STORE`): header
//! `00000000 'CERT'`, elements `{u32 id, u32 encoding = 1, u32 length, bytes}` little-endian,
//! each certificate (0x20) preceded by its properties, then a 12-byte zero end marker.
//! Also the header-less single element form (.NET `SerializedCert`, a registry `Blob`).

use super::certificate::{Certificate, Origin};
use super::error::{PkiError, PkiResult};
use super::property::{StoreProperty, id};

/// The 8-byte file header: version 0, then `CERT`.
pub const MAGIC: [u8; 8] = [0, 0, 0, 0, b'C', b'E', b'R', b'T'];
/// Element ids that close a context (the properties before them belong to it).
pub const CERTIFICATE_ELEMENT: u32 = 0x20;
pub const CRL_ELEMENT: u32 = 0x21;
pub const CTL_ELEMENT: u32 = 0x22;
/// X509_ASN_ENCODING, the only encoding type an element may have.
const ENCODING: u32 = 1;
const ELEMENT_HEADER: usize = 12;
/// No real certificate has more properties than this.
const MAX_PROPERTIES: usize = 1024;
const FORMAT: &str = "serialized store";

/// Read a serialized store: its certificates in order, each with the properties before it.
/// CRL and CTL elements (with their properties) are skipped: they are not certificates.
pub fn decode(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(PkiError::SstHeader {
            found: super::error::leading_hex(bytes),
        });
    }
    read_elements(bytes, MAGIC.len(), true)
}

/// Read the header-less form: elements without the file header, the end marker optional.
pub fn decode_elements(bytes: &[u8]) -> PkiResult<Vec<Certificate>> {
    if bytes.is_empty() {
        return Err(PkiError::Empty { format: FORMAT });
    }
    read_elements(bytes, 0, false)
}

/// Does this look like the header-less form (a property or certificate element first)?
pub fn looks_like_elements(bytes: &[u8]) -> bool {
    match (read_u32(bytes, 0), read_u32(bytes, 4), read_u32(bytes, 8)) {
        (Some(id), Some(ENCODING), Some(length)) => {
            (1..=0xFFFF).contains(&id) && (length as usize) <= bytes.len() - ELEMENT_HEADER
        }
        _ => false,
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let field = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([field[0], field[1], field[2], field[3]]))
}

/// What an element id stands for, for messages.
fn element_name(id: u32) -> &'static str {
    match id {
        CERTIFICATE_ELEMENT => "certificate element",
        CRL_ELEMENT => "CRL element",
        CTL_ELEMENT => "CTL element",
        _ => "property element",
    }
}

fn read_elements(
    bytes: &[u8],
    start: usize,
    end_marker_required: bool,
) -> PkiResult<Vec<Certificate>> {
    let mut certificates = Vec::new();
    let mut pending: Vec<StoreProperty> = Vec::new();
    let mut offset = start;
    loop {
        let available = bytes.len() - offset;
        if available == 0 && !end_marker_required {
            return match pending.len() {
                0 => Ok(certificates),
                count => Err(PkiError::SstOrphanProperties { offset, count }),
            };
        }
        if available < ELEMENT_HEADER {
            return Err(PkiError::SstTruncated {
                offset,
                what: if available == 0 {
                    "end marker"
                } else {
                    "element header"
                },
                needed: ELEMENT_HEADER as u64,
                available,
            });
        }
        let field = |n: usize| read_u32(bytes, offset + 4 * n).unwrap_or(0);
        let (element, encoding, length) = (field(0), field(1), field(2));
        if element == 0 {
            if encoding != 0 || length != 0 {
                return Err(PkiError::SstEndMarker {
                    offset,
                    encoding,
                    length,
                });
            }
            if !pending.is_empty() {
                return Err(PkiError::SstOrphanProperties {
                    offset,
                    count: pending.len(),
                });
            }
            let end = offset + ELEMENT_HEADER;
            if end != bytes.len() {
                return Err(PkiError::TrailingBytes {
                    format: FORMAT,
                    offset: end,
                    count: bytes.len() - end,
                });
            }
            return Ok(certificates);
        }
        if encoding != ENCODING {
            return Err(PkiError::SstEncoding {
                offset,
                id: element,
                encoding,
            });
        }
        let value_start = offset + ELEMENT_HEADER;
        if length as usize > bytes.len() - value_start {
            return Err(PkiError::SstTruncated {
                offset,
                what: element_name(element),
                needed: u64::from(length),
                available: bytes.len() - value_start,
            });
        }
        let value = &bytes[value_start..value_start + length as usize];
        match element {
            CERTIFICATE_ELEMENT => {
                let origin = Origin {
                    format: FORMAT,
                    number: certificates.len() + 1,
                    offset: value_start,
                };
                let certificate = Certificate::read(value.to_vec(), origin)?
                    .with_properties(std::mem::take(&mut pending));
                certificates.push(certificate);
            }
            CRL_ELEMENT | CTL_ELEMENT => pending.clear(),
            1..=0xFFFF => {
                if pending.len() >= MAX_PROPERTIES {
                    return Err(PkiError::TooMany {
                        what: "properties for one certificate",
                        offset,
                        limit: MAX_PROPERTIES,
                    });
                }
                pending.push(StoreProperty {
                    id: element,
                    value: value.to_vec(),
                });
            }
            _ => {
                return Err(PkiError::SstUnknownElement {
                    offset,
                    id: element,
                });
            }
        }
        offset = value_start + length as usize;
    }
}

/// The properties written before a certificate, as Windows writes them: its SHA-1 hash (id 3)
/// first when the certificate has none, the kept properties in their order with a stale hash
/// corrected, and never the private-key reference (id 2).
fn exported_properties(certificate: &Certificate) -> Vec<(u32, &[u8])> {
    let hash: &[u8] = certificate.sha1_hash();
    let mut out = Vec::with_capacity(certificate.properties().len() + 1);
    if certificate.property(id::SHA1_HASH).is_none() {
        out.push((id::SHA1_HASH, hash));
    }
    for property in certificate.properties() {
        match property.id {
            id::KEY_PROV_INFO => {}
            id::SHA1_HASH => out.push((id::SHA1_HASH, hash)),
            other => out.push((other, property.value.as_slice())),
        }
    }
    out
}

fn push_element(out: &mut Vec<u8>, element: u32, value: &[u8]) -> PkiResult<()> {
    let length = u32::try_from(value.len()).map_err(|_| PkiError::Encode {
        format: FORMAT,
        reason: format!(
            "an element of {} bytes exceeds the format's 4 GiB limit",
            value.len()
        ),
    })?;
    out.extend_from_slice(&element.to_le_bytes());
    out.extend_from_slice(&ENCODING.to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(value);
    Ok(())
}

/// Write a serialized store Windows reads: header, each certificate's properties and the
/// certificate, in the given order, then the end marker.
pub fn encode(certificates: &[Certificate]) -> PkiResult<Vec<u8>> {
    let mut out = Vec::with_capacity(estimated_size(certificates));
    out.extend_from_slice(&MAGIC);
    for certificate in certificates {
        for (property, value) in exported_properties(certificate) {
            push_element(&mut out, property, value)?;
        }
        push_element(&mut out, CERTIFICATE_ELEMENT, certificate.raw_data())?;
    }
    out.extend_from_slice(&[0; ELEMENT_HEADER]);
    Ok(out)
}

fn estimated_size(certificates: &[Certificate]) -> usize {
    let per_certificate = |c: &Certificate| {
        let properties: usize = c
            .properties()
            .iter()
            .map(|p| ELEMENT_HEADER + p.value.len())
            .sum();
        properties + 2 * ELEMENT_HEADER + 20 + c.raw_data().len()
    };
    MAGIC.len() + ELEMENT_HEADER + certificates.iter().map(per_certificate).sum::<usize>()
}

#[cfg(test)]
#[path = "sst_tests.rs"]
mod tests;
