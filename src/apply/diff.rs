//! L2 — canonical comparison of one object with its declared properties. Each declared value
//! is set on a copy of the object through the model's own parameter (so domains compare
//! ignoring case, lists as sets, null as empty — whatever the model's types say), and only
//! the properties whose typed value moved count as drift. Secrets are never shown.

use crate::model::Problem;
use crate::model::object::{ConfigObject, set_parameter};
use crate::value::{Value, convert};

use super::doc_value::DocValue;
use super::plan::{Argument, PropertyChange};

/// What is shown instead of a secret's value.
pub const REDACTED: &str = "(sensitive value)";

/// Does this property hold a secret (its name ends in Password, Secret, Credential,
/// PrivateKey or Passphrase; `PasswordEnabled` is a setting, not a secret)?
pub fn is_sensitive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "password",
        "secret",
        "credential",
        "privatekey",
        "passphrase",
    ]
    .iter()
    .any(|word| lower.ends_with(word))
}

/// The drifted properties of one object and the arguments that fix them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectDiff {
    pub properties: Vec<PropertyChange>,
    pub arguments: Vec<Argument>,
}

/// A scalar's text; `None` for an empty value.
fn shown(value: &Value) -> Option<String> {
    let text = convert::to_string(value, ", ");
    (!text.is_empty()).then_some(text)
}

fn list_items(value: &Value) -> Vec<String> {
    convert::items_of(value)
        .iter()
        .map(|v| convert::to_string(v, " "))
        .filter(|t| !t.is_empty())
        .collect()
}

fn contains(items: &[String], item: &str) -> bool {
    items.iter().any(|i| i.eq_ignore_ascii_case(item))
}

/// The change of property `name` from `before` (`None`: a new object) to `after`.
pub fn between(name: &str, before: Option<&Value>, after: &Value) -> PropertyChange {
    let is_list = matches!(after, Value::Array(_)) || matches!(before, Some(Value::Array(_)));
    let mut change = PropertyChange {
        name: name.to_string(),
        before: before.and_then(shown),
        after: shown(after),
        added: Vec::new(),
        removed: Vec::new(),
        is_list,
    };
    if is_list {
        let old = before.map(list_items).unwrap_or_default();
        let new = list_items(after);
        change.added = new.iter().filter(|i| !contains(&old, i)).cloned().collect();
        change.removed = old.iter().filter(|i| !contains(&new, i)).cloned().collect();
    }
    if is_sensitive(name) {
        change.before = change.before.map(|_| REDACTED.to_string());
        change.after = change.after.map(|_| REDACTED.to_string());
        change.added.clear();
        change.removed.clear();
    }
    change
}

/// The output value of property `name` of `object` (`None` when it has no such output).
fn output_of(properties: &[(&'static str, Value)], name: &str) -> Option<Value> {
    properties
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// How `current` must change to have the `declared` properties: `Ok(None)` when nothing
/// drifted; else the diff and the object as it will be. Broken rules are errors.
pub fn diff<T: ConfigObject>(
    current: &T,
    declared: &[(&'static str, DocValue)],
) -> Result<Option<(ObjectDiff, T)>, Vec<Problem>> {
    let mut next = current.clone();
    for (name, value) in declared {
        set_parameter(&mut next, name, &value.to_value())?;
    }
    if next == *current {
        return Ok(None);
    }
    let before = current.properties();
    let mut result = ObjectDiff::default();
    for (name, value) in declared {
        let mut probe = current.clone();
        set_parameter(&mut probe, name, &value.to_value())?;
        if probe == *current {
            continue;
        }
        let after = output_of(&probe.properties(), name).unwrap_or_else(|| value.to_value());
        result
            .properties
            .push(between(name, output_of(&before, name).as_ref(), &after));
        result.arguments.push(Argument {
            name: (*name).to_string(),
            value: value.clone(),
        });
    }
    next.normalize();
    let problems = next.validate();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some((result, next)))
}

/// A new object (already named) with the `declared` properties: the diff that shows every
/// declared property, and the object as it will be. Broken rules are errors.
pub fn created<T: ConfigObject>(
    mut object: T,
    declared: &[(&'static str, DocValue)],
) -> Result<(ObjectDiff, T), Vec<Problem>> {
    let mut problems = Vec::new();
    for (name, value) in declared {
        if let Err(mut found) = set_parameter(&mut object, name, &value.to_value()) {
            problems.append(&mut found);
        }
    }
    object.normalize();
    if problems.is_empty() {
        problems = object.validate();
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let properties = object.properties();
    let mut result = ObjectDiff::default();
    for (name, value) in declared {
        let after = output_of(&properties, name).unwrap_or_else(|| value.to_value());
        result.properties.push(between(name, None, &after));
        result.arguments.push(Argument {
            name: (*name).to_string(),
            value: value.clone(),
        });
    }
    Ok((result, object))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::InboundConnector;

    fn text(s: &str) -> DocValue {
        DocValue::Text(s.into())
    }

    fn list(items: &[&str]) -> DocValue {
        DocValue::List(items.iter().map(|s| text(s)).collect())
    }

    fn connector() -> InboundConnector {
        let (_, object) = created(
            InboundConnector::new("Fabrikam"),
            &[
                ("SenderDomains", list(&["fabrikam.com", "*.fabrikam.com"])),
                ("Comment", DocValue::Null),
            ],
        )
        .unwrap();
        object
    }

    #[test]
    fn reordered_lists_case_changes_and_null_vs_empty_are_no_drift() {
        let current = connector();
        let declared = [
            ("SenderDomains", list(&["*.FABRIKAM.com", "Fabrikam.COM"])),
            ("Comment", text("")),
            ("SenderIPAddresses", DocValue::List(Vec::new())),
            ("TlsSenderCertificateName", DocValue::Null),
            ("RequireTls", text("true")),
        ];
        assert_eq!(diff(&current, &declared).unwrap(), None);
    }

    #[test]
    fn drift_shows_property_and_member_changes() {
        let current = connector();
        let declared = [
            ("SenderDomains", list(&["fabrikam.com", "contoso.com"])),
            ("RequireTls", DocValue::Bool(false)),
        ];
        let (found, next) = diff(&current, &declared).unwrap().unwrap();
        assert!(!next.require_tls);
        assert_eq!(found.properties.len(), 2);
        let domains = &found.properties[0];
        assert_eq!(domains.added, ["contoso.com"]);
        assert_eq!(domains.removed, ["*.fabrikam.com"]);
        let tls = &found.properties[1];
        assert_eq!(
            (tls.before.as_deref(), tls.after.as_deref()),
            (Some("True"), Some("False"))
        );
        assert_eq!(found.arguments.len(), 2);
    }

    #[test]
    fn broken_rules_and_secrets() {
        let problems = created(InboundConnector::new("X"), &[]).unwrap_err();
        assert!(problems[0].message.contains("SenderDomains"));
        let change = between("BindPassword", Some(&Value::str("a")), &Value::str("b"));
        assert_eq!(change.before.as_deref(), Some(REDACTED));
        assert_eq!(change.after.as_deref(), Some(REDACTED));
    }
}
