//! Fuzz target (L1 pki): arbitrary bytes must decode as a P7B (DER or PEM-armoured) or fail
//! with an error — never panic — and what decodes must encode and decode again the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailsec::pki::{self, p7b};

fuzz_target!(|data: &[u8]| {
    if let Ok(certificates) = p7b::decode(data) {
        let written = p7b::encode(&certificates).expect("read certificates can be written");
        let again = p7b::decode(&written).expect("a written bundle can be read");
        assert_eq!(again.len(), certificates.len());
        assert!(
            again
                .iter()
                .zip(&certificates)
                .all(|(a, b)| a.same_certificate(b))
        );
    }
    // Format detection and the generic reader must not panic either.
    let _ = pki::decode_any(data);
});
