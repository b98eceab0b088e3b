//! L1 — the dialogs that come before TLS: SMTP STARTTLS, IMAP STARTTLS, POP3 STLS, LDAP
//! StartTLS; implicit-TLS protocols have none. Each takes the connected stream to the point
//! where the next byte the server expects is the ClientHello.

pub mod imap;
pub mod ldap;
pub mod pop3;
pub mod smtp;

use super::finding::{Code, Finding};
use super::net::{BoundedStream, LineReader, Step};
use super::protocol::Protocol;

/// The client name sent in EHLO.
pub const CLIENT_NAME: &str = "mailsec.localdomain";

/// Run `protocol`'s dialog up to the TLS handshake; `Ok(true)` when the server offered and
/// accepted STARTTLS, `Ok(false)` for implicit TLS (nothing to offer).
pub fn run(protocol: Protocol, stream: &mut BoundedStream) -> Step<bool> {
    let mut reader = LineReader::new();
    let upgraded = match protocol {
        Protocol::Smtp => smtp::starttls(stream, &mut reader)?,
        Protocol::Imap => imap::starttls(stream, &mut reader)?,
        Protocol::Pop3 => pop3::starttls(stream, &mut reader)?,
        Protocol::Ldap => ldap::starttls(stream)?,
        _ => return Ok(false),
    };
    Ok(upgraded)
}

/// Does a capability list (lines or words) name `keyword`, case-insensitively, as a word?
pub fn has_keyword(text: &str, keyword: &str) -> bool {
    text.split_ascii_whitespace()
        .any(|word| word.eq_ignore_ascii_case(keyword))
}

/// The server greeted with `shown` (an excerpt) instead of `expected`.
pub fn bad_greeting(shown: &str, expected: &str) -> Finding {
    Finding::new(
        Code::ProtocolError,
        format!("The server greeted with '{shown}' instead of {expected}."),
    )
}

/// The server `offers` STARTTLS ("lists STLS", "offers STARTTLS") but answered it with
/// `shown` (an excerpt).
pub fn refused(offers: &str, shown: &str) -> Finding {
    Finding::new(
        Code::StartTlsRefused,
        format!("The server {offers} but answered it with '{shown}'."),
    )
}

/// A short, printable excerpt of what the server said (for messages).
pub fn excerpt(line: &str) -> String {
    let clean: String = line
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(120)
        .collect();
    if line.chars().count() > 120 {
        format!("{clean}…")
    } else {
        clean
    }
}
