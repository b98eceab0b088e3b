//! L2 — the desired-state document's schema as serde seeds: each mapping accepts only its own
//! fields (a typo gets "did you mean"), each value is judged on the spot by the model's parser
//! for that property, so serde_yaml reports the line and column of the offending key or value.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::problem::describe_all;

use super::doc_value::{DocValue, DocValueVisitor};
use super::document::{Document, Ensure, ObjectDecl, Section, SmimeDecl};
use super::kind::Kind;
use super::suggest::unknown_field;

/// The top-level sections.
const TOP: &[&str] = &[
    "Version",
    "SmimeConfig",
    "InboundConnectors",
    "OutboundConnectors",
    "MobileDeviceMailboxPolicies",
    "Certificates",
    "Users",
];

/// The property that holds the S/MIME CA collection.
pub const ISSUING_CA: &str = "SMIMECertificateIssuingCA";

/// A field name, checked against `accepted` (case-insensitive); gives the accepted spelling.
pub(super) struct KeySeed<'a> {
    pub(super) accepted: &'a [&'static str],
    pub(super) place: &'a str,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a field name of {}", self.place)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<&'static str, E> {
        self.accepted
            .iter()
            .find(|name| name.eq_ignore_ascii_case(key.trim()))
            .copied()
            .ok_or_else(|| E::custom(unknown_field(key, self.place, self.accepted)))
    }
}

/// One property's value, judged by the model's parser for that property.
struct PropertySeed {
    kind: Kind,
    property: &'static str,
}

impl<'de> DeserializeSeed<'de> for PropertySeed {
    type Value = DocValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DocValue, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl PropertySeed {
    /// Judge `value` inside the visitor, so the error carries the value's line.
    fn judge<E: de::Error>(&self, value: Result<DocValue, E>) -> Result<DocValue, E> {
        let value = value?;
        self.kind
            .check(self.property, &value.to_value())
            .map_err(|problems| {
                // serde_yaml prefixes the path (Section[i].Property) itself.
                E::custom(describe_all(&problems))
            })?;
        Ok(value)
    }
}

impl<'de> Visitor<'de> for PropertySeed {
    type Value = DocValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        DocValueVisitor.expecting(f)
    }

