//! L1 — LDAP StartTLS (RFC 4511 §4.14): an ExtendedRequest for 1.3.6.1.4.1.1466.20037 as
//! testssl.sh sends it (messageID 1), and the ExtendedResponse's resultCode (0 = go ahead).
//! The few BER bytes are written and read by hand, every length bounded.

use std::io::Read;

use super::super::finding::{Code, Finding};
use super::super::net::{BoundedStream, Step, io_failure};

/// The StartTLS extended operation's OID.
pub const START_TLS_OID: &str = "1.3.6.1.4.1.1466.20037";
/// The largest response accepted (a real one is a few dozen bytes).
const MAX_RESPONSE: usize = 16 * 1024;

/// `LDAPMessage { messageID 1, ExtendedRequest { requestName [0] START_TLS_OID } }`.
pub fn request() -> Vec<u8> {
    let oid = START_TLS_OID.as_bytes();
    let name = [&[0x80, oid.len() as u8][..], oid].concat();
    let op = [&[0x77, name.len() as u8][..], &name].concat();
    let body = [&[0x02, 0x01, 0x01][..], &op].concat();
    [&[0x30, body.len() as u8][..], &body].concat()
}

/// Send StartTLS and read the answer.
pub fn starttls(stream: &mut BoundedStream) -> Step<bool> {
    stream.send(&request(), "sending the StartTLS request")?;
    let message = read_message(stream)?;
    match result_code(&message) {
        Some((0, _)) => Ok(true),
        // protocolError (2) is how OpenLDAP says it has no such extended operation;
        // unavailable (52) is how it says TLS is not configured.
        Some((code, text)) if code == 2 || code == 52 || code == 53 => Err(Finding::new(
            Code::StartTlsNotOffered,
            format!("The directory does not support StartTLS (resultCode {code}{text})."),
        )),
        Some((code, text)) => Err(Finding::new(
            Code::StartTlsRefused,
            format!("The directory refused StartTLS (resultCode {code}{text})."),
        )),
        None => Err(Finding::new(
            Code::ProtocolError,
            "The server did not answer StartTLS with an LDAP ExtendedResponse.",
        )),
    }
}

/// One BER element: tag, then its content.
fn read_message(stream: &mut BoundedStream) -> Step<Vec<u8>> {
    let what = "answering StartTLS";
    let mut head = [0u8; 2];
    stream
        .read_exact(&mut head)
        .map_err(|e| io_failure(&e, what))?;
    if head[0] != 0x30 {
        return Err(Finding::new(
            Code::ProtocolError,
            "The server did not answer StartTLS with an LDAP message.",
        ));
    }
    let length = if head[1] < 0x80 {
        usize::from(head[1])
    } else {
        let count = usize::from(head[1] & 0x7f);
        if count == 0 || count > 3 {
            return Err(Finding::new(
                Code::ProtocolError,
                "The server's LDAP answer has an unusable length.",
            ));
        }
        let mut bytes = [0u8; 3];
        stream
            .read_exact(&mut bytes[..count])
            .map_err(|e| io_failure(&e, what))?;
        bytes[..count]
            .iter()
            .fold(0usize, |n, b| (n << 8) | usize::from(*b))
    };
    if length > MAX_RESPONSE {
        return Err(Finding::new(
            Code::ProtocolError,
            format!("The server's LDAP answer claims {length} bytes."),
        ));
    }
    let mut body = vec![0u8; length];
    stream
        .read_exact(&mut body)
        .map_err(|e| io_failure(&e, what))?;
    Ok(body)
}

/// A TLV at the start of `bytes`: (tag, content, rest).
fn tlv(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *bytes.first()?;
    let first = *bytes.get(1)?;
    let (length, start) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 3 {
            return None;
        }
        let len = bytes
            .get(2..2 + count)?
            .iter()
            .fold(0usize, |n, b| (n << 8) | usize::from(*b));
        (len, 2 + count)
    };
    let content = bytes.get(start..start + length)?;
    Some((tag, content, &bytes[start + length..]))
}

/// The resultCode and diagnosticMessage (`: text`) of an ExtendedResponse message body.
pub fn result_code(body: &[u8]) -> Option<(u32, String)> {
    let (tag, _id, rest) = tlv(body)?;
    if tag != 0x02 {
        return None;
    }
    let (tag, response, _) = tlv(rest)?;
    if tag != 0x78 {
        return None;
    }
    let (tag, code, rest) = tlv(response)?;
    if tag != 0x0a || code.is_empty() || code.len() > 4 {
        return None;
    }
    let value = code.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b));
    let diagnostic = tlv(rest)
        .and_then(|(_, _dn, rest)| tlv(rest))
        .map(|(_, text, _)| String::from_utf8_lossy(text).trim().to_string())
        .filter(|t| !t.is_empty())
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    Some((value, diagnostic))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_the_classic_starttls_bytes() {
        let bytes = request();
        assert_eq!(&bytes[..7], &[0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18]);
        assert_eq!(bytes.len(), 31);
    }

    #[test]
    fn result_codes_are_read() {
        // messageID 1, ExtendedResponse { resultCode 0, matchedDN "", diagnosticMessage "" }
        let ok = [
            0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00,
        ];
        assert_eq!(result_code(&ok), Some((0, String::new())));
        let refused = [
            0x02, 0x01, 0x01, 0x78, 0x09, 0x0a, 0x01, 0x02, 0x04, 0x00, 0x04, 0x02, b'n', b'o',
        ];
        assert_eq!(result_code(&refused), Some((2, ": no".into())));
        assert_eq!(result_code(&[0x02, 0x01]), None);
        assert_eq!(result_code(&[]), None);
    }
}
