//! Fuzz target (L1 pki): arbitrary bytes must open as a PKCS#12 (.pfx) file or fail with an
//! error — never panic — whatever the password; what opens must hold at least one certificate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailsec::pki::pfx;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the password, so both the MAC check and the parser are reached.
    let (password, bytes) = match data.split_first() {
        Some((0, rest)) => ("", rest),
        Some((_, rest)) => ("password", rest),
        None => ("", data),
    };
    if let Ok(contents) = pfx::decode(bytes, password) {
        assert!(!contents.certificates.is_empty());
    }
});
