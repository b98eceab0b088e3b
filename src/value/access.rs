//! L1 — member and index access on values: properties (with member enumeration over
//! collections), indexing (negative indexes, index lists, dictionary keys, string chars), and
//! their assignment forms.

use std::rc::Rc;

use super::object::ObjectKind;
use super::{Array, ArrayKind, PsType, Value, ValueError, builtin, convert, psobject};

/// `x.Name`: object properties, dictionary keys, intrinsic properties (`Length`, `Count`,
/// `Rank`, `Keys`, `Values`, `PSObject`, …), member enumeration over arrays; `Null` when absent.
pub fn get_member(target: &Value, name: &str) -> Value {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("PSObject") && !target.is_null() {
        return psobject::info(target);
    }
    if is("PSTypeNames") && !target.is_null() {
        return psobject::type_names(target);
    }
    match target {
        Value::Null => {
            if is("Count") || is("Length") {
                Value::Int(0)
            } else {
                Value::Null
            }
        }
        Value::Array(array) => array_member(target, array, name),
        Value::String(s) => {
            if is("Length") {
                count(s.chars().count())
            } else if is("Count") {
                Value::Int(1)
            } else {
                Value::Null
            }
        }
        Value::Dict(dict) => {
            if let Some(found) = dict.get(&Value::str(name)) {
                return found;
            }
            match name.to_ascii_lowercase().as_str() {
                "count" => count(dict.len()),
                "keys" => Value::array(dict.keys()),
                "values" => Value::array(dict.values()),
                "isreadonly" | "isfixedsize" | "issynchronized" => Value::Bool(false),
                "syncroot" => target.clone(),
                _ => Value::Null,
            }
        }
        Value::Object(object) => {
            if let Some(found) = object.get(name) {
                return found;
            }
            if is("Name") && object.type_name.as_ref() == builtin::DICTIONARY_ENTRY {
                return object.get("Key").unwrap_or_default();
            }
            if object.kind == ObjectKind::Exception && is("HResult") {
                return Value::Int(-2146233087);
            }
            scalar_intrinsic(name)
        }
        Value::Type(ty) => type_member(ty, name),
        _ => scalar_intrinsic(name),
    }
}

