//! L1 (tests only) — small S/MIME certificates for the directory's unit tests.

use crate::pki::Certificate;
use crate::pki::issue::{KeyAlgorithm, Request, issue};

thread_local! {
    static MADE: std::cell::RefCell<Vec<(u8, Certificate)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A self-signed S/MIME certificate for `user<n>@example.com` (the same one for the same `n`
/// within a test thread).
pub fn certificate(n: u8) -> Certificate {
    if let Some(made) = MADE.with(|m| {
        m.borrow()
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, c)| c.clone())
    }) {
        return made;
    }
    let made = make(n);
    MADE.with(|m| m.borrow_mut().push((n, made.clone())));
    made
}

fn make(n: u8) -> Certificate {
    let now = 1_700_000_000;
    let request = Request {
        subject: format!("CN=User {n}"),
        dns_names: Vec::new(),
        emails: vec![format!("user{n}@example.com")],
        not_before: now,
        not_after: now + 365 * 86_400,
        algorithm: KeyAlgorithm::EcdsaP256,
        key_usages: vec!["DigitalSignature".to_string()],
        ekus: vec![crate::pki::lint::EMAIL_PROTECTION.to_string()],
        ca: None,
    };
    match issue(&request, None) {
        Ok(issued) => issued.certificate,
        Err(e) => panic!("test certificate: {e}"),
    }
}
