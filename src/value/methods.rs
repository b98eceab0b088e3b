//! L1 — instance methods of .NET-like values that need no script evaluation: string methods
//! (`Split`, `Trim`, `Replace`, `ToUpper`, `Contains`, `Substring`, `IndexOf`, …), array and
//! list methods (`Add`, `Contains`, `IndexOf`), dictionary methods (`Add`, `ContainsKey`,
//! `Remove`, `GetEnumerator`), `ToString`, `GetType`, `Equals`, `CompareTo`. Member
//! enumeration: a method missing on an array applies to each element.

use std::rc::Rc;

use super::access::collect_results;
use super::args::Args;
use super::object::ObjectKind;
use super::{
    PsType, Value, ValueError, collection_methods, compare, convert, number, numfmt,
    object_methods, string_methods,
};

/// Call `name(args)` on `target`. `None` when the value has no such method (the evaluator then
/// tries its own: `ForEach`, `Where`, `GetNewClosure`, `Invoke`).
pub fn call_method(
    target: &Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, ValueError>> {
    let result = dispatch(target, name, args)?;
    Some(result.map_err(|e| wrap(name, args.len(), e)))
}

/// PowerShell reports an exception thrown inside a .NET method as
/// `Exception calling "Name" with "N" argument(s): "message"`.
pub fn wrap(method: &str, arg_count: usize, error: ValueError) -> ValueError {
    match error {
        ValueError::Argument { .. }
        | ValueError::ArgumentNull { .. }
        | ValueError::ArgumentOutOfRange { .. }
        | ValueError::IndexOutOfRange
        | ValueError::Format { .. }
        | ValueError::NotSupported { .. }
        | ValueError::Overflow { .. }
        | ValueError::Io { .. }
        | ValueError::FileNotFound { .. }
        | ValueError::DirectoryNotFound { .. }
        | ValueError::UnauthorizedAccess { .. }
        | ValueError::DivideByZero
        | ValueError::BadRegex { .. } => ValueError::MethodInvocation {
            method: method.to_string(),
            arg_count,
            message: error.to_string(),
            inner_type: error.exception_type().to_string(),
        },
        other => other,
    }
}

fn dispatch(target: &Value, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    if target.is_null() {
        return None;
    }
    let own = match target {
        Value::String(s) => string_methods::call(s, name, args),
        Value::Array(array) => collection_methods::call_array(array, name, args),
        Value::Dict(dict) => collection_methods::call_dict(dict, name, args),
        Value::Object(object) if object.kind != ObjectKind::Custom => {
            object_methods::call(target, object, name, args)
        }
        Value::Type(ty) => type_method(ty, name, args),
        _ => None,
    };
    if own.is_some() {
        return own;
    }
    if let Some(common) = common_method(target, name, args) {
        return Some(common);
    }
    match target {
        Value::Array(array) => enumerate_method(&array.to_vec(), name, args),
        _ => None,
    }
}

/// A method missing on a collection is called on each element; results are gathered as a
/// pipeline would. `None` when an element lacks the method too.
fn enumerate_method(
    items: &[Value],
    name: &str,
    args: &[Value],
) -> Option<Result<Value, ValueError>> {
    let mut out = Vec::new();
    let mut any = false;
    for item in items.iter().filter(|v| !v.is_null()) {
        any = true;
        match dispatch(item, name, args)? {
            Ok(Value::Array(inner)) => out.extend(inner.to_vec()),
            Ok(Value::Null) => {}
            Ok(value) => out.push(value),
            Err(e) => return Some(Err(e)),
        }
    }
    if !any {
        return None;
    }
    Some(Ok(collect_results(out)))
}

/// `ToString`, `GetType`, `Equals`, `GetHashCode`, `CompareTo` on any value.
fn common_method(target: &Value, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    Some(match name.to_ascii_lowercase().as_str() {
        "tostring" => to_string_method(target, &a),
        "gettype" if args.is_empty() => Ok(Value::Type(Rc::new(PsType::of(target)))),
        "equals" if args.len() == 1 => Ok(Value::Bool(compare::same_value(target, &args[0]))),
        "gethashcode" if args.is_empty() => Ok(Value::Int(hash_code(target))),
        "compareto" if args.len() == 1 && is_comparable(target) => {
            compare::compare(target, &args[0], true).map(|o| Value::Int(o as i32))
        }
        _ => return None,
    })
}

fn is_comparable(value: &Value) -> bool {
    match value {
        Value::Object(o) => o.kind == ObjectKind::Typed && o.display.is_some(),
        Value::Array(_) | Value::Dict(_) | Value::ScriptBlock(_) | Value::Type(_) | Value::Null => {
            false
        }
        _ => true,
    }
}

/// A stable 32-bit hash of the value's identity-defining text.
fn hash_code(value: &Value) -> i32 {
    let text = format!(
        "{}:{}",
        PsType::of(value).full_name(),
        convert::to_string(value, " ")
    );
    let mut hash: u32 = 2_166_136_261;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(16_777_619);
    }
    hash as i32
}

/// `.ToString()` and `.ToString(format)`: .NET's own string forms (a custom object's is "",
/// a double's round-trips), not PowerShell's.
fn to_string_method(target: &Value, a: &Args<'_>) -> Result<Value, ValueError> {
    if let Some(Value::String(spec)) = a.values.first()
        && let Some(text) = numfmt::format_number(target, spec)?
    {
        return Ok(Value::str(text));
    }
    Ok(Value::str(match target {
        Value::Double(x) => number::format_double_roundtrip(*x),
        Value::Array(_) | Value::Dict(_) => PsType::of(target).full_name(),
        Value::Object(object) => match object.kind {
            ObjectKind::Custom => String::new(),
            ObjectKind::Exception => {
                format!("{}: {}", object.type_name, convert::to_string(target, " "))
            }
            _ => convert::to_string(target, " "),
        },
        Value::Type(ty) => ty.full_name(),
        other => convert::to_string(other, " "),
    }))
}

