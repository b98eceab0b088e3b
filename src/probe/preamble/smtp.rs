//! L1 — the SMTP STARTTLS dialog (RFC 3207) as testssl.sh runs it: the 220 greeting (also
//! multi-line), EHLO, STARTTLS in the EHLO reply, STARTTLS answered 220; and EHLO again after
//! the handshake, where STARTTLS must no longer be advertised.

use std::io::{Read, Write};

use super::super::finding::{Code, Finding};
use super::super::net::{BoundedStream, LineReader, MAX_LINE, MAX_REPLY, Step};
use super::{CLIENT_NAME, bad_greeting, excerpt, refused};

/// One SMTP reply: its code and its lines' text (without the code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    /// Does any line of the reply start with `keyword` (an EHLO extension)?
    pub fn has_extension(&self, keyword: &str) -> bool {
        self.lines.iter().any(|line| {
            line.split_ascii_whitespace()
                .next()
                .is_some_and(|word| word.eq_ignore_ascii_case(keyword))
        })
    }

    fn first(&self) -> String {
        format!(
            "{} {}",
            self.code,
            excerpt(self.lines.first().map(String::as_str).unwrap_or(""))
        )
    }
}

/// Read one (possibly multi-line) reply, at most [`MAX_REPLY`] bytes.
pub fn read_reply(stream: &mut BoundedStream, reader: &mut LineReader, what: &str) -> Step<Reply> {
    let mut budget = MAX_REPLY;
    let mut lines = Vec::new();
    loop {
        let line = reader.line(stream, &mut budget, what)?;
        let bytes = line.as_bytes();
        let code = line
            .get(..3)
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|c| c.parse::<u16>().ok());
        let Some(code) = code else {
            return Err(Finding::new(
                Code::ProtocolError,
                format!(
                    "The server did not answer like an SMTP server {what}: '{}'.",
                    excerpt(&line)
                ),
            ));
        };
        lines.push(line.get(4..).unwrap_or("").to_string());
        if bytes.get(3) != Some(&b'-') {
            return Ok(Reply { code, lines });
        }
    }
}

/// Greeting, EHLO, STARTTLS. `Ok(true)` when the server is ready for the handshake.
pub fn starttls(stream: &mut BoundedStream, reader: &mut LineReader) -> Step<bool> {
    let greeting = read_reply(stream, reader, "in the greeting")?;
    if greeting.code != 220 {
        return Err(bad_greeting(
            &greeting.first(),
            "220 (421: too busy or refusing)",
        ));
    }
    stream.send(format!("EHLO {CLIENT_NAME}\r\n").as_bytes(), "sending EHLO")?;
    let ehlo = read_reply(stream, reader, "answering EHLO")?;
    if ehlo.code != 250 {
        return Err(Finding::new(
            Code::ProtocolError,
            format!("The server answered EHLO with '{}'.", ehlo.first()),
        ));
    }
    if !ehlo.has_extension("STARTTLS") {
        return Err(Finding::new(
            Code::StartTlsNotOffered,
            "The server does not offer STARTTLS in its EHLO reply: mail to it travels in plain text.",
        ));
    }
    stream.send(b"STARTTLS\r\n", "sending STARTTLS")?;
    let ready = read_reply(stream, reader, "answering STARTTLS")?;
    if ready.code != 220 {
        return Err(refused("offers STARTTLS", &ready.first()));
    }
    if reader.pending() > 0 {
        return Err(Finding::new(
            Code::ProtocolError,
            "The server sent more data after its 220 to STARTTLS (a STARTTLS injection risk).",
        ));
    }
    Ok(true)
}

/// After the handshake: EHLO again over TLS and QUIT. A finding when STARTTLS is still
/// advertised; problems reading the reply are not findings (the TLS facts are already known).
pub fn after_tls<S: Read + Write>(tls: &mut S) -> Option<Finding> {
    let request = format!("EHLO {CLIENT_NAME}\r\n");
    tls.write_all(request.as_bytes()).ok()?;
    tls.flush().ok()?;
    let mut received = Vec::new();
    let mut chunk = [0u8; 2048];
    let reply = loop {
        let n = tls.read(&mut chunk).ok()?;
        if n == 0 || received.len() + n > MAX_REPLY {
            return None;
        }
        received.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&received).into_owned();
        let complete = text
            .lines()
            .any(|l| l.len() >= 4 && l.as_bytes().get(3) == Some(&b' '));
        if complete && text.ends_with('\n') {
            break text;
        }
        if text.lines().any(|l| l.len() > MAX_LINE) {
            return None;
        }
    };
    let _ = tls.write_all(b"QUIT\r\n").and_then(|()| tls.flush());
    let readvertised = reply.lines().any(|line| {
        line.get(4..)
            .and_then(|rest| rest.split_ascii_whitespace().next())
            .is_some_and(|w| w.eq_ignore_ascii_case("STARTTLS"))
    });
    readvertised.then(|| {
        Finding::new(
            Code::StartTlsReadvertised,
            "The server advertises STARTTLS again after TLS started (RFC 3207 §4.2 says it must not).",
        )
    })
}
