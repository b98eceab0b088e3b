//! L1 — the S/MIME algorithm lists of Outlook on the web (`OWAEncryptionAlgorithms` such as
//! `6603;6602:128`, `OWASigningAlgorithms` such as `800E;8004`, each entry `<id>`,
//! `<id>:<key length>` or `<id>,<custom OID>`) and OID lists (`2.5.4.3,2.5.4.10`).

use std::fmt;

use super::param::text_value;

/// One entry of an algorithm list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmEntry {
    /// The CryptoAPI algorithm ID (`0x6610`).
    pub id: u16,
    pub key_length: Option<u32>,
    /// The object identifier of a non-Microsoft CSP's algorithm.
    pub custom_oid: Option<String>,
}

impl fmt::Display for AlgorithmEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.id)?;
        if let Some(length) = self.key_length {
            write!(f, ":{length}")?;
        }
        if let Some(oid) = &self.custom_oid {
            write!(f, ",{oid}")?;
        }
        Ok(())
    }
}

/// What one family of algorithms accepts.
struct Family {
    /// Known IDs with their names.
    known: &'static [(u16, &'static str)],
    /// The ID that takes a key length, with its accepted lengths (RC2); `None`: any ID may
    /// carry a length.
    key_lengths: Option<(u16, &'static [u32])>,
    example: &'static str,
}

const ENCRYPTION: Family = Family {
    known: &[
        (0x6601, "DES"),
        (0x6602, "RC2"),
        (0x6603, "3DES"),
        (0x660E, "AES128"),
        (0x660F, "AES192"),
        (0x6610, "AES256"),
    ],
    key_lengths: Some((0x6602, &[40, 56, 64, 128])),
    example: "6603;6602:128;6602:64;6601;6602:56",
};

const SIGNING: Family = Family {
    known: &[
        (0x8003, "MD5"),
        (0x8004, "SHA1"),
        (0x800C, "SHA256"),
        (0x800D, "SHA384"),
        (0x800E, "SHA512"),
    ],
    key_lengths: None,
    example: "800E;8004;8003",
};

impl Family {
    fn accepted(&self) -> String {
        let ids: Vec<String> = self
            .known
            .iter()
            .map(|(id, name)| format!("{id:04X} ({name})"))
            .collect();
        format!(
            "entries separated by ';', each <AlgorithmID>, <AlgorithmID>:<KeyLength> or <AlgorithmID>,<CustomOID>, with the IDs {} (for example {})",
            ids.join(", "),
            self.example
        )
    }

    fn parse(&self, text: &str) -> Result<Vec<AlgorithmEntry>, String> {
        let text = text.trim();
        let mut entries = Vec::new();
        for raw in text.split(';') {
            let raw = raw.trim();
            if raw.is_empty() {
                return Err(format!(
                    "'{text}' has an empty entry. Accepted: {}.",
                    self.accepted()
                ));
            }
            let entry = self
                .entry(raw)
                .map_err(|reason| format!("{reason} Accepted: {}.", self.accepted()))?;
            entries.push(entry);
        }
        Ok(entries)
    }

    fn entry(&self, raw: &str) -> Result<AlgorithmEntry, String> {
        let (head, custom_oid) = match raw.split_once(',') {
            Some((head, oid)) => {
                let oid = oid.trim();
                if !is_oid(oid) {
                    return Err(format!(
                        "'{oid}' in '{raw}' isn't an object identifier (for example 1.2.840.113549.3.7)."
                    ));
                }
                (head.trim(), Some(oid.to_string()))
            }
            None => (raw, None),
        };
        let (id_text, length_text) = match head.split_once(':') {
            Some((id, length)) => (id.trim(), Some(length.trim())),
            None => (head, None),
        };
        let id = if id_text.eq_ignore_ascii_case("RC2") && self.key_lengths.is_some() {
            0x6602
        } else if id_text.len() == 4 {
            u16::from_str_radix(id_text, 16)
                .map_err(|_| format!("'{id_text}' isn't a hexadecimal algorithm ID."))?
        } else {
            return Err(format!(
                "'{id_text}' isn't a four-digit hexadecimal algorithm ID."
            ));
        };
        if custom_oid.is_none() && !self.known.iter().any(|(known, _)| *known == id) {
            return Err(format!(
                "The algorithm ID {id:04X} isn't known; a custom algorithm needs its OID (<AlgorithmID>,<CustomOID>)."
            ));
        }
        let key_length = match length_text {
            None => None,
            Some(text) => {
                let length: u32 = text
                    .parse()
                    .map_err(|_| format!("'{text}' in '{raw}' isn't a key length."))?;
                if let Some((rc2, lengths)) = self.key_lengths {
                    if id != rc2 {
                        return Err(format!(
                            "Only RC2 ({rc2:04X}) takes a key length, not {id:04X}."
                        ));
                    }
                    if !lengths.contains(&length) {
                        let lengths: Vec<String> = lengths.iter().map(u32::to_string).collect();
                        return Err(format!(
                            "RC2 doesn't take the key length {length}; it takes {}.",
                            lengths.join(", ")
                        ));
                    }
                }
                Some(length)
            }
        };
        Ok(AlgorithmEntry {
            id,
            key_length,
            custom_oid,
        })
    }
}

