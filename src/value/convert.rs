//! L1 — PowerShell's conversions (LanguagePrimitives): to string, to bool, to number, casts.

use super::object::ObjectKind;
use super::{PsType, Value, ValueError, cast, enums, number};

/// The string form PowerShell uses for `"$x"`, `[string]$x` and string operators: arrays
/// joined by `ofs` (their elements converted without recursing: a nested array is
/// `System.Object[]`), `$null` → "", doubles with 15 significant digits (`0.1`, `1E+20`),
/// `True`/`False`, hashtables by type name, `[pscustomobject]` as `@{a=1; b=2}`, script
/// blocks by their text, error records by their message.
pub fn to_string(value: &Value, ofs: &str) -> String {
    match value {
        Value::Array(array) => {
            let items = array.items.borrow();
            let parts: Vec<String> = items.iter().map(element_string).collect();
            parts.join(ofs)
        }
        Value::Object(object) if object.kind == ObjectKind::Custom => {
            let props = object.props.borrow();
            if props.is_empty() {
                return String::new();
            }
            let parts: Vec<String> = props
                .iter()
                .map(|(name, value)| format!("{name}={}", element_string(value)))
                .collect();
            format!("@{{{}}}", parts.join("; "))
        }
        other => element_string(other),
    }
}

/// The string form of a value nested in an array or a property: collections by their type
/// name, custom objects as "" (their .NET `ToString()`), scalars as usual.
pub fn element_string(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Byte(n) => n.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Long(n) => n.to_string(),
        Value::Double(x) => number::format_double(*x),
        Value::Decimal(d) => d.to_string(),
        Value::Char(c) => c.to_string(),
        Value::String(s) => s.to_string(),
        Value::Array(_) | Value::Dict(_) => PsType::of(value).full_name(),
        Value::Object(object) => match object.kind {
            ObjectKind::Custom => String::new(),
            ObjectKind::ErrorRecord => match object.get("Exception") {
                Some(exception @ Value::Object(_)) => element_string(&exception),
                _ => object
                    .display
                    .as_deref()
                    .unwrap_or(&object.type_name)
                    .to_string(),
            },
            ObjectKind::Exception => match object.get("Message") {
                Some(message) => element_string(&message),
                None => object.type_name.to_string(),
            },
            ObjectKind::Typed => object
                .display
                .as_deref()
                .unwrap_or(&object.type_name)
                .to_string(),
        },
        Value::ScriptBlock(block) => block.ast.text.to_string(),
        Value::Type(ty) => ty.display_name(),
    }
}

/// PowerShell truthiness: `$null`, `$false`, 0, "" and empty arrays are false; a one-element
/// array is its element's truth; any other array, object or non-empty string is true.
pub fn to_bool(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Byte(n) => *n != 0,
        Value::Int(n) => *n != 0,
        Value::Long(n) => *n != 0,
        Value::Double(x) => *x != 0.0,
        Value::Decimal(d) => !d.is_zero(),
        Value::Char(c) => *c != '\0',
        Value::String(s) => !s.is_empty(),
        Value::Array(array) => {
            let items = array.items.borrow();
            match items.len() {
                0 => false,
                1 => match &items[0] {
                    // A nested collection counts by its own size, not recursively.
                    Value::Array(inner) => !inner.is_empty(),
                    single => to_bool(single),
                },
                _ => true,
            }
        }
        Value::Object(object) => match enums::numeric_value(object) {
            Some(n) if enums::is_enum_value(object) => n != 0,
            _ => true,
        },
        Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) => true,
    }
}

/// `[T]value`: convert to `ty` as a PowerShell cast does (string → number parsing with hex and
/// multipliers, double → int with banker's rounding, scalar → array, hashtable →
/// pscustomobject, …). `ofs` is the separator for array → string.
pub fn convert_to(value: &Value, ty: &PsType, ofs: &str) -> Result<Value, ValueError> {
    cast::convert(value, ty, ofs)
}

/// A value as a number for arithmetic: numbers as they are, strings parsed (`"5"` → 5,
/// `"1.5"` → 1.5, `"0x10"` → 16, `""` → 0), `$null` → 0, bool/char → int.
pub fn to_number(value: &Value) -> Result<Value, ValueError> {
    match value {
        Value::Null => Ok(Value::Int(0)),
        Value::Bool(b) => Ok(Value::Int(i32::from(*b))),
        Value::Char(c) => Ok(Value::Int(*c as i32)),
        Value::Byte(_) | Value::Int(_) | Value::Long(_) | Value::Double(_) | Value::Decimal(_) => {
            Ok(value.clone())
        }
        Value::String(s) => {
            if s.trim().is_empty() {
                return Ok(Value::Int(0));
            }
            number::parse_number(s).ok_or_else(|| ValueError::InvalidCast {
                value: s.to_string(),
                to: "System.Int32".into(),
                reason: "Input string was not in a correct format.".into(),
            })
        }
        Value::Object(object) if enums::is_enum_value(object) => enums::numeric_value(object)
            .map(|n| match i32::try_from(n) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Long(n),
            })
            .ok_or_else(|| cast::no_conversion(value, &PsType::Int)),
        other => Err(cast::no_conversion(other, &PsType::Int)),
    }
}

/// A value as a 64-bit integer (indexes, counts), with PowerShell's rounding.
pub fn to_i64(value: &Value) -> Result<i64, ValueError> {
    match convert_to(value, &PsType::Long, " ")? {
        Value::Long(n) => Ok(n),
        other => Err(cast::no_conversion(&other, &PsType::Long)),
    }
}

