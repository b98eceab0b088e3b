//! L4 — property expressions as Select-Object, Sort-Object, Group-Object, Measure-Object and
//! Format-Table take them: a name (wildcards allowed), a script block, or a hashtable
//! (`@{Name=…; Expression=…}`, `@{E=…; Descending=$true}`, keys abbreviated to any unique
//! prefix).

use std::rc::Rc;

use crate::engine::{Context, Eval};
use crate::value::{ScriptBlockValue, Value, access, convert};

use super::{block_value, has_wildcard, property_names, wildcard};

/// How a property's value is obtained from an object.
#[derive(Debug, Clone)]
pub enum Getter {
    /// A property name (possibly with wildcards until expanded against an object).
    Name(String),
    /// A script block run with `$_` set to the object.
    Script(Rc<ScriptBlockValue>),
}

/// One property expression with the hashtable options that came with it.
#[derive(Debug, Clone)]
pub struct PropertySpec {
    /// `Name` / `Label` from a hashtable.
    pub label: Option<String>,
    pub getter: Getter,
    /// `Ascending` / `Descending` from a Sort-Object hashtable.
    pub descending: Option<bool>,
    /// `FormatString` from a Format-Table / Format-List hashtable.
    pub format_string: Option<String>,
}

/// Hashtable keys Select-Object accepts.
pub const SELECT_KEYS: &[&str] = &["Name", "Label", "Expression"];
/// Hashtable keys Sort-Object accepts.
pub const SORT_KEYS: &[&str] = &["Expression", "Ascending", "Descending"];
/// Hashtable keys Group-Object and Measure-Object accept.
pub const EXPRESSION_KEYS: &[&str] = &["Expression"];
/// Hashtable keys Format-Table and Format-List accept.
pub const FORMAT_KEYS: &[&str] = &[
    "Name",
    "Label",
    "Expression",
    "FormatString",
    "Width",
    "Alignment",
];

/// Parse a `-Property` argument (one value or an array of them). `allowed` are the hashtable
/// keys the cmdlet accepts; the error says what was wrong.
pub fn parse_specs(value: &Value, allowed: &[&str]) -> Result<Vec<PropertySpec>, String> {
    convert::items_of(value)
        .iter()
        .map(|item| parse_spec(item, allowed))
        .collect()
}

fn parse_spec(value: &Value, allowed: &[&str]) -> Result<PropertySpec, String> {
    let mut spec = PropertySpec {
        label: None,
        getter: Getter::Name(String::new()),
        descending: None,
        format_string: None,
    };
    match value {
        Value::ScriptBlock(block) => spec.getter = Getter::Script(block.clone()),
        Value::Dict(dict) => {
            let mut expression = None;
            for (key, entry) in dict.pairs() {
                let key = convert::to_string(&key, " ");
                match full_key(&key, allowed)? {
                    "Name" | "Label" => spec.label = Some(convert::to_string(&entry, " ")),
                    "Expression" => expression = Some(entry),
                    "Ascending" => spec.descending = Some(!convert::to_bool(&entry)),
                    "Descending" => spec.descending = Some(convert::to_bool(&entry)),
                    "FormatString" => spec.format_string = Some(convert::to_string(&entry, " ")),
                    _ => {}
                }
            }
            spec.getter = match expression {
                Some(Value::ScriptBlock(block)) => Getter::Script(block),
                Some(other) => Getter::Name(convert::to_string(&other, " ")),
                None if allowed.contains(&"Expression") && spec.label.is_none() => {
                    return Err("The \"Expression\" key is missing from the hashtable.".into());
                }
                None => match &spec.label {
                    Some(label) => Getter::Name(label.clone()),
                    None => {
                        return Err("The \"Expression\" key is missing from the hashtable.".into());
                    }
                },
            };
        }
        other => spec.getter = Getter::Name(convert::to_string(other, " ")),
    }
    Ok(spec)
}

/// The full name of an abbreviated hashtable key (`N` → `Name`, `e` → `Expression`).
fn full_key<'a>(key: &str, allowed: &[&'a str]) -> Result<&'a str, String> {
    let lower = key.to_lowercase();
    if let Some(exact) = allowed.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Ok(exact);
    }
    let matches: Vec<&&str> = allowed
        .iter()
        .filter(|k| !lower.is_empty() && k.to_lowercase().starts_with(&lower))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "The \"{key}\" key is not valid. Valid keys are: {}.",
            allowed.join(", ")
        )),
        _ => Err(format!("The \"{key}\" key is ambiguous.")),
    }
}

impl PropertySpec {
    /// The column or property name this expression produces.
    pub fn name(&self) -> String {
        match (&self.label, &self.getter) {
            (Some(label), _) => label.clone(),
            (None, Getter::Name(name)) => name.clone(),
            (None, Getter::Script(block)) => block.ast.text.to_string(),
        }
    }

    /// True for a plain name with wildcards (expanded per object).
    pub fn is_wildcard(&self) -> bool {
        self.label.is_none() && matches!(&self.getter, Getter::Name(name) if has_wildcard(name))
    }