/// Is `text` a dotted object identifier (at least two numeric arcs)?
fn is_oid(text: &str) -> bool {
    let arcs: Vec<&str> = text.split('.').collect();
    arcs.len() >= 2
        && arcs
            .iter()
            .all(|arc| !arc.is_empty() && arc.chars().all(|c| c.is_ascii_digit()))
}

fn join(entries: &[AlgorithmEntry], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            f.write_str(";")?;
        }
        write!(f, "{entry}")?;
    }
    Ok(())
}

/// `OWAEncryptionAlgorithms`: the symmetric algorithms OWA encrypts with (6610 AES256 when
/// unset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptionAlgorithms(pub Vec<AlgorithmEntry>);

impl EncryptionAlgorithms {
    pub fn parse(text: &str) -> Result<EncryptionAlgorithms, String> {
        ENCRYPTION.parse(text).map(EncryptionAlgorithms)
    }
}

impl fmt::Display for EncryptionAlgorithms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(&self.0, f)
    }
}

text_value!(EncryptionAlgorithms, "System.String");

/// `OWASigningAlgorithms`: the hash algorithms OWA signs with (8004 SHA1 when unset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningAlgorithms(pub Vec<AlgorithmEntry>);

impl SigningAlgorithms {
    pub fn parse(text: &str) -> Result<SigningAlgorithms, String> {
        SIGNING.parse(text).map(SigningAlgorithms)
    }
}

impl fmt::Display for SigningAlgorithms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(&self.0, f)
    }
}

text_value!(SigningAlgorithms, "System.String");

/// A comma-separated list of object identifiers (`OWASenderCertificateAttributesToDisplay`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidList(pub Vec<String>);

impl OidList {
    pub fn parse(text: &str) -> Result<OidList, String> {
        let mut oids = Vec::new();
        for oid in text.split(',') {
            let oid = oid.trim();
            if !is_oid(oid) {
                return Err(format!(
                    "'{oid}' isn't an object identifier. Accepted: OIDs separated by commas (for example 2.5.4.3,2.5.4.10)."
                ));
            }
            oids.push(oid.to_string());
        }
        Ok(OidList(oids))
    }
}

impl fmt::Display for OidList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(","))
    }
}

text_value!(OidList, "System.String");

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn encryption_lists_take_ids_and_rc2_key_lengths() {
        let list = EncryptionAlgorithms::parse("6603;6602:128;6602:64;6601;6602:56").unwrap();
        assert_eq!(list.0.len(), 5);
        assert_eq!(list.to_string(), "6603;6602:128;6602:64;6601;6602:56");
        assert_eq!(
            EncryptionAlgorithms::parse("6602:128").unwrap().0[0].key_length,
            Some(128)
        );
        assert_eq!(
            EncryptionAlgorithms::parse("660e").unwrap().to_string(),
            "660E"
        );
        assert_eq!(
            EncryptionAlgorithms::parse("RC2:40").unwrap().to_string(),
            "6602:40"
        );
        let custom = EncryptionAlgorithms::parse("6603,1.2.3.4.5").unwrap();
        assert_eq!(custom.0[0].custom_oid.as_deref(), Some("1.2.3.4.5"));
    }

    #[test]
    fn encryption_lists_reject_what_owa_cannot_use() {
        for bad in [
            "",
            "6610;",
            "6604",
            "6602:100",
            "6610:128",
            "AES",
            "6603,notanoid",
            "66100",
        ] {
            let error = EncryptionAlgorithms::parse(bad).unwrap_err();
            assert!(error.contains("Accepted:"), "{bad}: {error}");
        }
    }

    #[test]
    fn signing_lists_take_hash_ids() {
        assert_eq!(
            SigningAlgorithms::parse("800E;8004;8003")
                .unwrap()
                .to_string(),
            "800E;8004;8003"
        );
        assert_eq!(
            SigningAlgorithms::parse("800c;8004").unwrap().to_string(),
            "800C;8004"
        );
        assert!(SigningAlgorithms::parse("8804,1.3.6.1.4.1.311.1").is_ok());
        assert!(SigningAlgorithms::parse("8804").is_err());
        assert!(SigningAlgorithms::parse("6610").is_err());
    }

    #[test]
    fn oid_lists_are_comma_separated() {
        assert_eq!(
            OidList::parse("2.5.4.3, 2.5.4.10").unwrap().to_string(),
            "2.5.4.3,2.5.4.10"
        );
        assert!(OidList::parse("2.5.4.3,cn").is_err());
        assert!(OidList::parse("").is_err());
    }
}
