//! L1 — setting typed properties from parameter arguments: the conversions of the scalar types
//! (Boolean, UInt32, Int32, String, Guid), `$null` for optional values, and Exchange's
//! multi-valued properties (a plain list replaces; `@{Add=…; Remove=…}` adds and removes).

use crate::value::{Value, convert};

use super::problem::Problem;

/// A value type a parameter argument converts to, and back to an output value.
pub trait PropertyType: Sized + Clone + PartialEq {
    /// The type's name in messages (`System.Boolean`, `SmtpDomainWithSubdomains`).
    const TYPE_NAME: &'static str;

    /// True when the whole argument is one value even when it is an array (`Byte[]`).
    const TAKES_ARRAY: bool = false;

    /// Convert one argument (never `$null`; an array only when [`Self::TAKES_ARRAY`]).
    fn from_arg(parameter: &str, value: &Value) -> Result<Self, Problem>;

    /// The value as output objects carry it.
    fn to_ps(&self) -> Value;
}

/// A field of a configuration object: set from an argument, shown as an output value.
pub trait Property {
    /// Set from `value` (as the binder passes it) for `parameter`; every problem is reported.
    fn assign(&mut self, parameter: &str, value: &Value) -> Result<(), Vec<Problem>>;

    /// The value as output objects carry it.
    fn to_ps(&self) -> Value;
}

/// The text of an argument as PowerShell converts it to a string.
pub fn text_of(value: &Value) -> String {
    convert::to_string(value, " ")
}

/// The one value inside an argument: a one-element array gives its element; a longer array is
/// a problem (the parameter takes a single value).
pub fn single<T: PropertyType>(parameter: &str, value: &Value) -> Result<Value, Problem> {
    let type_name = T::TYPE_NAME;
    match value {
        Value::Array(_) if T::TAKES_ARRAY => Ok(value.clone()),
        Value::Array(array) => {
            let items = array.to_vec();
            match items.as_slice() {
                [one] => Ok(one.clone()),
                _ => Err(Problem::new(
                    parameter,
                    &text_of(value),
                    format!(
                        "Cannot process argument transformation on parameter '{parameter}'. Cannot convert the \"{}\" value of type \"System.Object[]\" to type \"{type_name}\": the parameter takes one value.",
                        text_of(value)
                    ),
                )),
            }
        }
        other => Ok(other.clone()),
    }
}

impl<T: PropertyType> Property for T {
    fn assign(&mut self, parameter: &str, value: &Value) -> Result<(), Vec<Problem>> {
        let value = single::<T>(parameter, value).map_err(|p| vec![p])?;
        if value.is_null() {
            return Err(vec![Problem::new(
                parameter,
                "",
                format!(
                    "Cannot bind argument to parameter '{parameter}' because it is null. It takes a {} value.",
                    T::TYPE_NAME
                ),
            )]);
        }
        *self = T::from_arg(parameter, &value).map_err(|p| vec![p])?;
        Ok(())
    }

    fn to_ps(&self) -> Value {
        PropertyType::to_ps(self)
    }
}

/// Is this argument "no value": `$null` or an empty string?
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

impl<T: PropertyType> Property for Option<T> {
    fn assign(&mut self, parameter: &str, value: &Value) -> Result<(), Vec<Problem>> {
        let value = single::<T>(parameter, value).map_err(|p| vec![p])?;
        *self = if is_blank(&value) {
            None
        } else {
            Some(T::from_arg(parameter, &value).map_err(|p| vec![p])?)
        };
        Ok(())
    }

    fn to_ps(&self) -> Value {
        match self {
            Some(inner) => inner.to_ps(),
            None => Value::Null,
        }
    }
}

