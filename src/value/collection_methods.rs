//! L1 — instance methods of arrays, lists and dictionaries: `Add`, `AddRange`, `Remove`,
//! `RemoveAt`, `Insert`, `Contains`, `IndexOf`, `Clear`, `ToArray`, `Sort` on lists;
//! `Add`, `Remove`, `ContainsKey`, `ContainsValue`, `GetEnumerator`, `Clone` on dictionaries.

use std::cell::RefCell;
use std::rc::Rc;

use super::args::{Args, overload};
use super::{Array, ArrayKind, Dict, PsType, Value, ValueError, builtin, compare, convert};

fn fixed_size() -> ValueError {
    ValueError::NotSupported {
        message: "Collection was of a fixed size.".into(),
    }
}

fn index_out_of_range(parameter: &str) -> ValueError {
    ValueError::ArgumentOutOfRange {
        message: format!(
            "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter '{parameter}')"
        ),
    }
}

fn int(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The element type items are converted to when stored.
fn element_type(kind: &ArrayKind) -> PsType {
    match kind {
        ArrayKind::Fixed(elem) | ArrayKind::List(elem) => elem.clone(),
        ArrayKind::ArrayList => PsType::Object,
    }
}

fn store(kind: &ArrayKind, value: &Value) -> Result<Value, ValueError> {
    match element_type(kind) {
        PsType::Object => Ok(value.clone()),
        elem => convert::convert_to(value, &elem, " "),
    }
}

/// Call a method of an array or list; `None` when it has no such method.
pub fn call_array(array: &Array, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let growable = !matches!(array.kind, ArrayKind::Fixed(_));
    let result = match name.to_ascii_lowercase().as_str() {
        "contains" => a.expect(1, 1).map(|()| {
            let needle = store(&array.kind, &args[0]).unwrap_or_else(|_| args[0].clone());
            Value::Bool(array.items.borrow().iter().any(|v| compare::same_value(v, &needle)))
        }),
        "indexof" | "lastindexof" => a.expect(1, 2).map(|()| {
            let needle = store(&array.kind, &args[0]).unwrap_or_else(|_| args[0].clone());
            let items = array.items.borrow();
            let found = if name.eq_ignore_ascii_case("indexof") {
                items.iter().position(|v| compare::same_value(v, &needle))
            } else {
                items.iter().rposition(|v| compare::same_value(v, &needle))
            };
            found.map_or(Value::Int(-1), int)
        }),
        "clone" => Ok(Value::Array(Rc::new(Array {
            items: RefCell::new(array.to_vec()),
            kind: array.kind.clone(),
        }))),
        "getvalue" => a.int(0).map(|i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| array.items.borrow().get(i).cloned())
                .unwrap_or_default()
        }),
        "setvalue" => set_value(array, &a),
        "clear" => {
            let mut items = array.items.borrow_mut();
            if growable {
                items.clear();
            } else {
                let blank = store(&array.kind, &Value::Null).unwrap_or_default();
                items.iter_mut().for_each(|v| *v = blank.clone());
            }
            Ok(Value::Null)
        }
        "add" if growable => a.expect(1, 1).and_then(|()| {
            let value = store(&array.kind, &args[0])?;
            let mut items = array.items.borrow_mut();
            items.push(value);
            Ok(match array.kind {
                ArrayKind::ArrayList => int(items.len() - 1),
                _ => Value::Null,
            })
        }),
        "addrange" if growable => a.expect(1, 1).and_then(|()| {
            let values = convert::items_of(&args[0])
                .iter()
                .map(|v| store(&array.kind, v))
                .collect::<Result<Vec<_>, _>>()?;
            array.items.borrow_mut().extend(values);
            Ok(Value::Null)
        }),
        "insert" if growable => a.expect(2, 2).and_then(|()| {
            let at = usize::try_from(a.int(0)?).ok();
            let value = store(&array.kind, &args[1])?;
            let mut items = array.items.borrow_mut();
            let at = at.filter(|i| *i <= items.len()).ok_or_else(|| {
                ValueError::ArgumentOutOfRange {
                    message: "Index must be within the bounds of the List. (Parameter 'index')".into(),
                }
            })?;
            items.insert(at, value);
            Ok(Value::Null)
        }),
        "remove" if growable => a.expect(1, 1).map(|()| {
            let needle = store(&array.kind, &args[0]).unwrap_or_else(|_| args[0].clone());
            let mut items = array.items.borrow_mut();
            let found = items.iter().position(|v| compare::same_value(v, &needle));
            if let Some(i) = found {
                items.remove(i);
            }
            match array.kind {
                ArrayKind::ArrayList => Value::Null,
                _ => Value::Bool(found.is_some()),
            }
        }),
        "removeat" if growable => a.expect(1, 1).and_then(|()| {
            let i = usize::try_from(a.int(0)?).ok();
            let mut items = array.items.borrow_mut();
            let i = i.filter(|i| *i < items.len()).ok_or_else(|| index_out_of_range("index"))?;
            items.remove(i);
            Ok(Value::Null)
        }),
        "removerange" if growable => a.expect(2, 2).and_then(|()| {
            let start = usize::try_from(a.int(0)?).map_err(|_| index_out_of_range("index"))?;
            let count = usize::try_from(a.int(1)?).map_err(|_| index_out_of_range("count"))?;
            let mut items = array.items.borrow_mut();
            if start.saturating_add(count) > items.len() {
                return Err(ValueError::Argument {
                    message: "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.".into(),
                });
            }
            items.drain(start..start + count);
            Ok(Value::Null)
        }),
        "getrange" if growable => a.expect(2, 2).and_then(|()| {
            let start = usize::try_from(a.int(0)?).map_err(|_| index_out_of_range("index"))?;
            let count = usize::try_from(a.int(1)?).map_err(|_| index_out_of_range("count"))?;
            let items = array.items.borrow();
            let slice = items.get(start..start.saturating_add(count)).ok_or_else(|| {
                ValueError::Argument {
                    message: "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.".into(),
                }
            })?;
            Ok(Value::Array(Rc::new(Array {
                items: RefCell::new(slice.to_vec()),
                kind: array.kind.clone(),
            })))
        }),
        "toarray" if growable => Ok(Value::Array(Rc::new(Array::fixed(
            element_type(&array.kind),
            array.to_vec(),
        )))),
        "sort" if growable && args.is_empty() => {
            sort_values(&mut array.items.borrow_mut());
            Ok(Value::Null)
        }
        "reverse" if growable && args.is_empty() => {
            array.items.borrow_mut().reverse();
            Ok(Value::Null)
        }
        "trimexcess" if growable => Ok(Value::Null),
        "add" | "addrange" | "insert" | "remove" | "removeat" | "removerange" => {
            Err(fixed_size())
        }
        _ => return None,
    };
    Some(result)
}

