//! L1 — the POP3 STLS dialog (RFC 2595 §4): the `+OK` greeting, CAPA listing STLS, then
//! `STLS` answered `+OK`.

use super::super::finding::{Code, Finding};
use super::super::net::{BoundedStream, LineReader, MAX_REPLY, Step};
use super::{bad_greeting, excerpt, refused};

/// Greeting, CAPA, STLS.
pub fn starttls(stream: &mut BoundedStream, reader: &mut LineReader) -> Step<bool> {
    let mut budget = MAX_REPLY;
    let greeting = reader.line(stream, &mut budget, "in the greeting")?;
    if !greeting.starts_with("+OK") {
        return Err(bad_greeting(&excerpt(&greeting), "'+OK'"));
    }
    stream.send(b"CAPA\r\n", "sending CAPA")?;
    let mut budget = MAX_REPLY;
    let status = reader.line(stream, &mut budget, "answering CAPA")?;
    let mut offered = false;
    if status.starts_with("+OK") {
        loop {
            let line = reader.line(stream, &mut budget, "listing capabilities")?;
            if line == "." {
                break;
            }
            offered |= line
                .split_ascii_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("STLS"));
        }
    }
    if !offered {
        return Err(Finding::new(
            Code::StartTlsNotOffered,
            "The server does not list STLS in its CAPA reply.",
        ));
    }
    stream.send(b"STLS\r\n", "sending STLS")?;
    let mut budget = MAX_REPLY;
    let answer = reader.line(stream, &mut budget, "answering STLS")?;
    if !answer.starts_with("+OK") {
        return Err(refused("lists STLS", &excerpt(&answer)));
    }
    Ok(true)
}
