//! L1 — static members of .NET-like types: `[int]::MaxValue`, `[math]::Round`,
//! `[string]::Join`, `[array]::IndexOf`, `[System.IO.File]::ReadAllBytes`, `[T]::new()`,
//! `[bool]::Parse`, enum values (`[MidpointRounding]::AwayFromZero`).

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::args::Args;
use super::{
    Dict, PsType, Value, ValueError, builtin, convert, enums, methods, static_convert, static_io,
    static_math, static_new, static_text,
};

/// `[T]::Name` (property or field). `None` when `T` has no such static member.
pub fn get_static(ty: &PsType, name: &str) -> Option<Result<Value, ValueError>> {
    let n = name.to_ascii_lowercase();
    let value = match (ty, n.as_str()) {
        (PsType::Int, "maxvalue") => Value::Int(i32::MAX),
        (PsType::Int, "minvalue") => Value::Int(i32::MIN),
        (PsType::Long, "maxvalue") => Value::Long(i64::MAX),
        (PsType::Long, "minvalue") => Value::Long(i64::MIN),
        (PsType::Byte, "maxvalue") => Value::Byte(u8::MAX),
        (PsType::Byte, "minvalue") => Value::Byte(0),
        (PsType::Double, "maxvalue") => Value::Double(f64::MAX),
        (PsType::Double, "minvalue") => Value::Double(f64::MIN),
        (PsType::Double, "epsilon") => Value::Double(f64::from_bits(1)),
        (PsType::Double, "nan") => Value::Double(f64::NAN),
        (PsType::Double, "positiveinfinity") => Value::Double(f64::INFINITY),
        (PsType::Double, "negativeinfinity") => Value::Double(f64::NEG_INFINITY),
        (PsType::Decimal, "maxvalue") => Value::Decimal(Decimal::MAX),
        (PsType::Decimal, "minvalue") => Value::Decimal(Decimal::MIN),
        (PsType::Decimal, "zero") => Value::Decimal(Decimal::ZERO),
        (PsType::Decimal, "one") => Value::Decimal(Decimal::ONE),
        (PsType::Decimal, "minusone") => Value::Decimal(Decimal::NEGATIVE_ONE),
        (PsType::Char, "maxvalue") => Value::Char('\u{FFFF}'),
        (PsType::Char, "minvalue") => Value::Char('\0'),
        (PsType::String, "empty") => Value::str(""),
        (PsType::Bool, "truestring") => Value::str("True"),
        (PsType::Bool, "falsestring") => Value::str("False"),
        (PsType::Named(full), _) => return named_static(full, &n),
        _ => return None,
    };
    Some(Ok(value))
}

fn named_static(full: &str, name: &str) -> Option<Result<Value, ValueError>> {
    let value = match (full, name) {
        ("System.UInt32", "maxvalue") => Value::Long(i64::from(u32::MAX)),
        ("System.UInt64", "maxvalue") => Value::Decimal(Decimal::from(u64::MAX)),
        ("System.UInt32" | "System.UInt64" | "System.UInt16", "minvalue") => Value::Int(0),
        ("System.Int16", "maxvalue") => Value::Int(i32::from(i16::MAX)),
        ("System.Int16", "minvalue") => Value::Int(i32::from(i16::MIN)),
        ("System.UInt16", "maxvalue") => Value::Int(i32::from(u16::MAX)),
        ("System.SByte", "maxvalue") => Value::Int(i32::from(i8::MAX)),
        ("System.SByte", "minvalue") => Value::Int(i32::from(i8::MIN)),
        ("System.Single", "maxvalue") => Value::Double(f64::from(f32::MAX)),
        ("System.Single", "minvalue") => Value::Double(f64::from(f32::MIN)),
        ("System.Math", "pi") => Value::Double(std::f64::consts::PI),
        ("System.Math", "e") => Value::Double(std::f64::consts::E),
        ("System.Math", "tau") => Value::Double(std::f64::consts::TAU),
        ("System.Guid", "empty") => builtin::guid("00000000-0000-0000-0000-000000000000"),
        ("System.DateTime", "now" | "utcnow") => builtin::now(),
        ("System.DateTime", "today") => builtin::today(),
        ("System.DateTime", "minvalue") => builtin::datetime(-62_135_596_800, 0),
        ("System.DateTime", "maxvalue") => builtin::datetime(253_402_300_799, 999_999_900),
        ("System.Environment", "newline") => Value::str("\n"),
        ("System.Environment", "machinename") => Value::str(
            std::fs::read_to_string("/etc/hostname")
                .map(|h| h.trim().to_string())
                .unwrap_or_else(|_| "localhost".into()),
        ),
        ("System.Environment", "username") => Value::str(std::env::var("USER").unwrap_or_default()),
        ("System.Environment", "currentdirectory") => Value::str(
            std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
        ),
        ("System.Environment", "processorcount") => Value::Int(
            std::thread::available_parallelism()
                .map(|n| i32::try_from(n.get()).unwrap_or(1))
                .unwrap_or(1),
        ),
        ("System.Environment", "is64bitprocess" | "is64bitoperatingsystem") => {
            Value::Bool(cfg!(target_pointer_width = "64"))
        }
        ("System.IO.Path", "directoryseparatorchar" | "altdirectoryseparatorchar") => {
            Value::Char('/')
        }
        ("System.IO.Path", "pathseparator") => Value::Char(':'),
        ("System.Text.Encoding", "utf8" | "default") => builtin::encoding("utf-8"),
        ("System.Text.Encoding", "ascii") => builtin::encoding("us-ascii"),
        ("System.Text.Encoding", "unicode") => builtin::encoding("utf-16"),
        ("System.Text.Encoding", "utf32") => builtin::encoding("utf-32"),
        ("System.Text.Encoding", "latin1") => builtin::encoding("iso-8859-1"),
        _ => return enums::member(full, name).map(Ok),
    };
    Some(Ok(value))
}

