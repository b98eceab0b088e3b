//! Fuzz target (L1 pki): arbitrary bytes after the `.sst` header must decode or fail with an
//! error — never panic — and what decodes must encode and decode again to the same certificates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailsec::pki::{PkiError, sst};

fuzz_target!(|data: &[u8]| {
    // Half the inputs get the magic, so the fuzzer explores the elements, not the header.
    let mut bytes = Vec::with_capacity(data.len() + 8);
    if data.first().is_some_and(|b| b & 1 == 0) {
        bytes.extend_from_slice(&sst::MAGIC);
    }
    bytes.extend_from_slice(data);
    match sst::decode(&bytes) {
        Ok(certificates) => {
            let written = sst::encode(&certificates).expect("a read store can be written");
            let again = sst::decode(&written).expect("a written store can be read");
            assert_eq!(again.len(), certificates.len());
            assert!(
                again
                    .iter()
                    .zip(&certificates)
                    .all(|(a, b)| a.same_certificate(b))
            );
        }
        Err(PkiError::SstTruncated { offset, .. } | PkiError::SstEncoding { offset, .. }) => {
            assert!(offset <= bytes.len());
        }
        Err(_) => {}
    }
    let _ = sst::decode_elements(data);
});
