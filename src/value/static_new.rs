//! L1 — `[T]::new(args)`: lists, `ArrayList`, typed arrays, hashtables, `[version]`,
//! `[regex]`, `[string]`, exceptions, `[guid]`, `[datetime]`, encodings.

use std::cell::RefCell;
use std::rc::Rc;

use rust_decimal::Decimal;

use super::args::{Args, overload};
use super::object::ObjectKind;
use super::{
    Array, ArrayKind, Dict, PropertyBag, PsObject, PsType, Value, ValueError, builtin, convert,
    enums, static_text, text,
};

/// The default value of a type (`[int[]]::new(3)` fills with these).
fn default_of(ty: &PsType) -> Value {
    match ty {
        PsType::Bool | PsType::Switch => Value::Bool(false),
        PsType::Byte => Value::Byte(0),
        PsType::Char => Value::Char('\0'),
        PsType::Int => Value::Int(0),
        PsType::Long => Value::Long(0),
        PsType::Double => Value::Double(0.0),
        PsType::Decimal => Value::Decimal(Decimal::ZERO),
        _ => Value::Null,
    }
}

fn list_value(kind: ArrayKind, items: Vec<Value>) -> Value {
    Value::Array(Rc::new(Array {
        items: RefCell::new(items),
        kind,
    }))
}

/// `[T]::new(args)`.
pub(crate) fn construct(ty: &PsType, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new("new", args);
    Some(match ty {
        PsType::List(elem) => a.expect(0, 1).and_then(|()| {
            let items = match args.first() {
                None | Some(Value::Int(_) | Value::Long(_)) => Vec::new(),
                Some(source) => convert::items_of(source)
                    .iter()
                    .map(|v| convert::convert_to(v, elem, " "))
                    .collect::<Result<Vec<_>, _>>()?,
            };
            Ok(list_value(ArrayKind::List((**elem).clone()), items))
        }),
        PsType::ArrayList => a.expect(0, 1).map(|()| {
            let items = match args.first() {
                None | Some(Value::Int(_) | Value::Long(_)) => Vec::new(),
                Some(source) => convert::items_of(source),
            };
            list_value(ArrayKind::ArrayList, items)
        }),
        PsType::Array(elem) => a.expect(1, 1).and_then(|()| {
            let n = usize::try_from(a.int(0)?).map_err(|_| ValueError::Overflow {
                message: "Arithmetic operation resulted in an overflow.".into(),
            })?;
            if n > 1 << 25 {
                return Err(ValueError::Overflow {
                    message: "Array dimensions exceeded supported range.".into(),
                });
            }
            Ok(Value::Array(Rc::new(Array::fixed(
                (**elem).clone(),
                vec![default_of(elem); n],
            ))))
        }),
        PsType::Hashtable | PsType::Ordered => {
            let dict = Dict::new(*ty == PsType::Ordered);
            if let Some(Value::Dict(source)) = args.first() {
                for (k, v) in source.pairs() {
                    dict.insert(k, v);
                }
            }
            Ok(Value::Dict(Rc::new(dict)))
        }
        PsType::Version => match args {
            [text] => builtin::parse_version(&convert::to_string(text, " ")),
            [_, _, ..] if args.len() <= 4 => {
                let parts = (0..args.len())
                    .map(|i| a.int(i))
                    .collect::<Result<Vec<_>, _>>();
                parts.and_then(|p| {
                    if p.iter().any(|n| *n < 0) {
                        return Err(ValueError::ArgumentOutOfRange {
                            message: "Version's parameters must be greater than or equal to zero. (Parameter 'major')".into(),
                        });
                    }
                    Ok(builtin::version(p[0], p[1], p.get(2).copied(), p.get(3).copied()))
                })
            }
            _ => Err(overload("new", args.len())),
        },
        PsType::Regex => a.expect(1, 2).and_then(|()| {
            let pattern = a.string(0);
            text::regex(&pattern, true)?;
            let options = match args.get(1) {
                Some(v) => enums::convert("System.Text.RegularExpressions.RegexOptions", v)?,
                None => Value::Null,
            };
            Ok(builtin::regex_object(&pattern, options))
        }),
        PsType::String => return static_text::string("new", args),
        PsType::PsObject | PsType::PsCustomObject | PsType::Object if args.is_empty() => Ok(
            Value::Object(Rc::new(super::PsObject::custom(super::PropertyBag::new()))),
        ),
        PsType::Named(full) => return construct_named(full, args),
        _ => return None,
    })
}

