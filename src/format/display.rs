//! L4 — how values read inside the formatter: which ones print as plain text, how a value
//! looks in a table cell or list entry (pwsh's `SmartToString`), how items are expanded
//! (arrays unrolled, dictionaries into `DictionaryEntry` rows) and how properties are read.

use std::rc::Rc;

use crate::value::builtin::{DICTIONARY_ENTRY, dictionary_entry};
use crate::value::convert::to_string;
use crate::value::object::ObjectKind;
use crate::value::{PropertyBag, PsObject, PsType, Value};

/// pwsh's default `$FormatEnumerationLimit`: collections in cells show this many items.
pub const ENUMERATION_LIMIT: usize = 4;

/// The character pwsh appends to truncated text.
pub const ELLIPSIS: char = '\u{2026}';

/// The type name a type literal (`[int]`) is displayed as.
pub const RUNTIME_TYPE: &str = "System.RuntimeType";

/// The separator used when an array is converted to text inside the formatter.
const OFS: &str = " ";

/// The string form of a value, as `ToString()` gives it for display.
pub fn text_of(value: &Value) -> String {
    to_string(value, OFS)
}

/// True for values pwsh writes as one line of text instead of a table or list: scalars,
/// script blocks, objects without properties, and (our choice, as the lead renders them
/// elsewhere) error records and exceptions.
pub fn prints_as_text(value: &Value) -> bool {
    match value {
        Value::Array(_) | Value::Dict(_) | Value::Type(_) => false,
        Value::Object(obj) => match obj.kind {
            ObjectKind::ErrorRecord | ObjectKind::Exception => true,
            ObjectKind::Custom | ObjectKind::Typed => obj.props.borrow().is_empty(),
        },
        _ => true,
    }
}

/// True when a table column whose first value is `value` is right-aligned: pwsh right-aligns
/// scalar types other than strings (numbers, booleans, chars).
pub fn aligns_right(value: &Value) -> bool {
    matches!(
        value,
        Value::Bool(_)
            | Value::Byte(_)
            | Value::Int(_)
            | Value::Long(_)
            | Value::Double(_)
            | Value::Decimal(_)
            | Value::Char(_)
    )
}

/// Arrays nested deeper than this are not unrolled further (a list containing itself
/// stops here).
const MAX_NESTING: usize = 32;

/// Unroll what the default formatter enumerates: arrays (recursively) into their items and
/// dictionaries into `DictionaryEntry` objects; type literals become the `RuntimeType`
/// objects pwsh displays; anything else is one item. `$null` is dropped.
pub fn expand_into(value: &Value, out: &mut Vec<Value>) {
    expand_nested(value, out, 0);
}

fn expand_nested(value: &Value, out: &mut Vec<Value>, nesting: usize) {
    match value {
        Value::Null => {}
        Value::Type(ty) => out.push(runtime_type(ty)),
        Value::Array(_) if nesting >= MAX_NESTING => {}
        Value::Array(items) => {
            for item in items.to_vec() {
                expand_nested(&item, out, nesting + 1);
            }
        }
        Value::Dict(dict) => {
            for (key, entry) in dict.pairs() {
                out.push(dictionary_entry(key, entry));
            }
        }
        other => out.push(other.clone()),
    }
}

/// A type literal as pwsh's `RuntimeType` view shows it: `IsPublic`, `IsSerial`, `Name`,
/// `BaseType`.
fn runtime_type(ty: &PsType) -> Value {
    let full_name = ty.full_name();
    let serializable =
        full_name.starts_with("System.") && !full_name.starts_with("System.Management.");
    let mut props = PropertyBag::new();
    props.set("IsPublic", Value::Bool(true));
    props.set("IsSerial", Value::Bool(serializable));
    props.set("Name", Value::str(ty.name()));
    let base = ty.base_type().map(|b| Value::str(b.full_name()));
    props.set("BaseType", base.unwrap_or(Value::Null));
    let mut object = PsObject::new(ObjectKind::Typed, RUNTIME_TYPE, props);
    object.display = Some(full_name.into());
    Value::Object(Rc::new(object))
}