/// Methods of a type literal: `IsInstanceOfType`, `IsAssignableFrom`, `GetEnumNames`.
fn type_method(ty: &PsType, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    Some(match name.to_ascii_lowercase().as_str() {
        "isinstanceoftype" => a
            .expect(1, 1)
            .map(|()| Value::Bool(!args[0].is_null() && PsType::of(&args[0]).is_assignable_to(ty))),
        "isassignablefrom" => a.expect(1, 1).map(|()| match &args[0] {
            Value::Type(other) => Value::Bool(other.is_assignable_to(ty)),
            _ => Value::Bool(false),
        }),
        "getenumnames" | "getenumvalues" => {
            let names = super::enums::names(&ty.full_name()).unwrap_or_default();
            Ok(Value::array(names.into_iter().map(Value::str).collect()))
        }
        "makearraytype" => Ok(Value::Type(Rc::new(PsType::Array(Box::new(ty.clone()))))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Dict, PropertyBag, PsObject};

    fn call_text(target: &Value, name: &str, args: Vec<Value>) -> String {
        match call_method(target, name, &args) {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    #[test]
    fn to_string_everywhere() {
        assert_eq!(
            call_text(&Value::Double(1.23456), "ToString", vec![Value::str("F2")]),
            "1.23"
        );
        assert_eq!(
            call_text(&Value::Double(0.1 + 0.2), "ToString", vec![]),
            "0.30000000000000004"
        );
        assert_eq!(call_text(&Value::Int(42), "ToString", vec![]), "42");
        assert_eq!(
            call_text(&Value::Int(255), "ToString", vec![Value::str("X2")]),
            "FF"
        );
        assert_eq!(call_text(&Value::Bool(true), "ToString", vec![]), "True");
        assert_eq!(
            call_text(&Value::Dict(Rc::new(Dict::new(false))), "ToString", vec![]),
            "System.Collections.Hashtable"
        );
        let mut props = PropertyBag::new();
        props.set("a", Value::Int(1));
        let o = Value::Object(Rc::new(PsObject::custom(props)));
        assert_eq!(call_text(&o, "ToString", vec![]), "");
        let e = Value::Object(Rc::new(PsObject::exception("System.Exception", "boom")));
        assert_eq!(call_text(&e, "ToString", vec![]), "System.Exception: boom");
        assert_eq!(
            call_text(&Value::Type(Rc::new(PsType::Int)), "ToString", vec![]),
            "System.Int32"
        );
    }

    #[test]
    fn get_type_and_equality() {
        let t = call_method(&Value::Int(2), "GetType", &[])
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(
            convert::to_string(&crate::value::access::get_member(&t, "Name"), ""),
            "Int32"
        );
        let e = Value::Object(Rc::new(PsObject::exception(
            "System.Management.Automation.RuntimeException",
            "x",
        )));
        let t = call_method(&e, "GetType", &[])
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(
            convert::to_string(&crate::value::access::get_member(&t, "Name"), ""),
            "RuntimeException"
        );
        assert_eq!(
            call_text(&Value::Int(1), "Equals", vec![Value::Int(1)]),
            "True"
        );
        assert_eq!(
            call_text(&Value::Int(1), "Equals", vec![Value::Long(1)]),
            "False"
        );
        assert_eq!(
            call_text(&Value::Int(1), "CompareTo", vec![Value::Int(2)]),
            "-1"
        );
        assert_eq!(call_text(&Value::Null, "ToString", vec![]), "<none>");
    }

    #[test]
    fn member_enumeration_of_methods() {
        let items = Value::array(vec![Value::str("a"), Value::str("b")]);
        assert_eq!(call_text(&items, "ToUpper", vec![]), "A,B");
        let csv = Value::array(vec![Value::str("a,b"), Value::str("c")]);
        assert_eq!(call_text(&csv, "Split", vec![Value::str(",")]), "a,b,c");
        assert_eq!(call_text(&items, "ForEach", vec![]), "<none>");
        assert_eq!(call_text(&items, "GetType", vec![]), "System.Object[]");
    }

    #[test]
    fn errors_are_wrapped_like_powershell() {
        assert_eq!(
            call_text(&Value::str("abc"), "Substring", vec![Value::Int(5)]),
            "error: Exception calling \"Substring\" with \"1\" argument(s): \"startIndex cannot be larger than length of string. (Parameter 'startIndex')\""
        );
        let fixed = Value::array(vec![Value::Int(1)]);
        assert_eq!(
            call_text(&fixed, "Add", vec![Value::Int(2)]),
            "error: Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed size.\""
        );
        let Some(Err(e)) = call_method(&fixed, "Add", &[Value::Int(2)]) else {
            panic!()
        };
        assert_eq!(
            e.inner_exception_type(),
            Some("System.NotSupportedException")
        );
    }

    #[test]
    fn type_methods() {
        let t = Value::Type(Rc::new(PsType::String));
        assert_eq!(
            call_text(&t, "IsInstanceOfType", vec![Value::str("x")]),
            "True"
        );
        assert_eq!(
            call_text(&t, "IsInstanceOfType", vec![Value::Int(1)]),
            "False"
        );
    }
}
