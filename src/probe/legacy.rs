//! L1 — does a server still accept TLS 1.0 or TLS 1.1? rustls speaks neither, so this sends a
//! minimal ClientHello of its own (common CBC suites, SNI, groups, point formats,
//! renegotiation_info) and reads only the ServerHello's version or an alert.

use std::io::Read;

use super::finding::{Code, Finding};
use super::net::{BoundedStream, Step, io_failure};
use super::policy::TlsVersion;

/// The suites offered for TLS 1.0/1.1: ECDHE and DHE with AES-CBC, then static RSA and
/// 3DES, as old clients (and testssl.sh's legacy sockets) offer them.
pub const LEGACY_SUITES: &[u16] = &[
    0xc013, 0xc014, 0xc009, 0xc00a, 0x0033, 0x0039, 0x002f, 0x0035, 0x000a,
];

/// Static-RSA key-exchange suites (no forward secrecy), which rustls does not implement:
/// offered in a TLS 1.2 ClientHello when the real handshake failed, to say why.
pub const STATIC_RSA_SUITES: &[u16] = &[0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0x000a];

/// Is this a static-RSA key-exchange suite?
pub fn is_static_rsa(suite: u16) -> bool {
    STATIC_RSA_SUITES.contains(&suite)
}

/// A suite's IANA name (`TLS_RSA_WITH_AES_128_GCM_SHA256`).
pub fn suite_name(suite: u16) -> String {
    let known = match suite {
        0x000a => "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        0x002f => "TLS_RSA_WITH_AES_128_CBC_SHA",
        0x0033 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
        0x0035 => "TLS_RSA_WITH_AES_256_CBC_SHA",
        0x0039 => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        0x003c => "TLS_RSA_WITH_AES_128_CBC_SHA256",
        0x003d => "TLS_RSA_WITH_AES_256_CBC_SHA256",
        0x009c => "TLS_RSA_WITH_AES_128_GCM_SHA256",
        0x009d => "TLS_RSA_WITH_AES_256_GCM_SHA384",
        0xc009 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        0xc00a => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        0xc013 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        0xc014 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        _ => return super::tls::iana_suite_name(rustls::CipherSuite::from(suite)),
    };
    known.to_string()
}

/// What a server answered to a legacy ClientHello.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyAnswer {
    /// A ServerHello for exactly the offered version, with the chosen suite.
    Accepted { suite: u16 },
    /// An alert, a ServerHello for another version, or the connection closed.
    Refused,
}

/// The ClientHello record for `version`, with SNI for `host` when it is a DNS name.
pub fn client_hello(version: TlsVersion, host: &str, random: [u8; 32], suites: &[u16]) -> Vec<u8> {
    let wire = version.wire().to_be_bytes();
    let mut extensions = Vec::new();
    if host.parse::<std::net::IpAddr>().is_err() && !host.is_empty() && host.len() < 256 {
        let name = host.as_bytes();
        let entry = [&[0u8][..], &u16_be(name.len()), name].concat();
        let list = [&u16_be(entry.len())[..], &entry].concat();
        push_extension(&mut extensions, 0x0000, &list);
    }
    // supported_groups: x25519, secp256r1, secp384r1
    push_extension(
        &mut extensions,
        0x000a,
        &[0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18],
    );
    // ec_point_formats: uncompressed
    push_extension(&mut extensions, 0x000b, &[0x01, 0x00]);
    // renegotiation_info: empty
    push_extension(&mut extensions, 0xff01, &[0x00]);
    if version >= TlsVersion::Tls12 {
        // signature_algorithms: RSA PKCS#1, RSA-PSS, ECDSA with SHA-2, then SHA-1
        let schemes: [u16; 10] = [
            0x0401, 0x0501, 0x0601, 0x0804, 0x0805, 0x0806, 0x0403, 0x0503, 0x0201, 0x0203,
        ];
        let mut list = u16_be(schemes.len() * 2).to_vec();
        for scheme in schemes {
            list.extend_from_slice(&scheme.to_be_bytes());
        }
        push_extension(&mut extensions, 0x000d, &list);
    }

    let mut body = Vec::with_capacity(128 + extensions.len());
    body.extend_from_slice(&wire);
    body.extend_from_slice(&random);
    body.push(0); // no session id
    body.extend_from_slice(&u16_be(suites.len() * 2));
    for suite in suites {
        body.extend_from_slice(&suite.to_be_bytes());
    }
    body.extend_from_slice(&[0x01, 0x00]); // compression: null
    body.extend_from_slice(&u16_be(extensions.len()));
    body.extend_from_slice(&extensions);

    let length = body.len();
    let mut handshake = vec![
        0x01,
        (length >> 16) as u8,
        (length >> 8) as u8,
        length as u8,
    ];
    handshake.extend_from_slice(&body);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend_from_slice(&u16_be(handshake.len()));
    record.extend_from_slice(&handshake);
    record
}

