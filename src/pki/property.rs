//! L1 — certificate-store properties (Windows `CERT_*_PROP_ID` values) that travel with a
//! certificate in a serialized store (.sst): the friendly name, cached hashes, key identifiers.

/// One property of a certificate in a Windows certificate store: its id and raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreProperty {
    pub id: u32,
    pub value: Vec<u8>,
}

/// Well-known property ids (wincrypt.h).
pub mod id {
    /// CERT_KEY_PROV_INFO_PROP_ID: a reference to the private key's container (never exported).
    pub const KEY_PROV_INFO: u32 = 2;
    /// CERT_SHA1_HASH_PROP_ID: the thumbprint.
    pub const SHA1_HASH: u32 = 3;
    /// CERT_MD5_HASH_PROP_ID.
    pub const MD5_HASH: u32 = 4;
    /// CERT_ENHKEY_USAGE_PROP_ID: purposes the store's owner restricted the certificate to.
    pub const ENHKEY_USAGE: u32 = 9;
    /// CERT_FRIENDLY_NAME_PROP_ID: UTF-16LE, NUL-terminated.
    pub const FRIENDLY_NAME: u32 = 11;
    /// CERT_DESCRIPTION_PROP_ID: UTF-16LE, NUL-terminated.
    pub const DESCRIPTION: u32 = 13;
    /// CERT_SIGNATURE_HASH_PROP_ID.
    pub const SIGNATURE_HASH: u32 = 15;
    /// CERT_KEY_IDENTIFIER_PROP_ID: the subject key identifier.
    pub const KEY_IDENTIFIER: u32 = 20;
    /// CERT_SUBJECT_NAME_MD5_HASH_PROP_ID.
    pub const SUBJECT_NAME_MD5_HASH: u32 = 29;
}

/// Decode a Windows UTF-16LE string property, dropping the terminating NUL.
pub fn decode_utf16(value: &[u8]) -> String {
    let units: Vec<u16> = value
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let end = units.iter().position(|u| *u == 0).unwrap_or(units.len());
    String::from_utf16_lossy(&units[..end])
}

/// Encode a string property as Windows stores it: UTF-16LE with a terminating NUL.
pub fn encode_utf16(text: &str) -> Vec<u8> {
    text.encode_utf16()
        .chain(std::iter::once(0))
        .flat_map(u16::to_le_bytes)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_properties_round_trip_with_their_nul() {
        let bytes = encode_utf16("Contoso Root é");
        assert_eq!(&bytes[..4], &[b'C', 0, b'o', 0]);
        assert_eq!(&bytes[bytes.len() - 2..], &[0, 0]);
        assert_eq!(decode_utf16(&bytes), "Contoso Root é");
        assert_eq!(decode_utf16(&[b'A', 0, b'B']), "A");
        assert_eq!(decode_utf16(&[]), "");
    }
}
