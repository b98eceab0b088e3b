//! L4 — ConvertTo-Json and ConvertFrom-Json as pwsh 7.4 does them (Newtonsoft.Json): objects
//! and dictionaries as JSON objects in property order, arrays, numbers (doubles in round-trip
//! form), strings escaped only where JSON requires; nesting deeper than `depth` becomes the
//! value's string form. Reading is in `json_read`.

use super::display::{property, text_of};
use crate::value::builtin::{DATETIME, GUID};
use crate::value::{ObjectKind, Value};

pub use super::json_read::from_json;

/// What ConvertTo-Json produced.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonText {
    pub text: String,
    /// True when some value nested deeper than `depth` was written as its string form (pwsh
    /// then warns "Resulting JSON is truncated as serialization has exceeded the set depth
    /// of N.").
    pub truncated: bool,
}

/// ConvertTo-Json of one value: compressed (`{"a":1}`) or indented with two spaces.
/// Dictionary keys that are not strings are written by their string form (see
/// [`convert_to_json`] for pwsh's error instead).
pub fn to_json(value: &Value, depth: usize, compress: bool) -> String {
    let mut writer = Writer::new(depth, compress, false);
    match writer.value(value, 0) {
        Ok(()) => writer.out,
        Err(_) => String::new(),
    }
}

/// ConvertTo-Json of one value, strict as pwsh: a dictionary key that is not a string is an
/// error; also says whether the depth cut anything.
pub fn convert_to_json(value: &Value, depth: usize, compress: bool) -> Result<JsonText, String> {
    let mut writer = Writer::new(depth, compress, true);
    writer.value(value, 0)?;
    Ok(JsonText {
        text: writer.out,
        truncated: writer.truncated,
    })
}

/// Spaces per nesting level in indented output.
const INDENT: usize = 2;

/// The deepest `-Depth` pwsh accepts; also keeps self-referencing values finite.
const MAX_DEPTH: usize = 100;

struct Writer {
    out: String,
    depth: usize,
    compress: bool,
    strict_keys: bool,
    truncated: bool,
    indent: usize,
}

impl Writer {
    fn new(depth: usize, compress: bool, strict_keys: bool) -> Writer {
        Writer {
            out: String::new(),
            depth: depth.min(MAX_DEPTH),
            compress,
            strict_keys,
            truncated: false,
            indent: 0,
        }
    }