fn count(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

/// `Count` and `Length` are 1 on any scalar.
fn scalar_intrinsic(name: &str) -> Value {
    if name.eq_ignore_ascii_case("Count") || name.eq_ignore_ascii_case("Length") {
        Value::Int(1)
    } else {
        Value::Null
    }
}

fn array_member(target: &Value, array: &Array, name: &str) -> Value {
    match name.to_ascii_lowercase().as_str() {
        "count" | "length" => count(array.len()),
        "longlength" => Value::Long(i64::try_from(array.len()).unwrap_or(i64::MAX)),
        "rank" => Value::Int(1),
        "isfixedsize" => Value::Bool(matches!(array.kind, ArrayKind::Fixed(_))),
        "isreadonly" | "issynchronized" => Value::Bool(false),
        "capacity" if !matches!(array.kind, ArrayKind::Fixed(_)) => count(array.len()),
        "syncroot" => target.clone(),
        _ => enumerate_member(&array.to_vec(), name),
    }
}

/// Member enumeration: each element's member, nulls skipped, collections flattened; one
/// result is returned alone, several as `Object[]`.
pub fn enumerate_member(items: &[Value], name: &str) -> Value {
    let mut out = Vec::new();
    for item in items {
        if item.is_null() {
            continue;
        }
        match get_member(item, name) {
            Value::Null => {}
            Value::Array(inner) => out.extend(inner.to_vec()),
            other => out.push(other),
        }
    }
    collect_results(out)
}

/// Results gathered as a pipeline would: none → `$null`, one → itself, more → `Object[]`.
pub fn collect_results(mut out: Vec<Value>) -> Value {
    match out.len() {
        0 => Value::Null,
        1 => out.pop().unwrap_or_default(),
        _ => Value::array(out),
    }
}

/// Properties of a type literal (`[int].FullName`).
fn type_member(ty: &PsType, name: &str) -> Value {
    match name.to_ascii_lowercase().as_str() {
        "name" => Value::str(ty.name()),
        "fullname" => Value::str(ty.full_name()),
        "namespace" => Value::str(ty.namespace()),
        "basetype" => ty
            .base_type()
            .map_or(Value::Null, |base| Value::Type(Rc::new(base))),
        "isarray" => Value::Bool(matches!(ty, PsType::Array(_))),
        "isenum" => Value::Bool(ty.is_enum()),
        "isvaluetype" => Value::Bool(ty.is_value_type()),
        "isclass" => Value::Bool(!ty.is_value_type()),
        "isgenerictype" => Value::Bool(matches!(ty, PsType::List(_))),
        "underlyingsystemtype" => Value::Type(Rc::new(ty.clone())),
        "assemblyqualifiedname" => Value::str(format!(
            "{}, System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e",
            ty.full_name()
        )),
        _ => scalar_intrinsic(name),
    }
}

/// `x.Name = value` on objects and dictionaries.
pub fn set_member(target: &Value, name: &str, value: Value) -> Result<(), ValueError> {
    match target {
        Value::Dict(dict) => {
            dict.insert(Value::str(name), value);
            Ok(())
        }
        Value::Object(object) if object.props.borrow().contains(name) => {
            object.set(name, value);
            Ok(())
        }
        Value::String(_) | Value::Array(_) if is_read_only_intrinsic(name) => {
            Err(ValueError::InvalidOperation {
                message: format!("'{name}' is a ReadOnly property."),
            })
        }
        _ => Err(ValueError::PropertyNotFound {
            name: name.to_string(),
        }),
    }
}

fn is_read_only_intrinsic(name: &str) -> bool {
    ["Length", "Count", "Rank"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

fn null_array() -> ValueError {
    ValueError::InvalidOperation {
        message: "Cannot index into a null array.".into(),
    }
}

fn not_indexable(target: &Value) -> ValueError {
    ValueError::InvalidOperation {
        message: format!(
            "Unable to index into an object of type \"{}\".",
            PsType::of(target).full_name()
        ),
    }
}

/// `x[i]`: arrays (negative indexes from the end, an array of indexes gives an array),
/// strings (chars), dictionaries (by key; an ordered dictionary by position for an int),
/// scalars (`4[0]` is 4); out of range → `Null`.
pub fn get_index(target: &Value, index: &Value) -> Result<Value, ValueError> {
    if target.is_null() {
        return Err(null_array());
    }
    if let Value::Array(indexes) = index {
        let mut out = Vec::new();
        for one in indexes.to_vec() {
            if let Some(found) = get_one(target, &one)? {
                out.push(found);
            }
        }
        return Ok(Value::array(out));
    }
    Ok(get_one(target, index)?.unwrap_or_default())
}

/// Dictionary lookup by key only, never by position (`$ordered[[object]1]`).
pub fn get_by_key(target: &Value, key: &Value) -> Result<Value, ValueError> {
    match target {
        Value::Dict(dict) => Ok(dict.get(key).unwrap_or_default()),
        other => get_index(other, key),
    }
}

/// A position from the end when negative; `None` when outside `0..len`.
fn position(index: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let i = if index < 0 { len + index } else { index };
    (0..len)
        .contains(&i)
        .then(|| usize::try_from(i).ok())
        .flatten()
}

/// One index: `None` when out of range (dropped from slices).
fn get_one(target: &Value, index: &Value) -> Result<Option<Value>, ValueError> {
    match target {
        Value::Array(array) => {
            let i = convert::to_i64(index)?;
            let items = array.items.borrow();
            Ok(position(i, items.len()).map(|p| items[p].clone()))
        }
        Value::String(s) => {
            let i = convert::to_i64(index)?;
            let chars: Vec<char> = s.chars().collect();
            Ok(position(i, chars.len()).map(|p| Value::Char(chars[p])))
        }
        Value::Dict(dict) => {
            if let (true, Value::Int(i)) = (dict.ordered, index) {
                let entries = dict.entries.borrow();
                let found = usize::try_from(*i)
                    .ok()
                    .and_then(|p| entries.get_index(p))
                    .map(|(_, (_, v))| v.clone());
                return Ok(found);
            }
            Ok(dict.get(index))
        }
        Value::Null => Err(null_array()),
        scalar => {
            let i = convert::to_i64(index).map_err(|_| not_indexable(scalar))?;
            Ok((i == 0 || i == -1).then(|| scalar.clone()))
        }
    }
}

/// `x[i] = value` on arrays, lists and dictionaries.
pub fn set_index(target: &Value, index: &Value, value: Value) -> Result<(), ValueError> {
    match target {
        Value::Array(array) => {
            let i = convert::to_i64(index)?;
            let value = match &array.kind {
                ArrayKind::Fixed(PsType::Object) | ArrayKind::ArrayList => value,
                ArrayKind::Fixed(elem) | ArrayKind::List(elem) => {
                    if *elem == PsType::Object {
                        value
                    } else {
                        convert::convert_to(&value, elem, " ")?
                    }
                }
            };
            let mut items = array.items.borrow_mut();
            let len = items.len();
            let slot = match array.kind {
                ArrayKind::Fixed(_) => position(i, len).ok_or(ValueError::IndexOutOfRange)?,
                _ => usize::try_from(i)
                    .ok()
                    .filter(|p| *p < len)
                    .ok_or_else(|| ValueError::ArgumentOutOfRange {
                        message: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')".into(),
                    })?,
            };
            items[slot] = value;
            Ok(())
        }
        Value::Dict(dict) => {
            if let (true, Value::Int(i)) = (dict.ordered, index) {
                let mut entries = dict.entries.borrow_mut();
                if let Some((_, (_, slot))) = usize::try_from(*i)
                    .ok()
                    .and_then(|p| entries.get_index_mut(p))
                {
                    *slot = value;
                    return Ok(());
                }
            }
            dict.insert(index.clone(), value);
            Ok(())
        }
        Value::Null => Err(null_array()),
        other => Err(not_indexable(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Dict, PropertyBag, PsObject};

    fn s(value: &Value) -> String {
        convert::to_string(value, ",")
    }

    fn ints(values: &[i32]) -> Value {
        Value::array(values.iter().map(|&n| Value::Int(n)).collect())
    }

    fn custom(pairs: &[(&str, Value)]) -> Value {
        let mut props = PropertyBag::new();
        for (k, v) in pairs {
            props.set(k, v.clone());
        }
        Value::Object(Rc::new(PsObject::custom(props)))
    }

    #[test]
    fn intrinsic_counts() {
        let arr = ints(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(s(&get_member(&arr, "Count")), "10");
        assert_eq!(s(&get_member(&arr, "length")), "10");
        assert_eq!(s(&get_member(&arr, "Rank")), "1");
        assert_eq!(s(&get_member(&Value::Int(4), "Count")), "1");
        assert_eq!(s(&get_member(&Value::Null, "Count")), "0");
        assert_eq!(s(&get_member(&Value::str("hello"), "Length")), "5");
        assert!(get_member(&Value::str("hello"), "Nope").is_null());
    }

    #[test]
    fn object_and_dictionary_members() {
        let o = custom(&[("Name", Value::str("Bob")), ("Age", Value::Int(30))]);
        assert_eq!(s(&get_member(&o, "name")), "Bob");
        assert!(get_member(&o, "nothere").is_null());
        set_member(&o, "Age", Value::Int(31)).expect("set");
        assert_eq!(s(&get_member(&o, "Age")), "31");
        assert!(set_member(&o, "Other", Value::Int(1)).is_err());
        let names = get_member(
            &get_member(&get_member(&o, "PSObject"), "Properties"),
            "Name",
        );
        assert_eq!(s(&names), "Name,Age");

        let dict = Value::Dict(Rc::new(Dict::new(false)));
        set_member(&dict, "Zone", Value::str("UTC")).expect("set");
        assert_eq!(s(&get_member(&dict, "zone")), "UTC");
        assert_eq!(s(&get_member(&dict, "Count")), "1");
        assert_eq!(s(&get_member(&dict, "Keys")), "Zone");
    }

    #[test]
    fn member_enumeration() {
        let items = Value::array(vec![
            custom(&[("Name", Value::str("a"))]),
            Value::Null,
            custom(&[("Name", Value::str("b"))]),
            custom(&[("Other", Value::Int(1))]),
        ]);
        assert_eq!(s(&get_member(&items, "Name")), "a,b");
        let one = Value::array(vec![custom(&[("Name", Value::str("a"))])]);
        assert!(matches!(get_member(&one, "Name"), Value::String(_)));
        let lengths = Value::array(vec![Value::str("a"), Value::str("bb")]);
        assert_eq!(s(&get_member(&lengths, "Length")), "2");
        let entry = builtin::dictionary_entry(Value::str("k"), Value::Int(1));
        assert_eq!(s(&get_member(&entry, "Name")), "k");
        assert_eq!(s(&get_member(&entry, "Value")), "1");
    }

    #[test]
    fn array_indexing() {
        let a = ints(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(s(&get_index(&a, &Value::Int(2)).expect("index")), "2");
        assert_eq!(s(&get_index(&a, &Value::Int(-1)).expect("index")), "9");
        assert!(get_index(&a, &Value::Int(10)).expect("index").is_null());
        assert_eq!(
            s(&get_index(&a, &ints(&[1, 2, 3, 4])).expect("index")),
            "1,2,3,4"
        );
        assert_eq!(s(&get_index(&a, &ints(&[0, 100])).expect("index")), "0");
        assert_eq!(
            s(&get_index(&Value::Int(4), &Value::Int(0)).expect("index")),
            "4"
        );
        assert_eq!(
            s(&get_index(&Value::Int(4), &Value::Int(-1)).expect("index")),
            "4"
        );
        assert!(get_index(&Value::Null, &Value::Int(0)).is_err());
        let hello = Value::str("hello");
        assert!(matches!(
            get_index(&hello, &Value::Int(0)),
            Ok(Value::Char('h'))
        ));
        assert!(matches!(
            get_index(&hello, &Value::Int(-1)),
            Ok(Value::Char('o'))
        ));
    }

    #[test]
    fn dictionary_indexing() {
        let d = Dict::new(true);
        d.insert(Value::Int(1), Value::str("one"));
        d.insert(Value::Int(2), Value::str("two"));
        d.insert(Value::str("three"), Value::Int(3));
        let d = Value::Dict(Rc::new(d));
        assert_eq!(s(&get_index(&d, &Value::Int(1)).expect("index")), "two");
        assert_eq!(s(&get_by_key(&d, &Value::Int(1)).expect("index")), "one");
        assert_eq!(s(&get_index(&d, &Value::str("THREE")).expect("index")), "3");
        let h = Dict::new(false);
        h.insert(Value::Int(2), Value::str("two"));
        let h = Value::Dict(Rc::new(h));
        assert_eq!(s(&get_index(&h, &Value::Int(2)).expect("index")), "two");
        set_index(&h, &Value::str("Time"), Value::str("Now")).expect("set");
        assert_eq!(
            s(&get_index(&h, &Value::str("time")).expect("index")),
            "Now"
        );
    }

    #[test]
    fn index_assignment() {
        let a = ints(&[1, 2, 3]);
        set_index(&a, &Value::Int(0), Value::Int(9)).expect("set");
        set_index(&a, &Value::Int(-1), Value::Int(7)).expect("set");
        assert_eq!(s(&a), "9,2,7");
        assert_eq!(
            set_index(&a, &Value::Int(3), Value::Int(0)),
            Err(ValueError::IndexOutOfRange)
        );
        let typed = Value::Array(Rc::new(Array::fixed(PsType::Int, vec![Value::Int(1)])));
        set_index(&typed, &Value::Int(0), Value::str("5")).expect("set");
        assert!(matches!(
            get_index(&typed, &Value::Int(0)),
            Ok(Value::Int(5))
        ));
        assert!(set_index(&Value::str("abc"), &Value::Int(0), Value::Int(1)).is_err());
        assert!(set_index(&Value::Null, &Value::Int(0), Value::Int(1)).is_err());
    }

    #[test]
    fn type_members() {
        let t = Value::Type(Rc::new(PsType::Int));
        assert_eq!(s(&get_member(&t, "FullName")), "System.Int32");
        assert_eq!(
            s(&get_member(&Value::Type(Rc::new(PsType::String)), "Name")),
            "String"
        );
        assert_eq!(
            s(&get_member(
                &Value::Type(Rc::new(PsType::Hashtable)),
                "FullName"
            )),
            "System.Collections.Hashtable"
        );
    }
}