/// Exchange's MultiValuedProperty: a list replaces the values, `$null` clears them, and
/// `@{Add=…; Remove=…}` adds (new values first, as Exchange shows them) and removes values,
/// comparing them as the item type does (domains case-insensitively).
impl<T: PropertyType> Property for Vec<T> {
    fn assign(&mut self, parameter: &str, value: &Value) -> Result<(), Vec<Problem>> {
        match value {
            Value::Dict(dict) => {
                let mut add = Vec::new();
                let mut remove = Vec::new();
                let mut problems = Vec::new();
                for (key, items) in dict.pairs() {
                    let key = text_of(&key);
                    let parsed = parse_items::<T>(parameter, &items);
                    match (key.to_ascii_lowercase().as_str(), parsed) {
                        (_, Err(mut errors)) => problems.append(&mut errors),
                        ("add", Ok(items)) => add.extend(items),
                        ("remove", Ok(items)) => remove.extend(items),
                        (_, Ok(_)) => problems.push(Problem::new(
                            parameter,
                            &key,
                            format!(
                                "The hashtable for parameter '{parameter}' has the key '{key}'. Only the keys Add and Remove are accepted, as in @{{Add=\"Value1\",\"Value2\"; Remove=\"Value3\"}}."
                            ),
                        )),
                    }
                }
                if !problems.is_empty() {
                    return Err(problems);
                }
                let mut result: Vec<T> = Vec::new();
                for item in add {
                    if !result.contains(&item) && !self.contains(&item) {
                        result.push(item);
                    }
                }
                result.extend(self.iter().cloned());
                result.retain(|item| !remove.contains(item));
                *self = result;
                Ok(())
            }
            other => {
                let items = parse_items::<T>(parameter, other)?;
                let mut result: Vec<T> = Vec::new();
                for item in items {
                    if !result.contains(&item) {
                        result.push(item);
                    }
                }
                // The same values in another order or spelling are no change.
                let same_values =
                    result.len() == self.len() && result.iter().all(|item| self.contains(item));
                if !same_values {
                    *self = result;
                }
                Ok(())
            }
        }
    }

    fn to_ps(&self) -> Value {
        Value::array(self.iter().map(PropertyType::to_ps).collect())
    }
}