/// The .NET type of a credential.
pub const PS_CREDENTIAL: &str = "System.Management.Automation.PSCredential";
/// The .NET type of a secure string (made by the cmdlets' `secure_string`).
pub const SECURE_STRING: &str = "System.Security.SecureString";

/// A `PSCredential`: `UserName` and the SecureString `Password` object itself (its text stays
/// in the secure string's table; this value never holds it).
pub fn ps_credential(user: &str, password: Value) -> Value {
    let mut props = PropertyBag::new();
    props.set("UserName", Value::str(user));
    props.set("Password", password);
    let mut object = PsObject::new(ObjectKind::Typed, PS_CREDENTIAL, props);
    object.display = Some(PS_CREDENTIAL.into());
    Value::Object(Rc::new(object))
}

fn construct_named(full: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new("new", args);
    let ty = PsType::Named(full.into());
    if ty.is_exception() {
        return Some(Ok(builtin::exception(full, args)));
    }
    Some(match full {
        "System.Guid" => a.expect(1, 1).and_then(|()| {
            builtin::parse_guid(&a.string(0)).ok_or_else(|| ValueError::Format {
                message: "Unrecognized Guid format.".into(),
            })
        }),
        "System.DateTime" => a.expect(3, 7).and_then(|()| {
            let parts = (0..args.len())
                .map(|i| a.int(i))
                .collect::<Result<Vec<_>, _>>()?;
            let text = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                parts[0],
                parts[1],
                parts[2],
                parts.get(3).copied().unwrap_or(0),
                parts.get(4).copied().unwrap_or(0),
                parts.get(5).copied().unwrap_or(0)
            );
            builtin::parse_datetime(&text).ok_or_else(|| ValueError::ArgumentOutOfRange {
                message: "Year, Month, and Day parameters describe an un-representable DateTime."
                    .into(),
            })
        }),
        PS_CREDENTIAL => a.expect(2, 2).and_then(|()| {
            let password = &args[1];
            if PsType::of(password).full_name() != SECURE_STRING {
                return Err(ValueError::Argument {
                    message: "Cannot convert argument \"password\" for \"PSCredential\" to type \"System.Security.SecureString\": give a SecureString (ConvertTo-SecureString -AsPlainText -Force, or Read-Host -AsSecureString).".into(),
                });
            }
            Ok(ps_credential(&a.string(0), password.clone()))
        }),
        "System.Text.UTF8Encoding" => Ok(builtin::encoding("utf-8")),
        "System.Text.ASCIIEncoding" => Ok(builtin::encoding("us-ascii")),
        "System.Text.UnicodeEncoding" => Ok(builtin::encoding("utf-16")),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::statics::call_static;

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
    fn constructors() {
        assert_eq!(
            show(call_static(
                &t("System.Collections.Generic.List[int]"),
                "new",
                &[]
            )),
            "List`1 "
        );
        assert_eq!(
            show(call_static(&t("System.Collections.ArrayList"), "new", &[])),
            "ArrayList "
        );
        assert_eq!(
            show(call_static(&PsType::Hashtable, "new", &[])),
            "Hashtable System.Collections.Hashtable"
        );
        assert_eq!(
            show(call_static(&t("int[]"), "new", &[Value::Int(3)])),
            "Int32[] 0,0,0"
        );
        assert_eq!(
            show(call_static(
                &PsType::Version,
                "new",
                &[Value::Int(1), Value::Int(2)]
            )),
            "Version 1.2"
        );
        let e = call_static(
            &t("System.ArgumentNullException"),
            "new",
            &[Value::str("p")],
        );
        let Some(Ok(e)) = e else { panic!() };
        assert_eq!(PsType::of(&e).name(), "ArgumentNullException");
        assert_eq!(
            convert::to_string(&super::super::access::get_member(&e, "Message"), ""),
            "Value cannot be null. (Parameter 'p')"
        );
        let e = call_static(
            &t("InvalidOperationException"),
            "new",
            &[Value::str("nope")],
        );
        assert_eq!(show(e), "InvalidOperationException nope");
        assert_eq!(
            show(call_static(&t("regex"), "new", &[Value::str("a+")])),
            "Regex a+"
        );
        assert_eq!(show(call_static(&t("System.Math"), "new", &[])), "<none>");
    }
}