    fn visit_unit<E: de::Error>(self) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_unit())
    }

    fn visit_none<E: de::Error>(self) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_none())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_i64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_u64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_f64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DocValue, E> {
        self.judge(DocValueVisitor.visit_str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DocValue, A::Error> {
        self.judge(DocValueVisitor.visit_seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DocValue, A::Error> {
        self.judge(DocValueVisitor.visit_map(map))
    }
}

/// A plain text value (a name, a path).
pub(super) fn text_value<'de, A: MapAccess<'de>>(
    map: &mut A,
    place: &str,
    field: &str,
) -> Result<String, A::Error> {
    match map.next_value::<DocValue>()? {
        DocValue::Text(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
        DocValue::Int(n) => Ok(n.to_string()),
        other => Err(de::Error::custom(format!(
            "{place}.{field} takes a text, not {other}"
        ))),
    }
}

pub(super) fn bool_value<'de, A: MapAccess<'de>>(
    map: &mut A,
    place: &str,
    field: &str,
) -> Result<bool, A::Error> {
    match map.next_value::<DocValue>()? {
        DocValue::Bool(b) => Ok(b),
        other => Err(de::Error::custom(format!(
            "{place}.{field} takes true or false, not {other}"
        ))),
    }
}

pub(super) fn ensure_value<'de, A: MapAccess<'de>>(
    map: &mut A,
    place: &str,
) -> Result<Ensure, A::Error> {
    let value = map.next_value::<DocValue>()?;
    match value.text().to_ascii_lowercase().as_str() {
        "present" => Ok(Ensure::Present),
        "absent" => Ok(Ensure::Absent),
        _ => Err(de::Error::custom(format!(
            "{place}.Ensure is '{value}'; it takes Present or Absent"
        ))),
    }
}

pub(super) fn once(
    seen: &mut Vec<&'static str>,
    key: &'static str,
    place: &str,
) -> Result<(), String> {
    if seen.contains(&key) {
        return Err(format!("{place}: the field '{key}' is given twice"));
    }
    seen.push(key);
    Ok(())
}

/// The whole document.
pub struct DocumentSeed;

impl<'de> DeserializeSeed<'de> for DocumentSeed {
    type Value = Document;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a desired-state document (a mapping with {})",
            TOP.join(", ")
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut document = Document::default();
        let mut seen = Vec::new();
        let place = "the document";
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: TOP,
            place,
        })? {
            once(&mut seen, key, place).map_err(de::Error::custom)?;
            match key {
                "Version" => {
                    let version = map.next_value::<DocValue>()?;
                    if version != DocValue::Int(1) {
                        return Err(de::Error::custom(format!(
                            "Version is {version}; this mailsec reads version 1"
                        )));
                    }
                }
                "SmimeConfig" => document.smime_config = Some(map.next_value_seed(SmimeSeed)?),
                "InboundConnectors" => {
                    document.inbound_connectors =
                        Some(map.next_value_seed(SectionSeed(Kind::InboundConnector))?)
                }
                "OutboundConnectors" => {
                    document.outbound_connectors =
                        Some(map.next_value_seed(SectionSeed(Kind::OutboundConnector))?)
                }
                "MobileDeviceMailboxPolicies" => {
                    document.mobile_policies =
                        Some(map.next_value_seed(SectionSeed(Kind::MobileDeviceMailboxPolicy))?)
                }
                "Users" => {
                    document.users = Some(map.next_value_seed(super::schema_users::UsersSeed)?)
                }
                _ => {
                    document.certificates =
                        map.next_value_seed(super::schema_certs::CertificatesSeed)?
                }
            }
        }
        Ok(document)
    }
}

/// The S/MIME configuration.
struct SmimeSeed;

impl<'de> DeserializeSeed<'de> for SmimeSeed {
    type Value = SmimeDecl;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<SmimeDecl, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SmimeSeed {
    type Value = SmimeDecl;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the S/MIME configuration: a mapping of Set-SmimeConfig's parameters")
    }

    fn visit_unit<E: de::Error>(self) -> Result<SmimeDecl, E> {
        Ok(SmimeDecl::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SmimeDecl, A::Error> {
        let accepted = Kind::SmimeConfig.setting_names();
        let place = "SmimeConfig";
        let mut decl = SmimeDecl::default();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: &accepted,
            place,
        })? {
            once(&mut seen, key, place).map_err(de::Error::custom)?;
            if key == ISSUING_CA {
                let value = map.next_value::<DocValue>()?;
                let mut sources = Vec::new();
                for item in value.items() {
                    match item {
                        DocValue::Text(text) if !text.trim().is_empty() => {
                            sources.push(text.trim().to_string())
                        }
                        other => {
                            return Err(de::Error::custom(format!(
                                "SmimeConfig.{ISSUING_CA}: '{other}' is not accepted; give certificate files, Cert:\\ paths (a store or one certificate) or PEM text, or null to remove the collection"
                            )));
                        }
                    }
                }
                decl.issuing_ca = Some(sources);
            } else {
                let value = map.next_value_seed(PropertySeed {
                    kind: Kind::SmimeConfig,
                    property: key,
                })?;
                decl.properties.push((key, value));
            }
        }
        Ok(decl)
    }
}

/// A section of named objects: a list of objects, or `{Prune: …, Items: [...]}`.
struct SectionSeed(Kind);

impl<'de> DeserializeSeed<'de> for SectionSeed {
    type Value = Section;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Section, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SectionSeed {
    type Value = Section;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}: a list of objects, or a mapping with Prune and Items",
            self.0.section()
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Section, E> {
        Ok(Section::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Section, A::Error> {
        Ok(Section {
            prune: false,
            items: object_items(self.0, seq)?,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Section, A::Error> {
        let place = self.0.section();
        let mut section = Section::default();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: &["Prune", "Items"],
            place,
        })? {
            once(&mut seen, key, place).map_err(de::Error::custom)?;
            if key == "Prune" {
                section.prune = bool_value(&mut map, place, key)?;
            } else {
                section.items = map.next_value_seed(ItemsSeed(self.0))?;
            }
        }
        Ok(section)
    }
}

/// A section's `Items:` list.
struct ItemsSeed(Kind);

impl<'de> DeserializeSeed<'de> for ItemsSeed {
    type Value = Vec<ObjectDecl>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed {
    type Value = Vec<ObjectDecl>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}.Items: a list of objects", self.0.section())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        object_items(self.0, seq)
    }
}

fn object_items<'de, A: SeqAccess<'de>>(
    kind: Kind,
    mut seq: A,
) -> Result<Vec<ObjectDecl>, A::Error> {
    let mut items: Vec<ObjectDecl> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    while let Some(item) = seq.next_element_seed(ObjectSeed {
        kind,
        index: items.len(),
    })? {
        if let Some(first) = seen.insert(item.name.to_lowercase(), items.len()) {
            return Err(de::Error::custom(format!(
                "{}[{}]: the name '{}' is declared twice (also at {}[{first}]); names are unique, ignoring case",
                kind.section(),
                items.len(),
                item.name,
                kind.section()
            )));
        }
        items.push(item);
    }
    Ok(items)
}

/// One named object.
struct ObjectSeed {
    kind: Kind,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed {
    type Value = ObjectDecl;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ObjectDecl, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed {
    type Value = ObjectDecl;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}[{}]: a mapping with Name, Ensure and the object's properties",
            self.kind.section(),
            self.index
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObjectDecl, A::Error> {
        let place = format!("{}[{}]", self.kind.section(), self.index);
        let mut accepted = vec!["Name", "Ensure"];
        accepted.extend(self.kind.setting_names());
        let mut name = None;
        let mut ensure = Ensure::Present;
        let mut properties = Vec::new();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            accepted: &accepted,
            place: &place,
        })? {
            once(&mut seen, key, &place).map_err(de::Error::custom)?;
            match key {
                "Name" => name = Some(text_value(&mut map, &place, key)?),
                "Ensure" => ensure = ensure_value(&mut map, &place)?,
                _ => {
                    let value = map.next_value_seed(PropertySeed {
                        kind: self.kind,
                        property: key,
                    })?;
                    properties.push((key, value));
                }
            }
        }
        let name = name.ok_or_else(|| {
            de::Error::custom(format!("{place}: every object needs a Name (its identity)"))
        })?;
        Ok(ObjectDecl {
            name,
            ensure,
            properties,
        })
    }
}
