//! L1 — casts (`[T]value`, typed variables, parameter conversion): PowerShell's
//! LanguagePrimitives.ConvertTo for the types the shell knows.

use std::rc::Rc;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::object::ObjectKind;
use super::{
    Array, ArrayKind, Dict, PropertyBag, PsObject, PsType, Value, ValueError, builtin, convert,
    enums, number, text,
};

/// Convert `value` to `ty` (see [`convert::convert_to`]).
pub fn convert(value: &Value, ty: &PsType, ofs: &str) -> Result<Value, ValueError> {
    if !value.is_null() && PsType::of(value).is_assignable_to(ty) {
        return Ok(value.clone());
    }
    match ty {
        PsType::Object | PsType::PsObject => Ok(value.clone()),
        PsType::Void => Ok(Value::Null),
        PsType::Bool | PsType::Switch => Ok(Value::Bool(convert::to_bool(value))),
        PsType::String => Ok(match value {
            Value::Null => Value::str(""),
            other => Value::str(convert::to_string(other, ofs)),
        }),
        PsType::Char => to_char(value),
        PsType::Byte | PsType::Int | PsType::Long | PsType::Double | PsType::Decimal => {
            to_numeric(value, ty)
        }
        PsType::Array(elem) => to_array(value, elem, ofs),
        PsType::List(elem) => to_list(value, ArrayKind::List((**elem).clone()), elem, ofs),
        PsType::ArrayList => to_list(value, ArrayKind::ArrayList, &PsType::Object, ofs),
        PsType::Hashtable | PsType::Ordered => to_dict(value, ty),
        PsType::PsCustomObject => Ok(to_custom_object(value)),
        PsType::Version => match value {
            Value::String(s) => builtin::parse_version(s),
            other => Err(no_conversion(other, ty)),
        },
        PsType::Regex => match value {
            Value::Null => Err(no_conversion(value, ty)),
            other => {
                let pattern = convert::to_string(other, ofs);
                text::regex(&pattern, false)?;
                Ok(builtin::regex_object(&pattern, Value::Null))
            }
        },
        PsType::Type => match value {
            Value::String(s) => Ok(Value::Type(Rc::new(PsType::resolve_str(s)?))),
            other => Err(no_conversion(other, ty)),
        },
        PsType::ScriptBlock => Err(no_conversion(value, ty)),
        PsType::Named(name) => to_named(value, name, ofs),
    }
}

/// The error for a conversion that does not exist.
pub fn no_conversion(value: &Value, ty: &PsType) -> ValueError {
    let from = match value {
        Value::Null => "null".to_string(),
        other => PsType::of(other).full_name(),
    };
    ValueError::NoConversion {
        value: convert::to_string(value, " "),
        from,
        to: ty.full_name(),
    }
}

/// The error for a conversion that exists but failed on this value.
fn failed(value: &Value, ty: &PsType, reason: &str) -> ValueError {
    ValueError::InvalidCast {
        value: convert::to_string(value, " "),
        to: ty.full_name(),
        reason: reason.to_string(),
    }
}

fn to_char(value: &Value) -> Result<Value, ValueError> {
    let ty = PsType::Char;
    match value {
        Value::Null => Ok(Value::Char('\0')),
        Value::String(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Char(c)),
                _ => Err(failed(
                    value,
                    &ty,
                    "String must be exactly one character long.",
                )),
            }
        }
        Value::Bool(_) => Err(failed(value, &ty, "Invalid cast from 'Boolean' to 'Char'.")),
        Value::Array(array) if array.len() == 1 => to_char(&array.to_vec()[0]),
        _ => {
            let code = match to_numeric(value, &PsType::Long)? {
                Value::Long(n) => n,
                _ => return Err(no_conversion(value, &ty)),
            };
            u32::try_from(code)
                .ok()
                .filter(|c| *c <= 0xFFFF)
                .and_then(char::from_u32)
                .map(Value::Char)
                .ok_or_else(|| {
                    failed(
                        value,
                        &ty,
                        "Value was either too large or too small for a character.",
                    )
                })
        }
    }
}

/// The source number for a numeric conversion.
fn numeric_source(value: &Value, ty: &PsType) -> Result<Value, ValueError> {
    match value {
        Value::String(s) if s.trim().is_empty() => Ok(Value::Int(0)),
        Value::String(s) => number::parse_number(s)
            .ok_or_else(|| failed(value, ty, "Input string was not in a correct format.")),
        Value::Array(array) if array.len() == 1 => numeric_source(&array.to_vec()[0], ty),
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            Err(no_conversion(value, ty))
        }
        Value::Object(object) if !enums::is_enum_value(object) => Err(no_conversion(value, ty)),
        other => convert::to_number(other).map_err(|_| no_conversion(value, ty)),
    }
}