/// `[T]::Name(args)`, including `::new(…)`. `None` when `T` has no such static method.
pub fn call_static(ty: &PsType, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let result = if name.eq_ignore_ascii_case("new") {
        static_new::construct(ty, args)
    } else {
        static_method(ty, name, args)
    }?;
    Some(result.map_err(|e| methods::wrap(name, args.len(), e)))
}

fn static_method(ty: &PsType, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let lower = name.to_ascii_lowercase();
    match ty {
        PsType::String => return static_text::string(name, args),
        PsType::Char => return static_text::char_class(name, args),
        PsType::Regex => return static_text::regex(name, args),
        PsType::Bool if lower == "parse" => {
            return Some(a.expect(1, 1).and_then(|()| parse_bool(&a.string(0))));
        }
        PsType::Int | PsType::Long | PsType::Byte | PsType::Double | PsType::Decimal
            if lower == "parse" =>
        {
            return Some(a.expect(1, 2).and_then(|()| parse(ty, &a.get(0))));
        }
        PsType::Version if lower == "parse" => {
            return Some(
                a.expect(1, 1)
                    .and_then(|()| builtin::parse_version(&a.string(0))),
            );
        }
        PsType::Object => {
            return match lower.as_str() {
                "referenceequals" => Some(a.expect(2, 2).map(|()| {
                    Value::Bool(
                        super::compare::same_value(&args[0], &args[1]) && !is_value_like(&args[0]),
                    )
                })),
                "equals" => Some(
                    a.expect(2, 2)
                        .map(|()| Value::Bool(super::compare::same_value(&args[0], &args[1]))),
                ),
                _ => None,
            };
        }
        PsType::Type if lower == "gettype" => {
            return Some(a.expect(1, 2).and_then(|()| {
                PsType::resolve_str(&a.string(0)).map(|t| Value::Type(Rc::new(t)))
            }));
        }
        PsType::Named(full) => return named_method(full, name, args),
        _ => {}
    }
    None
}

/// Values whose identity is their value (so `ReferenceEquals` is false for them).
fn is_value_like(value: &Value) -> bool {
    !matches!(
        value,
        Value::Array(_) | Value::Dict(_) | Value::Object(_) | Value::ScriptBlock(_) | Value::Null
    )
}

