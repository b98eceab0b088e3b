//! L1 — instance methods of the built-in .NET-like objects: `[regex]` (`Match`, `Matches`,
//! `IsMatch`, `Replace`, `Split`), text encodings (`GetBytes`, `GetString`), `DateTime`
//! (`ToString(fmt)`, `AddDays` …), `Version`, `Guid`, enums (`HasFlag`) and exceptions.

use std::rc::Rc;

use super::args::Args;
use super::object::ObjectKind;
use super::{
    Array, PsObject, PsType, Value, ValueError, builtin, convert, datefmt, enums, pattern, text,
};

/// Call a method of a typed object; `None` when it has no such method.
pub fn call(
    target: &Value,
    object: &PsObject,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let lower = name.to_ascii_lowercase();
    let type_name = object.type_name.as_ref();
    match type_name {
        builtin::REGEX => return regex_method(object, &lower, &a),
        builtin::DATETIME => return datetime_method(object, &lower, &a),
        builtin::VERSION if lower == "tostring" && !args.is_empty() => {
            return Some(version_to_string(object, &a));
        }
        builtin::GUID if lower == "tostring" && !args.is_empty() => {
            return Some(Ok(guid_to_string(target, &a.string(0))));
        }
        t if t.starts_with("System.Text.") && t.ends_with("Encoding") => {
            return encoding_method(object, &lower, &a);
        }
        _ => {}
    }
    if enums::is_enum_value(object) && lower == "hasflag" {
        let mine = enums::numeric_value(object).unwrap_or(0);
        return Some(enums::convert(type_name, &a.get(0)).map(|flag| match flag {
            Value::Object(f) => {
                let f = enums::numeric_value(&f).unwrap_or(0);
                Value::Bool(mine & f == f)
            }
            _ => Value::Bool(false),
        }));
    }
    if object.kind == ObjectKind::Exception && lower == "getbaseexception" {
        return Some(Ok(target.clone()));
    }
    None
}

/// The options and pattern a `[regex]` object was made with.
fn compiled(object: &PsObject) -> Result<regex::Regex, ValueError> {
    let pattern_text = object.display.as_deref().unwrap_or_default();
    let options = match object.get("Options") {
        Some(Value::Object(o)) => enums::numeric_value(&o).unwrap_or(0),
        _ => 0,
    };
    let mut flags = String::new();
    if options & 2 != 0 {
        flags.push('m');
    }
    if options & 16 != 0 {
        flags.push('s');
    }
    if options & 32 != 0 {
        flags.push('x');
    }
    let full = if flags.is_empty() {
        pattern_text.to_string()
    } else {
        format!("(?{flags}){pattern_text}")
    };
    pattern::compile(&full, options & 1 == 0)
}

/// `Match`, `Matches`, `IsMatch`, `Replace`, `Split`, `GetGroupNames` of a `[regex]`.
fn regex_method(object: &PsObject, name: &str, a: &Args<'_>) -> Option<Result<Value, ValueError>> {
    let run = |a: &Args<'_>| -> Result<Value, ValueError> {
        let regex = compiled(object)?;
        let input = a.string(0);
        match name {
            "ismatch" => Ok(Value::Bool(regex.is_match(&input))),
            "match" => Ok(match regex.captures(&input) {
                Some(caps) => text::match_object_in(&caps, &regex, &input),
                None => text::failed_match(),
            }),
            "matches" => Ok(Value::array(
                regex
                    .captures_iter(&input)
                    .map(|caps| text::match_object_in(&caps, &regex, &input))
                    .collect(),
            )),
            "replace" => Ok(Value::str(pattern::replace_all(
                &regex,
                &input,
                &a.string(1),
            ))),
            "split" => {
                let pieces = text::split(
                    &Value::str(input),
                    Some(&Value::str(object.display.as_deref().unwrap_or_default())),
                    true,
                    " ",
                )?;
                Ok(pieces)
            }
            _ => Ok(Value::Null),
        }
    };
    match name {
        "ismatch" | "match" | "matches" | "split" => Some(a.expect(1, 2).and_then(|()| run(a))),
        "replace" => Some(a.expect(2, 3).and_then(|()| run(a))),
        "getgroupnames" => Some(compiled(object).map(|regex| {
            let mut names: Vec<Value> = vec![Value::str("0")];
            let mut n = 0;
            for name in regex.capture_names().skip(1) {
                if name.is_none() {
                    n += 1;
                    names.push(Value::str(n.to_string()));
                }
            }
            names.extend(regex.capture_names().flatten().map(Value::str));
            Value::Array(Rc::new(Array::fixed(PsType::String, names)))
        })),
        _ => None,
    }
}

