//! Fuzz target (L0 syntax): arbitrary bytes, read as lossy UTF-8, must parse or fail with an
//! error — never panic, hang or overflow — and every position reported must lie in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailsec::syntax::{ParseError, Source, parse};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let source = Source::new("fuzz.ps1", text.as_ref());
    match parse(&source) {
        Ok(script) => assert!(script.span.end as usize <= text.len()),
        Err(error) => {
            assert!(error.span().end as usize <= text.len());
            if let ParseError::Syntax { line, col, .. } = error {
                assert!(line >= 1 && col >= 1);
            }
        }
    }
});
