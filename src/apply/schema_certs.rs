//! L2 — the schema of the document's `Certificates` section: Cert:\ stores (`LocalMachine\CA`)
//! and their certificates (a file, base64 DER, or a thumbprint to remove), each store a list
//! or `{Prune: …, Items: [...]}`. A store is a standard one or a custom `LocalMachine` store,
//! whose name the model's own check judges (the store itself is not read here).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::CustomStore;
use crate::model::cert_store::{
    CUSTOM_STORE_LOCATION, LOCATIONS, STORES, canonical_location, canonical_store,
    canonical_store_in, validate_store_name,
};

use super::doc_value::DocValue;
use super::document::{CertDecl, CertSection, CertSource, Ensure};
use super::schema::{KeySeed, bool_value, ensure_value, once, text_value};

/// `Certificates:`: a mapping from store paths to their certificates.
pub(super) struct CertificatesSeed;

impl<'de> DeserializeSeed<'de> for CertificatesSeed {
    type Value = Vec<CertSection>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CertificatesSeed {
    type Value = Vec<CertSection>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "Certificates: a mapping from Cert:\\ stores (LocalMachine\\CA) to their certificates",
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut sections: Vec<CertSection> = Vec::new();
        while let Some((location, store)) = map.next_key_seed(StoreKeySeed)? {
            if sections
                .iter()
                .any(|s| s.location == location && s.store.eq_ignore_ascii_case(store))
            {
                return Err(de::Error::custom(format!(
                    "the store {location}\\{store} is given twice"
                )));
            }
            let place = format!("Certificates.{location}\\{store}");
            let (prune, items) = map.next_value_seed(CertSectionSeed { place: &place })?;
            sections.push(CertSection {
                location,
                store,
                prune,
                items,
            });
        }
        Ok(sections)
    }
}

/// A store key, judged inside the visitor so that an error carries the key's line.
struct StoreKeySeed;

impl<'de> DeserializeSeed<'de> for StoreKeySeed {
    type Value = (&'static str, &'static str);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for StoreKeySeed {
    type Value = (&'static str, &'static str);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Cert:\\ store (LocalMachine\\CA)")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        parse_store(key).map_err(E::custom)
    }
}

/// `Cert:\LocalMachine\CA`, `LocalMachine\CA` or `LocalMachine/CA` as canonical names; a
/// custom store (`LocalMachine\Lab`) keeps its name as written (see [`parse_store`]).
pub fn store_of(path: &str) -> Option<(&'static str, &'static str)> {
    parse_store(path).ok()
}

/// A store path as its location's canonical name and the store's: a standard store's
/// canonical name, or a custom store's name as written, judged by the model's own name check
/// and accepted under `LocalMachine` only (as Windows has it). The error says what is
/// accepted.
pub fn parse_store(path: &str) -> Result<(&'static str, &'static str), String> {
    let trimmed = path.trim();
    let rest = match trimmed.get(..5) {
        Some(drive) if drive.eq_ignore_ascii_case("cert:") => &trimmed[5..],
        _ => trimmed,
    };
    let parts: Vec<&str> = rest.split(['\\', '/']).filter(|p| !p.is_empty()).collect();
    let accepted = || {
        format!(
            "give LOCATION\\STORE with LOCATION one of {} and STORE one of {} or a custom store's name (under {CUSTOM_STORE_LOCATION} only)",
            LOCATIONS.join(", "),
            STORES.join(", ")
        )
    };
    let [location, store] = parts.as_slice() else {
        return Err(format!("'{path}' is not a Cert:\\ store; {}", accepted()));
    };
    let Some(location) = canonical_location(location) else {
        return Err(format!(
            "'{path}' is not a Cert:\\ store: '{location}' is not a store location; {}",
            accepted()
        ));
    };
    if let Some(standard) = canonical_store(location, store) {
        return Ok(standard);
    }
    if location != CUSTOM_STORE_LOCATION {
        return Err(format!(
            "'{path}': {store} is not a standard store, and custom stores can be made only under {CUSTOM_STORE_LOCATION} (as on Windows); {}",
            accepted()
        ));
    }
    validate_store_name(store).map_err(|why| format!("'{path}': {why}"))?;
    Ok((location, custom_name(location, store)))
}

/// A custom store's name with the `'static` lifetime the standard names have (the model
/// keeps each distinct name once).
fn custom_name(location: &str, store: &str) -> &'static str {
    let one = [CustomStore {
        location: location.to_string(),
        name: store.to_string(),
    }];
    canonical_store_in(location, store, &one).map_or("", |(_, name)| name)
}

/// One store's certificates: a list, or `{Prune: …, Items: [...]}`.
struct CertSectionSeed<'a> {
    place: &'a str,
}

impl<'de> DeserializeSeed<'de> for CertSectionSeed<'_> {
    type Value = (bool, Vec<CertDecl>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CertSectionSeed<'_> {
    type Value = (bool, Vec<CertDecl>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}: a list of certificates, or a mapping with Prune and Items",
            self.place
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((false, Vec::new()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok((false, cert_items(self.place, seq)?))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut prune = false;
        let mut items = Vec::new();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: &["Prune", "Items"],
            place: self.place,
        })? {
            once(&mut seen, key, self.place).map_err(de::Error::custom)?;
            if key == "Prune" {
                prune = bool_value(&mut map, self.place, key)?;
            } else {
                items = map.next_value_seed(CertItemsSeed { place: self.place })?;
            }
        }
        Ok((prune, items))
    }
}

