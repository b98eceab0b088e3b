//! L4 — ConvertFrom-Json: JSON text to values as pwsh 7.4 builds them. Objects become
//! `[pscustomobject]`s (or, with `-AsHashtable`, hashtables keeping the key order, as pwsh's
//! OrderedHashtable does), arrays `Object[]`, integers `Int64` (as Newtonsoft reads them),
//! other numbers `Double`. Comments (`//`, `/* */`) are allowed, as Newtonsoft allows them.

use std::rc::Rc;

use rust_decimal::Decimal;
use serde_json::Value as Json;

use crate::value::{Dict, PropertyBag, PsObject, Value};

/// Parse JSON text. Empty or blank text gives `$null`. On bad input the error says what was
/// wrong and where (`expected value at line 1 column 5`).
///
/// With `as_hashtable`, objects become `Hashtable`s (`Dict::new(false)`, so `-is [hashtable]`
/// holds as for pwsh's OrderedHashtable) whose keys keep the document's order. Duplicate
/// keys keep the last value.
pub fn from_json(text: &str, as_hashtable: bool) -> Result<Value, String> {
    let cleaned = blank_comments(text);
    if cleaned.trim().is_empty() {
        return Ok(Value::Null);
    }
    let json: Json = serde_json::from_str(&cleaned).map_err(|e| e.to_string())?;
    Ok(convert(&json, as_hashtable))
}

fn convert(json: &Json, as_hashtable: bool) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Long(i)
            } else if let Some(u) = n.as_u64() {
                Value::Decimal(Decimal::from(u))
            } else {
                Value::Double(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Json::String(s) => Value::str(s.as_str()),
        Json::Array(items) => {
            Value::array(items.iter().map(|i| convert(i, as_hashtable)).collect())
        }
        Json::Object(members) if as_hashtable => {
            let dict = Dict::new(false);
            for (key, value) in members {
                dict.insert(Value::str(key.as_str()), convert(value, as_hashtable));
            }
            Value::Dict(Rc::new(dict))
        }
        Json::Object(members) => {
            let mut props = PropertyBag::new();
            for (key, value) in members {
                props.set(key, convert(value, as_hashtable));
            }
            Value::Object(Rc::new(PsObject::custom(props)))
        }
    }
}

/// Replace `//` and `/* */` comments outside strings with spaces (line breaks kept), so the
/// parser's line and column numbers still match the text.
fn blank_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(escaped) = next {
                    out.push(escaped);
                    i += 1;
                }
            } else if c == '"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match (c, next) {
            ('"', _) => {
                in_string = true;
                out.push(c);
                i += 1;
            }
            ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    out.push(' ');
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                out.push_str("  ");
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    out.push(if chars[i] == '\n' { '\n' } else { ' ' });
                    i += 1;
                }
                if i < chars.len() {
                    out.push_str("  ");
                    i += 2;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json::to_json;

    #[test]
    fn objects_become_custom_objects_in_order() {
        let value = from_json(r#"{"b":1,"a":"x","c":[1,2.5,true,null]}"#, false);
        let Ok(Value::Object(object)) = value else {
            panic!("expected an object");
        };
        let names: Vec<String> = object
            .props
            .borrow()
            .names()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(names, ["b", "a", "c"]);
        assert!(matches!(object.get("b"), Some(Value::Long(1))));
        let Some(Value::Array(items)) = object.get("c") else {
            panic!("expected an array");
        };
        let items = items.to_vec();
        assert!(matches!(items[1], Value::Double(d) if d == 2.5));
        assert!(matches!(items[2], Value::Bool(true)));
        assert!(items[3].is_null());
    }

    #[test]
    fn as_hashtable_keeps_key_order() {
        let Ok(Value::Dict(dict)) = from_json(r#"{"a":1,"b":2}"#, true) else {
            panic!("expected a dictionary");
        };
        assert!(!dict.ordered);
        assert!(matches!(dict.get(&Value::str("b")), Some(Value::Long(2))));
        let keys: Vec<String> = dict
            .keys()
            .iter()
            .map(|k| match k {
                Value::String(s) => s.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(keys, ["a", "b"]);
    }

    #[test]
    fn scalars_and_blank_text() {
        assert!(matches!(from_json("42", false), Ok(Value::Long(42))));
        assert!(matches!(from_json("  ", false), Ok(Value::Null)));
        assert!(matches!(from_json("\"a\\nb\"", false), Ok(Value::String(s)) if &*s == "a\nb"));
        assert!(matches!(
            from_json("18446744073709551615", false),
            Ok(Value::Decimal(_))
        ));
    }

    #[test]
    fn comments_are_allowed() {
        let text = "{\n  // the port\n  \"port\": 25, /* tls */ \"tls\": true\n}";
        let Ok(Value::Object(object)) = from_json(text, false) else {
            panic!("expected an object");
        };
        assert!(matches!(object.get("port"), Some(Value::Long(25))));
        let url = from_json(r#"{"u":"http://x/*y*/"}"#, false);
        let Ok(Value::Object(object)) = url else {
            panic!("expected an object");
        };
        assert!(matches!(object.get("u"), Some(Value::String(s)) if &*s == "http://x/*y*/"));
    }

    #[test]
    fn errors_say_where() {
        let error = from_json("{\"a\": }", false).err().unwrap_or_default();
        assert!(error.contains("line 1 column 7"), "{error}");
        let error = from_json("[1,\n2", false).err().unwrap_or_default();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn round_trip() {
        let text =
            r#"{"Name":"srv","Port":25,"Tls":true,"Note":null,"Tags":["a","b"],"Ratio":0.5}"#;
        for as_hashtable in [false, true] {
            let Ok(value) = from_json(text, as_hashtable) else {
                panic!("parse failed");
            };
            assert_eq!(to_json(&value, 2, true), text);
        }
    }
}
