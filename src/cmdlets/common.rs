//! L4 — helpers shared by the cmdlets: the current input object, running script blocks with
//! `$_`, terminating errors, PowerShell's equality and ordering of values for sorting,
//! grouping and de-duplicating, and small object builders.

pub mod content;
pub mod encoding;
pub mod help;
pub mod paths;
pub mod properties;
pub mod secure_string;
pub mod variables;

use std::cmp::Ordering;
use std::rc::Rc;

use crate::engine::{Context, Eval, Flow, RuntimeError};
use crate::value::object::ObjectKind;
use crate::value::{PropertyBag, PsObject, PsType, ScriptBlockValue, Value, compare, convert};

/// `String[]`
pub fn string_array() -> PsType {
    PsType::Array(Box::new(PsType::String))
}

/// `Object[]`
pub fn object_array() -> PsType {
    PsType::Array(Box::new(PsType::Object))
}

/// `Int32[]`
pub fn int_array() -> PsType {
    PsType::Array(Box::new(PsType::Int))
}

/// A type by its full .NET name (for parameters whose type only matters to `Get-Help`).
pub fn named_type(name: &str) -> PsType {
    PsType::Named(name.into())
}

/// The object this `process` call works on: the pipeline object, else `-InputObject`.
pub fn current_input(cx: &Context<'_, '_>) -> Option<Value> {
    cx.input()
        .cloned()
        .or_else(|| cx.args.get("InputObject").cloned())
}

/// The pipeline objects a cmdlet keeps until `end` (Sort-Object, Format-Table, …).
#[derive(Default)]
struct Collected(Vec<Value>);

/// Keep the current pipeline object (or `-InputObject`) for `end`.
pub fn collect_input(cx: &mut Context<'_, '_>) {
    if let Some(item) = current_input(cx) {
        keep(cx, item);
    }
}

/// Keep one object for `end`.
pub fn keep(cx: &mut Context<'_, '_>, item: Value) {
    cx.state::<Collected>().0.push(item);
}

/// Everything kept so far, in arrival order.
pub fn take_collected(cx: &mut Context<'_, '_>) -> Vec<Value> {
    std::mem::take(&mut cx.state::<Collected>().0)
}

/// A terminating error of `exception_type` at the command, located in the running script.
pub fn terminating(cx: &Context<'_, '_>, exception_type: &str, message: impl Into<String>) -> Flow {
    cx.interp
        .locate(RuntimeError::exception(exception_type, message, cx.span))
}

/// A terminating `ArgumentException` at the command (bad parameter values).
pub fn argument_error(cx: &Context<'_, '_>, message: impl Into<String>) -> Flow {
    terminating(cx, "System.ArgumentException", message)
}

/// Run a script block dot-sourced (as ForEach-Object does) with `$_` = `item`, streaming its
/// output to the next command.
pub fn run_block(cx: &mut Context<'_, '_>, block: &ScriptBlockValue, item: Value) -> Eval<()> {
    cx.interp
        .invoke_block(block, Some(item), Vec::new(), false, &mut *cx.out)
}

/// A script block's output with `$_` = `item` as one value (nothing → `$null`, one item →
/// itself, several → an array), run dot-sourced as Where-Object and Sort-Object do.
pub fn block_value(cx: &mut Context<'_, '_>, block: &ScriptBlockValue, item: Value) -> Eval<Value> {
    cx.interp
        .call_block_value(block, Some(item), Vec::new(), false)
}

/// The items of a parameter value: an array's elements, `$null` as none, else the value.
pub fn items(value: &Value) -> Vec<Value> {
    convert::items_of(value)
}

/// A parameter's items (none when the parameter is not bound).
pub fn arg_items(cx: &Context<'_, '_>, name: &str) -> Vec<Value> {
    cx.args.get(name).map(items).unwrap_or_default()
}

/// A parameter's items as strings.
pub fn arg_strings(cx: &Context<'_, '_>, name: &str) -> Vec<String> {
    arg_items(cx, name)
        .iter()
        .map(|v| convert::to_string(v, " "))
        .collect()
}

/// An integer parameter (`None` when not bound or not a number).
pub fn arg_int(cx: &Context<'_, '_>, name: &str) -> Option<i64> {
    cx.args.get(name).and_then(|v| convert::to_i64(v).ok())
}

/// The string form of a value as `"$x"` gives it (with `$OFS`).
pub fn text(cx: &Context<'_, '_>, value: &Value) -> String {
    convert::to_string(value, &cx.interp.ofs())
}

/// Does `text` contain wildcard characters (`*`, `?`, `[`)?
pub fn has_wildcard(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// Case-insensitive wildcard match (a pattern without wildcards must match exactly).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    if has_wildcard(pattern) {
        crate::value::text::wildcard_match(pattern, text, false)
    } else {
        pattern.eq_ignore_ascii_case(text)
    }
}

/// A `[pscustomobject]` with these properties in order.
pub fn custom_object(pairs: Vec<(String, Value)>) -> Value {
    let mut props = PropertyBag::new();
    for (name, value) in pairs {
        props.set(&name, value);
    }
    Value::Object(Rc::new(PsObject::custom(props)))
}