fn named_method(full: &str, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let lower = name.to_ascii_lowercase();
    match full {
        "System.Math" => static_math::call(name, args),
        "System.IO.File" => static_io::file(name, args),
        "System.IO.Path" => static_io::path(name, args),
        "System.IO.Directory" => static_io::directory(name, args),
        "System.Convert" => static_convert::convert_class(name, args),
        "System.BitConverter" => static_convert::bit_converter(name, args),
        "System.Array" => static_text::array(name, args),
        "System.Enum" => static_text::enum_class(name, args),
        "System.Guid" => match lower.as_str() {
            "newguid" => Some(Ok(builtin::new_guid())),
            "parse" => Some(a.expect(1, 1).and_then(|()| {
                builtin::parse_guid(&a.string(0)).ok_or_else(|| ValueError::Format {
                    message: "Unrecognized Guid format.".into(),
                })
            })),
            _ => None,
        },
        "System.DateTime" => match lower.as_str() {
            "parse" => Some(a.expect(1, 2).and_then(|()| {
                builtin::parse_datetime(&a.string(0)).ok_or_else(|| ValueError::Format {
                    message: format!(
                        "The string '{}' was not recognized as a valid DateTime. There is an unknown word starting at index '0'.",
                        a.string(0)
                    ),
                })
            })),
            "isleapyear" => Some(a.int(0).map(|y| {
                Value::Bool((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
            })),
            "daysinmonth" => Some(a.expect(2, 2).and_then(|()| {
                let (y, m) = (a.int(0)?, a.int(1)?);
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
                usize::try_from(m - 1)
                    .ok()
                    .and_then(|i| days.get(i))
                    .map(|d| Value::Int(*d))
                    .ok_or_else(|| ValueError::ArgumentOutOfRange {
                        message: "Month must be between one and twelve. (Parameter 'month')".into(),
                    })
            })),
            _ => None,
        },
        "System.Environment" => match lower.as_str() {
            "getenvironmentvariable" => Some(
                a.expect(1, 2)
                    .map(|()| std::env::var(a.string(0)).map_or(Value::Null, Value::str)),
            ),
            "getenvironmentvariables" => {
                let dict = Dict::new(false);
                for (k, v) in std::env::vars() {
                    dict.insert(Value::str(k), Value::str(v));
                }
                Some(Ok(Value::Dict(Rc::new(dict))))
            }
            _ => None,
        },
        "System.Text.Encoding" if lower == "getencoding" => Some(a.expect(1, 1).and_then(|()| {
            let web = match a.string(0).to_ascii_lowercase().as_str() {
                "utf-8" | "utf8" | "65001" => "utf-8",
                "ascii" | "us-ascii" | "20127" => "us-ascii",
                "utf-16" | "unicode" | "1200" => "utf-16",
                "utf-32" | "12000" => "utf-32",
                "iso-8859-1" | "latin1" | "28591" => "iso-8859-1",
                other => {
                    return Err(ValueError::Argument {
                        message: format!(
                            "'{other}' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')"
                        ),
                    });
                }
            };
            Ok(builtin::encoding(web))
        })),
        "System.UInt32" | "System.UInt64" | "System.Int16" | "System.UInt16" | "System.SByte"
        | "System.Single"
            if lower == "parse" =>
        {
            Some(a.expect(1, 2).and_then(|()| parse(&PsType::Named(full.into()), &a.get(0))))
        }
        _ => None,
    }
}

/// `[bool]::Parse`: "true"/"false" in any case, surrounding white space allowed.
pub fn parse_bool(text: &str) -> Result<Value, ValueError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => Err(ValueError::Format {
            message: format!("String '{text}' was not recognized as a valid Boolean."),
        }),
    }
}

