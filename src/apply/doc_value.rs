//! L2 — a property value as a desired-state document writes it: null, a boolean, a number, a
//! text or a list of those. It becomes the model's argument [`Value`] so the model's own typed
//! parsers judge it, and it is how saved plans carry arguments.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::value::{Value, convert};

/// One property value of a desired-state document.
#[derive(Debug, Clone, PartialEq)]
pub enum DocValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<DocValue>),
}

impl DocValue {
    /// The argument the model's parameters take (what the binder would pass for the same
    /// value on a command line).
    pub fn to_value(&self) -> Value {
        match self {
            DocValue::Null => Value::Null,
            DocValue::Bool(b) => Value::Bool(*b),
            DocValue::Int(n) => match i32::try_from(*n) {
                Ok(small) => Value::Int(small),
                Err(_) => Value::Long(*n),
            },
            DocValue::Float(x) => Value::Double(*x),
            DocValue::Text(text) => Value::str(text.as_str()),
            DocValue::List(items) => Value::array(items.iter().map(DocValue::to_value).collect()),
        }
    }

    /// A model output value as a document value (objects become their text).
    pub fn from_value(value: &Value) -> DocValue {
        match value {
            Value::Null => DocValue::Null,
            Value::Bool(b) => DocValue::Bool(*b),
            Value::Byte(n) => DocValue::Int(i64::from(*n)),
            Value::Int(n) => DocValue::Int(i64::from(*n)),
            Value::Long(n) => DocValue::Int(*n),
            Value::Double(x) => DocValue::Float(*x),
            Value::Array(array) => {
                DocValue::List(array.to_vec().iter().map(DocValue::from_value).collect())
            }
            other => DocValue::Text(convert::to_string(other, " ")),
        }
    }

    /// Is this "no value" (null, an empty text or an empty list)? Null equals empty.
    pub fn is_empty(&self) -> bool {
        match self {
            DocValue::Null => true,
            DocValue::Text(text) => text.trim().is_empty(),
            DocValue::List(items) => items.iter().all(DocValue::is_empty),
            _ => false,
        }
    }

    /// The items of a list (a scalar is one item, null none).
    pub fn items(&self) -> Vec<&DocValue> {
        match self {
            DocValue::Null => Vec::new(),
            DocValue::List(items) => items.iter().collect(),
            other => vec![other],
        }
    }

    /// The text of a scalar as PowerShell shows it (`True`, `42`, the text itself).
    pub fn text(&self) -> String {
        convert::to_string(&self.to_value(), " ")
    }
}

impl fmt::Display for DocValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocValue::List(items) => {
                let texts: Vec<String> = items.iter().map(DocValue::text).collect();
                write!(f, "[{}]", texts.join(", "))
            }
            DocValue::Null => f.write_str("null"),
            other => f.write_str(&other.text()),
        }
    }
}

impl Serialize for DocValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DocValue::Null => serializer.serialize_unit(),
            DocValue::Bool(b) => serializer.serialize_bool(*b),
            DocValue::Int(n) => serializer.serialize_i64(*n),
            DocValue::Float(x) => serializer.serialize_f64(*x),
            DocValue::Text(text) => serializer.serialize_str(text),
            DocValue::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

/// The visitor that reads a [`DocValue`] (shared with the schema's checking visitor).
pub(super) struct DocValueVisitor;

impl<'de> Visitor<'de> for DocValueVisitor {
    type Value = DocValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value (true/false, a number, a text, null) or a list of values")
    }

    fn visit_unit<E: de::Error>(self) -> Result<DocValue, E> {
        Ok(DocValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<DocValue, E> {
        Ok(DocValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<DocValue, D::Error> {
        DocValue::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<DocValue, E> {
        Ok(DocValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DocValue, E> {
        Ok(DocValue::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DocValue, E> {
        Ok(match i64::try_from(v) {
            Ok(n) => DocValue::Int(n),
            Err(_) => DocValue::Text(v.to_string()),
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DocValue, E> {
        Ok(DocValue::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DocValue, E> {
        Ok(DocValue::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<DocValue, E> {
        Ok(DocValue::Text(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DocValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<DocValue>()? {
            if matches!(item, DocValue::List(_)) {
                return Err(de::Error::custom(
                    "a list inside a list is not accepted; give one flat list of values",
                ));
            }
            items.push(item);
        }
        Ok(DocValue::List(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _map: A) -> Result<DocValue, A::Error> {
        Err(de::Error::custom(
            "a mapping is not accepted here; a property takes a value (true/false, a number, a text, null) or a list of values",
        ))
    }
}

impl<'de> Deserialize<'de> for DocValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocValue, D::Error> {
        deserializer.deserialize_any(DocValueVisitor)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_become_model_arguments() {
        let value: DocValue = serde_yaml::from_str("[a.com, '*.b.com']").unwrap();
        assert_eq!(
            value,
            DocValue::List(vec![
                DocValue::Text("a.com".into()),
                DocValue::Text("*.b.com".into())
            ])
        );
        assert_eq!(convert::to_string(&value.to_value(), ","), "a.com,*.b.com");
        let value: DocValue = serde_yaml::from_str("~").unwrap();
        assert!(value.is_empty());
        let value: DocValue = serde_yaml::from_str("30000").unwrap();
        assert!(matches!(value.to_value(), Value::Int(30000)));
        assert!(serde_yaml::from_str::<DocValue>("{a: 1}").is_err());
        assert!(serde_yaml::from_str::<DocValue>("[[1]]").is_err());
    }

    #[test]
    fn values_round_trip_through_json_and_show_as_text() {
        let value = DocValue::List(vec![DocValue::Bool(true), DocValue::Int(3)]);
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, "[true,3]");
        let back: DocValue = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
        assert_eq!(value.to_string(), "[True, 3]");
        assert_eq!(DocValue::from_value(&value.to_value()), value);
    }
}
