//! L1 — `Thumbprint` (a certificate's SHA-1, shown as 40 upper-case hex digits as Windows does)
//! and the SHA-1 / SHA-256 digests the certificate layer needs.

use std::fmt;
use std::str::FromStr;

use ring::digest;

use super::error::PkiError;

/// SHA-1 of `bytes` (certificate thumbprints and the SST hash property; not for security).
pub fn sha1(bytes: &[u8]) -> [u8; 20] {
    let hash = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, bytes);
    let mut out = [0u8; 20];
    out.copy_from_slice(hash.as_ref());
    out
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let hash = digest::digest(&digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(hash.as_ref());
    out
}

/// Upper-case hex of `bytes`, without separators (.NET's `SerialNumber`, `Thumbprint`).
pub fn upper_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0F)]));
    }
    out
}

/// A certificate's SHA-1 thumbprint. Displays as 40 upper-case hex digits; parses
/// case-insensitively, ignoring the spaces, colons and invisible marks that thumbprints copied
/// from the Windows certificate dialog or `openssl -fingerprint` carry.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Thumbprint([u8; 20]);

impl Thumbprint {
    /// The thumbprint of these certificate bytes.
    pub fn of(der: &[u8]) -> Thumbprint {
        Thumbprint(sha1(der))
    }

    /// A thumbprint from its 20 raw bytes.
    pub fn from_bytes(bytes: [u8; 20]) -> Thumbprint {
        Thumbprint(bytes)
    }

    /// The 20 raw bytes.
    pub fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }
}

impl fmt::Display for Thumbprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&upper_hex(&self.0))
    }
}

impl fmt::Debug for Thumbprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Thumbprint({self})")
    }
}

/// Characters a copied thumbprint may carry besides its digits.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | '-' | '\u{200E}' | '\u{200F}' | '\u{FEFF}')
}

impl FromStr for Thumbprint {
    type Err = PkiError;

    fn from_str(text: &str) -> Result<Thumbprint, PkiError> {
        let invalid = |reason: String| PkiError::Thumbprint {
            text: text.to_string(),
            reason,
        };
        let mut nibbles = Vec::with_capacity(40);
        for c in text.chars().filter(|c| !is_separator(*c)) {
            let value = c
                .to_digit(16)
                .ok_or_else(|| invalid(format!("'{c}' is not a hexadecimal digit")))?;
            nibbles.push(value as u8);
        }
        if nibbles.len() != 40 {
            return Err(invalid(format!(
                "it has {} hex digits, not 40",
                nibbles.len()
            )));
        }
        let mut bytes = [0u8; 20];
        for (byte, pair) in bytes.iter_mut().zip(nibbles.chunks_exact(2)) {
            *byte = (pair[0] << 4) | pair[1];
        }
        Ok(Thumbprint(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_and_sha256_match_known_vectors() {
        assert_eq!(
            upper_hex(&sha1(b"abc")),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
        assert_eq!(
            upper_hex(&sha256(b"abc")),
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        );
    }

    #[test]
    fn thumbprints_parse_case_insensitively_and_display_upper_case() {
        let parsed: Thumbprint = "a9993e364706816aba3e25717850c26c9cd0d89d".parse().unwrap();
        assert_eq!(parsed, Thumbprint::of(b"abc"));
        assert_eq!(
            parsed.to_string(),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
        let copied: Thumbprint =
            "\u{200E}a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d"
                .parse()
                .unwrap();
        assert_eq!(copied, parsed);
        let colons: Thumbprint = "A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D"
            .parse()
            .unwrap();
        assert_eq!(colons, parsed);
    }

    #[test]
    fn bad_thumbprints_say_why() {
        let short = "ABCD".parse::<Thumbprint>().unwrap_err();
        assert!(short.to_string().contains("it has 4 hex digits, not 40"));
        let letter = "G".repeat(40).parse::<Thumbprint>().unwrap_err();
        assert!(
            letter
                .to_string()
                .contains("'G' is not a hexadecimal digit")
        );
    }
}