/// The items a pipeline unrolls a value into: `Some(items)` for arrays and lists (not for
/// strings, dictionaries or objects), `None` for a scalar.
pub fn enumerate(value: &Value) -> Option<Vec<Value>> {
    match value {
        Value::Array(array) => Some(array.to_vec()),
        _ => None,
    }
}

/// The items of a value as a collection operator sees them: an array's items, `$null` as
/// no items, anything else as one item.
pub fn items_of(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(array) => array.to_vec(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use rust_decimal::Decimal;

    use super::*;
    use crate::value::{Dict, PropertyBag, PsObject};

    fn s(value: &Value) -> String {
        to_string(value, " ")
    }

    #[test]
    fn scalars_to_string() {
        assert_eq!(s(&Value::Null), "");
        assert_eq!(s(&Value::Bool(true)), "True");
        assert_eq!(s(&Value::Int(-7)), "-7");
        assert_eq!(s(&Value::Double(1.5)), "1.5");
        assert_eq!(s(&Value::Double(2.25)), "2.25");
        assert_eq!(s(&Value::Double(1e20)), "1E+20");
        assert_eq!(s(&Value::Decimal(Decimal::new(136314880, 2))), "1363148.80");
        assert_eq!(s(&Value::Char('x')), "x");
        assert_eq!(s(&Value::Type(Rc::new(PsType::Int))), "int");
    }

    #[test]
    fn arrays_join_with_ofs_without_recursing() {
        let arr = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(s(&arr), "1 2 3");
        assert_eq!(to_string(&arr, "-"), "1-2-3");
        let nested = Value::array(vec![Value::Int(1), arr]);
        assert_eq!(s(&nested), "1 System.Object[]");
        assert_eq!(s(&Value::array(vec![])), "");
    }

    #[test]
    fn dictionaries_and_objects_to_string() {
        assert_eq!(
            s(&Value::Dict(Rc::new(Dict::new(false)))),
            "System.Collections.Hashtable"
        );
        assert_eq!(
            s(&Value::Dict(Rc::new(Dict::new(true)))),
            "System.Collections.Specialized.OrderedDictionary"
        );
        let mut props = PropertyBag::new();
        props.set("Name", Value::str("Bob"));
        props.set("Age", Value::Int(30));
        props.set("X", Value::Null);
        let o = Value::Object(Rc::new(PsObject::custom(props)));
        assert_eq!(s(&o), "@{Name=Bob; Age=30; X=}");
        // Nested in an array, a custom object is its .NET ToString(): "".
        assert_eq!(s(&Value::array(vec![o.clone(), Value::Int(1)])), " 1");
        let e = Value::Object(Rc::new(PsObject::exception("System.Exception", "boom")));
        assert_eq!(s(&e), "boom");
        let mut record = PropertyBag::new();
        record.set("Exception", e);
        let r = PsObject::new(
            ObjectKind::ErrorRecord,
            crate::value::object::ERROR_RECORD,
            record,
        );
        assert_eq!(s(&Value::Object(Rc::new(r))), "boom");
    }

    #[test]
    fn truthiness() {
        assert!(!to_bool(&Value::str("")));
        assert!(to_bool(&Value::str("False")));
        assert!(to_bool(&Value::str(" ")));
        assert!(!to_bool(&Value::Int(0)));
        assert!(!to_bool(&Value::Double(0.0)));
        assert!(!to_bool(&Value::Null));
        assert!(to_bool(&Value::Dict(Rc::new(Dict::new(false)))));
        assert!(!to_bool(&Value::array(vec![])));
        assert!(!to_bool(&Value::array(vec![Value::Int(0)])));
        assert!(to_bool(&Value::array(vec![Value::Int(0), Value::Int(0)])));
        assert!(!to_bool(&Value::array(vec![Value::array(vec![])])));
    }

    #[test]
    fn numbers_for_arithmetic() {
        assert!(matches!(to_number(&Value::str("5")), Ok(Value::Int(5))));
        assert!(matches!(to_number(&Value::str("1.5")), Ok(Value::Double(x)) if x == 1.5));
        assert!(matches!(to_number(&Value::str("0x10")), Ok(Value::Int(16))));
        assert!(matches!(to_number(&Value::str("")), Ok(Value::Int(0))));
        assert!(matches!(to_number(&Value::Null), Ok(Value::Int(0))));
        assert!(matches!(to_number(&Value::Bool(true)), Ok(Value::Int(1))));
        assert!(matches!(to_number(&Value::Char('A')), Ok(Value::Int(65))));
        assert!(to_number(&Value::str("abc")).is_err());
        assert!(to_number(&Value::array(vec![])).is_err());
    }

    #[test]
    fn integers_round_to_even() {
        assert_eq!(to_i64(&Value::Double(2.5)), Ok(2));
        assert_eq!(to_i64(&Value::Double(3.5)), Ok(4));
        assert_eq!(to_i64(&Value::str("12")), Ok(12));
        assert!(to_i64(&Value::str("x")).is_err());
    }

    #[test]
    fn enumerates_only_arrays() {
        assert_eq!(
            enumerate(&Value::array(vec![Value::Int(1)])).map(|v| v.len()),
            Some(1)
        );
        assert!(enumerate(&Value::str("abc")).is_none());
        assert!(enumerate(&Value::Dict(Rc::new(Dict::new(false)))).is_none());
        assert_eq!(items_of(&Value::Null).len(), 0);
    }
}
