//! L1 — the IMAP STARTTLS dialog (RFC 3501 §6.2.1): the `* OK` greeting, CAPABILITY listing
//! STARTTLS, then `STARTTLS` answered OK.

use super::super::finding::{Code, Finding};
use super::super::net::{BoundedStream, LineReader, MAX_REPLY, Step};
use super::{bad_greeting, excerpt, has_keyword, refused};

/// Read lines until the tagged reply to `tag`; returns (untagged lines, the tagged line).
fn tagged(
    stream: &mut BoundedStream,
    reader: &mut LineReader,
    tag: &str,
    what: &str,
) -> Step<(Vec<String>, String)> {
    let mut budget = MAX_REPLY;
    let mut untagged = Vec::new();
    loop {
        let line = reader.line(stream, &mut budget, what)?;
        if let Some(rest) = line.strip_prefix(tag).and_then(|r| r.strip_prefix(' ')) {
            return Ok((untagged, rest.to_string()));
        }
        if !line.starts_with('*') {
            return Err(Finding::new(
                Code::ProtocolError,
                format!(
                    "The server did not answer like an IMAP server {what}: '{}'.",
                    excerpt(&line)
                ),
            ));
        }
        untagged.push(line);
    }
}

/// Greeting, CAPABILITY, STARTTLS.
pub fn starttls(stream: &mut BoundedStream, reader: &mut LineReader) -> Step<bool> {
    let mut budget = MAX_REPLY;
    let greeting = reader.line(stream, &mut budget, "in the greeting")?;
    if !greeting.to_ascii_uppercase().starts_with("* OK") {
        return Err(bad_greeting(&excerpt(&greeting), "'* OK'"));
    }
    let mut capabilities = greeting.clone();
    if !has_keyword(&greeting.replace(['[', ']'], " "), "STARTTLS") {
        stream.send(b"a1 CAPABILITY\r\n", "sending CAPABILITY")?;
        let (lines, _) = tagged(stream, reader, "a1", "answering CAPABILITY")?;
        capabilities = lines.join(" ");
    }
    if !has_keyword(&capabilities.replace(['[', ']'], " "), "STARTTLS") {
        return Err(Finding::new(
            Code::StartTlsNotOffered,
            "The server does not list STARTTLS in its capabilities.",
        ));
    }
    stream.send(b"a2 STARTTLS\r\n", "sending STARTTLS")?;
    let (_, status) = tagged(stream, reader, "a2", "answering STARTTLS")?;
    if !status.to_ascii_uppercase().starts_with("OK") {
        return Err(refused("lists STARTTLS", &excerpt(&status)));
    }
    Ok(true)
}
