//! L1 — `KeyUsageFlags`: the keyUsage extension's bits with .NET's `X509KeyUsageFlags` values
//! and names (`KeyEncipherment, DigitalSignature`).

use std::fmt;

/// The keyUsage bits, valued as .NET's `X509KeyUsageFlags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyUsageFlags(u32);

/// .NET's member names and values, in ascending value order (the order `ToString` lists them).
const MEMBERS: &[(&str, u32)] = &[
    ("EncipherOnly", 0x01),
    ("CrlSign", 0x02),
    ("KeyCertSign", 0x04),
    ("KeyAgreement", 0x08),
    ("DataEncipherment", 0x10),
    ("KeyEncipherment", 0x20),
    ("NonRepudiation", 0x40),
    ("DigitalSignature", 0x80),
    ("DecipherOnly", 0x8000),
];

impl KeyUsageFlags {
    pub const NONE: KeyUsageFlags = KeyUsageFlags(0);
    pub const ENCIPHER_ONLY: KeyUsageFlags = KeyUsageFlags(0x01);
    pub const CRL_SIGN: KeyUsageFlags = KeyUsageFlags(0x02);
    pub const KEY_CERT_SIGN: KeyUsageFlags = KeyUsageFlags(0x04);
    pub const KEY_AGREEMENT: KeyUsageFlags = KeyUsageFlags(0x08);
    pub const DATA_ENCIPHERMENT: KeyUsageFlags = KeyUsageFlags(0x10);
    pub const KEY_ENCIPHERMENT: KeyUsageFlags = KeyUsageFlags(0x20);
    pub const NON_REPUDIATION: KeyUsageFlags = KeyUsageFlags(0x40);
    pub const DIGITAL_SIGNATURE: KeyUsageFlags = KeyUsageFlags(0x80);
    pub const DECIPHER_ONLY: KeyUsageFlags = KeyUsageFlags(0x8000);

    /// From the extension's bit string as x509-parser reads it (bit 0 = digitalSignature …
    /// bit 8 = decipherOnly, RFC 5280 §4.2.1.3).
    pub fn from_rfc_bits(bits: u16) -> KeyUsageFlags {
        const RFC_ORDER: [u32; 9] = [0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01, 0x8000];
        let mut value = 0;
        for (bit, flag) in RFC_ORDER.iter().enumerate() {
            if bits & (1 << bit) != 0 {
                value |= flag;
            }
        }
        KeyUsageFlags(value)
    }

    /// The numeric value .NET gives these flags.
    pub fn bits(self) -> u32 {
        self.0
    }

    /// Are all of `other`'s flags set?
    pub fn contains(self, other: KeyUsageFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The names of the set flags, in .NET's order.
    pub fn names(self) -> Vec<&'static str> {
        MEMBERS
            .iter()
            .filter(|(_, value)| self.0 & value != 0)
            .map(|(name, _)| *name)
            .collect()
    }
}

impl std::ops::BitOr for KeyUsageFlags {
    type Output = KeyUsageFlags;

    fn bitor(self, other: KeyUsageFlags) -> KeyUsageFlags {
        KeyUsageFlags(self.0 | other.0)
    }
}

impl fmt::Display for KeyUsageFlags {
    /// As .NET's `ToString()`: `None`, or the names joined by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("None");
        }
        f.write_str(&self.names().join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_bits_map_to_dotnet_values_and_names() {
        // digitalSignature (bit 0) + keyEncipherment (bit 2)
        let leaf = KeyUsageFlags::from_rfc_bits(0b101);
        assert_eq!(leaf.bits(), 0xA0);
        assert_eq!(leaf.to_string(), "KeyEncipherment, DigitalSignature");
        assert!(leaf.contains(KeyUsageFlags::DIGITAL_SIGNATURE));
        assert!(!leaf.contains(KeyUsageFlags::KEY_CERT_SIGN));
        // keyCertSign (bit 5) + cRLSign (bit 6)
        let ca = KeyUsageFlags::from_rfc_bits(0b110_0000);
        assert_eq!(ca.to_string(), "CrlSign, KeyCertSign");
        assert_eq!(
            KeyUsageFlags::from_rfc_bits(1 << 8),
            KeyUsageFlags::DECIPHER_ONLY
        );
        assert_eq!(KeyUsageFlags::NONE.to_string(), "None");
    }
}