/// The .NET type name the formatter selects views by (`None` for values without one that
/// matters here).
pub fn type_name_of(value: &Value) -> Option<Rc<str>> {
    match value {
        Value::Object(obj) => Some(obj.type_name.clone()),
        _ => None,
    }
}

/// The names of an item's properties, in order.
pub fn property_names(value: &Value) -> Vec<String> {
    match value {
        Value::Object(obj) => obj.props.borrow().names().map(|n| n.to_string()).collect(),
        Value::Dict(dict) => dict.keys().iter().map(text_of).collect(),
        _ => Vec::new(),
    }
}

/// The value of an item's property (a `DictionaryEntry`'s `Name` is its `Key`); `$null`
/// when it has none — as in pwsh's formatter, intrinsic members such as `Count` are not
/// properties here.
pub fn property(value: &Value, name: &str) -> Value {
    match value {
        Value::Object(obj) => obj
            .get(name)
            .or_else(|| {
                let alias =
                    &*obj.type_name == DICTIONARY_ENTRY && name.eq_ignore_ascii_case("Name");
                alias.then(|| obj.get("Key")).flatten()
            })
            .unwrap_or(Value::Null),
        Value::Dict(dict) => dict.get(&Value::str(name)).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// How a property value reads in a table cell or list entry: `$null` is empty, collections
/// show as `{a, b, c, d…}` (at most [`ENUMERATION_LIMIT`] items), anything else by its
/// string form.
pub fn field_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Array(items) => braced(&items.to_vec()),
        Value::Dict(dict) => {
            let entries: Vec<Value> = dict
                .pairs()
                .into_iter()
                .map(|(k, v)| dictionary_entry(k, v))
                .collect();
            braced(&entries)
        }
        other => text_of(other),
    }
}

fn braced(items: &[Value]) -> String {
    let mut text = String::from("{");
    for (index, item) in items.iter().enumerate() {
        if index == ENUMERATION_LIMIT {
            text.push(ELLIPSIS);
            break;
        }
        if index > 0 {
            text.push_str(", ");
        }
        text.push_str(&element_name(item));
    }
    text.push('}');
    text
}

/// How one element of a collection reads inside `{…}` (pwsh's `GetObjectName`): `$null` as
/// `$null`, a dictionary entry as `[key, value]`, a hashtable by its first key that looks
/// like a name or id, others by their string form.
fn element_name(item: &Value) -> String {
    match item {
        Value::Null => "$null".to_string(),
        Value::Object(obj) if &*obj.type_name == DICTIONARY_ENTRY => {
            let part = |name: &str| obj.get(name).map(|v| text_of(&v)).unwrap_or_default();
            format!("[{}, {}]", part("Key"), part("Value"))
        }
        Value::Dict(dict) => {
            const PATTERNS: [&str; 6] = ["name", "id", "key", "*key", "*name", "*id"];
            let keys = dict.keys();
            for pattern in PATTERNS {
                let found = keys.iter().find(|key| {
                    let key = text_of(key).to_lowercase();
                    match pattern.strip_prefix('*') {
                        Some(suffix) => key.ends_with(suffix),
                        None => key == pattern,
                    }
                });
                if let Some(key) = found {
                    return dict.get(key).map(|v| text_of(&v)).unwrap_or_default();
                }
            }
            text_of(item)
        }
        other => text_of(other),
    }
}

/// The number of terminal cells a text takes (one per character).
pub fn cells(text: &str) -> usize {
    text.chars().count()
}

