//! L1 — the `.PSObject` view of any value (`$o.PSObject.Properties`, `.TypeNames`,
//! `.BaseObject`) and `.PSTypeNames`.

use super::object::ObjectKind;
use super::{PsType, Value, builtin};

/// The (name, value) pairs `.PSObject.Properties` lists for a value.
pub fn properties(target: &Value) -> Vec<(String, Value)> {
    match target {
        Value::Object(object) => object
            .props
            .borrow()
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
        Value::Dict(dict) => vec![
            ("IsReadOnly".into(), Value::Bool(false)),
            ("IsFixedSize".into(), Value::Bool(false)),
            ("IsSynchronized".into(), Value::Bool(false)),
            ("Keys".into(), Value::array(dict.keys())),
            ("Values".into(), Value::array(dict.values())),
            ("SyncRoot".into(), target.clone()),
            (
                "Count".into(),
                Value::Int(i32::try_from(dict.len()).unwrap_or(i32::MAX)),
            ),
        ],
        Value::String(s) => vec![(
            "Length".into(),
            Value::Int(i32::try_from(s.chars().count()).unwrap_or(i32::MAX)),
        )],
        _ => Vec::new(),
    }
}

/// A `PSNoteProperty`-like object (`Name`, `Value`, `MemberType`, `TypeNameOfValue`).
fn property_object(name: &str, value: Value, member_type: &str) -> Value {
    let type_name = match &value {
        Value::Null => "System.Object".to_string(),
        other => PsType::of(other).full_name(),
    };
    builtin::typed(
        "System.Management.Automation.PSNoteProperty",
        vec![
            ("Name", Value::str(name)),
            ("Value", value),
            ("MemberType", Value::str(member_type)),
            ("TypeNameOfValue", Value::str(type_name)),
            ("IsSettable", Value::Bool(true)),
            ("IsGettable", Value::Bool(true)),
        ],
        None,
    )
}

/// `$x.PSObject`: `Properties`, `Members`, `TypeNames`, `BaseObject`.
pub fn info(target: &Value) -> Value {
    let member_type = match target {
        Value::Object(o) if o.kind == ObjectKind::Custom => "NoteProperty",
        _ => "Property",
    };
    let props: Vec<Value> = properties(target)
        .into_iter()
        .map(|(name, value)| property_object(&name, value, member_type))
        .collect();
    builtin::typed(
        "System.Management.Automation.PSObject",
        vec![
            ("Properties", Value::array(props.clone())),
            ("Members", Value::array(props)),
            ("TypeNames", type_names(target)),
            ("BaseObject", target.clone()),
            ("ImmediateBaseObject", target.clone()),
        ],
        None,
    )
}

/// `$x.PSTypeNames`: the type and its base types, most derived first.
pub fn type_names(target: &Value) -> Value {
    let mut names = Vec::new();
    if let Value::Object(object) = target
        && object.kind == ObjectKind::Custom
    {
        names.push(Value::str(object.type_name.as_ref()));
        names.push(Value::str("System.Object"));
        return Value::array(names);
    }
    let mut current = Some(PsType::of(target));
    while let Some(ty) = current {
        names.push(Value::str(ty.full_name()));
        if names.len() > 16 {
            break;
        }
        current = ty.base_type();
    }
    Value::array(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::access::get_member;
    use crate::value::convert::to_string;

    #[test]
    fn type_names_walk_the_hierarchy() {
        assert_eq!(
            to_string(&type_names(&Value::Int(1)), ","),
            "System.Int32,System.ValueType,System.Object"
        );
        assert_eq!(
            to_string(&type_names(&Value::array(vec![])), ","),
            "System.Object[],System.Array,System.Object"
        );
    }

    #[test]
    fn properties_of_a_string() {
        let view = info(&Value::str("abc"));
        let props = get_member(&view, "Properties");
        assert_eq!(to_string(&get_member(&props, "Name"), ","), "Length");
        assert_eq!(to_string(&get_member(&props, "Value"), ","), "3");
        assert_eq!(to_string(&get_member(&view, "BaseObject"), ","), "abc");
    }
}