/// A typed .NET-like object (GroupInfo, MeasureInfo, CmdletInfo …); `display` is its string
/// form (else its type name).
pub fn typed_object(type_name: &str, pairs: Vec<(&str, Value)>, display: Option<String>) -> Value {
    let mut props = PropertyBag::new();
    for (name, value) in pairs {
        props.set(name, value);
    }
    let mut object = PsObject::new(ObjectKind::Typed, type_name, props);
    object.display = display.map(Into::into);
    Value::Object(Rc::new(object))
}

/// An `Int32` from a count.
pub fn int(n: usize) -> Value {
    i32::try_from(n)
        .map(Value::Int)
        .unwrap_or(Value::Long(n as i64))
}

/// PowerShell's ordering for Sort-Object: `$null` first, then [`compare::compare`] (the right
/// value converted to the left's type), falling back to comparing string forms when the
/// values do not convert.
pub fn order(a: &Value, b: &Value, case_sensitive: bool) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    if let (Value::Object(x), Value::Object(y)) = (a, b)
        && x.kind == ObjectKind::Custom
        && y.kind == ObjectKind::Custom
    {
        return text_order(
            &convert::to_string(a, " "),
            &convert::to_string(b, " "),
            case_sensitive,
        );
    }
    match compare::compare(a, b, case_sensitive) {
        Ok(ordering) => ordering,
        Err(_) => text_order(
            &convert::to_string(a, " "),
            &convert::to_string(b, " "),
            case_sensitive,
        ),
    }
}

fn text_order(a: &str, b: &str, case_sensitive: bool) -> Ordering {
    if case_sensitive {
        a.cmp(b)
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// Are two values the same for -Unique and grouping: custom objects property by property
/// (one level deep), everything else by [`order`].
pub fn same_value(a: &Value, b: &Value, case_sensitive: bool) -> bool {
    if let (Value::Object(x), Value::Object(y)) = (a, b)
        && x.kind == ObjectKind::Custom
        && y.kind == ObjectKind::Custom
    {
        let (px, py) = (x.props.borrow(), y.props.borrow());
        return px.len() == py.len()
            && px.iter().zip(py.iter()).all(|((nx, vx), (ny, vy))| {
                nx.eq_ignore_ascii_case(ny) && order(vx, vy, case_sensitive) == Ordering::Equal
            });
    }
    order(a, b, case_sensitive) == Ordering::Equal
}

/// The names of a value's properties, for wildcard property names (`Select-Object *`).
pub fn property_names(value: &Value) -> Vec<String> {
    match value {
        Value::Object(object) => object
            .props
            .borrow()
            .names()
            .map(|n| n.to_string())
            .collect(),
        Value::Dict(dict) => dict
            .keys()
            .iter()
            .map(|k| convert::to_string(k, " "))
            .collect(),
        Value::String(_) => vec!["Length".to_string()],
        _ => Vec::new(),
    }
}

/// True when `value` has a property (or dictionary key) named `name`.
pub fn has_property(value: &Value, name: &str) -> bool {
    match value {
        Value::Object(object) => object.props.borrow().contains(name),
        Value::Dict(dict) => dict.contains_key(&Value::str(name)),
        Value::Null => false,
        other => !crate::value::access::get_member(other, name).is_null(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn nulls_sort_first_and_custom_objects_compare_by_text() {
        assert_eq!(order(&Value::Null, &Value::Int(1), false), Ordering::Less);
        assert_eq!(
            order(&Value::Int(1), &Value::Null, false),
            Ordering::Greater
        );
        assert_eq!(order(&Value::Null, &Value::Null, false), Ordering::Equal);
        let a = custom_object(vec![("N".into(), Value::str("a"))]);
        let b = custom_object(vec![("N".into(), Value::str("b"))]);
        assert_eq!(order(&a, &b, false), Ordering::Less);
        assert!(same_value(&a, &a.clone(), false));
        assert!(!same_value(&a, &b, false));
    }

    #[test]
    fn wildcards_and_names() {
        assert!(has_wildcard("Na*"));
        assert!(!has_wildcard("Name"));
        assert!(wildcard("name", "Name"));
        assert!(!wildcard("nam", "Name"));
        let o = custom_object(vec![("A".into(), Value::Int(1)), ("B".into(), Value::Null)]);
        assert_eq!(property_names(&o), vec!["A", "B"]);
        assert!(has_property(&o, "b"));
        assert!(!has_property(&o, "c"));
        assert_eq!(property_names(&Value::str("x")), vec!["Length"]);
    }

    #[test]
    fn typed_objects_keep_their_display() {
        let v = typed_object("X.Y", vec![("Count", int(3))], Some("shown".into()));
        assert_eq!(convert::to_string(&v, " "), "shown");
        assert_eq!(items(&Value::Null).len(), 0);
        assert_eq!(
            items(&Value::array(vec![Value::Int(1), Value::Int(2)])).len(),
            2
        );
    }
}