/// Convert to one of the numeric types, rounding half to even and checking the range.
fn to_numeric(value: &Value, ty: &PsType) -> Result<Value, ValueError> {
    let source = numeric_source(value, ty)?;
    let too_big = || {
        let what = match ty {
            PsType::Byte => "an unsigned byte",
            PsType::Decimal => "a Decimal",
            PsType::Long => "an Int64",
            _ => "an Int32",
        };
        failed(
            value,
            ty,
            &format!("Value was either too large or too small for {what}."),
        )
    };
    match ty {
        PsType::Double => Ok(Value::Double(as_f64(&source))),
        PsType::Decimal => as_decimal(&source).map(Value::Decimal).ok_or_else(too_big),
        _ => {
            let n = as_rounded_i64(&source).ok_or_else(too_big)?;
            match ty {
                PsType::Byte => u8::try_from(n).map(Value::Byte).map_err(|_| too_big()),
                PsType::Int => i32::try_from(n).map(Value::Int).map_err(|_| too_big()),
                _ => Ok(Value::Long(n)),
            }
        }
    }
}

/// A numeric value as a double.
pub fn as_f64(value: &Value) -> f64 {
    match value {
        Value::Byte(n) => f64::from(*n),
        Value::Int(n) => f64::from(*n),
        Value::Long(n) => *n as f64,
        Value::Double(x) => *x,
        Value::Decimal(d) => d.to_f64().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// A numeric value as a decimal (doubles via their 15-digit form, as .NET does).
pub fn as_decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Byte(n) => Some(Decimal::from(*n)),
        Value::Int(n) => Some(Decimal::from(*n)),
        Value::Long(n) => Some(Decimal::from(*n)),
        Value::Decimal(d) => Some(*d),
        Value::Double(x) if x.is_finite() => {
            let text = number::format_double(*x);
            text.parse::<Decimal>()
                .ok()
                .or_else(|| Decimal::from_scientific(&text).ok())
        }
        _ => None,
    }
}

/// A numeric value as an integer, doubles and decimals rounded half to even.
pub fn as_rounded_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Byte(n) => Some(i64::from(*n)),
        Value::Int(n) => Some(i64::from(*n)),
        Value::Long(n) => Some(*n),
        Value::Double(x) => number::double_to_i64(*x),
        Value::Decimal(d) => d
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointNearestEven)
            .to_i64(),
        _ => None,
    }
}

/// `[T[]]value`: each element converted; a scalar becomes one element (a string's chars for
/// `[char[]]`); `$null` stays `$null`.
fn to_array(value: &Value, elem: &PsType, ofs: &str) -> Result<Value, ValueError> {
    let items = match value {
        Value::Null => return Ok(Value::Null),
        Value::Array(array) => array.to_vec(),
        Value::String(s) if *elem == PsType::Char => s.chars().map(Value::Char).collect(),
        other => vec![other.clone()],
    };
    let converted = convert_items(&items, elem, ofs)?;
    Ok(Value::Array(Rc::new(Array::fixed(elem.clone(), converted))))
}

fn to_list(value: &Value, kind: ArrayKind, elem: &PsType, ofs: &str) -> Result<Value, ValueError> {
    let items = match value {
        Value::Null => return Ok(Value::Null),
        Value::Array(array) => array.to_vec(),
        other => vec![other.clone()],
    };
    let converted = convert_items(&items, elem, ofs)?;
    Ok(Value::Array(Rc::new(Array {
        items: std::cell::RefCell::new(converted),
        kind,
    })))
}

fn convert_items(items: &[Value], elem: &PsType, ofs: &str) -> Result<Vec<Value>, ValueError> {
    if *elem == PsType::Object {
        return Ok(items.to_vec());
    }
    items.iter().map(|item| convert(item, elem, ofs)).collect()
}

fn to_dict(value: &Value, ty: &PsType) -> Result<Value, ValueError> {
    match value {
        Value::Null => Ok(Value::Null),
        Value::Dict(dict) => {
            let copy = Dict::new(*ty == PsType::Ordered);
            for (k, v) in dict.pairs() {
                copy.insert(k, v);
            }
            Ok(Value::Dict(Rc::new(copy)))
        }
        Value::Object(object) if object.kind == ObjectKind::Custom && *ty == PsType::Hashtable => {
            let copy = Dict::new(false);
            for (k, v) in object.props.borrow().iter() {
                copy.insert(Value::str(k.clone()), v.clone());
            }
            Ok(Value::Dict(Rc::new(copy)))
        }
        other => Err(no_conversion(other, ty)),
    }
}

/// `[pscustomobject]@{…}` keeps the key order; anything else is unchanged.
fn to_custom_object(value: &Value) -> Value {
    match value {
        Value::Dict(dict) => {
            let mut props = PropertyBag::new();
            for (k, v) in dict.pairs() {
                props.set(&convert::to_string(&k, " "), v);
            }
            Value::Object(Rc::new(PsObject::custom(props)))
        }
        other => other.clone(),
    }
}