/// The bytes of a `Byte[]` (or any array of numbers) argument.
pub fn bytes_of(value: &Value) -> Result<Vec<u8>, ValueError> {
    convert::items_of(value)
        .iter()
        .map(|v| match convert::convert_to(v, &PsType::Byte, " ")? {
            Value::Byte(b) => Ok(b),
            _ => Err(super::cast::no_conversion(v, &PsType::Byte)),
        })
        .collect()
}

/// Encode text in the encoding with this web name.
pub fn encode(web_name: &str, text: &str) -> Vec<u8> {
    match web_name {
        "us-ascii" => text
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect(),
        "iso-8859-1" => text
            .chars()
            .map(|c| u8::try_from(c as u32).unwrap_or(b'?'))
            .collect(),
        "utf-16" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        "utf-32" => text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

/// Decode bytes in the encoding with this web name (invalid input replaced, as .NET does).
pub fn decode(web_name: &str, bytes: &[u8]) -> String {
    match web_name {
        "us-ascii" => bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '?' })
            .collect(),
        "iso-8859-1" => bytes.iter().map(|&b| char::from(b)).collect(),
        "utf-16" => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        "utf-32" => bytes
            .chunks_exact(4)
            .map(|p| {
                char::from_u32(u32::from_le_bytes([p[0], p[1], p[2], p[3]])).unwrap_or('\u{FFFD}')
            })
            .collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn encoding_method(
    object: &PsObject,
    name: &str,
    a: &Args<'_>,
) -> Option<Result<Value, ValueError>> {
    let web_name = match object.get("WebName") {
        Some(Value::String(s)) => s.to_string(),
        _ => "utf-8".to_string(),
    };
    Some(match name {
        "getbytes" => a.expect(1, 1).map(|()| match a.get(0) {
            Value::Array(_) => builtin::byte_array(encode(&web_name, &a.char_set_of(0).iter().collect::<String>())),
            _ => builtin::byte_array(encode(&web_name, &a.string(0))),
        }),
        "getbytecount" => a
            .expect(1, 1)
            .map(|()| Value::Int(i32::try_from(encode(&web_name, &a.string(0)).len()).unwrap_or(i32::MAX))),
        "getstring" => a.expect(1, 3).and_then(|()| {
            let bytes = bytes_of(&a.get(0))?;
            let (start, count) = if a.len() == 3 {
                (
                    usize::try_from(a.int(1)?).unwrap_or(usize::MAX),
                    usize::try_from(a.int(2)?).unwrap_or(usize::MAX),
                )
            } else {
                (0, bytes.len())
            };
            let slice = bytes.get(start..start.saturating_add(count)).ok_or_else(|| {
                ValueError::ArgumentOutOfRange {
                    message: "Index and count must refer to a location within the buffer. (Parameter 'bytes')".into(),
                }
            })?;
            Ok(Value::str(decode(&web_name, slice)))
        }),
        "getpreamble" => Ok(builtin::byte_array(match web_name.as_str() {
            "utf-16" => vec![0xFF, 0xFE],
            _ => Vec::new(),
        })),
        _ => return None,
    })
}

fn datetime_method(
    object: &PsObject,
    name: &str,
    a: &Args<'_>,
) -> Option<Result<Value, ValueError>> {
    let (seconds, nanos) = builtin::datetime_seconds(object)?;
    let add = |unit: f64| -> Result<Value, ValueError> {
        let amount = a.double(0)? * unit;
        let total = seconds as f64 + f64::from(nanos) / 1e9 + amount;
        if !total.is_finite() || total.abs() > 2.5e11 {
            return Err(ValueError::ArgumentOutOfRange {
                message: "The added or subtracted value results in an un-representable DateTime. (Parameter 'value')".into(),
            });
        }
        let whole = total.floor();
        Ok(builtin::datetime(
            whole as i64,
            ((total - whole) * 1e9) as u32,
        ))
    };
    Some(match name {
        "tostring" => Ok(Value::str(match a.get(0) {
            Value::String(spec) => datefmt::format(object, &spec),
            _ => datefmt::format(object, "G"),
        })),
        "adddays" => add(86_400.0),
        "addhours" => add(3_600.0),
        "addminutes" => add(60.0),
        "addseconds" => add(1.0),
        "addmilliseconds" => add(0.001),
        "addyears" | "addmonths" => a.int(0).map(|n| {
            let months = if name == "addyears" { n * 12 } else { n };
            shift_months(object, seconds, nanos, months)
        }),
        "touniversaltime" | "tolocaltime" => Ok(builtin::datetime(seconds, nanos)),
        "tofiletime" | "tofiletimeutc" => Ok(Value::Long(
            (seconds + 11_644_473_600) * 10_000_000 + i64::from(nanos / 100),
        )),
        _ => return None,
    })
}

/// `AddMonths`: same day (clamped to the month's length) and time, `months` later.
fn shift_months(object: &PsObject, seconds: i64, nanos: u32, months: i64) -> Value {
    let int = |n: &str| match object.get(n) {
        Some(Value::Int(v)) => i64::from(v),
        _ => 0,
    };
    let total = int("Year") * 12 + (int("Month") - 1) + months;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let day = int("Day").min(days_in_month[usize::try_from(month - 1).unwrap_or(0)]);
    let time_of_day = seconds.rem_euclid(86_400);
    let text = format!("{year:04}-{month:02}-{day:02}");
    match builtin::parse_datetime(&text) {
        Some(Value::Object(midnight)) => match builtin::datetime_seconds(&midnight) {
            Some((s, _)) => builtin::datetime(s + time_of_day, nanos),
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

fn version_to_string(object: &PsObject, a: &Args<'_>) -> Result<Value, ValueError> {
    let parts = builtin::version_parts(object).unwrap_or([0; 4]);
    let n = usize::try_from(a.int(0)?).unwrap_or(usize::MAX);
    let defined = parts.iter().filter(|p| **p >= 0).count();
    if n > defined {
        return Err(ValueError::Argument {
            message: format!("Argument must be between 0 and {defined}. (Parameter 'fieldCount')"),
        });
    }
    let shown: Vec<String> = parts[..n].iter().map(i64::to_string).collect();
    Ok(Value::str(shown.join(".")))
}

fn guid_to_string(target: &Value, spec: &str) -> Value {
    let text = convert::to_string(target, " ");
    Value::str(match spec {
        "N" | "n" => text.replace('-', ""),
        "B" | "b" => format!("{{{text}}}"),
        "P" | "p" => format!("({text})"),
        _ => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::access::get_member;

    fn call_text(target: &Value, name: &str, args: Vec<Value>) -> String {
        let Value::Object(object) = target else {
            return "<not an object>".into();
        };
        match call(target, object, name, &args) {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn regex_objects() {
        let r = builtin::regex_object(r"(\d+)-(\d+)", Value::Null);
        assert_eq!(
            call_text(&r, "IsMatch", vec![Value::str("a 12-34")]),
            "True"
        );
        let Value::Object(o) = &r else { panic!() };
        let m = call(&r, o, "Match", &[Value::str("a 12-34")])
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(convert::to_string(&get_member(&m, "Value"), ""), "12-34");
        assert_eq!(convert::to_string(&get_member(&m, "Index"), ""), "2");
        let groups = get_member(&m, "Groups");
        let g1 = crate::value::access::get_index(&groups, &Value::Int(1)).unwrap_or_default();
        assert_eq!(convert::to_string(&get_member(&g1, "Value"), ""), "12");
        assert_eq!(
            call_text(&r, "Matches", vec![Value::str("1-2 3-4")]),
            "1-2,3-4"
        );
        assert_eq!(
            call_text(&r, "Replace", vec![Value::str("1-2"), Value::str("$2-$1")]),
            "2-1"
        );
        let ci = builtin::regex_object(
            "abc",
            enums::member("System.Text.RegularExpressions.RegexOptions", "IgnoreCase")
                .unwrap_or_default(),
        );
        assert_eq!(call_text(&ci, "IsMatch", vec![Value::str("ABC")]), "True");
        let cs = builtin::regex_object("abc", Value::Null);
        assert_eq!(call_text(&cs, "IsMatch", vec![Value::str("ABC")]), "False");
        let failed = call(
            &cs,
            match &cs {
                Value::Object(o) => o,
                _ => panic!(),
            },
            "Match",
            &[Value::str("x")],
        )
        .and_then(Result::ok)
        .unwrap_or_default();
        assert_eq!(
            convert::to_string(&get_member(&failed, "Success"), ""),
            "False"
        );
    }

    #[test]
    fn encodings() {
        let utf8 = builtin::encoding("utf-8");
        assert_eq!(
            call_text(&utf8, "GetBytes", vec![Value::str("hé")]),
            "104,195,169"
        );
        let bytes = Value::array(vec![Value::Int(104), Value::Int(105)]);
        assert_eq!(call_text(&utf8, "GetString", vec![bytes]), "hi");
        let ascii = builtin::encoding("us-ascii");
        assert_eq!(
            call_text(&ascii, "GetBytes", vec![Value::str("hé")]),
            "104,63"
        );
        let unicode = builtin::encoding("utf-16");
        assert_eq!(
            call_text(&unicode, "GetBytes", vec![Value::str("A")]),
            "65,0"
        );
    }

    #[test]
    fn dates_versions_guids_enums() {
        let d = builtin::datetime(1_704_467_045, 0);
        assert_eq!(
            call_text(&d, "ToString", vec![Value::str("yyyy-MM-dd")]),
            "2024-01-05"
        );
        assert_eq!(call_text(&d, "ToString", vec![]), "1/5/2024 3:04:05 PM");
        let later = match &d {
            Value::Object(o) => call(&d, o, "AddDays", &[Value::Int(30)]).and_then(Result::ok),
            _ => None,
        }
        .unwrap_or_default();
        assert_eq!(convert::to_string(&later, ""), "02/04/2024 15:04:05");
        let next_year = match &d {
            Value::Object(o) => call(&d, o, "AddMonths", &[Value::Int(13)]).and_then(Result::ok),
            _ => None,
        }
        .unwrap_or_default();
        assert_eq!(convert::to_string(&next_year, ""), "02/05/2025 15:04:05");
        let v = builtin::parse_version("1.2.3").unwrap_or_default();
        assert_eq!(call_text(&v, "ToString", vec![Value::Int(2)]), "1.2");
        assert!(call_text(&v, "ToString", vec![Value::Int(4)]).starts_with("error"));
        let g = builtin::guid("01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(
            call_text(&g, "ToString", vec![Value::str("N")]),
            "0123456789abcdef0123456789abcdef"
        );
        let flags = enums::convert(
            "System.Text.RegularExpressions.RegexOptions",
            &Value::Int(3),
        )
        .unwrap_or_default();
        assert_eq!(
            call_text(&flags, "HasFlag", vec![Value::str("Multiline")]),
            "True"
        );
        assert_eq!(
            call_text(&flags, "HasFlag", vec![Value::str("Singleline")]),
            "False"
        );
    }
}
