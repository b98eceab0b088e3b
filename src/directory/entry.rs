//! L1 — one entry of a search result, read from the server's BER without panicking (ldap3's own
//! `SearchEntry::construct` panics on malformed replies): a DN and binary attribute values,
//! looked up by attribute name ignoring options (`userCertificate;binary` is `userCertificate`).

use ldap3::ResultEntry;

/// A directory entry: its DN and attributes (values as bytes, in the server's order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub dn: String,
    pub attrs: Vec<(String, Vec<Vec<u8>>)>,
}

impl Entry {
    /// Read a search result entry; `None` when it is not a well-formed SearchResultEntry.
    pub fn read(entry: ResultEntry) -> Option<Entry> {
        let parts = entry.0.match_id(4)?.expect_constructed()?;
        let mut parts = parts.into_iter();
        let dn = String::from_utf8(parts.next()?.expect_primitive()?).ok()?;
        let mut attrs = Vec::new();
        for attribute in parts.next()?.expect_constructed()? {
            let mut pair = attribute.expect_constructed()?.into_iter();
            let name = String::from_utf8(pair.next()?.expect_primitive()?).ok()?;
            let mut values = Vec::new();
            for value in pair.next()?.expect_constructed()? {
                values.push(value.expect_primitive()?);
            }
            attrs.push((name, values));
        }
        Some(Entry { dn, attrs })
    }

    /// Every value of attribute `name` (any options, any case).
    pub fn values(&self, name: &str) -> Vec<&[u8]> {
        self.attrs
            .iter()
            .filter(|(n, _)| base_name(n).eq_ignore_ascii_case(base_name(name)))
            .flat_map(|(_, values)| values.iter().map(Vec::as_slice))
            .collect()
    }

    /// The first value of `name` as text (lossy UTF-8), or empty.
    pub fn text(&self, name: &str) -> String {
        self.values(name)
            .first()
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .unwrap_or_default()
    }

    /// Every value of `name` as text.
    pub fn texts(&self, name: &str) -> Vec<String> {
        self.values(name)
            .into_iter()
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect()
    }
}

/// An attribute description without its options: `userCertificate;binary` → `userCertificate`.
pub fn base_name(description: &str) -> &str {
    description.split(';').next().unwrap_or(description)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ldap3::asn1::{ASNTag, OctetString, Sequence, Set, Tag, TagClass};

    fn octets(bytes: &[u8]) -> Tag {
        Tag::OctetString(OctetString {
            inner: bytes.to_vec(),
            ..Default::default()
        })
    }

    fn encoded_entry() -> ResultEntry {
        let attribute = Tag::Sequence(Sequence {
            inner: vec![
                octets(b"userCertificate;binary"),
                Tag::Set(Set {
                    inner: vec![octets(&[0x30, 0x01, 0x00]), octets(&[0x30, 0x00])],
                    ..Default::default()
                }),
            ],
            ..Default::default()
        });
        let entry = Tag::Sequence(Sequence {
            id: 4,
            class: TagClass::Application,
            inner: vec![
                octets(b"uid=a,dc=x"),
                Tag::Sequence(Sequence {
                    inner: vec![attribute],
                    ..Default::default()
                }),
            ],
        });
        ResultEntry::new(entry.into_structure())
    }

    #[test]
    fn entries_are_read_and_attributes_found_without_options() {
        let entry = Entry::read(encoded_entry()).unwrap();
        assert_eq!(entry.dn, "uid=a,dc=x");
        assert_eq!(entry.values("usercertificate").len(), 2);
        assert_eq!(entry.values("userCertificate;binary")[1], &[0x30, 0x00]);
        assert!(entry.values("mail").is_empty());
        assert_eq!(entry.text("mail"), "");
    }

    #[test]
    fn a_malformed_reply_is_none_not_a_panic() {
        let wrong = Tag::Sequence(Sequence {
            id: 4,
            class: TagClass::Application,
            inner: vec![octets(b"uid=a")],
        });
        assert!(Entry::read(ResultEntry::new(wrong.into_structure())).is_none());
        assert!(Entry::read(ResultEntry::new(octets(b"x").into_structure())).is_none());
    }
}
