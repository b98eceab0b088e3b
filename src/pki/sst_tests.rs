//! L1 — tests of the serialized-store codec on the Contoso chain and on hand-made broken stores.

use super::*;
use crate::pki::property::encode_utf16;
use crate::pki::test_support::sample_certificates;

/// One element's bytes.
fn element(id: u32, encoding: u32, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&id.to_le_bytes());
    out.extend_from_slice(&encoding.to_le_bytes());
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(value);
    out
}

fn store(elements: &[Vec<u8>]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    for e in elements {
        out.extend_from_slice(e);
    }
    out.extend_from_slice(&[0; 12]);
    out
}

#[test]
fn stores_round_trip_with_hash_and_friendly_name() {
    let mut certs = sample_certificates();
    certs[0].set_friendly_name("Contoso Root");
    let bytes = encode(&certs).unwrap();
    assert_eq!(&bytes[..8], b"\0\0\0\0CERT");
    assert_eq!(&bytes[bytes.len() - 12..], &[0; 12]);
    // First element: the SHA-1 hash property, 20 bytes, equal to the thumbprint.
    assert_eq!(&bytes[8..20], &[3, 0, 0, 0, 1, 0, 0, 0, 20, 0, 0, 0]);
    assert_eq!(&bytes[20..40], certs[0].thumbprint().as_bytes());
    let back = decode(&bytes).unwrap();
    assert_eq!(back.len(), 4);
    assert_eq!(back[0].friendly_name(), "Contoso Root");
    for (read, written) in back.iter().zip(&certs) {
        assert!(read.same_certificate(written));
        assert_eq!(
            read.property(id::SHA1_HASH),
            Some(&written.thumbprint().as_bytes()[..])
        );
    }
    // Writing what was read gives the same bytes again.
    assert_eq!(encode(&back).unwrap(), bytes);
}

#[test]
fn the_writer_fixes_stale_hashes_and_drops_key_references() {
    let cert = sample_certificates().remove(0).with_properties(vec![
        StoreProperty {
            id: id::KEY_PROV_INFO,
            value: vec![1, 2, 3],
        },
        StoreProperty {
            id: id::SHA1_HASH,
            value: vec![0; 20],
        },
        StoreProperty {
            id: id::KEY_IDENTIFIER,
            value: vec![9; 20],
        },
    ]);
    let bytes = encode(std::slice::from_ref(&cert)).unwrap();
    let back = decode(&bytes).unwrap();
    let ids: Vec<u32> = back[0].properties().iter().map(|p| p.id).collect();
    assert_eq!(ids, [id::SHA1_HASH, id::KEY_IDENTIFIER]);
    assert_eq!(
        back[0].property(id::SHA1_HASH),
        Some(&cert.thumbprint().as_bytes()[..])
    );
}

#[test]
fn an_empty_store_is_header_and_end_marker() {
    let bytes = encode(&[]).unwrap();
    assert_eq!(bytes.len(), 20);
    assert!(decode(&bytes).unwrap().is_empty());
}

#[test]
fn crls_ctls_and_zero_length_properties_are_accepted() {
    let cert = &sample_certificates()[1];
    let bytes = store(&[
        element(id::FRIENDLY_NAME, 1, &[]),
        element(CRL_ELEMENT, 1, b"not parsed"),
        element(id::FRIENDLY_NAME, 1, &encode_utf16("Issuing")),
        element(CERTIFICATE_ELEMENT, 1, cert.raw_data()),
    ]);
    let back = decode(&bytes).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].friendly_name(), "Issuing");
    assert_eq!(back[0].properties().len(), 1);
}