    fn value(&mut self, value: &Value, level: usize) -> Result<(), String> {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Byte(n) => self.out.push_str(&n.to_string()),
            Value::Int(n) => self.out.push_str(&n.to_string()),
            Value::Long(n) => self.out.push_str(&n.to_string()),
            Value::Double(d) => self.out.push_str(&json_double(*d)),
            Value::Decimal(d) => self.out.push_str(&with_decimal_place(d.to_string())),
            Value::Char(c) => self.string(&c.to_string()),
            Value::String(s) => self.string(s),
            Value::ScriptBlock(_) | Value::Type(_) => self.string(&text_of(value)),
            Value::Object(object) if &*object.type_name == DATETIME => {
                self.string(&iso_date_time(value));
            }
            Value::Object(object) if &*object.type_name == GUID => self.string(&text_of(value)),
            _ if level > self.depth => {
                self.truncated = true;
                self.string(&text_of(value));
            }
            Value::Array(items) => {
                let items = items.to_vec();
                self.sequence('[', ']', items.len(), |w, i| w.value(&items[i], level + 1))?;
            }
            Value::Dict(dict) => {
                let pairs = dict.pairs();
                let mut names = Vec::with_capacity(pairs.len());
                for (key, _) in &pairs {
                    match key {
                        Value::String(s) => names.push(s.to_string()),
                        _ if self.strict_keys => {
                            return Err(format!(
                                "The type '{}' is not supported for serialization or \
                                 deserialization of a dictionary. Keys must be strings.",
                                dictionary_type_name(dict.ordered)
                            ));
                        }
                        other => names.push(text_of(other)),
                    }
                }
                self.sequence('{', '}', pairs.len(), |w, i| {
                    w.member(&names[i], &pairs[i].1, level)
                })?;
            }
            Value::Object(object) => {
                let props: Vec<(String, Value)> = object
                    .props
                    .borrow()
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.clone()))
                    .collect();
                let typed_text = matches!(object.kind, ObjectKind::Typed) && props.is_empty();
                if typed_text {
                    self.string(&text_of(value));
                } else {
                    self.sequence('{', '}', props.len(), |w, i| {
                        w.member(&props[i].0, &props[i].1, level)
                    })?;
                }
            }
        }
        Ok(())
    }

    fn member(&mut self, name: &str, value: &Value, level: usize) -> Result<(), String> {
        self.string(name);
        self.out.push_str(if self.compress { ":" } else { ": " });
        self.value(value, level + 1)
    }

    /// `[...]` or `{...}` with `count` members written by `write`; empty ones stay `[]`/`{}`.
    fn sequence(
        &mut self,
        open: char,
        close: char,
        count: usize,
        mut write: impl FnMut(&mut Writer, usize) -> Result<(), String>,
    ) -> Result<(), String> {
        self.out.push(open);
        if count == 0 {
            self.out.push(close);
            return Ok(());
        }
        self.indent += INDENT;
        for i in 0..count {
            if i > 0 {
                self.out.push(',');
            }
            self.new_line();
            write(self, i)?;
        }
        self.indent -= INDENT;
        self.new_line();
        self.out.push(close);
        Ok(())
    }

    fn new_line(&mut self) {
        if !self.compress {
            self.out.push('\n');
            self.out.push_str(&" ".repeat(self.indent));
        }
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        for c in text.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if (c as u32) < 0x20 || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') => {
                    self.out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

/// A date as Newtonsoft writes it: `2024-01-05T15:04:05`, with the fraction of a second
/// when there is one (`.5`, up to seven digits).
fn iso_date_time(date: &Value) -> String {
    let number = |name: &str| match property(date, name) {
        Value::Int(n) => i64::from(n),
        Value::Long(n) => n,
        _ => 0,
    };
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        number("Year"),
        number("Month"),
        number("Day"),
        number("Hour"),
        number("Minute"),
        number("Second")
    );
    let fraction = number("Ticks").rem_euclid(10_000_000);
    if fraction != 0 {
        let digits = format!("{fraction:07}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    text
}

fn dictionary_type_name(ordered: bool) -> &'static str {
    if ordered {
        "System.Collections.Specialized.OrderedDictionary"
    } else {
        "System.Collections.Hashtable"
    }
}

/// A double as Newtonsoft writes it: .NET's round-trip form (`0.1`, `1E+20`, `1.5E-07`) with
/// `.0` added to integral values; NaN and infinities as strings.
pub fn json_double(value: f64) -> String {
    if value.is_nan() {
        return "\"NaN\"".to_string();
    }
    if value.is_infinite() {
        let sign = if value > 0.0 { "" } else { "-" };
        return format!("\"{sign}Infinity\"");
    }
    with_decimal_place(round_trip(value))
}

fn with_decimal_place(text: String) -> String {
    if text.contains(['.', 'E', 'e']) {
        text
    } else {
        text + ".0"
    }
}

/// .NET Core's shortest round-trip text of a finite double (`double.ToString("R")`):
/// positional unless the decimal exponent is above max(15, digits) or below -4.
fn round_trip(value: f64) -> String {
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0");
    }
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let count = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let scale = exponent + 1;
    if scale > count.max(15) || scale < -3 {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{first}{fraction}E{exp_sign}{:02}", exponent.abs());
    }
    if scale <= 0 {
        let zeros = "0".repeat(usize::try_from(-scale).unwrap_or(0));
        return format!("{sign}0.{zeros}{digits}");
    }
    let scale = usize::try_from(scale).unwrap_or(0);
    if scale >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(scale - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..scale], &digits[scale..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Dict, PropertyBag, PsObject};
    use std::rc::Rc;

    fn ordered(pairs: &[(&str, Value)]) -> Value {
        let dict = Dict::new(true);
        for (key, value) in pairs {
            dict.insert(Value::str(*key), value.clone());
        }
        Value::Dict(Rc::new(dict))
    }

    fn custom(pairs: &[(&str, Value)]) -> Value {
        let mut props = PropertyBag::new();
        for (name, value) in pairs {
            props.set(name, value.clone());
        }
        Value::Object(Rc::new(PsObject::custom(props)))
    }

    #[test]
    fn compressed_ordered_dictionary() {
        let value = ordered(&[
            ("Account", Value::str("User01")),
            ("Domain", Value::str("Domain01")),
            ("Admin", Value::str("True")),
        ]);
        assert_eq!(
            to_json(&value, 2, true),
            r#"{"Account":"User01","Domain":"Domain01","Admin":"True"}"#
        );
    }

    #[test]
    fn compressed_custom_object() {
        let value = custom(&[
            ("Name", Value::str("srv")),
            ("Port", Value::Int(25)),
            ("Tls", Value::Bool(true)),
            ("Note", Value::Null),
        ]);
        assert_eq!(
            to_json(&value, 2, true),
            r#"{"Name":"srv","Port":25,"Tls":true,"Note":null}"#
        );
    }

    #[test]
    fn indented_nested() {
        let value = ordered(&[
            ("name", Value::str("x")),
            ("list", Value::array(vec![Value::Int(1), Value::Int(2)])),
            ("inner", ordered(&[("a", Value::Int(1))])),
        ]);
        let expected = "{\n  \"name\": \"x\",\n  \"list\": [\n    1,\n    2\n  ],\n  \"inner\": {\n    \"a\": 1\n  }\n}";
        assert_eq!(to_json(&value, 2, false), expected);
    }

    #[test]
    fn empty_containers() {
        let value = ordered(&[("a", Value::array(vec![])), ("b", ordered(&[]))]);
        assert_eq!(to_json(&value, 2, false), "{\n  \"a\": [],\n  \"b\": {}\n}");
        assert_eq!(to_json(&Value::array(vec![]), 2, true), "[]");
    }

    #[test]
    fn strings_escape_only_what_json_requires() {
        assert_eq!(
            to_json(&Value::str("say \"hello\""), 2, false),
            r#""say \"hello\"""#
        );
        assert_eq!(
            to_json(&Value::str("line1\nline2"), 2, false),
            r#""line1\nline2""#
        );
        assert_eq!(to_json(&Value::str("c:\\path"), 2, false), r#""c:\\path""#);
        assert_eq!(
            to_json(&Value::str("<a href='x'>&"), 2, true),
            r#""<a href='x'>&""#
        );
        assert_eq!(to_json(&Value::str("\u{1}\t"), 2, true), r#""\u0001\t""#);
    }

    #[test]
    fn numbers() {
        assert_eq!(json_double(0.1), "0.1");
        assert_eq!(json_double(2.5), "2.5");
        assert_eq!(json_double(1.0), "1.0");
        assert_eq!(json_double(-3.0), "-3.0");
        assert_eq!(json_double(1e20), "1E+20");
        assert_eq!(json_double(1e15), "1E+15");
        assert_eq!(json_double(1e14), "100000000000000.0");
        assert_eq!(json_double(1.5e-7), "1.5E-07");
        assert_eq!(json_double(0.0001), "0.0001");
        assert_eq!(json_double(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(json_double(f64::NAN), "\"NaN\"");
        assert_eq!(to_json(&Value::Long(-7), 2, true), "-7");
        let decimal = rust_decimal::Decimal::new(150, 2);
        assert_eq!(to_json(&Value::Decimal(decimal), 2, true), "1.50");
    }

    #[test]
    fn nesting_beyond_depth_becomes_text() {
        let deep = ordered(&[(
            "a",
            ordered(&[("b", ordered(&[("c", ordered(&[("d", Value::Int(1))]))]))]),
        )]);
        let result = convert_to_json(&deep, 2, true);
        assert_eq!(
            result,
            Ok(JsonText {
                text: r#"{"a":{"b":{"c":"System.Collections.Specialized.OrderedDictionary"}}}"#
                    .to_string(),
                truncated: true,
            })
        );
        let flat = convert_to_json(&Value::array(vec![Value::Int(1)]), 0, true);
        assert_eq!(flat.map(|j| j.truncated), Ok(false));
    }

    #[test]
    fn dates_and_guids_are_strings() {
        let date = crate::value::builtin::datetime(1_704_467_045, 500_000_000);
        assert_eq!(to_json(&date, 2, true), r#""2024-01-05T15:04:05.5""#);
        let guid = crate::value::builtin::guid("0F8FAD5B-D9CB-469F-A165-70867728950E");
        assert_eq!(
            to_json(&guid, 2, true),
            r#""0f8fad5b-d9cb-469f-a165-70867728950e""#
        );
    }

    #[test]
    fn non_string_keys_are_an_error_when_strict() {
        let dict = Dict::new(false);
        dict.insert(Value::Int(1), Value::str("one"));
        let value = Value::Dict(Rc::new(dict));
        assert!(convert_to_json(&value, 2, true).is_err());
        assert_eq!(to_json(&value, 2, true), r#"{"1":"one"}"#);
    }
}