    /// The `(name, value)` pairs this expression gives for `item`: a wildcard name gives one
    /// pair per matching property; a plain name takes the property's own spelling when it
    /// exists.
    pub fn pairs(&self, cx: &mut Context<'_, '_>, item: &Value) -> Eval<Vec<(String, Value)>> {
        match &self.getter {
            Getter::Name(pattern) if self.is_wildcard() => Ok(property_names(item)
                .into_iter()
                .filter(|name| wildcard(pattern, name))
                .map(|name| {
                    let value = access::get_member(item, &name);
                    (name, value)
                })
                .collect()),
            Getter::Name(name) => {
                let label = match &self.label {
                    Some(label) => label.clone(),
                    None => property_names(item)
                        .into_iter()
                        .find(|n| n.eq_ignore_ascii_case(name))
                        .unwrap_or_else(|| name.clone()),
                };
                Ok(vec![(label, access::get_member(item, name))])
            }
            Getter::Script(_) => Ok(vec![(self.name(), self.value(cx, item)?)]),
        }
    }

    /// The expression's value for `item` (a wildcard name gives its first match).
    pub fn value(&self, cx: &mut Context<'_, '_>, item: &Value) -> Eval<Value> {
        match &self.getter {
            Getter::Name(pattern) if self.is_wildcard() => Ok(property_names(item)
                .into_iter()
                .find(|name| wildcard(pattern, name))
                .map(|name| access::get_member(item, &name))
                .unwrap_or_default()),
            Getter::Name(name) => Ok(if item.is_null() {
                Value::Null
            } else {
                access::get_member(item, name)
            }),
            Getter::Script(block) => block_value(cx, block, item.clone()),
        }
    }

    /// True when `item` has what the expression reads (script blocks always apply).
    pub fn applies_to(&self, item: &Value) -> bool {
        match &self.getter {
            Getter::Name(pattern) if self.is_wildcard() => {
                property_names(item).iter().any(|n| wildcard(pattern, n))
            }
            Getter::Name(name) => super::has_property(item, name),
            Getter::Script(_) => true,
        }
    }
}

/// Format-Table / Format-List: the objects to render and the property names to show. Plain
/// names (wildcards too) leave the objects as they are; calculated properties are evaluated
/// into new objects carrying exactly the chosen properties.
pub fn project_for_format(
    cx: &mut Context<'_, '_>,
    items: &[Value],
    specs: &[PropertySpec],
) -> Eval<(Vec<Value>, Vec<String>)> {
    let calculated = specs.iter().any(|s| {
        s.label.is_some() || s.format_string.is_some() || matches!(s.getter, Getter::Script(_))
    });
    if !calculated {
        let names = specs.iter().map(PropertySpec::name).collect();
        return Ok((items.to_vec(), names));
    }
    let mut names: Vec<String> = Vec::new();
    let mut projected = Vec::with_capacity(items.len());
    for item in items {
        let mut pairs = Vec::new();
        for spec in specs {
            for (name, value) in spec.pairs(cx, item)? {
                let value = match &spec.format_string {
                    Some(format) => {
                        let template = format!("{{0:{format}}}");
                        crate::value::format_op::format(&template, std::slice::from_ref(&value))
                            .map(Value::str)
                            .unwrap_or(value)
                    }
                    None => value,
                };
                if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    names.push(name.clone());
                }
                pairs.push((name, value));
            }
        }
        projected.push(super::custom_object(pairs));
    }
    Ok((projected, names))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value::Dict;

    fn dict(pairs: &[(&str, Value)]) -> Value {
        let d = Dict::new(false);
        for (k, v) in pairs {
            d.insert(Value::str(*k), v.clone());
        }
        Value::Dict(Rc::new(d))
    }

    #[test]
    fn names_and_abbreviated_keys() {
        let specs = parse_specs(
            &Value::array(vec![
                Value::str("Name"),
                dict(&[("N", Value::str("Size")), ("E", Value::str("Length"))]),
            ]),
            SELECT_KEYS,
        )
        .unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0].name(), "Name");
        assert_eq!(specs[1].name(), "Size");
        assert!(matches!(&specs[1].getter, Getter::Name(n) if n == "Length"));
    }

    #[test]
    fn sort_keys_and_errors() {
        let specs = parse_specs(
            &dict(&[
                ("Expression", Value::str("V")),
                ("Descending", Value::Bool(true)),
            ]),
            SORT_KEYS,
        )
        .unwrap();
        assert_eq!(specs[0].descending, Some(true));
        let bad = parse_specs(&dict(&[("Bogus", Value::Int(1))]), SORT_KEYS);
        assert!(bad.unwrap_err().contains("Bogus"));
        let missing = parse_specs(&dict(&[("Descending", Value::Bool(true))]), SORT_KEYS);
        assert!(missing.is_err());
    }

    #[test]
    fn wildcard_names_are_flagged() {
        let specs = parse_specs(&Value::str("Na*"), SELECT_KEYS).unwrap();
        assert!(specs[0].is_wildcard());
        assert!(specs[0].applies_to(&super::super::custom_object(vec![(
            "Name".into(),
            Value::Int(1)
        )])));
    }
}