fn u16_be(n: usize) -> [u8; 2] {
    (u16::try_from(n).unwrap_or(u16::MAX)).to_be_bytes()
}

fn push_extension(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend_from_slice(&kind.to_be_bytes());
    out.extend_from_slice(&u16_be(data.len()));
    out.extend_from_slice(data);
}

/// Send a ClientHello for `version` offering `suites` on a connection ready for TLS and read
/// the answer.
pub fn probe(
    stream: &mut BoundedStream,
    version: TlsVersion,
    host: &str,
    suites: &[u16],
) -> Step<LegacyAnswer> {
    let mut random = [0u8; 32];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut random);
    let what = format!("probing {}", version.name());
    stream.send(&client_hello(version, host, random, suites), &what)?;
    let mut header = [0u8; 5];
    if let Err(error) = stream.read_exact(&mut header) {
        let failure = io_failure(&error, &what);
        return match failure.code {
            Code::Timeout => Err(failure),
            // Closing or resetting is how many servers refuse a version.
            _ => Ok(LegacyAnswer::Refused),
        };
    }
    let length = usize::from(u16::from_be_bytes([header[3], header[4]]));
    match header[0] {
        0x15 => return Ok(LegacyAnswer::Refused),
        0x16 if header[1] == 3 && length >= 4 => {}
        _ => {
            return Err(Finding::new(
                Code::HandshakeFailed,
                format!(
                    "The server did not answer a {} ClientHello with TLS.",
                    version.name()
                ),
            ));
        }
    }
    // handshake type (1), length (3), version (2), random (32), session id (1 + n), suite (2)
    let mut message = vec![0u8; length.min(4 + 2 + 32 + 1 + 32 + 2)];
    if stream.read_exact(&mut message).is_err() {
        return Ok(LegacyAnswer::Refused);
    }
    Ok(read_server_hello(&message, version.wire()))
}

/// The answer a ServerHello message (its start) gives for the offered `wire` version.
pub fn read_server_hello(message: &[u8], wire: u16) -> LegacyAnswer {
    if message.first() != Some(&0x02) {
        return LegacyAnswer::Refused;
    }
    let version = message.get(4..6).map(|v| u16::from_be_bytes([v[0], v[1]]));
    if version != Some(wire) {
        return LegacyAnswer::Refused;
    }
    let session_length = message.get(38).map(|n| usize::from(*n)).unwrap_or(0);
    let at = 39 + session_length;
    let suite = message
        .get(at..at + 2)
        .map(|s| u16::from_be_bytes([s[0], s[1]]))
        .unwrap_or(0);
    LegacyAnswer::Accepted { suite }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hello_is_well_formed() {
        let hello = client_hello(TlsVersion::Tls11, "mx.contoso.com", [7; 32], LEGACY_SUITES);
        assert_eq!(&hello[..3], &[0x16, 0x03, 0x01]);
        let record_length = usize::from(u16::from_be_bytes([hello[3], hello[4]]));
        assert_eq!(record_length, hello.len() - 5);
        assert_eq!(hello[5], 0x01);
        let hs_length =
            (usize::from(hello[6]) << 16) | (usize::from(hello[7]) << 8) | usize::from(hello[8]);
        assert_eq!(hs_length, hello.len() - 9);
        assert_eq!(&hello[9..11], &[0x03, 0x02]);
        assert!(hello.windows(14).any(|w| w == b"mx.contoso.com"));
        let no_sni = client_hello(TlsVersion::Tls10, "127.0.0.1", [0; 32], LEGACY_SUITES);
        assert!(!no_sni.windows(9).any(|w| w == b"127.0.0.1"));
    }

    #[test]
    fn server_hellos_are_read() {
        let mut hello = vec![0x02, 0, 0, 70, 0x03, 0x01];
        hello.extend_from_slice(&[0; 32]);
        hello.push(0);
        hello.extend_from_slice(&[0xc0, 0x13]);
        assert_eq!(
            read_server_hello(&hello, 0x0301),
            LegacyAnswer::Accepted { suite: 0xc013 }
        );
        assert_eq!(read_server_hello(&hello, 0x0302), LegacyAnswer::Refused);
        assert_eq!(read_server_hello(&[0x15], 0x0301), LegacyAnswer::Refused);
        assert_eq!(suite_name(0x009c), "TLS_RSA_WITH_AES_128_GCM_SHA256");
        assert!(is_static_rsa(0x002f) && !is_static_rsa(0xc013));
    }
}