/// The items of a list argument, each converted; every bad item is reported.
fn parse_items<T: PropertyType>(parameter: &str, value: &Value) -> Result<Vec<T>, Vec<Problem>> {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for item in convert::items_of(value) {
        if is_blank(&item) {
            continue;
        }
        match T::from_arg(parameter, &item) {
            Ok(parsed) => items.push(parsed),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

impl PropertyType for bool {
    const TYPE_NAME: &'static str = "System.Boolean";

    fn from_arg(parameter: &str, value: &Value) -> Result<bool, Problem> {
        let number = |n: f64| Ok(n != 0.0);
        match value {
            Value::Bool(b) => Ok(*b),
            Value::Byte(n) => number(f64::from(*n)),
            Value::Int(n) => number(f64::from(*n)),
            Value::Long(n) => Ok(*n != 0),
            Value::Double(x) => number(*x),
            Value::Decimal(d) => Ok(!d.is_zero()),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "$true" | "1" => Ok(true),
                "false" | "$false" | "0" => Ok(false),
                _ => Err(bool_problem(parameter, value)),
            },
            _ => Err(bool_problem(parameter, value)),
        }
    }

    fn to_ps(&self) -> Value {
        Value::Bool(*self)
    }
}

fn bool_problem(parameter: &str, value: &Value) -> Problem {
    let text = text_of(value);
    Problem::new(
        parameter,
        &text,
        format!(
            "Cannot process argument transformation on parameter '{parameter}'. Cannot convert value \"{text}\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."
        ),
    )
}

/// An integer argument within `min..=max` of its .NET type.
fn integer(
    parameter: &str,
    value: &Value,
    type_name: &str,
    min: i64,
    max: i64,
) -> Result<i64, Problem> {
    let text = text_of(value);
    if matches!(value, Value::Bool(_)) {
        return Err(Problem::conversion(
            parameter,
            &text,
            type_name,
            "Input string was not in a correct format.",
        ));
    }
    let n = convert::to_i64(value).map_err(|_| {
        Problem::conversion(
            parameter,
            &text,
            type_name,
            "Input string was not in a correct format.",
        )
    })?;
    if n < min || n > max {
        return Err(Problem::conversion(
            parameter,
            &text,
            type_name,
            &format!("Value was either too large or too small for {type_name} ({min} to {max})."),
        ));
    }
    Ok(n)
}

impl PropertyType for u32 {
    const TYPE_NAME: &'static str = "System.UInt32";

    fn from_arg(parameter: &str, value: &Value) -> Result<u32, Problem> {
        let n = integer(parameter, value, Self::TYPE_NAME, 0, i64::from(u32::MAX))?;
        u32::try_from(n)
            .map_err(|_| Problem::out_of_range(parameter, &n.to_string(), "0 to 4294967295"))
    }

    fn to_ps(&self) -> Value {
        match i32::try_from(*self) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Long(i64::from(*self)),
        }
    }
}

impl PropertyType for i32 {
    const TYPE_NAME: &'static str = "System.Int32";

    fn from_arg(parameter: &str, value: &Value) -> Result<i32, Problem> {
        let n = integer(
            parameter,
            value,
            Self::TYPE_NAME,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
        )?;
        i32::try_from(n).map_err(|_| Problem::out_of_range(parameter, &n.to_string(), "an Int32"))
    }

    fn to_ps(&self) -> Value {
        Value::Int(*self)
    }
}

impl PropertyType for String {
    const TYPE_NAME: &'static str = "System.String";

    fn from_arg(_parameter: &str, value: &Value) -> Result<String, Problem> {
        Ok(text_of(value))
    }

    fn to_ps(&self) -> Value {
        Value::str(self.as_str())
    }
}

impl PropertyType for uuid::Uuid {
    const TYPE_NAME: &'static str = "System.Guid";

    fn from_arg(parameter: &str, value: &Value) -> Result<uuid::Uuid, Problem> {
        let text = text_of(value);
        uuid::Uuid::parse_str(text.trim().trim_start_matches('{').trim_end_matches('}')).map_err(|_| {
            Problem::conversion(
                parameter,
                &text,
                Self::TYPE_NAME,
                "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
            )
        })
    }

    fn to_ps(&self) -> Value {
        crate::value::builtin::guid(&self.to_string())
    }
}

/// For a type with `parse(&str) -> Result<Self, String>` and `Display`: implement
/// [`PropertyType`] (arguments convert through their text; output is the text) and serde as
/// that text.
macro_rules! text_value {
    ($ty:ty, $type_name:literal) => {
        impl $crate::model::param::PropertyType for $ty {
            const TYPE_NAME: &'static str = $type_name;

            fn from_arg(
                parameter: &str,
                value: &$crate::value::Value,
            ) -> Result<Self, $crate::model::problem::Problem> {
                let text = $crate::model::param::text_of(value);
                <$ty>::parse(&text).map_err(|reason| {
                    $crate::model::problem::Problem::conversion(
                        parameter, &text, $type_name, &reason,
                    )
                })
            }

            fn to_ps(&self) -> $crate::value::Value {
                $crate::value::Value::str(self.to_string())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$ty>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use text_value;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::value::Dict;

    fn strings(items: &[&str]) -> Value {
        Value::array(items.iter().map(|s| Value::str(*s)).collect())
    }

    fn add_remove(add: &[&str], remove: &[&str]) -> Value {
        let dict = Dict::new(false);
        if !add.is_empty() {
            dict.insert(Value::str("Add"), strings(add));
        }
        if !remove.is_empty() {
            dict.insert(Value::str("Remove"), strings(remove));
        }
        Value::Dict(Rc::new(dict))
    }

    #[test]
    fn booleans_take_booleans_and_numbers_only() {
        let mut flag = false;
        flag.assign("RequireTls", &Value::Bool(true)).unwrap();
        assert!(flag);
        flag.assign("RequireTls", &Value::Int(0)).unwrap();
        assert!(!flag);
        flag.assign("RequireTls", &Value::str("True")).unwrap();
        assert!(flag);
        let problems = flag.assign("RequireTls", &Value::str("yes")).unwrap_err();
        assert!(
            problems[0]
                .message
                .contains("Boolean parameters accept only Boolean values")
        );
        assert!(flag.assign("RequireTls", &Value::Null).is_err());
    }

    #[test]
    fn unsigned_integers_reject_negatives_and_text() {
        let mut n = 5u32;
        n.assign("OWACRLRetrievalTimeout", &Value::str("10000"))
            .unwrap();
        assert_eq!(n, 10000);
        assert!(n.assign("OWACRLRetrievalTimeout", &Value::Int(-1)).is_err());
        assert!(
            n.assign("OWACRLRetrievalTimeout", &Value::str("ten"))
                .is_err()
        );
        n.assign("OWACRLRetrievalTimeout", &Value::Long(4_294_967_295))
            .unwrap();
        assert_eq!(n, u32::MAX);
        assert!(
            n.assign("OWACRLRetrievalTimeout", &Value::Long(4_294_967_296))
                .is_err()
        );
        assert!(n.assign("X", &strings(&["1", "2"])).is_err());
        n.assign("X", &strings(&["7"])).unwrap();
        assert_eq!(n, 7);
    }

    #[test]
    fn optional_values_clear_with_null_or_empty() {
        let mut text: Option<String> = Some("a".into());
        text.assign("Comment", &Value::Null).unwrap();
        assert_eq!(text, None);
        text.assign("Comment", &Value::str("note")).unwrap();
        assert_eq!(text.as_deref(), Some("note"));
        text.assign("Comment", &Value::str("")).unwrap();
        assert_eq!(text, None);
    }

    #[test]
    fn lists_replace_and_hashtables_add_and_remove() {
        let mut list: Vec<String> = Vec::new();
        list.assign("L", &strings(&["a", "b", "a"])).unwrap();
        assert_eq!(list, vec!["a", "b"]);
        list.assign("L", &add_remove(&["c", "a"], &["b"])).unwrap();
        assert_eq!(list, vec!["c", "a"]);
        list.assign("L", &add_remove(&[], &["zzz"])).unwrap();
        assert_eq!(list, vec!["c", "a"]);
        list.assign("L", &Value::Null).unwrap();
        assert!(list.is_empty());
        list.assign("L", &Value::str("single")).unwrap();
        assert_eq!(list, vec!["single"]);
        list.assign("L", &strings(&["x", "y"])).unwrap();
        list.assign("L", &strings(&["y", "x"])).unwrap();
        assert_eq!(
            list,
            vec!["x", "y"],
            "the same values in another order change nothing"
        );
    }

    #[test]
    fn unknown_hashtable_keys_are_problems() {
        let dict = Dict::new(false);
        dict.insert(Value::str("Append"), Value::str("x"));
        let mut list: Vec<String> = vec!["a".into()];
        let problems = list.assign("L", &Value::Dict(Rc::new(dict))).unwrap_err();
        assert!(problems[0].message.contains("Only the keys Add and Remove"));
        assert_eq!(list, vec!["a"]);
    }

    #[test]
    fn guids_parse_with_or_without_braces() {
        let mut id = uuid::Uuid::nil();
        id.assign(
            "LinkForModifiedConnector",
            &Value::str("{0f8fad5b-d9cb-469f-a165-70867728950e}"),
        )
        .unwrap();
        assert_eq!(id.to_string(), "0f8fad5b-d9cb-469f-a165-70867728950e");
        assert!(
            id.assign("LinkForModifiedConnector", &Value::str("nope"))
                .is_err()
        );
    }
}