/// `count` spaces.
pub fn spaces(count: usize) -> String {
    " ".repeat(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Dict;

    #[test]
    fn scalars_and_property_less_objects_print_as_text() {
        assert!(prints_as_text(&Value::Int(1)));
        assert!(prints_as_text(&Value::str("x")));
        let empty = Value::Object(Rc::new(PsObject::custom(PropertyBag::new())));
        assert!(prints_as_text(&empty));
        let mut props = PropertyBag::new();
        props.set("a", Value::Int(1));
        let full = Value::Object(Rc::new(PsObject::custom(props)));
        assert!(!prints_as_text(&full));
        assert!(!prints_as_text(&Value::array(vec![])));
    }

    #[test]
    fn type_literals_expand_to_runtime_type_rows() {
        let mut items = Vec::new();
        expand_into(&Value::Type(Rc::new(PsType::Int)), &mut items);
        assert_eq!(type_name_of(&items[0]).as_deref(), Some(RUNTIME_TYPE));
        assert!(matches!(property(&items[0], "Name"), Value::String(s) if &*s == "Int32"));
        let base = property(&items[0], "BaseType");
        assert!(matches!(base, Value::String(s) if &*s == "System.ValueType"));
    }

    #[test]
    fn numbers_booleans_and_chars_align_right_strings_left() {
        assert!(aligns_right(&Value::Int(1)));
        assert!(aligns_right(&Value::Bool(true)));
        assert!(aligns_right(&Value::Char('c')));
        assert!(!aligns_right(&Value::str("1")));
        assert!(!aligns_right(&Value::Null));
    }

    #[test]
    fn expanding_unrolls_arrays_and_dictionaries() {
        let dict = Dict::new(true);
        dict.insert(Value::str("a"), Value::Int(1));
        let value = Value::array(vec![
            Value::Int(1),
            Value::Null,
            Value::array(vec![Value::Int(2)]),
            Value::Dict(Rc::new(dict)),
        ]);
        let mut items = Vec::new();
        expand_into(&value, &mut items);
        assert_eq!(items.len(), 3);
        assert!(matches!(items[1], Value::Int(2)));
        assert_eq!(type_name_of(&items[2]).as_deref(), Some(DICTIONARY_ENTRY));
        assert!(matches!(property(&items[2], "name"), Value::String(ref s) if &**s == "a"));
        assert!(matches!(property(&items[2], "Value"), Value::Int(1)));
    }

    #[test]
    fn a_list_containing_itself_is_unrolled_to_a_limit() {
        use crate::value::{Array, ArrayKind};
        use std::cell::RefCell;
        let list = Rc::new(Array {
            items: RefCell::new(vec![Value::Int(1)]),
            kind: ArrayKind::ArrayList,
        });
        list.items.borrow_mut().push(Value::Array(list.clone()));
        let mut items = Vec::new();
        expand_into(&Value::Array(list.clone()), &mut items);
        assert_eq!(items.len(), MAX_NESTING);
        list.items.borrow_mut().clear();
    }

    #[test]
    fn collections_in_cells_are_braced_and_limited() {
        let small = Value::array(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(field_text(&small), "{1, 2, 3}");
        let big = Value::array((1..=6).map(Value::Int).collect());
        assert_eq!(field_text(&big), "{1, 2, 3, 4…}");
        assert_eq!(field_text(&Value::array(vec![])), "{}");
        let with_null = Value::array(vec![Value::Int(1), Value::Null]);
        assert_eq!(field_text(&with_null), "{1, $null}");
        assert_eq!(field_text(&Value::Null), "");
    }

    #[test]
    fn dictionaries_in_cells_show_their_entries() {
        let dict = Dict::new(true);
        dict.insert(Value::str("a"), Value::Int(1));
        dict.insert(Value::str("b"), Value::str("x"));
        assert_eq!(field_text(&Value::Dict(Rc::new(dict))), "{[a, 1], [b, x]}");
    }

    #[test]
    fn hashtables_inside_collections_read_by_their_name_key() {
        let dict = Dict::new(false);
        dict.insert(Value::str("Size"), Value::Int(3));
        dict.insert(Value::str("DisplayName"), Value::str("cert"));
        let list = Value::array(vec![Value::Dict(Rc::new(dict))]);
        assert_eq!(field_text(&list), "{cert}");
    }
}