/// Sort in place as .NET's default comparer does (case-sensitive culture order for strings).
pub fn sort_values(items: &mut [Value]) {
    items.sort_by(|a, b| compare::compare(a, b, true).unwrap_or(std::cmp::Ordering::Equal));
}

fn set_value(array: &Array, a: &Args<'_>) -> Result<Value, ValueError> {
    a.expect(2, 2)?;
    let value = store(&array.kind, &a.values[0])?;
    let i = a.int(1)?;
    let mut items = array.items.borrow_mut();
    let slot = usize::try_from(i)
        .ok()
        .filter(|i| *i < items.len())
        .ok_or(ValueError::IndexOutOfRange)?;
    items[slot] = value;
    Ok(Value::Null)
}

fn duplicate_key(key: &Value) -> ValueError {
    let key = convert::to_string(key, " ");
    ValueError::Argument {
        message: format!(
            "Item has already been added. Key in dictionary: '{key}'  Key being added: '{key}'"
        ),
    }
}

/// A dictionary's entries as `DictionaryEntry` objects (`GetEnumerator()`).
pub fn entries(dict: &Dict) -> Value {
    Value::array(
        dict.pairs()
            .into_iter()
            .map(|(k, v)| builtin::dictionary_entry(k, v))
            .collect(),
    )
}