#[test]
fn broken_stores_say_what_and_where() {
    let cert = sample_certificates().remove(0);
    let der = cert.raw_data();
    assert_eq!(
        decode(&[]).unwrap_err(),
        PkiError::Empty {
            format: "serialized store"
        }
    );
    assert!(matches!(
        decode(b"\0\0\0\0CERX").unwrap_err(),
        PkiError::SstHeader { .. }
    ));
    assert!(matches!(
        decode(b"\0\0\0").unwrap_err(),
        PkiError::SstHeader { .. }
    ));

    // Missing end marker.
    let mut no_end = MAGIC.to_vec();
    no_end.extend(element(CERTIFICATE_ELEMENT, 1, der));
    let error = decode(&no_end).unwrap_err();
    assert_eq!(
        error,
        PkiError::SstTruncated {
            offset: no_end.len(),
            what: "end marker",
            needed: 12,
            available: 0
        }
    );

    // A certificate element that claims more bytes than remain.
    let good = store(&[element(CERTIFICATE_ELEMENT, 1, der)]);
    let cut = &good[..100];
    assert_eq!(
        decode(cut).unwrap_err(),
        PkiError::SstTruncated {
            offset: 8,
            what: "certificate element",
            needed: der.len() as u64,
            available: 80
        }
    );
    let mut huge = MAGIC.to_vec();
    huge.extend_from_slice(&[0x20, 0, 0, 0, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    assert!(matches!(
        decode(&huge).unwrap_err(),
        PkiError::SstTruncated { offset: 8, .. }
    ));
    // Half an element header.
    assert!(matches!(
        decode(&good[..14]).unwrap_err(),
        PkiError::SstTruncated {
            what: "element header",
            available: 6,
            ..
        }
    ));

    // Wrong encoding type, unknown id, bad end marker, orphans, trailing bytes.
    let bad_encoding = store(&[element(CERTIFICATE_ELEMENT, 2, der)]);
    assert_eq!(
        decode(&bad_encoding).unwrap_err(),
        PkiError::SstEncoding {
            offset: 8,
            id: 0x20,
            encoding: 2
        }
    );
    let unknown = store(&[element(0x1_0000, 1, b"x")]);
    assert_eq!(
        decode(&unknown).unwrap_err(),
        PkiError::SstUnknownElement {
            offset: 8,
            id: 0x1_0000
        }
    );
    let mut bad_end = MAGIC.to_vec();
    bad_end.extend_from_slice(&[0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert!(matches!(
        decode(&bad_end).unwrap_err(),
        PkiError::SstEndMarker {
            offset: 8,
            encoding: 1,
            ..
        }
    ));
    let orphan = store(&[element(id::FRIENDLY_NAME, 1, b"a\0")]);
    assert_eq!(
        decode(&orphan).unwrap_err(),
        PkiError::SstOrphanProperties {
            offset: 22,
            count: 1
        }
    );
    let mut trailing = good.clone();
    trailing.push(7);
    assert!(matches!(
        decode(&trailing).unwrap_err(),
        PkiError::TrailingBytes { count: 1, .. }
    ));

    // A certificate element whose bytes are not a certificate: its number and offset.
    let not_cert = store(&[
        element(CERTIFICATE_ELEMENT, 1, der),
        element(CERTIFICATE_ELEMENT, 1, b"junk"),
    ]);
    let error = decode(&not_cert).unwrap_err();
    assert!(
        matches!(error, PkiError::NotACertificate { number: 2, offset, .. } if offset == 8 + 12 + der.len() + 12),
        "{error}"
    );
}

#[test]
fn too_many_properties_are_refused() {
    let cert = sample_certificates().remove(0);
    let mut elements: Vec<Vec<u8>> = (0..=MAX_PROPERTIES).map(|_| element(50, 1, &[])).collect();
    elements.push(element(CERTIFICATE_ELEMENT, 1, cert.raw_data()));
    let error = decode(&store(&elements)).unwrap_err();
    assert!(
        matches!(
            error,
            PkiError::TooMany {
                limit: MAX_PROPERTIES,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn every_prefix_of_a_store_is_an_error_not_a_panic() {
    let bytes = encode(&sample_certificates()).unwrap();
    for cut in 0..bytes.len() {
        assert!(decode(&bytes[..cut]).is_err(), "prefix of {cut} bytes");
    }
}

#[test]
fn random_bytes_after_the_header_never_panic() {
    // A small deterministic generator: xorshift.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..2000 {
        let len = (next() % 64) as usize;
        let mut bytes = MAGIC.to_vec();
        for _ in 0..len {
            // Small values make plausible ids, encodings and lengths.
            bytes.push(if round % 2 == 0 {
                (next() % 4) as u8
            } else {
                next() as u8
            });
        }
        let _ = decode(&bytes);
        let _ = decode_elements(&bytes[8..]);
    }
}