/// Conversions to the named types: `[array]`, the small integer types, enums, exceptions,
/// `[guid]`, `[datetime]`.
fn to_named(value: &Value, name: &str, ofs: &str) -> Result<Value, ValueError> {
    let ty = PsType::Named(name.into());
    let ranged = |min: i64, max: i64, as_long: bool| -> Result<Value, ValueError> {
        let n = match to_numeric(value, &PsType::Long) {
            Ok(Value::Long(n)) => n,
            Ok(_) => return Err(no_conversion(value, &ty)),
            Err(ValueError::InvalidCast { reason, .. }) => return Err(failed(value, &ty, &reason)),
            Err(e) => return Err(e),
        };
        if n < min || n > max {
            return Err(failed(
                value,
                &ty,
                &format!(
                    "Value was either too large or too small for {}.",
                    super::type_table::short_name(name)
                ),
            ));
        }
        Ok(match i32::try_from(n) {
            Ok(i) if !as_long => Value::Int(i),
            _ => Value::Long(n),
        })
    };
    match name {
        "System.Array" => match value {
            Value::Null => Ok(Value::Null),
            other => Ok(Value::array(vec![other.clone()])),
        },
        "System.UInt32" => ranged(0, i64::from(u32::MAX), true),
        "System.UInt64" => ranged(0, i64::MAX, true),
        "System.Int16" => ranged(i64::from(i16::MIN), i64::from(i16::MAX), false),
        "System.UInt16" => ranged(0, i64::from(u16::MAX), false),
        "System.SByte" => ranged(i64::from(i8::MIN), i64::from(i8::MAX), false),
        "System.Single" => match to_numeric(value, &PsType::Double)? {
            Value::Double(x) => Ok(Value::Double(f64::from(x as f32))),
            _ => Err(no_conversion(value, &ty)),
        },
        "System.Guid" => match value {
            Value::String(s) => builtin::parse_guid(s).ok_or_else(|| {
                failed(
                    value,
                    &ty,
                    "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
                )
            }),
            other => Err(no_conversion(other, &ty)),
        },
        "System.DateTime" => match value {
            Value::String(s) => builtin::parse_datetime(s).ok_or_else(|| {
                failed(
                    value,
                    &ty,
                    &format!("String '{s}' was not recognized as a valid DateTime."),
                )
            }),
            other => Err(no_conversion(other, &ty)),
        },
        _ if ty.is_enum() => enums::convert(name, value),
        _ if ty.is_exception() => match value {
            Value::Object(object) if object.kind == ObjectKind::ErrorRecord => {
                match object.get("Exception") {
                    Some(inner) if PsType::of(&inner).is_assignable_to(&ty) => Ok(inner),
                    _ => Err(no_conversion(value, &ty)),
                }
            }
            Value::Null => Err(no_conversion(value, &ty)),
            other => Ok(builtin::exception(
                name,
                &[Value::str(convert::to_string(other, ofs))],
            )),
        },
        _ => Err(no_conversion(value, &ty)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(value: Value, ty: &str) -> Result<Value, ValueError> {
        let ty = PsType::resolve_str(ty).unwrap_or_else(|e| panic!("{e}"));
        convert(&value, &ty, " ")
    }

    fn cast_text(value: Value, ty: &str) -> String {
        match cast(value, ty) {
            Ok(v) => format!("{} {}", PsType::of(&v).name(), convert::to_string(&v, ",")),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn numbers_round_half_to_even() {
        assert_eq!(cast_text(Value::Double(2.5), "int"), "Int32 2");
        assert_eq!(cast_text(Value::Double(3.5), "int"), "Int32 4");
        assert_eq!(cast_text(Value::Double(42.1), "byte"), "Byte 42");
        assert_eq!(cast_text(Value::Double(21.5), "byte"), "Byte 22");
        assert_eq!(cast_text(Value::Double(22.5), "byte"), "Byte 22");
        assert_eq!(cast_text(Value::str("0xF"), "int"), "Int32 15");
        assert_eq!(cast_text(Value::str("1.5"), "double"), "Double 1.5");
        assert_eq!(cast_text(Value::str(" 42 "), "int"), "Int32 42");
        assert_eq!(cast_text(Value::str(""), "int"), "Int32 0");
        assert_eq!(cast_text(Value::Null, "int"), "Int32 0");
        assert_eq!(cast_text(Value::Double(0.1), "decimal"), "Decimal 0.1");
        assert_eq!(cast_text(Value::Int(5), "double"), "Double 5");
    }

    #[test]
    fn number_errors_say_why() {
        assert_eq!(
            cast_text(Value::str("abc"), "int"),
            "error: Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\""
        );
        assert_eq!(
            cast_text(Value::Int(300), "byte"),
            "error: Cannot convert value \"300\" to type \"System.Byte\". Error: \"Value was either too large or too small for an unsigned byte.\""
        );
        assert!(cast(Value::Double(3e10), "int").is_err());
        assert!(cast(Value::Int(-1), "uint32").is_err());
        assert_eq!(
            cast_text(Value::Long(4294967295), "uint32"),
            "Int64 4294967295"
        );
        let dict = Value::Dict(Rc::new(Dict::new(false)));
        assert_eq!(
            cast_text(dict, "int"),
            "error: Cannot convert the \"System.Collections.Hashtable\" value of type \"System.Collections.Hashtable\" to type \"System.Int32\"."
        );
    }

    #[test]
    fn bools_and_chars() {
        assert_eq!(cast_text(Value::Int(0), "bool"), "Boolean False");
        assert_eq!(cast_text(Value::str("False"), "bool"), "Boolean True");
        assert_eq!(cast_text(Value::str("0"), "bool"), "Boolean True");
        assert_eq!(cast_text(Value::Double(0.0), "boolean"), "Boolean False");
        assert_eq!(
            cast_text(Value::Dict(Rc::new(Dict::new(false))), "bool"),
            "Boolean True"
        );
        assert_eq!(cast_text(Value::Int(65), "char"), "Char A");
        assert_eq!(cast_text(Value::str("x"), "char"), "Char x");
        assert!(cast(Value::str("xy"), "char").is_err());
        assert_eq!(cast_text(Value::Char('A'), "int"), "Int32 65");
    }

    #[test]
    fn strings_from_anything() {
        let arr = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(
            convert::to_string(&convert(&arr, &PsType::String, " ").expect("cast"), ""),
            "1 2 3"
        );
        assert_eq!(cast_text(Value::Null, "string"), "String ");
    }

    #[test]
    fn arrays_convert_each_element() {
        let items = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(255)]);
        assert_eq!(cast_text(items.clone(), "byte[]"), "Byte[] 1,2,255");
        assert_eq!(cast_text(items.clone(), "string[]"), "String[] 1,2,255");
        let strings = Value::array(vec![Value::str("1"), Value::str("2")]);
        assert_eq!(cast_text(strings, "int[]"), "Int32[] 1,2");
        assert_eq!(cast_text(Value::str("abc"), "char[]"), "Char[] a,b,c");
        assert_eq!(cast_text(Value::Int(5), "int[]"), "Int32[] 5");
        assert_eq!(cast_text(Value::Int(5), "array"), "Object[] 5");
        assert!(matches!(cast(Value::Null, "string[]"), Ok(Value::Null)));
        assert_eq!(
            cast_text(items.clone(), "System.Collections.Generic.List[string]"),
            "List`1 1,2,255"
        );
        assert!(cast(Value::array(vec![Value::str("x")]), "int[]").is_err());
    }

    #[test]
    fn dictionaries_and_objects() {
        let dict = Dict::new(false);
        dict.insert(Value::str("Zeta"), Value::Int(1));
        dict.insert(Value::str("Alpha"), Value::Int(2));
        let dict = Value::Dict(Rc::new(dict));
        let o = cast(dict.clone(), "pscustomobject").expect("cast");
        assert_eq!(convert::to_string(&o, " "), "@{Zeta=1; Alpha=2}");
        assert_eq!(
            cast_text(dict.clone(), "psobject"),
            "Hashtable System.Collections.Hashtable"
        );
        assert_eq!(cast_text(Value::Int(123), "pscustomobject"), "Int32 123");
        assert_eq!(
            cast_text(dict, "ordered"),
            "OrderedDictionary System.Collections.Specialized.OrderedDictionary"
        );
    }

    #[test]
    fn named_types() {
        assert_eq!(cast_text(Value::str("1.2.3"), "version"), "Version 1.2.3");
        assert_eq!(cast_text(Value::Int(5), "void"), "Void ");
        assert_eq!(
            cast_text(Value::str("awayfromzero"), "MidpointRounding"),
            "MidpointRounding AwayFromZero"
        );
        assert_eq!(cast_text(Value::str("int"), "type"), "RuntimeType int");
        assert_eq!(cast_text(Value::str("a+"), "regex"), "Regex a+");
        assert!(cast(Value::str("("), "regex").is_err());
        assert_eq!(cast_text(Value::str("oops"), "Exception"), "Exception oops");
        assert_eq!(
            cast_text(Value::str("01234567-89ab-cdef-0123-456789ABCDEF"), "guid"),
            "Guid 01234567-89ab-cdef-0123-456789abcdef"
        );
        assert!(cast(Value::Int(1), "System.Math").is_err());
    }
}