/// Call a method of a hashtable or ordered dictionary; `None` when it has no such method.
pub fn call_dict(dict: &Dict, name: &str, args: &[Value]) -> Option<Result<Value, ValueError>> {
    let a = Args::new(name, args);
    let key_arg = || -> Result<Value, ValueError> {
        match args.first() {
            Some(Value::Null) => Err(ValueError::ArgumentNull {
                parameter: "key".into(),
            }),
            Some(key) => Ok(key.clone()),
            None => Err(overload(name, 0)),
        }
    };
    let result = match name.to_ascii_lowercase().as_str() {
        "add" => a.expect(2, 2).and_then(|()| {
            let key = key_arg()?;
            if dict.contains_key(&key) {
                return Err(duplicate_key(&key));
            }
            dict.insert(key, args[1].clone());
            Ok(Value::Null)
        }),
        "remove" => a.expect(1, 1).and_then(|()| {
            dict.remove(&key_arg()?);
            Ok(Value::Null)
        }),
        "containskey" | "contains" => a
            .expect(1, 1)
            .and_then(|()| Ok(Value::Bool(dict.contains_key(&key_arg()?)))),
        "containsvalue" => a.expect(1, 1).map(|()| {
            Value::Bool(
                dict.values()
                    .iter()
                    .any(|v| compare::same_value(v, &args[0])),
            )
        }),
        "clear" => {
            dict.entries.borrow_mut().clear();
            Ok(Value::Null)
        }
        "clone" => {
            let copy = Dict::new(dict.ordered);
            for (k, v) in dict.pairs() {
                copy.insert(k, v);
            }
            Ok(Value::Dict(Rc::new(copy)))
        }
        "getenumerator" => Ok(entries(dict)),
        "get_item" | "item" => a
            .expect(1, 1)
            .map(|()| dict.get(&args[0]).unwrap_or_default()),
        "set_item" => a.expect(2, 2).map(|()| {
            dict.insert(args[0].clone(), args[1].clone());
            Value::Null
        }),
        "get_keys" => Ok(Value::array(dict.keys())),
        "get_values" => Ok(Value::array(dict.values())),
        "insert" if dict.ordered => a.expect(3, 3).and_then(|()| {
            let at = usize::try_from(a.int(0)?).ok().filter(|i| *i <= dict.len());
            let at = at.ok_or_else(|| index_out_of_range("index"))?;
            let key = args[1].clone();
            if dict.contains_key(&key) {
                return Err(duplicate_key(&key));
            }
            let mut entries = dict.entries.borrow_mut();
            entries.shift_insert(at, super::DictKey::of(&key), (key, args[2].clone()));
            Ok(Value::Null)
        }),
        "removeat" if dict.ordered => a.expect(1, 1).and_then(|()| {
            let at = usize::try_from(a.int(0)?).ok().filter(|i| *i < dict.len());
            let at = at.ok_or_else(|| index_out_of_range("index"))?;
            dict.entries.borrow_mut().shift_remove_index(at);
            Ok(Value::Null)
        }),
        _ => return None,
    };
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(result: Option<Result<Value, ValueError>>) -> String {
        match result {
            Some(Ok(v)) => convert::to_string(&v, ","),
            Some(Err(e)) => format!("error: {e}"),
            None => "<none>".into(),
        }
    }

    fn list(elem: PsType, items: Vec<Value>) -> Array {
        Array {
            items: RefCell::new(items),
            kind: ArrayKind::List(elem),
        }
    }

    #[test]
    fn generic_list_methods() {
        let l = list(PsType::Int, vec![]);
        assert_eq!(text(call_array(&l, "Add", &[Value::Int(3)])), "");
        assert_eq!(text(call_array(&l, "Add", &[Value::str("1")])), "");
        assert!(matches!(l.to_vec()[1], Value::Int(1)));
        assert!(call_array(&l, "Add", &[Value::str("x")]).is_some_and(|r| r.is_err()));
        assert_eq!(text(call_array(&l, "Contains", &[Value::Int(3)])), "True");
        assert_eq!(text(call_array(&l, "IndexOf", &[Value::Int(1)])), "1");
        assert_eq!(text(call_array(&l, "Remove", &[Value::Int(3)])), "True");
        assert_eq!(text(call_array(&l, "Remove", &[Value::Int(9)])), "False");
        assert_eq!(
            text(call_array(&l, "Insert", &[Value::Int(0), Value::Int(7)])),
            ""
        );
        assert_eq!(convert::to_string(&Value::array(l.to_vec()), ","), "7,1");
        text(call_array(&l, "Sort", &[]));
        assert_eq!(convert::to_string(&Value::array(l.to_vec()), ","), "1,7");
        assert!(
            text(call_array(&l, "RemoveAt", &[Value::Int(5)]))
                .starts_with("error: Index was out of range")
        );
        let arr = call_array(&l, "ToArray", &[])
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(PsType::of(&arr).name(), "Int32[]");
    }

    #[test]
    fn arraylist_add_returns_index() {
        let l = Array {
            items: RefCell::new(vec![]),
            kind: ArrayKind::ArrayList,
        };
        assert_eq!(text(call_array(&l, "Add", &[Value::str("a")])), "0");
        assert_eq!(text(call_array(&l, "Add", &[Value::str("b")])), "1");
    }

    #[test]
    fn fixed_arrays_refuse_to_grow() {
        let a = Array::fixed(PsType::Object, vec![Value::Int(1), Value::str("x")]);
        assert_eq!(
            text(call_array(&a, "Add", &[Value::Int(2)])),
            "error: Collection was of a fixed size."
        );
        assert_eq!(text(call_array(&a, "Contains", &[Value::str("x")])), "True");
        assert_eq!(
            text(call_array(&a, "Contains", &[Value::str("X")])),
            "False"
        );
        assert_eq!(text(call_array(&a, "IndexOf", &[Value::str("x")])), "1");
        assert_eq!(text(call_array(&a, "Where", &[])), "<none>");
    }

    #[test]
    fn dictionary_methods() {
        let d = Dict::new(false);
        assert_eq!(
            text(call_dict(
                &d,
                "Add",
                &[Value::str("Day"), Value::str("Monday")]
            )),
            ""
        );
        assert_eq!(
            text(call_dict(&d, "Add", &[Value::str("day"), Value::str("x")])),
            "error: Item has already been added. Key in dictionary: 'day'  Key being added: 'day'"
        );
        assert_eq!(
            text(call_dict(&d, "ContainsKey", &[Value::str("DAY")])),
            "True"
        );
        assert_eq!(
            text(call_dict(&d, "ContainsValue", &[Value::str("Monday")])),
            "True"
        );
        let entries = call_dict(&d, "GetEnumerator", &[])
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(
            convert::to_string(&crate::value::access::get_member(&entries, "Key"), ","),
            "Day"
        );
        assert_eq!(text(call_dict(&d, "Remove", &[Value::str("day")])), "");
        assert_eq!(d.len(), 0);
        assert!(call_dict(&d, "Add", &[Value::Null, Value::Int(1)]).is_some_and(|r| r.is_err()));
    }

    #[test]
    fn ordered_dictionary_positions() {
        let d = Dict::new(true);
        d.insert(Value::str("a"), Value::Int(1));
        d.insert(Value::str("c"), Value::Int(3));
        text(call_dict(
            &d,
            "Insert",
            &[Value::Int(1), Value::str("b"), Value::Int(2)],
        ));
        assert_eq!(convert::to_string(&Value::array(d.keys()), ","), "a,b,c");
        text(call_dict(&d, "RemoveAt", &[Value::Int(0)]));
        assert_eq!(convert::to_string(&Value::array(d.keys()), ","), "b,c");
    }
}