/// `[int]::Parse` and friends: decimal digits only (no hex, no multipliers), as .NET does.
fn parse(ty: &PsType, value: &Value) -> Result<Value, ValueError> {
    if value.is_null() {
        return Err(ValueError::ArgumentNull {
            parameter: "s".into(),
        });
    }
    let text = convert::to_string(value, " ");
    let bad = || ValueError::Format {
        message: format!("The input string '{text}' was not in a correct format."),
    };
    let trimmed = text.trim();
    let is_integral = !matches!(ty, PsType::Double | PsType::Decimal)
        && !matches!(ty, PsType::Named(n) if n.as_ref() == "System.Single");
    if is_integral {
        let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: i128 = trimmed.parse().map_err(|_| bad())?;
        return convert::convert_to(
            &Value::Decimal(Decimal::from_i128_with_scale(n, 0)),
            ty,
            " ",
        )
        .map_err(|_| ValueError::Overflow {
            message: format!(
                "Value was either too large or too small for {}.",
                match ty {
                    PsType::Byte => "an unsigned byte".to_string(),
                    other => format!("an {}", other.name()),
                }
            ),
        });
    }
    let cleaned = trimmed.replace(',', "");
    if matches!(ty, PsType::Decimal) {
        return Decimal::from_str(&cleaned)
            .or_else(|_| Decimal::from_scientific(&cleaned))
            .map(Value::Decimal)
            .map_err(|_| bad());
    }
    let x = cleaned
        .replace('∞', "inf")
        .parse::<f64>()
        .map_err(|_| bad())?;
    convert::convert_to(&Value::Double(x), ty, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(result: Option<Result<Value, ValueError>>) -> String {
        match result {
            Some(Ok(v)) => format!("{} {}", PsType::of(&v).name(), convert::to_string(&v, ",")),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    fn t(name: &str) -> PsType {
        PsType::resolve_str(name).unwrap_or(PsType::Void)
    }

    #[test]
    fn static_properties() {
        assert_eq!(
            show(get_static(&PsType::Int, "MaxValue")),
            "Int32 2147483647"
        );
        assert_eq!(
            show(get_static(&PsType::Long, "maxvalue")),
            "Int64 9223372036854775807"
        );
        assert_eq!(
            show(get_static(&t("uint32"), "MaxValue")),
            "Int64 4294967295"
        );
        assert_eq!(
            show(get_static(&t("math"), "PI")),
            "Double 3.14159265358979"
        );
        assert_eq!(show(get_static(&PsType::String, "Empty")), "String ");
        assert_eq!(
            show(get_static(&PsType::Double, "PositiveInfinity")),
            "Double Infinity"
        );
        assert_eq!(
            show(get_static(&t("MidpointRounding"), "AwayFromZero")),
            "MidpointRounding AwayFromZero"
        );
        assert_eq!(show(get_static(&PsType::Int, "Nope")), "<none>");
        assert!(show(get_static(&t("Text.Encoding"), "UTF8")).starts_with("UTF8Encoding"));
    }

    #[test]
    fn parsing() {
        assert_eq!(
            show(call_static(&PsType::Int, "Parse", &[Value::str("123")])),
            "Int32 123"
        );
        assert_eq!(
            show(call_static(&PsType::Int, "Parse", &[Value::str("abc")])),
            "error: Exception calling \"Parse\" with \"1\" argument(s): \"The input string 'abc' was not in a correct format.\""
        );
        assert!(
            show(call_static(&PsType::Int, "Parse", &[Value::str("0xF")])).starts_with("error")
        );
        assert!(
            show(call_static(
                &PsType::Int,
                "Parse",
                &[Value::str("9999999999")]
            ))
            .contains("too large")
        );
        assert_eq!(
            show(call_static(&PsType::Double, "Parse", &[Value::str("1.5")])),
            "Double 1.5"
        );
        assert_eq!(
            show(call_static(&PsType::Bool, "Parse", &[Value::str("false")])),
            "Boolean False"
        );
        assert_eq!(
            show(call_static(&PsType::Bool, "Parse", &[Value::str("True")])),
            "Boolean True"
        );
        assert!(
            show(call_static(&PsType::Bool, "Parse", &[Value::str("yes")])).starts_with("error")
        );
    }

    #[test]
    fn math_and_helpers_route() {
        let away = get_static(&t("MidpointRounding"), "AwayFromZero")
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(
            show(call_static(
                &t("Math"),
                "Round",
                &[Value::Double(2.5), away]
            )),
            "Double 3"
        );
        assert_eq!(
            show(call_static(
                &PsType::String,
                "Join",
                &[
                    Value::str(","),
                    Value::array(vec![Value::str("a"), Value::str("b")])
                ]
            )),
            "String a,b"
        );
        assert_eq!(
            show(call_static(
                &t("array"),
                "IndexOf",
                &[
                    Value::array(vec![Value::str("a"), Value::str("b")]),
                    Value::str("b")
                ]
            )),
            "Int32 1"
        );
        assert!(show(call_static(&t("guid"), "NewGuid", &[])).starts_with("Guid "));
        assert_eq!(
            show(call_static(
                &t("System.IO.Path"),
                "GetExtension",
                &[Value::str("a.txt")]
            )),
            "String .txt"
        );
        assert_eq!(
            show(call_static(&PsType::Char, "IsDigit", &[Value::str("7")])),
            "Boolean True"
        );
    }
}