struct CertItemsSeed<'a> {
    place: &'a str,
}

impl<'de> DeserializeSeed<'de> for CertItemsSeed<'_> {
    type Value = Vec<CertDecl>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CertItemsSeed<'_> {
    type Value = Vec<CertDecl>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}.Items: a list of certificates", self.place)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        cert_items(self.place, seq)
    }
}

fn cert_items<'de, A: SeqAccess<'de>>(place: &str, mut seq: A) -> Result<Vec<CertDecl>, A::Error> {
    let mut items = Vec::new();
    loop {
        let item_place = format!("{place}[{}]", items.len());
        match seq.next_element_seed(CertSeed { place: &item_place })? {
            Some(item) => items.push(item),
            None => return Ok(items),
        }
    }
}

/// One certificate: `FilePath`, `RawData` or `Thumbprint`, with `FriendlyName` and `Ensure`.
struct CertSeed<'a> {
    place: &'a str,
}

const CERT_FIELDS: &[&str] = &[
    "FilePath",
    "RawData",
    "Thumbprint",
    "FriendlyName",
    "Ensure",
];

impl<'de> DeserializeSeed<'de> for CertSeed<'_> {
    type Value = CertDecl;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<CertDecl, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CertSeed<'_> {
    type Value = CertDecl;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}: a mapping with FilePath, RawData or Thumbprint",
            self.place
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CertDecl, A::Error> {
        let place = self.place;
        let mut sources = Vec::new();
        let mut friendly_name = None;
        let mut ensure = Ensure::Present;
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: CERT_FIELDS,
            place,
        })? {
            once(&mut seen, key, place).map_err(de::Error::custom)?;
            match key {
                "FilePath" => sources.push(CertSource::FilePath(text_value(&mut map, place, key)?)),
                "RawData" => {
                    let text = text_value(&mut map, place, key)?;
                    sources.push(CertSource::RawData(text.split_whitespace().collect()));
                }
                "Thumbprint" => {
                    let text = text_value(&mut map, place, key)?;
                    let thumbprint: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                    if thumbprint.len() != 40 || !thumbprint.chars().all(|c| c.is_ascii_hexdigit())
                    {
                        return Err(de::Error::custom(format!(
                            "{place}.Thumbprint '{text}' is not a SHA-1 thumbprint (40 hexadecimal digits)"
                        )));
                    }
                    sources.push(CertSource::Thumbprint(thumbprint.to_ascii_uppercase()));
                }
                "FriendlyName" => {
                    let value = map.next_value::<DocValue>()?;
                    friendly_name = Some(if value.is_empty() {
                        String::new()
                    } else {
                        value.text()
                    });
                }
                _ => ensure = ensure_value(&mut map, place)?,
            }
        }
        let mut sources = sources.into_iter();
        let (Some(source), None) = (sources.next(), sources.next()) else {
            return Err(de::Error::custom(format!(
                "{place}: give exactly one of FilePath (a certificate file), RawData (base64 DER) or Thumbprint"
            )));
        };
        if matches!(source, CertSource::Thumbprint(_)) && ensure == Ensure::Present {
            return Err(de::Error::custom(format!(
                "{place}: a Thumbprint alone can only remove a certificate (Ensure: Absent); to add one, give FilePath or RawData"
            )));
        }
        Ok(CertDecl {
            source,
            friendly_name,
            ensure,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::apply::document::parse;
    use std::path::Path;

    #[test]
    fn standard_and_custom_local_machine_stores_parse() {
        assert_eq!(
            parse_store("cert:\\localmachine\\ca"),
            Ok(("LocalMachine", "CA"))
        );
        assert_eq!(
            parse_store("LocalMachine/Lab Store"),
            Ok(("LocalMachine", "Lab Store"))
        );
        let refused = [
            ("CurrentUser\\Lab", "only under LocalMachine"),
            ("LocalMachine\\We*b", "wildcard character '*'"),
            ("Nowhere\\CA", "'Nowhere' is not a store location"),
            ("LocalMachine", "is not a Cert:\\ store"),
            ("LocalMachine\\Lab\\x", "is not a Cert:\\ store"),
        ];
        for (path, why) in refused {
            let error = parse_store(path).unwrap_err();
            assert!(error.contains(why), "{path}: {error}");
        }
    }

    #[test]
    fn a_custom_store_key_is_checked_with_its_line_and_given_once() {
        let error = parse(
            Path::new("d.yaml"),
            "Version: 1\nCertificates:\n  LocalMachine\\Lab: []\n  CurrentUser\\Mine: []\n",
        )
        .unwrap_err();
        assert_eq!(error.line, 4, "{error}");
        assert!(error.message.contains("only under LocalMachine"), "{error}");
        let error = parse(
            Path::new("d.yaml"),
            "Certificates:\n  LocalMachine\\Lab: []\n  localmachine\\LAB: []\n",
        )
        .unwrap_err();
        assert!(error.message.contains("given twice"), "{error}");
        let document = parse(
            Path::new("d.yaml"),
            "Certificates:\n  LocalMachine\\Lab: []\n",
        )
        .unwrap();
        assert_eq!(document.certificates[0].store_path(), "LocalMachine\\Lab");
    }
}
